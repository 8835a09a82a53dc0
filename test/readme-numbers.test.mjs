// The README's generated numbers stay true: its size table is what tools/build/size.mjs measures now (model bytes
// included), its benchmark and per-op tables are what bench/results.json holds, the code is within the size budget, and
// `npm run serve` serves the page without a download.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, statSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';
import { readmeTables, between } from '../tools/build/readme-tables.mjs';
import { sizeRows, BUDGET_GZIP } from '../tools/build/size.mjs';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const fix = "run 'node tools/build/readme-tables.mjs' and commit the README";

test('the size and benchmark tables in the README are the ones the commands print', async () => {
  const t = await readmeTables();
  assert.is(between(readme, 'size'), t.size, `size table differs: ${fix}`);
  assert.is(between(readme, 'bench'), t.bench, `benchmark table differs: ${fix}`);
  assert.is(between(readme, 'ops'), t.ops, `per-op table differs: ${fix}`);
  assert.is(between(readme, 'micro'), t.micro, `micro benchmark table differs: ${fix}`);
});

test('the model row is the bundled file; the code is within its budget', async () => {
  const rows = await sizeRows();
  const model = rows.find((r) => r.name.includes('boundary_int8.tflite'));
  assert.is(model.bytes, statSync(join(ROOT, 'models', 'boundary_int8.tflite')).size);
  assert.ok(rows[0].gzip <= BUDGET_GZIP, `code ${rows[0].gzip} B gzipped > ${BUDGET_GZIP}`);
  // no other byte count of the model anywhere in the README
  const n = model.bytes.toLocaleString('en');
  assert.is(readme.split(n).length - 1, 1, `the model's size appears outside the table`);
});

test('npm run serve: a static server for the page, files under the repository only', async () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  assert.is(pkg.scripts.serve, 'node tools/serve.mjs');
  const p = spawn(process.execPath, [join(ROOT, 'tools', 'serve.mjs'), '--port', '0']);
  try {
    const line = await new Promise((resolve) => p.stdout.once('data', (b) => resolve(String(b))));
    const base = /http:\/\/127\.0\.0\.1:\d+\//.exec(line)[0];
    const page = await fetch(base + 'web/');
    assert.is(page.status, 200);
    assert.match(await page.text(), /<html/i);
    const part = await fetch(base + 'models/boundary_int8.tflite', { headers: { Range: 'bytes=4-7' } });
    assert.is(part.status, 206);
    assert.is(new TextDecoder().decode(await part.arrayBuffer()), 'TFL3');
    assert.is((await fetch(base + '..%2f..%2fetc/passwd')).status, 403);
    assert.is((await fetch(base + 'no/such/file')).status, 404);
  } finally {
    p.kill();
  }
});

test.run();
