// Mutation check: the tests must notice a broken implementation. Each case copies the built package
// and the tests into a temporary directory, breaks one thing on purpose (seam stitching, the format-212
// decoder, the lead merge, the shipped model's weights), runs the test file that guards it there, and
// expects it to fail. The mutated text must exist, so a refactor cannot turn a mutation into a no-op.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';

function sandbox() {
  const dir = mkdtempSync(join(tmpdir(), 'openecg-mutant-'));
  for (const d of ['dist', 'test', 'models', 'samples', 'tools', 'bin'])
    cpSync(join(ROOT, d), join(dir, d), { recursive: true });
  cpSync(join(ROOT, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
  symlinkSync(join(ROOT, 'build'), join(dir, 'build'));
  return dir;
}

function mutateText(dir, file, from, to) {
  const p = join(dir, file);
  const src = readFileSync(p, 'utf8');
  assert.ok(src.includes(from), `${file} no longer contains the mutated text '${from}'`);
  writeFileSync(p, src.replace(from, to));
}

function expectFailure(dir, testFile, why) {
  const r = spawnSync(process.execPath, [join(dir, 'test', testFile)], { cwd: dir, encoding: 'utf8', timeout: 300000 });
  const out = (r.stdout + r.stderr).replace(/\x1b\[[0-9;]*m/g, '');
  const total = Number((/Total:\s+(\d+)/.exec(out) || [])[1]),
    passed = Number((/Passed:\s+(\d+)/.exec(out) || [])[1]);
  assert.ok(r.status !== 0 || passed < total, `${why}: ${testFile} still passes (${passed}/${total})`);
}

test('broken seam stitching (every window keeps all its waves) fails seams-rates.test', () => {
  const dir = sandbox();
  mutateText(dir, 'dist/delineate/delineator.js', 'if (mid < p.keepFrom || mid >= p.keepTo)', 'if (false)');
  expectFailure(dir, 'seams-rates.test.mjs', 'seams');
});

test('a broken format-212 decoder (second sample high nibble shifted wrong) fails io.test', () => {
  const dir = sandbox();
  mutateText(dir, 'dist/io/wfdb-signal.js', '((b[o + 1] & 0xf0) << 4)', '((b[o + 1] & 0xf0) << 3)');
  expectFailure(dir, 'io.test.mjs', '212');
});

test('a broken lead merge (one lead is enough) fails delineate.test', () => {
  const dir = sandbox();
  mutateText(dir, 'dist/delineate/merge-leads.js', 'Math.ceil(perLead.length / 2)', '1');
  expectFailure(dir, 'delineate.test.mjs', 'lead merge');
});

test('changed weights in the shipped model fail engine-golden.test (LiteRT.js golden of the shipped file)', () => {
  const dir = sandbox();
  const p = join(dir, 'models', 'boundary_int8.tflite');
  const b = new Uint8Array(readFileSync(p));
  for (let k = 0; k < 64; k++) b[Math.floor(b.length * 0.3) + 997 * k] ^= 0x11;
  writeFileSync(p, b);
  expectFailure(dir, 'engine-golden.test.mjs', 'weights');
});

test.run();
