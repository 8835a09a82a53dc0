// Bit identity across runtimes: Node (js, wasm), headless Chromium (js, wasm), QuickJS and
// Duktape must reproduce the committed digests of the model outputs and decoded boundaries.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';

test('npm run conformance: every runtime, same digests', () => {
  spawnSync('npm', ['run', 'build:es5', '--silent'], { cwd: ROOT });
  const r = spawnSync(process.execPath, [join(ROOT, 'tools', 'conformance', 'run.mjs')], { cwd: ROOT, encoding: 'utf8', timeout: 900000 });
  console.log(r.stdout.split('\n').filter((l) => /runtimes|missing/.test(l)).map((l) => '  ' + l).join('\n'));
  assert.match(r.stdout, /6 runtimes, 0 mismatches, 0 missing/, r.stdout + r.stderr);
  assert.is(r.status, 0);
});

test.run();
