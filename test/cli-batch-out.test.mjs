// `openecg batch --out`: an existing output is refused unless --resume or --force; an output that is one of the
// inputs (the list file, a record's .hea or .dat) is refused and left untouched.
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

test.run();
