// Dynamic (per-run) quantisation of float activations for the hybrid int8-weight kernels
// (fully-connected.ts per row, conv-2d.ts per batch element), the LiteRT.js/XNNPACK formula (specification §10):
//   mn = min(0, min x); mx = max(0, max x); s = f32(f32(mx − mn) / 255)
//   zp = clamp(rne(f32(−128 − f32(mn / s))), −128, 127); q = clamp(rne(f32(x / s)) + zp, −128, 127)
// The kernels use q − zp ∈ [−255, 255], an exact integer, so their sums Σ (q − zp)·w are exact in any order.
// A span whose s is not positive quantises to zeros; NaN inputs (and a NaN zero point) store as 0 in the
// Int32Array. The WASM twin is src/as/hybrid.ts.
import { fround as f } from './f32.js';
import { rne } from '../es5.js';

/** Writes q − zp of x[from .. from+n) to q[at .. at+n); returns the scale s. */
export function quantizeSpan(x: Float32Array, from: number, n: number, q: Int32Array, at: number): number {
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
  for (let k = 0; k < n; k++) {
    let v = rne(f(x[from + k] / s)) + zp;
    v = v < -128 ? -128 : v > 127 ? 127 : v;
    q[at + k] = v - zp;
  }
  return s;
}

/** The epilogue of a hybrid kernel's output: f32(f32(acc·s)·wscale), exact integer acc. */
export function dequantize(acc: number, s: number, wscale: number): number {
  return f(f(acc * s) * wscale);
}
