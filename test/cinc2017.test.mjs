// Short single-lead strips (CinC 2017): the records open as published (checksum 0 in the header: a warning, as
// rdsamp reads them), `eval --protocol cinc2017 --json` labels each N, A, O or ~ and scores with the challenge's
// measure (mean F1 of N, A, O).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readWfdbRecord } from '../dist/node.js';
import { scoreCinc2017 } from '../dist/eval/cinc2017.js';

const here = dirname(fileURLToPath(import.meta.url));
const FIX = join(here, 'fixtures', 'cinc2017');
const CLI = join(here, '..', 'bin', 'openecg.js');

test('CinC records open as published: 300 Hz, one lead, the checksum mismatch is a warning', () => {
  const r = readWfdbRecord(join(FIX, 'A00001'));
  assert.is(r.fs, 300);
  assert.is(r.signals.length, 1);
  assert.is(r.nSamples, 9000);
  assert.ok(
    r.warnings.some((w) => /checksum .* differs from the header's 0/.test(w)),
    r.warnings.join(),
  );
});

test('the CLI reads such a strip and says what the header contradicts, one warning line on stderr', () => {
  const p = spawnSync(process.execPath, [CLI, 'beats', join(FIX, 'A00001.hea'), '--format', 'csv'], {
    encoding: 'utf8',
  });
  assert.is(p.status, 0, p.stderr);
  assert.ok(p.stdout.split('\n').length > 10);
  assert.match(
    p.stderr,
    /^openecg: warning: A00001\.mat: signal 0 \(ECG\): checksum -?\d+ differs from the header's 0\n$/,
  );
});

test('challenge score: F1 per class and the mean of N, A, O', () => {
  const s = scoreCinc2017([
    { truth: 'N', label: 'N' },
    { truth: 'N', label: 'O' },
    { truth: 'A', label: 'A' },
    { truth: 'O', label: 'O' },
    { truth: '~', label: 'N' },
  ]);
  // N: tp 1, fn 1, fp 1 → 0.5; A: 1; O: tp 1, fp 1 → 2/3; ~: tp 0, fn 1 → 0
  assert.is(s.f1.N, 0.5);
  assert.is(s.f1.A, 1);
  assert.ok(Math.abs(s.f1.O - 2 / 3) < 1e-12);
  assert.is(s.f1['~'], 0);
  assert.ok(Math.abs(s.score - (0.5 + 1 + 2 / 3) / 3) < 1e-12);
});

test('eval --protocol cinc2017 --json: a label per record and the score of those labels', () => {
  const p = spawnSync(process.execPath, [CLI, 'eval', FIX, '--protocol', 'cinc2017', '--json'], { encoding: 'utf8' });
  assert.is(p.status, 0, p.stderr);
  const res = JSON.parse(p.stdout);
  assert.equal(
    res.records.map((r) => r.id),
    ['A00001', 'A00005', 'A00008'],
  );
  for (const r of res.records) assert.ok(['N', 'A', 'O', '~'].includes(r.label), r.label);
  const byId = Object.fromEntries(res.records.map((r) => [r.id, r]));
  assert.is(byId.A00001.label, 'N', 'a clean sinus strip');
  assert.is(byId.A00005.label, 'A', 'an AF strip');
  const again = scoreCinc2017(res.records.map((r) => ({ truth: r.truth, label: r.label })));
  assert.equal(res.score, again);
});

test.run();
