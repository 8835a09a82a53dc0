// Smoke run of the training pipeline on the fixtures: prepare (TypeScript) → one PyTorch step →
// safetensors checkpoint → .tflite conversion → the engine runs it. Skipped, with the reason
// printed, where Debian's PyTorch is not installed.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSafetensors } from '../build/tools/convert/safetensors.js';
import { buildBoundaryGraph, countParams } from '../build/tools/convert/boundary-graph.js';
import { loadModelSync } from '../dist/index.js';
import { parseNpy } from '../dist/io/npy.js';
import { ROOT, FIX } from './helpers.mjs';

const torch = spawnSync('/usr/bin/python3', ['-c', 'import torch, numpy'], { encoding: 'utf8' });

test('prepare → train one step → checkpoint → tflite', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'openecg-train-'));
  const p = spawnSync(process.execPath, [join(ROOT, 'build/tools/train/prepare.js'), '--ludb', join(FIX, 'ludb'), '--qtdb', join(FIX, 'qtdb'), '--out', join(tmp, 'data'), '--leads', 'i,ii,v1', '--dev-frac', '0', '--qtdb-per-lead', '2'], { encoding: 'utf8' });
  assert.is(p.status, 0, p.stderr);
  const x = parseNpy(new Uint8Array(readFileSync(join(tmp, 'data', 'train_x.npy'))));
  const fr = parseNpy(new Uint8Array(readFileSync(join(tmp, 'data', 'train_frames.npy'))));
  assert.is(x.shape[1], 2500); assert.is(fr.shape[1], 500); assert.is(x.shape[0], 3 + 4); // 3 LUDB leads + 2 windows × 2 QTDB leads
  if (torch.status !== 0) { console.log(`  (training step skipped: /usr/bin/python3 cannot import torch: ${(torch.stderr || '').trim().split('\n').pop()})`); return; }
  const t = spawnSync('/usr/bin/python3', [join(ROOT, 'tools/train/train.py'), '--data', join(tmp, 'data'), '--out', join(tmp, 'ckpt'), '--smoke'], { encoding: 'utf8' });
  assert.is(t.status, 0, t.stderr);
  assert.match(t.stdout, /params 992266/);
  const ck = join(tmp, 'ckpt', 'epoch_001.safetensors');
  assert.ok(existsSync(ck));
  const w = readSafetensors(new Uint8Array(readFileSync(ck)));
  assert.is(countParams(w), 992266);
  const m = loadModelSync(buildBoundaryGraph(w, 'int8'));
  const [logits] = m.run([new Float32Array(2500).map((_, i) => (i % 7) / 7)]);
  assert.ok(logits.every(Number.isFinite));
});

test('float32 and float64 gradients agree (the oneDNN trap stays disabled)', () => {
  if (torch.status !== 0) { console.log('  (skipped: no PyTorch)'); return; }
  const tmp = mkdtempSync(join(tmpdir(), 'openecg-grad-'));
  spawnSync(process.execPath, [join(ROOT, 'build/tools/train/prepare.js'), '--ludb', join(FIX, 'ludb'), '--qtdb', join(FIX, 'qtdb'), '--out', join(tmp, 'data'), '--leads', 'ii', '--dev-frac', '0', '--qtdb-per-lead', '1']);
  const g = spawnSync('/usr/bin/python3', [join(ROOT, 'tools/train/train.py'), '--data', join(tmp, 'data'), '--out', join(tmp, 'ckpt'), '--check-grad'], { encoding: 'utf8' });
  assert.is(g.status, 0, g.stderr);
  const norms = JSON.parse(g.stdout.split('grad-norm ')[1]);
  const a = norms['torch.float32'], b = norms['torch.float64'];
  assert.ok(Math.abs(a - b) / b < 1e-4, `float32 ${a} vs float64 ${b}`);
});

test.run();
