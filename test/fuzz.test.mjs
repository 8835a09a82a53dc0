// A short, seeded run of the fuzz suite (tools/fuzz/run.mjs): every mutated model, WFDB file, CSV, .npy,
// token stream and signal ends in a result or a typed error, each within 1 s, memory growth ≤ 200 MB.
// Longer runs: npm run fuzz -- --minutes N [--seed S].
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';

test('fuzz: 25 s, seed 11 — no untyped error, no case over 1 s, bounded memory', () => {
  const r = spawnSync(process.execPath, [join(ROOT, 'tools', 'fuzz', 'run.mjs'), '--seconds', '25', '--seed', '11'], {
    encoding: 'utf8',
    timeout: 120000,
  });
  console.log(
    r.stdout
      .trim()
      .split('\n')
      .map((l) => '  ' + l)
      .join('\n'),
  );
  assert.match(r.stdout, /, 0 violations/);
  const cases = Number(/fuzz: (\d+) cases/.exec(r.stdout)[1]);
  assert.ok(cases > 500, `${cases} cases`);
  assert.is(r.status, 0);
});

test.run();
