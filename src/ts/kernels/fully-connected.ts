// FULLY_CONNECTED: y[m, n] = act(Σ_k x[m, k]·W[n, k] + b[n]).
// Float path numerics: acc = 0; for k = 0..K−1: acc = f32(acc + f32(x·w)); y = f32(acc + b).
//   (k strictly ascending in one chain per output; the bias is added last.)
// Hybrid path (int8 weights read directly, no DEQUANTIZE): activations are quantised per row as LiteRT.js/XNNPACK
//   do (dynamic-quant.ts), then y = f32(f32(f32(Σ (q − zp)·w) · s) · wscale[n]) + b[n]  (integer sum exact).
import { fround as f } from './f32.js';
import { applyActivation, checkActivation } from './activation.js';
import { type Kernel, input, fail, sizeOf, expectType } from '../engine/tensor.js';
import { TensorType } from '../tflite/schema.js';
import { quantizeSpan, dot4 } from './dynamic-quant.js';

/** Per-output-channel weight scales of int8 (hybrid) weights; null for float weights. */
export interface FullyConnectedState {
  kind: 'fully-connected';
  scales: Float32Array | null;
}

export const FullyConnected: Kernel<FullyConnectedState> = {
  prepare(ctx) {
    const x = input(ctx, 0),
      w = input(ctx, 1),
      b = ctx.inputs[2];
    expectType(ctx, x, [TensorType.FLOAT32], 'input');
    expectType(ctx, w, [TensorType.FLOAT32, TensorType.INT8], 'weights');
    if (ctx.op.options.weights_format) fail(ctx, 'shuffled weights format is not supported');
    checkActivation(ctx.op.options.fused_activation_function, `operator ${ctx.op.index}`);
    if (w.shape.length !== 2) fail(ctx, `weights must be 2-D, got [${w.shape}]`);
    const [N, K] = w.shape;
    const total = sizeOf(x.shape);
    if (K === 0 || total % K !== 0) fail(ctx, `input [${x.shape}] is not a multiple of the weights' depth ${K}`);
    if (b && (b.type !== TensorType.FLOAT32 || sizeOf(b.shape) !== N)) fail(ctx, `bias must be float32 of ${N} values`);
    if (w.type === TensorType.INT8) {
      if (!w.isConst || !w.quant) fail(ctx, 'int8 weights must be a quantised constant');
      const sc = w.quant.scale;
      if (sc.length !== 1 && sc.length !== N) fail(ctx, `weights have ${sc.length} scales for ${N} output channels`);
      if (w.quant.zeroPoint.some((z) => z !== 0)) fail(ctx, 'int8 weights must be symmetric (zero point 0)');
      const scales = new Float32Array(N);
      for (let n = 0; n < N; n++) scales[n] = sc.length === 1 ? sc[0] : sc[n];
      ctx.state = { kind: 'fully-connected', scales };
    } else ctx.state = { kind: 'fully-connected', scales: null };
    const M = total / K;
    // keep_num_dims keeps the leading axes, so the last one must be the depth (else rows ≠ M).
    if (ctx.op.options.keep_num_dims && x.shape[x.shape.length - 1] !== K)
      fail(
        ctx,
        `keep_num_dims needs the input's last axis ${x.shape[x.shape.length - 1]} to equal the weights' depth ${K}`,
      );
    return [ctx.op.options.keep_num_dims ? x.shape.slice(0, -1).concat([N]) : [M, N]];
  },
  run(ctx) {
    const x = ctx.inputs[0]!.data as Float32Array,
      w = ctx.inputs[1]!,
      bt = ctx.inputs[2];
    const y = ctx.outputs[0].data as Float32Array;
    const [N, K] = w.shape;
    const M = x.length / K;
    const b = bt ? (bt.data as Float32Array) : null;
    if (w.type === TensorType.INT8) hybrid(x, w.data as Int8Array, ctx.state.scales!, b, y, M, N, K);
    else {
      const wd = w.data as Float32Array;
      if (NATIVE_FROUND) floatChainsFround(x, wd, b, y, M, N, K);
      else floatChainsStore(x, wd, b, y, M, N, K);
    }
    applyActivation(ctx.op.options.fused_activation_function, y);
  },
};

/** Whether Math.fround is native (a JIT keeps fround chains in registers; stores to memory are slower there). */
const NATIVE_FROUND = typeof (Math as any).fround === 'function';

