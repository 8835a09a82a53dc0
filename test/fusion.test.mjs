// Fused WASM kernels (attention, layer norm): chosen from the graph, bit-identical to the JS
// reference running the same ops one by one, and not chosen when the pattern is not exactly there.
// Also the reshape views of the interpreter (no step, shared memory).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { GraphBuilder } from '../build/tools/convert/tflite-writer.js';
import { Interpreter } from '../dist/engine/interpreter.js';
import { readTflite } from '../dist/tflite/model.js';
import { WasmBackend } from '../dist/wasm/backend.js';
import { sha256 } from './helpers.mjs';

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}
const size = (s) => s.reduce((a, b) => a * b, 1);
const rand = (n, seed, lo = -3, hi = 3) => {
  const r = rng(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * r());
};

/** Runs `bytes` on both backends; returns the WASM plan after checking the bytes agree. */
function both(bytes, inputs) {
  const js = new Interpreter(readTflite(bytes)),
    wasm = new Interpreter(readTflite(bytes), new WasmBackend());
  const a = js.run(inputs),
    b = wasm.run(inputs);
  assert.is(sha256(b), sha256(a), 'WASM bytes differ from the JS reference');
  return wasm.plan();
}

function attentionGraph({ H, L, S, D, Dv, kT, vT, beta, exposeScores = false }) {
  const g = new GraphBuilder();
  const q = g.input('q', [1, H, L, D]),
    k = g.input('k', kT ? [1, H, S, D] : [1, H, D, S]),
    v = g.input('v', vT ? [1, H, Dv, S] : [1, H, S, Dv]);
  const sc = g.tensor('scores', [1, H, L, S]),
    p = g.tensor('probs', [1, H, L, S]),
    y = g.tensor('y', [1, H, L, Dv]);
  g.op('BATCH_MATMUL', [q, k], [sc], { adj_y: kT });
  g.op('SOFTMAX', [sc], [p], { beta });
  g.op('BATCH_MATMUL', [p, v], [y], { adj_y: vT });
  g.output(y);
  if (exposeScores) g.output(sc);
  const inputs = [rand(H * L * D, 1), rand(H * S * D, 2), rand(H * S * Dv, 3)];
  return { bytes: g.finish('attention'), inputs };
}

test('attention: fused, odd sizes, both operand layouts, bit-identical', () => {
  for (const cfg of [
    { H: 3, L: 13, S: 11, D: 5, Dv: 9, kT: true, vT: false, beta: 0.7 },
    { H: 2, L: 37, S: 21, D: 8, Dv: 3, kT: false, vT: true, beta: 1 },
    { H: 1, L: 16, S: 40, D: 16, Dv: 16, kT: true, vT: false, beta: 30 }, // large scores: exp inputs reach the scalar fallback
  ]) {
    const { bytes, inputs } = attentionGraph(cfg);
    assert.equal(both(bytes, inputs), ['ATTENTION (wasm)'], JSON.stringify(cfg));
  }
});

test('attention: not fused when the scores are also a graph output', () => {
  const { bytes, inputs } = attentionGraph({
    H: 2,
    L: 6,
    S: 7,
    D: 4,
    Dv: 4,
    kT: true,
    vT: false,
    beta: 1,
    exposeScores: true,
  });
  assert.equal(both(bytes, inputs), ['BATCH_MATMUL (wasm)', 'SOFTMAX (wasm)', 'BATCH_MATMUL (wasm)']);
});

function layerNormGraph({ shape, gamma, beta, subSwapped = false, eps = 1e-5 }) {
  const g = new GraphBuilder();
  const D = shape[shape.length - 1],
    red = shape.slice(0, -1).concat([1]);
  const x = g.input('x', shape),
    ax = g.constI32('axis', [1], [-1]);
  const t = (n, s = shape) => g.tensor(n, s);
  const m = t('m', red),
    d = t('d', shape),
    v = t('v', red),
    e = t('e', red),
    r = t('r', red),
    c = t('c', shape),
    n = t('n', shape);
  g.op('MEAN', [x, ax], [m], { keep_dims: true });
  g.op('SQUARED_DIFFERENCE', [x, m], [d]);
  g.op('MEAN', [d, ax], [v], { keep_dims: true });
  g.op('ADD', [v, g.constF32('eps', [], [eps])], [e]);
  g.op('RSQRT', [e], [r]);
  g.op('SUB', subSwapped ? [m, x] : [x, m], [c]);
  g.op('MUL', [c, r], [n]);
  let y = n;
  if (gamma) {
    const o = t('g');
    g.op('MUL', [y, g.constF32('gamma', [D], rand(D, 4, 0.5, 1.5))], [o]);
    y = o;
  }
  if (beta) {
    const o = t('b');
    g.op('ADD', [g.constF32('beta', [D], rand(D, 5, -0.5, 0.5)), y], [o]);
    y = o;
  }
  g.output(y);
  return { bytes: g.finish('layer-norm'), inputs: [rand(size(shape), 6, -4, 4)] };
}

test('layer norm: fused with and without the affine steps, rows and widths not multiples of 4', () => {
  for (const [shape, gamma, beta] of [
    [[1, 7, 10], true, true],
    [[2, 5, 128], false, false],
    [[3, 1, 6], true, false],
    [[1, 4, 9], false, true],
  ]) {
    const { bytes, inputs } = layerNormGraph({ shape, gamma, beta });
    assert.equal(both(bytes, inputs), ['LAYER_NORM (wasm)'], JSON.stringify(shape));
  }
});

test('layer norm: a different SUB order is a different function and is not fused', () => {
  const { bytes, inputs } = layerNormGraph({ shape: [1, 5, 8], gamma: false, beta: false, subSwapped: true });
  const plan = both(bytes, inputs);
  assert.ok(plan.indexOf('LAYER_NORM (wasm)') < 0, plan.join());
  assert.is(plan.length, 7);
});

test('bundled model: 4 fused attentions and 12 fused layer norms, same bytes as the JS backend', () => {
  const bytes = new Uint8Array(readFileSync(new URL('../models/boundary_int8.tflite', import.meta.url)));
  const plan = both(bytes, [rand(2500, 9, -1, 1)]);
  assert.is(plan.filter((p) => p === 'ATTENTION (wasm)').length, 4);
  assert.is(plan.filter((p) => p === 'LAYER_NORM (wasm)').length, 12);
  assert.ok(plan.indexOf('SOFTMAX (wasm)') < 0 && plan.indexOf('RSQRT (js)') < 0);
  // The 25 RESHAPEs are views of their inputs' memory: no step at all, on either backend.
  assert.ok(
    plan.every((p) => !p.startsWith('RESHAPE')),
    plan.join(),
  );
  assert.ok(new Interpreter(readTflite(bytes)).plan().every((p) => !p.startsWith('RESHAPE')));
});

test.run();
