// `openecg batch --out`: an existing output is refused unless --resume or --force; an output that is one of the
// inputs (the list file, a record's .hea or .dat) is refused and left untouched; --resume counts bytes (a line with an
// invalid UTF-8 byte is kept whole) and refuses a file made with other settings.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(here, '..', 'bin', 'openecg.js');
const cli = (args) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'oecg-batch-out-'));
for (const e of ['hea', 'dat']) copyFileSync(join(here, '..', 'samples', `ludb-4.${e}`), join(dir, `ludb-4.${e}`));

test('an existing --out is refused without --resume/--force, kept as it was', () => {
  const out = join(dir, 'r.jsonl');
  assert.is(cli(['batch', dir, '--out', out]).status, 0);
  const first = readFileSync(out, 'utf8');
  const again = cli(['batch', dir, '--out', out]);
  assert.is(again.status, 1);
  assert.match(again.stderr, /exists; --resume continues it, --force overwrites it/);
  assert.is(readFileSync(out, 'utf8'), first);
  assert.is(cli(['batch', dir, '--out', out, '--force']).status, 0);
  assert.is(cli(['batch', dir, '--out', out, '--resume']).status, 0);
  assert.is(readFileSync(out, 'utf8'), first);
});

test('an --out that is an input is refused and the input untouched', () => {
  const hea = readFileSync(join(dir, 'ludb-4.hea'));
  const dat = readFileSync(join(dir, 'ludb-4.dat'));
  const list = join(dir, 'list.txt');
  writeFileSync(list, join(dir, 'ludb-4.hea') + '\n');
  for (const [spec, out] of [
    [dir, join(dir, 'ludb-4.hea')],
    [dir, join(dir, 'ludb-4.dat')],
    [list, list],
  ]) {
    const r = cli(['batch', spec, '--out', out, '--force']);
    assert.is(r.status, 1, out);
    assert.match(r.stderr, /is one of the inputs/);
  }
  assert.equal(readFileSync(join(dir, 'ludb-4.hea')), hea);
  assert.equal(readFileSync(join(dir, 'ludb-4.dat')), dat);
  assert.is(readFileSync(list, 'utf8'), join(dir, 'ludb-4.hea') + '\n');
});

test('--resume keeps a complete line holding an invalid UTF-8 byte byte for byte, then writes the rest', () => {
  const two = mkdtempSync(join(tmpdir(), 'oecg-batch-resume-'));
  for (const r of ['a', 'b'])
    for (const e of ['hea', 'dat']) copyFileSync(join(here, '..', 'samples', `ludb-4.${e}`), join(two, `${r}.${e}`));
  for (const r of ['a', 'b']) {
    const hea = readFileSync(join(two, `${r}.hea`), 'latin1').replace(/ludb-4/g, r);
    writeFileSync(join(two, `${r}.hea`), hea, 'latin1');
  }
  const full = join(two, 'full.jsonl');
  assert.is(cli(['batch', two, '--out', full]).status, 0);
  const lines = readFileSync(full, 'utf8').trimEnd().split('\n');
  assert.is(lines.length, 2);
  // line 1 with a raw 0xFF byte inside a string, line 2 cut in the middle
  const first = Buffer.concat([
    Buffer.from(lines[0].slice(0, -1) + ',"note":"'),
    Buffer.from([0xff, 0xfe]),
    Buffer.from('"}\n'),
  ]);
  const cut = join(two, 'cut.jsonl');
  writeFileSync(cut, Buffer.concat([first, Buffer.from(lines[1].slice(0, 40))]));
  const r = cli(['batch', two, '--out', cut, '--resume']);
  assert.is(r.status, 0, r.stderr);
  const got = readFileSync(cut);
  assert.equal(got.subarray(0, first.length), first, 'the complete line is kept byte for byte');
  assert.is(got.subarray(first.length).toString('utf8'), lines[1] + '\n');
  assert.is(got.indexOf(0), -1, 'no NUL padding');
});

test('--resume with other settings (--lead, --waves) is refused and the file left as it was', () => {
  const out = join(dir, 's.jsonl');
  assert.is(cli(['batch', dir, '--out', out, '--lead', 'ii']).status, 0);
  const before = readFileSync(out);
  for (const extra of [['--lead', 'v1'], ['--waves'], []]) {
    const r = cli(['batch', dir, '--out', out, '--resume', ...extra]);
    assert.is(r.status, 1, extra.join(' '));
    assert.match(r.stderr, /made with other settings/);
    assert.equal(readFileSync(out), before);
  }
  assert.is(cli(['batch', dir, '--out', out, '--resume', '--lead', 'ii']).status, 0);
  assert.equal(readFileSync(out), before);
});

test.run();
