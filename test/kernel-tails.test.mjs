// Tile-tail sweep of the GEMM-shaped kernels, in the spirit of XNNPACK's microkernel testers: FULLY_CONNECTED
// (float, int8 behind DEQUANTIZE, hybrid int8), 1-D CONV_2D and the fused attention pattern over sizes from 1 to past
// the WASM tiles (4 rows × 8 columns, 16 attention rows). For every shape the WASM backend must give the JS reference's
// bits, and the JS reference must agree with a float64 evaluation of the same formula (so both cannot be wrong alike).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadModelSync } from '../dist/index.js';
import { GraphBuilder } from '../build/tools/convert/tflite-writer.js';
import { Interpreter } from '../dist/engine/interpreter.js';
import { readTflite } from '../dist/tflite/model.js';
import { WasmBackend } from '../dist/wasm/backend.js';
import { NUMERICS_METADATA, DYNAMIC_INT8_MATMUL } from '../dist/engine/numerics.js';
import { floatChainsFround, floatChainsStore } from '../dist/kernels/fully-connected.js';

let seed = 7;
const rnd = (n) =>
  Float32Array.from({ length: n }, () => {
    seed = (Math.imul(seed, 1103515245) + 12345) | 0;
    return ((seed >>> 8) / 16777216) * 2 - 1;
  });
const bits = (a) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));

/** Runs `bytes` with `inputs` on both backends; asserts every op has its WASM step and equal bits; returns the JS
 * output. */
function both(bytes, inputs, what) {
  const plan = new Interpreter(readTflite(bytes), new WasmBackend()).plan();
  assert.ok(!plan.some((p) => p.endsWith('(js)')), `${what}: every op runs in WASM, got ${plan}`);
  const js = loadModelSync(bytes, { backend: 'js' }).run(inputs)[0];
  const wasm = loadModelSync(bytes, { backend: 'wasm' }).run(inputs)[0];
  assert.equal(bits(wasm), bits(js), what);
  return js;
}
/** softmax(0.5 · Q·Kᵀ)·V per head in float64 (the float reference of the attention tests). */
function attention64(Q, K, V, Hh, L, S, D, Dv) {
  const want = new Float64Array(Hh * L * Dv);
  for (let h = 0; h < Hh; h++)
    for (let l = 0; l < L; l++) {
      const s = [];
      for (let j = 0; j < S; j++) {
        let d = 0;
        for (let c = 0; c < D; c++) d += Q[(h * L + l) * D + c] * K[(h * S + j) * D + c];
        s.push(0.5 * d);
      }
      const mx = Math.max(...s);
      const e = s.map((z) => Math.exp(z - mx));
      const tot = e.reduce((x, z) => x + z, 0);
      for (let c = 0; c < Dv; c++) {
        let acc = 0;
        for (let j = 0; j < S; j++) acc += (e[j] / tot) * V[(h * S + j) * Dv + c];
        want[(h * L + l) * Dv + c] = acc;
      }
    }
  return want;
}
function close(got, want, what) {
  for (let i = 0; i < want.length; i++) {
    const tol = 1e-5 * (1 + Math.abs(want[i]));
    if (!(Math.abs(got[i] - want[i]) <= tol)) assert.unreachable(`${what}: [${i}] ${got[i]} vs ${want[i]}`);
  }
}

test('FULLY_CONNECTED: M 1–9 × N 1–17 × K 1–17, float / int8+DEQUANTIZE / hybrid weights', () => {
  let shapes = 0;
  for (const M of [1, 2, 3, 4, 5, 7, 8, 9])
    for (const N of [1, 2, 3, 5, 7, 8, 9, 15, 16, 17])
      for (const K of [1, 2, 3, 7, 8, 9, 16, 17])
        for (const mode of ['f32', 'deq', 'hybrid']) {
          const W = rnd(N * K);
          const B = rnd(N);
          const g = new GraphBuilder();
          const x = g.input('x', [M, K]);
          let w;
          if (mode === 'f32') w = g.constF32('w', [N, K], W);
          else {
            const q = g.constI8PerChannel('w', [N, K], W, 0);
            if (mode === 'hybrid') w = q;
            else {
              w = g.tensor('wd', [N, K]);
              g.op('DEQUANTIZE', [q], [w]);
            }
          }
          const y = g.tensor('y', [M, N]);
          g.op('FULLY_CONNECTED', [x, w, g.constF32('b', [N], B)], [y], {}, mode === 'hybrid' ? 9 : 1);
          g.output(y);
          const X = rnd(M * K);
          const out = both(g.finish('fc'), [X], `fc ${mode} M${M} N${N} K${K}`);
          if (mode === 'f32') {
            const want = new Float64Array(M * N);
            for (let m = 0; m < M; m++)
              for (let n = 0; n < N; n++) {
                let s = 0;
                for (let k = 0; k < K; k++) s += X[m * K + k] * W[n * K + k];
                want[m * N + n] = s + B[n];
              }
            close(out, want, `fc M${M} N${N} K${K}`);
          }
          shapes++;
        }
  assert.is(shapes, 8 * 10 * 8 * 3);
});

