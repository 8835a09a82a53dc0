// The command line as documented: --help / --version / per-command help, unknown options and missing
// values as usage errors, JSON outputs valid against docs/schema/*.json, and `openecg batch`
// (sorted order, shards that concatenate to the whole, workers giving the same bytes, resume,
// skip-and-log of unreadable records).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, FIX, SHARED, hasShared, testIf, NO_SHARED, schemaProblems } from './helpers.mjs';

const cli = (args, opts = {}) =>
  spawnSync(process.execPath, [join(ROOT, 'bin', 'openecg.js'), ...args], {
    encoding: 'utf8',
    timeout: 300000,
    ...opts,
  });
const schema = (name) => JSON.parse(readFileSync(join(ROOT, 'docs', 'schema', `${name}.schema.json`), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'openecg-cli-'));
const sample = join(ROOT, 'samples', 'ludb-4.hea');

test('--help exits 0 and lists the commands; each command has its own help; --version', () => {
  const h = cli(['--help']);
  assert.is(h.status, 0);
  for (const c of ['delineate', 'report', 'beats', 'batch', 'demo', 'eval'])
    assert.match(h.stdout, new RegExp(`^  ${c} `, 'm'));
  const none = cli([]);
  assert.is(none.status, 2);
  for (const c of ['delineate', 'report', 'batch', 'demo', 'eval']) {
    const r = cli([c, '--help']);
    assert.is(r.status, 0, c);
    assert.match(r.stdout, new RegExp(`^usage: openecg ${c}`));
    assert.match(r.stdout, /--backend/);
  }
  assert.is(cli(['--version']).stdout.trim(), JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
});

test('unknown options and missing values are usage errors (exit 2, one line, with the nearest option)', () => {
  const r = cli(['delineate', sample, '--formt', 'csv']);
  assert.is(r.status, 2);
  assert.is(r.stdout, '');
  assert.is(
    r.stderr.trim(),
    "openecg delineate: unknown option --formt (did you mean --format?); see 'openecg delineate --help'",
  );
  const m = cli(['report', sample, '--lead']);
  assert.is(m.status, 2);
  assert.match(m.stderr, /--lead needs a value/);
  const j = cli(['report', sample, '--json=yes']);
  assert.is(j.status, 2);
  assert.match(j.stderr, /--json takes no value/);
});

test('delineate, --lead all and report JSON follow their schemas; waves carry seconds', () => {
  const d = JSON.parse(cli(['delineate', sample]).stdout);
  assert.equal(schemaProblems(schema('delineate'), d), []);
  assert.is(d.waves[0].t, d.waves[0].onset / 500);
  const all = cli(['delineate', sample, '--lead', 'all']);
  assert.is(all.status, 0, all.stderr);
  const da = JSON.parse(all.stdout);
  assert.equal(schemaProblems(schema('delineate'), da), []);
  assert.is(da.leads.length, 12);
  const bt = JSON.parse(cli(['beats', sample, '--format', 'json']).stdout);
  assert.equal(schemaProblems(schema('beats'), bt), []);
  assert.is(bt.beats.length, 10);
  for (const b of bt.beats) assert.ok(b.r >= b.qrsOnset && b.r <= b.qrsOffset && b.aami === 'N' && b.type === 'sinus');
  const csv = cli(['beats', sample, '--format', 'csv']).stdout.trim().split('\n');
  assert.is(csv[0], 'r,t,qrsOnset,qrsOffset,type,aami');
  assert.is(csv.length, 11);
  const rep = JSON.parse(cli(['report', sample, '--json']).stdout);
  assert.equal(schemaProblems(schema('report'), rep), []);
  assert.ok(schemaProblems(schema('report'), { ...rep, quality: undefined }).length > 0);
});

function batchDir() {
  const dir = join(tmp, 'archive');
  mkdirSync(join(dir, 'b'), { recursive: true });
  mkdirSync(join(dir, 'a'), { recursive: true });
  cpSync(join(FIX, 'ludb', '1.hea'), join(dir, 'a', '1.hea'));
  cpSync(join(FIX, 'ludb', '1.dat'), join(dir, 'a', '1.dat'));
  cpSync(join(ROOT, 'samples', 'ludb-4.hea'), join(dir, 'b', 'ludb-4.hea'));
  cpSync(join(ROOT, 'samples', 'ludb-4.dat'), join(dir, 'b', 'ludb-4.dat'));
  writeFileSync(join(dir, 'b', 'broken.hea'), 'broken 1 500 5000\nbroken.dat 16 1000 16 0\n'); // its .dat is missing
  writeFileSync(join(dir, 'c.hea'), 'c 0 500 10\n'); // no signals
  return dir;
}

test('batch: sorted order, unreadable records logged and kept as error lines, schema, workers and shards, resume', () => {
  const dir = batchDir();
  const out1 = join(tmp, 'one.jsonl');
  const r = cli(['batch', dir, '--out', out1]);
  assert.is(r.status, 0, r.stderr);
  const lines = readFileSync(out1, 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.equal(
    lines.map((l) => l.id),
    ['a/1.hea', 'b/broken.hea', 'b/ludb-4.hea', 'c.hea'],
  );
  assert.equal(
    lines.map((l) => l.ok),
    [true, false, true, false],
  );
  assert.match(lines[1].error, /not found/);
  assert.match(lines[3].error, /no signals/);
  assert.match(r.stderr, /skipped b\/broken\.hea/);
  for (const l of lines) assert.equal(schemaProblems(schema('batch-line'), l), []);
  for (const l of lines.filter((x) => x.ok)) assert.equal(schemaProblems(schema('report'), l.report), []);
  const text = readFileSync(out1, 'utf8');
  const out2 = join(tmp, 'two.jsonl');
  assert.is(cli(['batch', dir, '--out', out2, '--workers', '2']).status, 0);
  assert.is(readFileSync(out2, 'utf8'), text, 'two workers write the same bytes');
  const parts = [0, 1, 2].map((k) => {
    const o = join(tmp, `s${k}.jsonl`);
    assert.is(cli(['batch', dir, '--out', o, '--shard', `${k}/3`]).status, 0);
    return readFileSync(o, 'utf8');
  });
  assert.is(parts.join(''), text, 'shards concatenate to the whole');
  // Resume from a copy cut in the middle of its second line.
  const cut = join(tmp, 'cut.jsonl');
  writeFileSync(cut, text.slice(0, text.indexOf('\n') + 20));
  assert.is(cli(['batch', dir, '--out', cut, '--resume']).status, 0);
  assert.is(readFileSync(cut, 'utf8'), text);
  // A list file and a glob select the same records as the directory.
  writeFileSync(join(tmp, 'list.txt'), '# two records\narchive/b/ludb-4.hea\narchive/a/1.hea\n');
  const lo = join(tmp, 'list.jsonl');
  assert.is(cli(['batch', join(tmp, 'list.txt'), '--out', lo]).status, 0);
  assert.equal(
    readFileSync(lo, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id),
    ['archive/a/1.hea', 'archive/b/ludb-4.hea'],
  );
  const go = join(tmp, 'glob.jsonl');
  assert.is(cli(['batch', join(dir, '**', 'ludb-*.hea'), '--out', go]).status, 0);
  assert.equal(
    readFileSync(go, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).id),
    ['b/ludb-4.hea'],
  );
});

testIf(
  test,
  hasShared,
  NO_SHARED,
)('batch over ../shared/data/ludb: 2 shards concatenate to the unsharded output', () => {
  const whole = join(tmp, 'ludb.jsonl');
  assert.is(cli(['batch', join(SHARED, 'ludb'), '--out', whole, '--workers', '2']).status, 0);
  const parts = [0, 1].map((k) => {
    const o = join(tmp, `ludb${k}.jsonl`);
    assert.is(cli(['batch', join(SHARED, 'ludb'), '--out', o, '--shard', `${k}/2`]).status, 0);
    return readFileSync(o, 'utf8');
  });
  const text = readFileSync(whole, 'utf8');
  assert.is(parts.join(''), text);
  assert.is(text.trim().split('\n').length, 159);
});

test.run();
