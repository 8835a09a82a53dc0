// The CLI's everyday edges: WFDB companion files (.dat/.atr/.xws) resolved to their record or refused with a
// message, binary files not read as CSV, help that offers only what a command accepts, report --json with every
// beat (--events N caps it and says so), demo output outside the working folder, a progress line on a terminal
// (never in a pipe, never with --quiet).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync, readdirSync, existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWfdbRecord } from '../dist/node.js';
import { progressLine } from '../dist/cli/progress.js';
import { FIX, ROOT } from './helpers.mjs';

const CLI = join(ROOT, 'bin', 'openecg.js');
const run = (args, opts = {}) =>
  spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120000, ...opts });
const tmp = mkdtempSync(join(tmpdir(), 'openecg-cli-'));
const rec119 = join(FIX, 'mitdb', '119');

test('.dat, .atr and .xws beside a header read the record; without the header they are refused by name', () => {
  const want = run(['beats', rec119 + '.hea', '--format', 'csv']).stdout;
  assert.ok(want.split('\n').length > 30);
  for (const ext of ['dat', 'atr']) {
    const r = run(['beats', `${rec119}.${ext}`, '--format', 'csv']);
    assert.is(r.status, 0, r.stderr);
    assert.is(r.stdout, want);
  }
  copyFileSync(rec119 + '.dat', join(tmp, 'lonely.dat'));
  writeFileSync(join(tmp, 'lonely.xws'), 'WAVE settings\n');
  const d = run(['report', join(tmp, 'lonely.dat')]);
  assert.is(d.status, 1);
  assert.match(d.stderr, /a WFDB signal file, and its record's header .*lonely\.hea is not there/);
  assert.is(d.stderr.trim().split('\n').length, 1);
  assert.match(run(['report', join(tmp, 'lonely.xws')]).stderr, /a WAVE settings file/);
  copyFileSync(rec119 + '.dat', join(tmp, 'data.bin'));
  const b = run(['report', join(tmp, 'data.bin'), '--fs', '360']);
  assert.is(b.status, 1);
  assert.match(b.stderr, /a binary file, not CSV text/);
});

test('help offers what each command accepts: report and beats take one lead, delineate also all', () => {
  for (const cmd of ['report', 'beats']) {
    const h = run([cmd, '--help']).stdout;
    assert.match(h, /--lead <name\|index>/);
    assert.not.match(h, /name\|index\|all/, `${cmd} --help offers --lead all`);
    const r = run([cmd, rec119 + '.hea', '--lead', 'all']);
    assert.is(r.status, 1);
    assert.match(r.stderr, /one lead/);
  }
  assert.match(run(['delineate', '--help']).stdout, /--lead <name\|index\|all>/);
  assert.is(run(['delineate', rec119 + '.hea', '--lead', 'all', '--format', 'csv']).status, 0);
  for (const cmd of ['delineate', 'report', 'beats', 'batch', 'demo', 'eval'])
    assert.match(run([cmd, '--help']).stdout, /--quiet/);
});

// 3 minutes of record 119 (its 30-s excerpt six times), as CSV: > 64 beats
const x = readWfdbRecord(rec119).signals[0].physical;
const long = join(tmp, 'long.csv');
{
  const rows = ['mlii'];
  for (let k = 0; k < 6; k++) for (const v of x) rows.push(v.toFixed(3));
  writeFileSync(long, rows.join('\n') + '\n');
}

test('report --json lists every beat; --events N keeps N and flags the cut', () => {
  const r = run(['report', long, '--fs', '360', '--json']);
  assert.is(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.ok(j.beats.count > 150, String(j.beats.count));
  assert.is(j.beats.events.length, j.beats.count);
  assert.not.ok(j.flags.includes('beat_events_truncated'));
  const c = JSON.parse(run(['report', long, '--fs', '360', '--json', '--events', '10']).stdout);
  assert.is(c.beats.events.length, 10);
  assert.is(c.beats.count, j.beats.count);
  assert.ok(c.flags.includes('beat_events_truncated'));
  assert.equal(c.beats.events, j.beats.events.slice(0, 10));
  const bad = run(['report', long, '--fs', '360', '--json', '--events', '-3']);
  assert.is(bad.status, 1);
  assert.match(bad.stderr, /--events takes a whole number/);
});

test('demo writes its strip to a new temporary folder (printed), never into the working folder', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'openecg-demo-cwd-'));
  const r = run(['demo'], { cwd });
  assert.is(r.status, 0, r.stderr);
  assert.equal(readdirSync(cwd), []);
  const m = /wrote (.*demo\.svg)/.exec(r.stdout);
  assert.ok(m, r.stdout);
  assert.ok(existsSync(m[1]) && m[1].startsWith(tmpdir()));
  assert.match(readFileSync(m[1], 'utf8'), /<svg/);
});

test('progress line: done/total, rate and time left', () => {
  assert.is(progressLine('report', 0, 50, 0), 'report [........................] 0/50 windows');
  assert.is(progressLine('report', 25, 50, 5), 'report [############............] 25/50 windows, 5.0/s, ETA 0:05');
  assert.is(
    progressLine('batch', 2, 1000, 7200, 'records'),
    'batch [........................] 2/1000 records, 0.0/s, ETA 998:00:00',
  );
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
// 10 minutes of signal (~100 windows, a few seconds): long enough for the progress line to appear
const ten = join(tmp, 'ten.csv');
{
  const rows = ['mlii'];
  for (let k = 0; k < 20; k++) for (const v of x) rows.push(v.toFixed(3));
  writeFileSync(ten, rows.join('\n') + '\n');
}
const onTerminal = (args) =>
  spawnSync('script', ['-qec', [process.execPath, CLI, ...args].map((s) => `'${s}'`).join(' '), '/dev/null'], {
    encoding: 'utf8',
    timeout: 120000,
  });

(hasScript ? test : test.skip)(
  'on a terminal: a progress line for beats and report; none with --quiet or in a pipe',
  () => {
    for (const cmd of ['beats', 'report']) {
      const t = onTerminal(
        [cmd, ten, '--fs', '360', '--format', 'csv'].filter(
          (a) => cmd === 'beats' || (a !== '--format' && a !== 'csv'),
        ),
      );
      assert.is(t.status, 0, t.stdout);
      assert.match(t.stdout, new RegExp(`${cmd} \\[[#.]+\\] \\d+/\\d+ windows, [\\d.]+/s, ETA \\d+:\\d\\d`));
      const q = onTerminal([cmd, ten, '--fs', '360', '--quiet']);
      assert.not.match(q.stdout, /windows, /);
    }
    const piped = run(['report', ten, '--fs', '360']);
    assert.is(piped.stderr, '');
    // batch with one long record: the line moves inside the record (records done / total, rate, time left)
    const dir = join(tmp, 'one');
    mkdirSync(dir, { recursive: true });
    copyFileSync(ten, join(dir, 'ten.csv'));
    const b = onTerminal(['batch', dir, '--fs', '360', '--out', join(tmp, 'b.jsonl'), '--force']);
    assert.is(b.status, 0, b.stdout);
    assert.match(b.stdout, /batch \[[#.]+\] 0\/1 records, [\d.]+\/s, ETA \d+:\d\d/);
  },
);

test.run();