test('CONV_2D over one axis (k×1 filters, SAME): H 1–9, channels 1–9, outputs 1–17, kernel 1–7, float / hybrid', () => {
  let shapes = 0;
  for (const H of [1, 2, 3, 5, 8, 9])
    for (const C of [1, 3, 8, 9])
      for (const O of [1, 7, 8, 9, 17])
        for (const KH of [1, 3, 7])
          for (const mode of ['f32', 'hybrid']) {
            const W = rnd(O * KH * C);
            const B = rnd(O);
            const g = new GraphBuilder();
            const x = g.input('x', [1, H, 1, C]);
            const y = g.tensor('y', [1, H, 1, O]);
            const opts = { padding: 0, stride_w: 1, stride_h: 1, dilation_w_factor: 1, dilation_h_factor: 1 };
            const w =
              mode === 'f32' ? g.constF32('w', [O, KH, 1, C], W) : g.constI8PerChannel('w', [O, KH, 1, C], W, 0);
            g.op('CONV_2D', [x, w, g.constF32('b', [O], B)], [y], opts);
            g.output(y);
            const X = rnd(H * C);
            const what = `conv ${mode} H${H} C${C} O${O} K${KH}`;
            const out = both(g.finish('conv'), [X], what);
            const pad = (KH - 1) >> 1;
            // Hybrid: the float64 value within the quantisation error bound — input step s = range/255 on each
            // term (s·Σ|w|) plus the weights' half step (max|w|/254 per term on |x| ≤ 1).
            const range = Math.max(0, ...X) - Math.min(0, ...X);
            for (let h = 0; h < H; h++)
              for (let o = 0; o < O; o++) {
                let s = B[o],
                  bound = 0;
                for (let ky = 0; ky < KH; ky++) {
                  const hi = h + ky - pad;
                  if (hi < 0 || hi >= H) continue;
                  for (let c = 0; c < C; c++) {
                    const wv = W[(o * KH + ky) * C + c];
                    s += X[hi * C + c] * wv;
                    bound += (range / 255) * Math.abs(wv) + 1 / 254;
                  }
                }
                const got = out[h * O + o];
                const tol = mode === 'f32' ? 1e-5 * (1 + Math.abs(s)) : bound + 1e-5;
                if (!(Math.abs(got - s) <= tol)) assert.unreachable(`${what}: [${h},${o}] ${got} vs ${s}`);
              }
            shapes++;
          }
  assert.is(shapes, 6 * 4 * 5 * 3 * 2);
});

test('fused attention (BATCH_MATMUL → SOFTMAX → BATCH_MATMUL): query and key rows 1–33, widths 1–9, 1–2 heads', () => {
  for (const Hh of [1, 2])
    for (const L of [1, 3, 15, 16, 17, 33])
      for (const S of [1, 2, 7, 8, 9, 17])
        for (const D of [1, 3, 8, 9]) {
          const Dv = D === 1 ? 2 : D;
          const g = new GraphBuilder();
          const q = g.input('q', [1, Hh, L, D]);
          const k = g.input('k', [1, Hh, S, D]);
          const v = g.input('v', [1, Hh, S, Dv]);
          const sc = g.tensor('scores', [1, Hh, L, S]);
          g.op('BATCH_MATMUL', [q, k], [sc], { adj_y: true });
          const p = g.tensor('probs', [1, Hh, L, S]);
          g.op('SOFTMAX', [sc], [p], { beta: 0.5 });
          const y = g.tensor('y', [1, Hh, L, Dv]);
          g.op('BATCH_MATMUL', [p, v], [y], {});
          g.output(y);
          const [Q, K, V] = [rnd(Hh * L * D), rnd(Hh * S * D), rnd(Hh * S * Dv)];
          const bytes = g.finish('att');
          const js = new Interpreter(readTflite(bytes));
          const wasm = new Interpreter(readTflite(bytes), new WasmBackend());
          assert.equal(wasm.plan(), ['ATTENTION (wasm)'], 'the fused kernel runs'); // not three ops one by one
          const a = js.run([Q, K, V])[0];
          const b = wasm.run([Q, K, V])[0];
          assert.equal(bits(b), bits(a), `attention H${Hh} L${L} S${S} D${D}`);
          const want = attention64(Q, K, V, Hh, L, S, D, Dv);
          close(a, want, `attention H${Hh} L${L} S${S} D${D}`);
        }
});