/**
 * The float path, y[m, n] = f32(Σ_k↑ f32(x·w) + b), four outputs at a time: four independent chains hide the
 * latency of each rounding; every output still runs exactly its own chain over k ascending. Two spellings of the
 * same numbers: fround calls (engines with a native Math.fround) and stores into Float32Arrays
 * (acc[j] += p[j] is f32(acc + f32(x·w)): the sum taken in double, rounded once, as fround(acc + fround(x·w)) is),
 * for interpreters without a JIT (Duktape), where each call costs ~1 µs. test/kernel-tails.test.mjs and the
 * Duktape conformance run hold them equal.
 */
export function floatChainsFround(
  x: Float32Array,
  wd: Float32Array,
  b: Float32Array | null,
  y: Float32Array,
  M: number,
  N: number,
  K: number,
): void {
  for (let m = 0; m < M; m++) {
    const xo = m * K;
    let n = 0;
    for (; n + 4 <= N; n += 4) {
      const w0 = n * K,
        w1 = w0 + K,
        w2 = w1 + K,
        w3 = w2 + K;
      let a0 = 0,
        a1 = 0,
        a2 = 0,
        a3 = 0;
      for (let k = 0; k < K; k++) {
        const xv = x[xo + k];
        a0 = f(a0 + f(xv * wd[w0 + k]));
        a1 = f(a1 + f(xv * wd[w1 + k]));
        a2 = f(a2 + f(xv * wd[w2 + k]));
        a3 = f(a3 + f(xv * wd[w3 + k]));
      }
      const yo = m * N + n;
      y[yo] = b ? f(a0 + b[n]) : a0;
      y[yo + 1] = b ? f(a1 + b[n + 1]) : a1;
      y[yo + 2] = b ? f(a2 + b[n + 2]) : a2;
      y[yo + 3] = b ? f(a3 + b[n + 3]) : a3;
    }
    for (; n < N; n++) {
      const wo = n * K;
      let acc = 0;
      for (let k = 0; k < K; k++) acc = f(acc + f(x[xo + k] * wd[wo + k]));
      y[m * N + n] = b ? f(acc + b[n]) : acc;
    }
  }
}

/** floatChainsFround's numbers with the roundings as stores (see there). */
export function floatChainsStore(
  x: Float32Array,
  wd: Float32Array,
  b: Float32Array | null,
  y: Float32Array,
  M: number,
  N: number,
  K: number,
): void {
  const p = new Float32Array(4),
    acc = new Float32Array(4);
  for (let m = 0; m < M; m++) {
    const xo = m * K;
    let n = 0;
    for (; n + 4 <= N; n += 4) {
      const w0 = n * K,
        w1 = w0 + K,
        w2 = w1 + K,
        w3 = w2 + K;
      acc[0] = acc[1] = acc[2] = acc[3] = 0;
      for (let k = 0; k < K; k++) {
        const xv = x[xo + k];
        p[0] = xv * wd[w0 + k];
        p[1] = xv * wd[w1 + k];
        p[2] = xv * wd[w2 + k];
        p[3] = xv * wd[w3 + k];
        acc[0] += p[0];
        acc[1] += p[1];
        acc[2] += p[2];
        acc[3] += p[3];
      }
      const yo = m * N + n; // y is float32: each store rounds the bias sum
      y[yo] = b ? acc[0] + b[n] : acc[0];
      y[yo + 1] = b ? acc[1] + b[n + 1] : acc[1];
      y[yo + 2] = b ? acc[2] + b[n + 2] : acc[2];
      y[yo + 3] = b ? acc[3] + b[n + 3] : acc[3];
    }
    for (; n < N; n++) {
      const wo = n * K;
      acc[0] = 0;
      for (let k = 0; k < K; k++) {
        p[0] = x[xo + k] * wd[wo + k];
        acc[0] += p[0];
      }
      y[m * N + n] = b ? acc[0] + b[n] : acc[0];
    }
  }
}

function hybrid(
  x: Float32Array,
  w: Int8Array,
  scales: Float32Array,
  b: Float32Array | null,
  y: Float32Array,
  M: number,
  N: number,
  K: number,
): void {
  const q = new Int32Array(K);
  const acc = new Float64Array(4);
  const r = new Float32Array(1); // f32 rounding by a store: dequantize()'s f32(f32(acc·s)·wscale) without the calls
  for (let m = 0; m < M; m++) {
    const s = quantizeSpan(x, m * K, K, q, 0);
    for (let n = 0; n < N; n += 4) {
      const cols = Math.min(4, N - n);
      dot4(q, 0, w, n * K, K, K, cols, acc);
      for (let j = 0; j < cols; j++) {
        r[0] = acc[j] * s;
        r[0] = r[0] * scales[n + j];
        y[m * N + n + j] = b ? r[0] + b[n + j] : r[0]; // y is float32: the store rounds the sum
      }
    }
  }
}
