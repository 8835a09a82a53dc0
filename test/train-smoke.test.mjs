// Smoke run of the training pipeline on the fixtures: prepare (TypeScript) → one PyTorch step →
// safetensors checkpoint → .tflite conversion → the engine runs it, with the same logits as PyTorch.
// The PyTorch parts are counted as skipped where Debian's PyTorch is not installed (CI installs it).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSafetensors } from '../build/tools/convert/safetensors.js';
import { buildBoundaryGraph, countParams } from '../build/tools/convert/boundary-graph.js';
import { loadModelSync } from '../dist/index.js';
import { parseNpy, writeNpy } from '../dist/io/npy.js';
import { rankNormalize } from '../dist/dsp/rank-normalize.js';
import { writeFileSync } from 'node:fs';
import { ROOT, FIX, hasTorch, testIf } from './helpers.mjs';

const NO_TORCH = 'PyTorch not installed (apt-get install python3-torch python3-numpy libopenblas0-pthread)';
const torchTest = testIf(test, hasTorch, NO_TORCH);

test('prepare writes the training arrays', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'openecg-prep-'));
  const p = spawnSync(
    process.execPath,
    [
      join(ROOT, 'build/tools/train/prepare.js'),
      '--ludb',
      join(FIX, 'ludb'),
      '--qtdb',
      join(FIX, 'qtdb'),
      '--out',
      join(tmp, 'data'),
      '--leads',
      'i,ii,v1',
      '--dev-frac',
      '0',
      '--qtdb-per-lead',
      '2',
    ],
    { encoding: 'utf8' },
  );
  assert.is(p.status, 0, p.stderr);
  const x = parseNpy(new Uint8Array(readFileSync(join(tmp, 'data', 'train_x.npy'))));
  const neg = parseNpy(new Uint8Array(readFileSync(join(tmp, 'data', 'train_qrsneg.npy'))));
  assert.equal(x.shape, [7, 2500]);
  assert.equal(neg.shape, [7, 500]);
  assert.ok(
    neg.data.every((v) => v === 0),
    'fully labelled windows have no partial "not QRS" frames',
  );
});

torchTest('prepare → train one step → checkpoint → tflite, logits equal to PyTorch', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'openecg-train-'));
  const p = spawnSync(
    process.execPath,
    [
      join(ROOT, 'build/tools/train/prepare.js'),
      '--ludb',
      join(FIX, 'ludb'),
      '--qtdb',
      join(FIX, 'qtdb'),
      '--out',
      join(tmp, 'data'),
      '--leads',
      'i,ii,v1',
      '--dev-frac',
      '0',
      '--qtdb-per-lead',
      '2',
    ],
    { encoding: 'utf8' },
  );
  assert.is(p.status, 0, p.stderr);
  const x = parseNpy(new Uint8Array(readFileSync(join(tmp, 'data', 'train_x.npy'))));
  const fr = parseNpy(new Uint8Array(readFileSync(join(tmp, 'data', 'train_frames.npy'))));
  assert.is(x.shape[1], 2500);
  assert.is(fr.shape[1], 500);
  assert.is(x.shape[0], 3 + 4); // 3 LUDB leads + 2 windows × 2 QTDB leads
  const t = spawnSync(
    '/usr/bin/python3',
    [join(ROOT, 'tools/train/train.py'), '--data', join(tmp, 'data'), '--out', join(tmp, 'ckpt'), '--smoke'],
    { encoding: 'utf8' },
  );
  assert.is(t.status, 0, t.stderr);
  assert.match(t.stdout, /params 992266/);
  const ck = join(tmp, 'ckpt', 'epoch_001.safetensors');
  assert.ok(existsSync(ck));
  const w = readSafetensors(new Uint8Array(readFileSync(ck)));
  assert.is(countParams(w), 992266);
  const m = loadModelSync(buildBoundaryGraph(w, 'int8'));
  const [logits] = m.run([new Float32Array(2500).map((_, i) => (i % 7) / 7)]);
  assert.ok(logits.every(Number.isFinite));
  // PyTorch ↔ engine parity of the converted float32 graph on two real windows.
  const xin = new Float32Array(2 * 2500);
  for (let k = 0; k < 2; k++) xin.set(rankNormalize(x.data.subarray(k * 2500, (k + 1) * 2500)), k * 2500);
  writeFileSync(join(tmp, 'x.npy'), writeNpy(xin, [2, 2500]));
  const py = spawnSync(
    '/usr/bin/python3',
    [join(ROOT, 'tools/train/logits.py'), ck, join(tmp, 'x.npy'), join(tmp, 'py')],
    { encoding: 'utf8' },
  );
  assert.is(py.status, 0, py.stderr);
  const pyLogits = parseNpy(new Uint8Array(readFileSync(join(tmp, 'py_logits.npy')))).data;
  const pyOffsets = parseNpy(new Uint8Array(readFileSync(join(tmp, 'py_offsets.npy')))).data;
  const f32 = loadModelSync(buildBoundaryGraph(w, 'float32'), { backend: 'js' });
  let worst = 0;
  for (let k = 0; k < 2; k++) {
    const [lo, off] = f32.run([xin.subarray(k * 2500, (k + 1) * 2500)]);
    for (let i = 0; i < lo.length; i++) worst = Math.max(worst, Math.abs(lo[i] - pyLogits[k * 2000 + i]));
    for (let i = 0; i < off.length; i++) worst = Math.max(worst, Math.abs(off[i] - pyOffsets[k * 3000 + i]));
  }
  assert.ok(worst <= 1e-4, `max |engine − PyTorch| = ${worst}`);
});

torchTest('float32 and float64 gradients agree (the oneDNN trap stays disabled)', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'openecg-grad-'));
  spawnSync(process.execPath, [
    join(ROOT, 'build/tools/train/prepare.js'),
    '--ludb',
    join(FIX, 'ludb'),
    '--qtdb',
    join(FIX, 'qtdb'),
    '--out',
    join(tmp, 'data'),
    '--leads',
    'ii',
    '--dev-frac',
    '0',
    '--qtdb-per-lead',
    '1',
  ]);
  const g = spawnSync(
    '/usr/bin/python3',
    [join(ROOT, 'tools/train/train.py'), '--data', join(tmp, 'data'), '--out', join(tmp, 'ckpt'), '--check-grad'],
    { encoding: 'utf8' },
  );
  assert.is(g.status, 0, g.stderr);
  const norms = JSON.parse(g.stdout.split('grad-norm ')[1]);
  const a = norms['torch.float32'],
    b = norms['torch.float64'];
  assert.ok(Math.abs(a - b) / b < 1e-4, `float32 ${a} vs float64 ${b}`);
});

test.run();
