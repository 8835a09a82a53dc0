// Bit identity across runtimes: Node (js, wasm), headless Chromium (js, wasm), QuickJS and
// Duktape must reproduce the committed digests of the model outputs and decoded boundaries.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, hasDuk, hasChromium, CHROMIUM, testIf } from './helpers.mjs';

/** Runs the suite on the named runtimes; every case each of them runs must match the committed digest. */
function conformance(only, nRuntimes) {
  spawnSync('npm', ['run', 'build:es5', '--silent'], { cwd: ROOT });
  const r = spawnSync(process.execPath, [join(ROOT, 'tools', 'conformance', 'run.mjs'), '--only', only], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 900000,
  });
  console.log(
    r.stdout
      .split('\n')
      .filter((l) => /runtimes|missing/.test(l))
      .map((l) => '  ' + l)
      .join('\n'),
  );
  assert.match(
    r.stdout,
    new RegExp(`${nRuntimes} runtimes, 0 mismatches, 0 missing, 0 missing cases`),
    r.stdout + r.stderr,
  );
  assert.is(r.status, 0);
}

test('conformance: Node (js, wasm) and QuickJS give the committed digests', () => conformance('node,quickjs', 3));
testIf(
  test,
  hasDuk,
  'duk not installed (apt-get install duktape)',
)('conformance: Duktape gives the committed digests', () => conformance('duktape', 1));
testIf(
  test,
  hasChromium,
  `Chromium not installed (${CHROMIUM})`,
)('conformance: headless Chromium (js, wasm) gives the committed digests', () => conformance('chromium', 2));

test.run();
