// Dynamic (per-run) quantisation of float activations for the hybrid int8-weight kernels
// (fully-connected.ts per row, conv-2d.ts per batch element), the LiteRT.js/XNNPACK formula (specification §10):
//   mn = min(0, min x); mx = max(0, max x); s = f32(f32(mx − mn) / 255)
//   zp = clamp(rne(f32(−128 − f32(mn / s))), −128, 127); q = clamp(rne(f32(x / s)) + zp, −128, 127)
// (the dynamic int8 BATCH_MATMUL hint multiplies by f32(1/s) instead of dividing: see quantizeSpan)
// The kernels use q − zp ∈ [−255, 255], an exact integer, so their sums Σ (q − zp)·w are exact in any order.
// A span whose s is not positive quantises to zeros; NaN inputs (and a NaN zero point) store as 0 in the
// Int32Array. The WASM twin is src/as/hybrid.ts.
import { fround as f } from './f32.js';
import { rne } from '../es5.js';

/**
 * Writes q − zp of x[from .. from+n) to q[at .. at+n); returns the scale s. `reciprocal`: q = rne(f32(x · f32(1/s)))
 * instead of rne(f32(x / s)) — the numerics of the dynamic int8 BATCH_MATMUL hint (engine/numerics.ts), one multiply
 * per value where LiteRT's formula (hybrid FULLY_CONNECTED / CONV_2D) divides.
 */
/** Scratch for f32 rounding by a store. */
const ROUND = new Float32Array(1);

export function quantizeSpan(
  x: Float32Array,
  from: number,
  n: number,
  q: Int32Array,
  at: number,
  reciprocal = false,
): number {
  let mn = 0,
    mx = 0;
  for (let k = 0; k < n; k++) {
    const v = x[from + k];
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  const s = f(f(mx - mn) / 255);
  if (!(s > 0)) {
    for (let k = 0; k < n; k++) q[at + k] = 0;
    return s;
  }
  let zp = rne(f(-128 - f(mn / s)));
  zp = zp < -128 ? -128 : zp > 127 ? 127 : zp;
  const inv = f(1 / s);
  // Per element: v = rne(f32(x / s)) (or f32(x · inv)) + zp, clamped. The f32 rounding is a store into ROUND and
  // rne is written out: the same numbers as fround and rne() (es5.ts), without two calls per element, which an
  // interpreter without a JIT (Duktape) pays ~1 µs each for.
  const r = ROUND;
  for (let k = 0; k < n; k++) {
    r[0] = reciprocal ? x[from + k] * inv : x[from + k] / s;
    const t = r[0];
    let v = Math.round(t);
    if (v - t === 0.5 && v % 2 !== 0) v -= 1; // round half to even
    v += zp;
    v = v < -128 ? -128 : v > 127 ? 127 : v;
    q[at + k] = v - zp;
  }
  return s;
}

/** The epilogue of a hybrid kernel's output: f32(f32(acc·s)·wscale), exact integer acc. */
export function dequantize(acc: number, s: number, wscale: number): number {
  return f(f(acc * s) * wscale);
}

/**
 * Exact integer dot products of q[qo .. qo+K) with `cols` (≤ 4) weight rows w[wo + j·ws ..], into acc[0..cols).
 * Four rows share each q load; sums of integers below 2^53 are exact in float64 in any order.
 */
export function dot4(
  q: Int32Array,
  qo: number,
  w: Int8Array | Int32Array,
  wo: number,
  ws: number,
  K: number,
  cols: number,
  acc: Float64Array,
): void {
  let a0 = 0,
    a1 = 0,
    a2 = 0,
    a3 = 0;
  if (cols === 4) {
    const w1 = wo + ws,
      w2 = w1 + ws,
      w3 = w2 + ws;
    for (let k = 0; k < K; k++) {
      const v = q[qo + k];
      a0 += v * w[wo + k];
      a1 += v * w[w1 + k];
      a2 += v * w[w2 + k];
      a3 += v * w[w3 + k];
    }
  } else
    for (let j = 0; j < cols; j++) {
      let a = 0;
      for (let k = 0; k < K; k++) a += q[qo + k] * w[wo + j * ws + k];
      if (j === 0) a0 = a;
      else if (j === 1) a1 = a;
      else a2 = a;
    }
  acc[0] = a0;
  acc[1] = a1;
  acc[2] = a2;
  acc[3] = a3;
}