test('fused attention in dynamic int8 numerics (the model hint): same sizes, WASM bits = JS bits, ≈ float64', () => {
  let differs = 0,
    cases = 0;
  for (const Hh of [1, 2])
    for (const L of [1, 3, 16, 17, 33])
      for (const S of [1, 2, 7, 9, 17])
        for (const D of [1, 3, 8, 9]) {
          const Dv = D === 1 ? 2 : D;
          const g = new GraphBuilder();
          const q = g.input('q', [1, Hh, L, D]);
          const k = g.input('k', [1, Hh, S, D]);
          const v = g.input('v', [1, Hh, S, Dv]);
          const sc = g.tensor('scores', [1, Hh, L, S]);
          g.op('BATCH_MATMUL', [q, k], [sc], { adj_y: true });
          const p = g.tensor('probs', [1, Hh, L, S]);
          g.op('SOFTMAX', [sc], [p], { beta: 0.5 });
          const y = g.tensor('y', [1, Hh, L, Dv]);
          g.op('BATCH_MATMUL', [p, v], [y], {});
          g.output(y);
          g.metadata(NUMERICS_METADATA, new TextEncoder().encode(DYNAMIC_INT8_MATMUL));
          const [Q, K, V] = [rnd(Hh * L * D), rnd(Hh * S * D), rnd(Hh * S * Dv)];
          const bytes = g.finish('att-int');
          const js = new Interpreter(readTflite(bytes));
          const wasm = new Interpreter(readTflite(bytes), new WasmBackend());
          assert.equal(wasm.plan(), ['ATTENTION (wasm)'], 'the fused integer kernel runs');
          const a = js.run([Q, K, V])[0];
          const b = wasm.run([Q, K, V])[0];
          assert.equal(bits(b), bits(a), `int attention H${Hh} L${L} S${S} D${D}`);
          const fl = new Interpreter(readTflite(bytes), null, 'float').run([Q, K, V])[0];
          if (bits(fl).join() !== bits(a).join()) differs++;
          // Against float64: scores and probabilities each carry at most half a quantisation step per term.
          const want = attention64(Q, K, V, Hh, L, S, D, Dv);
          for (let i = 0; i < want.length; i++)
            if (!(Math.abs(a[i] - want[i]) <= 0.03)) assert.unreachable(`int attention [${i}] ${a[i]} vs ${want[i]}`);
          cases++;
        }
  assert.ok(differs > cases / 2, `the hint changes the numerics (${differs}/${cases} outputs differ from float)`);
});

test('hybrid FC and CONV on hostile rows (NaN, ±∞, 1e38, all zero, one spike): WASM bits = JS bits', () => {
  const rows = [
    [NaN, 1, 2, 3, 4, 5, 6, 7, 8],
    [Infinity, 1, 2, 3, 4, 5, 6, 7, 8],
    [-Infinity, 1, -2, 3, 4, 5, 6, 7, 8],
    [Infinity, -Infinity, 0, 0, 0, 0, 0, 0, 0],
    [1e38, -1e38, 3e38, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 0, 0, 0, 0, 0],
    [0, 0, 0, 0, 1e-30, 0, 0, 0, 0],
    [-1, -2, -3, -4, -5, -6, -7, -8, -9],
  ];
  const K = 9,
    N = 11;
  for (const M of [1, 5, 8]) {
    const X = new Float32Array(M * K);
    for (let m = 0; m < M; m++) X.set(rows[(m * 3) % rows.length], m * K);
    const g = new GraphBuilder();
    const x = g.input('x', [M, K]);
    const y = g.tensor('y', [M, N]);
    g.op(
      'FULLY_CONNECTED',
      [x, g.constI8PerChannel('w', [N, K], rnd(N * K), 0), g.constF32('b', [N], rnd(N))],
      [y],
      {},
      9,
    );
    g.output(y);
    both(g.finish('fc'), [X], `hostile hybrid fc M${M}`);
  }
  for (const r of rows) {
    const g = new GraphBuilder();
    const x = g.input('x', [1, 3, 1, 3]);
    const y = g.tensor('y', [1, 3, 1, 5]);
    const opts = { padding: 0, stride_w: 1, stride_h: 1, dilation_w_factor: 1, dilation_h_factor: 1 };
    g.op(
      'CONV_2D',
      [x, g.constI8PerChannel('w', [5, 3, 1, 3], rnd(45), 0), g.constF32('b', [5], rnd(5))],
      [y],
      opts,
      5,
    );
    g.output(y);
    both(g.finish('conv'), [Float32Array.from(r)], `hostile hybrid conv ${r}`);
  }
});

test('float FC: the fround spelling and the store spelling (Duktape) give the same bits, M 1–5 × N 1–9 × K 1–33', () => {
  const odd = [0, -0, 1e38, -1e38, 3e-39, -1e-45, 65504, 1 / 3, NaN, Infinity];
  for (let M = 1; M <= 5; M++)
    for (let N = 1; N <= 9; N++)
      for (let K = 1; K <= 33; K += 4) {
        const x = rnd(M * K),
          w = rnd(N * K),
          b = rnd(N);
        for (let i = 0; i < x.length; i += 7) x[i] = odd[i % odd.length] * (i % 3 ? 1 : 1e-3);
        for (let i = 0; i < w.length; i += 11) w[i] *= 1e20;
        for (const bias of [b, null]) {
          const y1 = new Float32Array(M * N),
            y2 = new Float32Array(M * N);
          floatChainsFround(x, w, bias, y1, M, N, K);
          floatChainsStore(x, w, bias, y2, M, N, K);
          assert.equal(bits(y2), bits(y1), `M ${M} N ${N} K ${K} bias ${!!bias}`);
        }
      }
});

test.run();
