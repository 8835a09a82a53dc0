// Dynamic quantisation of float activations for the integer GEMM (gemm-int.ts): the numerics of
// src/ts/kernels/dynamic-quant.ts. A span of n floats (a row of a FULLY_CONNECTED input, or a whole
// CONV_2D input) becomes asymmetric int8 by the LiteRT.js/XNNPACK formula (specification §10):
//   mn = min(0, min x); mx = max(0, max x); s = f32(f32(mx − mn) / 255)
//   zp = clamp(nearest(f32(−128 − f32(mn / s))), −128, 127)
//   q_k = clamp(nearest(f32(x_k / s)) + zp, −128, 127) − zp          (nearest = ties to even)
// stored as int16 (q − zp lies in [−255, 255]); s is stored as the span's scale. A span whose s is not
// positive or whose zero point is NaN (±∞ inputs) quantises to zeros, as the JS kernel's Int32Array store does.
// The dynamic int8 BATCH_MATMUL hint multiplies by f32(1/s) instead of dividing (recip).

/** Quantises n floats at x into int16 at q; returns the scale s. Four lanes at a time, the same values as the scalar
 * formula: pmin/pmax take exactly the scalar updates (a NaN is never taken) and min/max do not depend on order;
 * clamp(v + zp, −128, 127) − zp is computed as clamp(v, −128 − zp, 127 − zp), which cannot overflow; a NaN lane
 * truncates to 0, a ±∞ lane saturates — as toI32 below. */
function quantizeSpan(x: usize, n: i32, q: usize, recip: bool): f32 {
  let mnv = f32x4.splat(0), mxv = f32x4.splat(0);
  let k = 0;
  for (; k + 4 <= n; k += 4) {
    const v = v128.load(x + (<usize>k << 2));
    mnv = f32x4.pmin(mnv, v);
    mxv = f32x4.pmax(mxv, v);
  }
  let mn: f32 = 0, mx: f32 = 0;
  for (let l = 0; l < 4; l++) {
    const a = f32x4.extract_lane(mnv, 0), b = f32x4.extract_lane(mxv, 0);
    mnv = v128.shuffle<f32>(mnv, mnv, 1, 2, 3, 0);
    mxv = v128.shuffle<f32>(mxv, mxv, 1, 2, 3, 0);
    if (a < mn) mn = a;
    if (b > mx) mx = b;
  }
  for (; k < n; k++) {
    const v = load<f32>(x + (<usize>k << 2));
    if (v < mn) mn = v;
    if (v > mx) mx = v;
  }
  const s: f32 = (mx - mn) / <f32>255;
  const zpf = nearest<f32>(<f32>-128 - mn / s);
  if (!(s > 0) || zpf != zpf) {
    memory.fill(q, 0, <usize>n << 1);
    return s;
  }
  let zp = toI32(zpf);
  zp = zp < -128 ? -128 : zp > 127 ? 127 : zp;
  const lo = -128 - zp, hi = 127 - zp;
  const inv: f32 = <f32>1 / s;
  const sv = f32x4.splat(s), iv = f32x4.splat(inv), lov = i32x4.splat(lo), hiv = i32x4.splat(hi);
  k = 0;
  // Two loops so the choice stays out of the hot loop; one body (store8).
  if (recip)
    for (; k + 8 <= n; k += 8) {
      const p = x + (<usize>k << 2);
      store8(q + (<usize>k << 1), f32x4.mul(v128.load(p), iv), f32x4.mul(v128.load(p + 16), iv), lov, hiv);
    }
  else
    for (; k + 8 <= n; k += 8) {
      const p = x + (<usize>k << 2);
      store8(q + (<usize>k << 1), f32x4.div(v128.load(p), sv), f32x4.div(v128.load(p + 16), sv), lov, hiv);
    }
  for (; k < n; k++) {
    const xv = load<f32>(x + (<usize>k << 2));
    let v = toI32(nearest<f32>(recip ? xv * inv : xv / s));
    v = v < lo ? lo : v > hi ? hi : v;
    store<i16>(q + (<usize>k << 1), <i16>v);
  }
  return s;
}

/**
 * Per row: rows of K floats (row m at x + 4·m·K) → row m of q at q + 2·m·ldq, zeros in [K, ldq); scale[m] = s.
 * recip: the reciprocal-multiply variant of the BATCH_MATMUL hint.
 */
export function quantizeRows(x: usize, M: i32, K: i32, q: usize, ldq: i32, scale: usize, recip: i32): void {
  for (let m = 0; m < M; m++) {
    const qr = q + (<usize>(m * ldq) << 1);
    store<f32>(scale + (<usize>m << 2), quantizeSpan(x + (<usize>(m * K) << 2), K, qr, recip != 0));
    if (ldq > K) memory.fill(qr + (<usize>K << 1), 0, <usize>(ldq - K) << 1);
  }
}

/** Per tensor: `before` zeros, the n floats at x as int16, `after` zeros, from q on; scale[0] = s. */
export function quantizeTensor(x: usize, n: i32, q: usize, before: i32, after: i32, scale: usize): void {
  memory.fill(q, 0, <usize>before << 1);
  const body = q + (<usize>before << 1);
  store<f32>(scale, quantizeSpan(x, n, body, false));
  memory.fill(body + (<usize>n << 1), 0, <usize>after << 1);
}

/** Eight scaled lanes (a, b) rounded to nearest, truncated (NaN → 0, saturating), clamped to [lo, hi], as int16. */
@inline function store8(q: usize, a: v128, b: v128, lov: v128, hiv: v128): void {
  const ia = i32x4.min_s(i32x4.max_s(i32x4.trunc_sat_f32x4_s(f32x4.nearest(a)), lov), hiv);
  const ib = i32x4.min_s(i32x4.max_s(i32x4.trunc_sat_f32x4_s(f32x4.nearest(b)), lov), hiv);
  v128.store(q, i16x8.narrow_i32x4_s(ia, ib));
}

/** Integer of a rounded float as the JS kernel sees it: NaN → 0 (an Int32Array store), ±∞ and huge values
 * saturate. */
@inline function toI32(v: f32): i32 {
  return v != v ? 0 : v > <f32>1e9 ? 1000000000 : v < <f32>-1e9 ? -1000000000 : <i32>v;
}
