// int8 models on the WASM backend. Weight-only: the int8 weights behind a folded DEQUANTIZE are what the backend
// keeps (widened per 8-column panel inside the GEMM), with the same output bytes as the JS reference, which multiplies
// by the dequantised float weights. Integer (hybrid) files: int16 pair panels for the integer GEMM.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { GraphBuilder } from '../build/tools/convert/tflite-writer.js';
import { Interpreter } from '../dist/engine/interpreter.js';
import { readTflite } from '../dist/tflite/model.js';
import { WasmBackend } from '../dist/wasm/backend.js';
import { sha256 } from './helpers.mjs';
import { readSafetensors } from '../build/tools/convert/safetensors.js';
import { buildBoundaryGraph } from '../build/tools/convert/boundary-graph.js';

function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
}
const rand = (n, seed, lo = -2, hi = 2) => {
  const r = rng(seed);
  return Float32Array.from({ length: n }, () => lo + (hi - lo) * r());
};
const randQ = (n, seed) => {
  const r = rng(seed);
  return Int8Array.from({ length: n }, () => Math.floor(r() * 256) - 128);
};

/** Output bytes on both backends (must agree) and the WASM memory the model needs. */
function both(bytes, inputs) {
  const js = new Interpreter(readTflite(bytes)),
    be = new WasmBackend(),
    wasm = new Interpreter(readTflite(bytes), be);
  assert.is(sha256(wasm.run(inputs)), sha256(js.run(inputs)), 'WASM bytes differ from the JS reference');
  return be.buffer.byteLength;
}

function fcModel(N, K, M, quant) {
  const g = new GraphBuilder();
  const x = g.input('x', [M, K]);
  let w;
  if (quant === 'f32') w = g.constF32('w', [N, K], rand(N * K, 3));
  else {
    const spec =
      quant === 'tensor'
        ? { scale: [0.0123], zeroPoint: [-7], quantizedDimension: 0 }
        : {
            scale: Array.from({ length: N }, (_, i) => Math.fround(0.001 + 0.002 * i)),
            zeroPoint: Array.from({ length: N }, (_, i) => (i % 5) - 2),
            quantizedDimension: 0,
          };
    const q = g.constI8('wq', [N, K], randQ(N * K, 4), spec);
    w = g.tensor('w', [N, K]);
    g.op('DEQUANTIZE', [q], [w]);
  }
  const y = g.tensor('y', [M, N]);
  g.op('FULLY_CONNECTED', [x, w, g.constF32('b', [N], rand(N, 5))], [y], { fused_activation_function: 1 });
  g.output(y);
  return { bytes: g.finish('fc'), inputs: [rand(M * K, 6)] };
}

test('FULLY_CONNECTED after DEQUANTIZE: per-channel and per-tensor scales, non-zero zero points, odd sizes', () => {
  for (const quant of ['channel', 'tensor'])
    for (const [N, K, M] of [
      [13, 7, 5],
      [64, 200, 9],
      [3, 1, 1],
    ]) {
      const { bytes, inputs } = fcModel(N, K, M, quant);
      both(bytes, inputs);
    }
});

test('1-D CONV_2D after DEQUANTIZE (SAME, k7): same bytes, int8 weights kept', () => {
  const build = (narrow) => {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 40, 1, 24]);
    let w;
    if (narrow) {
      const q = g.constI8PerChannel('wq', [20, 7, 1, 24], rand(20 * 7 * 24, 7, -0.5, 0.5), 0);
      w = g.tensor('w', [20, 7, 1, 24]);
      g.op('DEQUANTIZE', [q], [w]);
    } else w = g.constF32('w', [20, 7, 1, 24], rand(20 * 7 * 24, 7, -0.5, 0.5));
    const y = g.tensor('y', [1, 40, 1, 20]);
    g.op('CONV_2D', [x, w, g.constF32('b', [20], rand(20, 8))], [y], { padding: 0, stride_h: 1, stride_w: 1 });
    g.output(y);
    return g.finish('conv');
  };
  const inputs = [rand(40 * 24, 9)];
  both(build(true), inputs);
  both(build(false), inputs);
});

// The variants of the bundled weights: int8 weight-only (DEQUANTIZE) and the bundled integer file.
const weights = readSafetensors(
  new Uint8Array(readFileSync(new URL('../models/boundary.safetensors', import.meta.url))),
);
const weightOnly = buildBoundaryGraph(weights, 'int8');
const bundled = new Uint8Array(readFileSync(new URL('../models/boundary_int8.tflite', import.meta.url)));
const f32 = new Uint8Array(readFileSync(new URL('../models/boundary_f32.tflite', import.meta.url)));

test('int8 weights stay narrow in WASM memory: int8 panels (weight-only), int16 pair panels (integer)', () => {
  const x = [rand(2500, 11, -1, 1)];
  const mf = both(f32, x),
    mw = both(weightOnly, x),
    mi = both(bundled, x);
  // ≈ 0.99 M weights: 4 bytes each as floats, 1 as int8 panels, 2 as the integer GEMM's int16 pair panels.
  assert.ok(mf - mw > 2.5e6, `WASM memory: weight-only ${mw} bytes, float32 ${mf} bytes`);
  assert.ok(mf - mi > 1.5e6, `WASM memory: integer ${mi} bytes, float32 ${mf} bytes`);
});

test('after loading, the JS side keeps no copy of weights the WASM backend packed', () => {
  const constBytes = (it) => it.tensors.filter((t) => t.isConst).reduce((s, t) => s + t.data.byteLength, 0);
  const x = [rand(2500, 12, -1, 1)];
  for (const [name, bytes, lo, hi] of [
    // JS backend: the weight-only file keeps the float weights its kernels read (4 bytes × ≈ 1.05 M with the
    // positional table), not the int8 sources of the folded DEQUANTIZEs; the integer file keeps the int8 weights
    // (1 byte each) and its float biases and positional table.
    ['weight-only', weightOnly, 3.5e6, 4.6e6],
    ['integer', bundled, 1.0e6, 1.6e6],
  ]) {
    const wasm = new Interpreter(readTflite(bytes), new WasmBackend()),
      js = new Interpreter(readTflite(bytes));
    assert.ok(constBytes(wasm) < 64 * 1024, `${name} wasm: ${constBytes(wasm)} bytes of constants kept`);
    assert.ok(constBytes(js) > lo && constBytes(js) < hi, `${name} js: ${constBytes(js)} bytes of constants kept`);
    assert.is(sha256(wasm.run(x)), sha256(js.run(x)));
  }
});

test.run();
