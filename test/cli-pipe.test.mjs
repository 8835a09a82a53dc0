// A closed pipe (`openecg beats rec.hea | head`) ends the command quietly with exit 0, as Unix tools do.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const CLI = join(here, '..', 'bin', 'openecg.js');
const rec = join(here, 'fixtures', 'mitdb', '119.hea');

for (const args of [
  ['beats', rec, '--lead', '0', '--format', 'csv'],
  ['delineate', rec, '--lead', '0', '--format', 'csv'],
  ['--help'],
]) {
  test(`openecg ${args[0]} into a closed pipe: exit 0, nothing on stderr`, () => {
    // `true` exits without reading, so openecg's first write meets a closed pipe (EPIPE)
    const quoted = [process.execPath, CLI, ...args].map((s) => `'${s}'`).join(' ');
    const p = spawnSync('bash', ['-c', `set -o pipefail; ${quoted} | true`], { encoding: 'utf8' });
    assert.is(p.status, 0, p.stderr);
    assert.is(p.stderr, '');
  });
}

test.run();
