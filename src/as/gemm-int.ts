// Integer GEMM with a fused dequantise epilogue: the arithmetic of the hybrid (int8-weight) FULLY_CONNECTED and
// CONV_2D of src/ts/kernels/fully-connected.ts and conv-2d.ts.
//
//   acc[m][n] = Σ_{k<K} q[m][k] · w[n][k]                       (int32, exact: |q| ≤ 255, |w| ≤ 127, K ≤ 65 535)
//   y[m][n]   = f32(f32(f32(f64(acc)·f64(s_m)) · wscale[n]) + bias[n])
//
// q: the quantised activations (q − zp of hybrid.ts) as int16, row m at q + m·ldq (ldq in elements; rows may
// overlap — a 1-D convolution's row is its window of the padded input); s_m = rowScale[m·scaleStride] (stride 0:
// one scale for the whole tensor). w: int8 weights widened to int16 in panels of 8 columns; pair j of panel p
// holds [w(2j, n), w(2j+1, n)] for n = 8p..8p+3 (16 bytes) then n = 8p+4..8p+7 (16 bytes), zero past N and K.
// An integer sum does not depend on its order, so any blocking gives the JS reference's bits; the epilogue runs the
// reference's float operations per element (f64 product rounded once to f32, as JS's f(acc·s)) in SIMD lanes.
// Register tile 4 rows × 8 columns: per pair of k, a row's pair is splat to all lanes (v128.load32_splat) and
// i32x4.dot_i16x8_s against the panel's two vectors adds 8 multiply-adds into each of 8 accumulators.
import { storePart } from './gemm';
// Epilogue shortcut: when Kp·255² < 2^24 every |acc| < 2^24 is exact in float32, and acc·s (24 × 24 bits) is exact
// in float64, so f32(f64(acc)·f64(s)) — one rounding of the exact product — equals the float32 product
// f32(acc)·s: the same bits with two f32x4 instructions instead of the f64 round trip.

/** y = dequantised integer GEMM (header); ldy in elements. Kp: K rounded up to even (pairs). */
export function gemmInt(
  q: usize, ldq: i32, rowScale: usize, scaleStride: i32, wp: usize, colScale: usize, bias: usize,
  y: usize, ldy: i32, M: i32, N: i32, Kp: i32,
): void {
  const panels = (N + 7) >> 3, pairs = Kp >> 1, panelBytes = <usize>pairs << 5;
  const small = <i64>Kp * 65025 < (<i64>1 << 24);
  const sq = <usize>ldq << 1, sy = <usize>ldy << 2, ss = <usize>scaleStride << 2;
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    const qm = q + <usize>m * sq, ym = y + <usize>m * sy, sm = rowScale + <usize>m * ss;
    for (let p = 0; p < panels; p++) {
      tileInt4(qm, sq, wp + <usize>p * panelBytes, pairs, sm, ss, colScale, bias, ym, sy, p << 3, N - (p << 3), small);
    }
  }
  for (; m < M; m++) {
    const qm = q + <usize>m * sq, ym = y + <usize>m * sy, sm = rowScale + <usize>m * ss;
    for (let p = 0; p < panels; p++) {
      tileInt1(qm, wp + <usize>p * panelBytes, pairs, sm, colScale, bias, ym, p << 3, N - (p << 3), small);
    }
  }
}

/** 4 rows × one 8-column panel. */
@inline function tileInt4(
  qm: usize, sq: usize, pw: usize, pairs: i32, sm: usize, ss: usize, colScale: usize, bias: usize,
  ym: usize, sy: usize, n0: i32, valid: i32, small: bool,
): void {
  let c00 = i32x4.splat(0), c01 = i32x4.splat(0), c10 = i32x4.splat(0), c11 = i32x4.splat(0);
  let c20 = i32x4.splat(0), c21 = i32x4.splat(0), c30 = i32x4.splat(0), c31 = i32x4.splat(0);
  let pq = qm;
  for (let j = 0; j < pairs; j++) {
    const w0 = v128.load(pw), w1 = v128.load(pw + 16);
    const a0 = v128.load32_splat(pq), a1 = v128.load32_splat(pq + sq);
    const a2 = v128.load32_splat(pq + 2 * sq), a3 = v128.load32_splat(pq + 3 * sq);
    c00 = i32x4.add(c00, i32x4.dot_i16x8_s(a0, w0)); c01 = i32x4.add(c01, i32x4.dot_i16x8_s(a0, w1));
    c10 = i32x4.add(c10, i32x4.dot_i16x8_s(a1, w0)); c11 = i32x4.add(c11, i32x4.dot_i16x8_s(a1, w1));
    c20 = i32x4.add(c20, i32x4.dot_i16x8_s(a2, w0)); c21 = i32x4.add(c21, i32x4.dot_i16x8_s(a2, w1));
    c30 = i32x4.add(c30, i32x4.dot_i16x8_s(a3, w0)); c31 = i32x4.add(c31, i32x4.dot_i16x8_s(a3, w1));
    pw += 32; pq += 4;
  }
  epilogue(c00, c01, load<f32>(sm), colScale, bias, ym, n0, valid, small);
  epilogue(c10, c11, load<f32>(sm + ss), colScale, bias, ym + sy, n0, valid, small);
  epilogue(c20, c21, load<f32>(sm + 2 * ss), colScale, bias, ym + 2 * sy, n0, valid, small);
  epilogue(c30, c31, load<f32>(sm + 3 * ss), colScale, bias, ym + 3 * sy, n0, valid, small);
}

/** 1 row × one 8-column panel (the tail rows). */
@inline function tileInt1(
  qm: usize, pw: usize, pairs: i32, sm: usize, colScale: usize, bias: usize, ym: usize, n0: i32, valid: i32,
  small: bool,
): void {
  let c0 = i32x4.splat(0), c1 = i32x4.splat(0);
  let pq = qm;
  for (let j = 0; j < pairs; j++) {
    const a0 = v128.load32_splat(pq);
    c0 = i32x4.add(c0, i32x4.dot_i16x8_s(a0, v128.load(pw)));
    c1 = i32x4.add(c1, i32x4.dot_i16x8_s(a0, v128.load(pw + 16)));
    pw += 32; pq += 4;
  }
  epilogue(c0, c1, load<f32>(sm), colScale, bias, ym, n0, valid, small);
}

/** Columns n0..n0+7 of one row: f32(f32(f32(acc·s)·wscale) + bias), `valid` of them stored. */
@inline function epilogue(
  lo: v128, hi: v128, s: f32, colScale: usize, bias: usize, yrow: usize, n0: i32, valid: i32, small: bool,
): void {
  const cs = colScale + (<usize>n0 << 2);
  let v0: v128, v1: v128;
  if (small) {
    const sv = f32x4.splat(s);
    v0 = f32x4.mul(f32x4.convert_i32x4_s(lo), sv);
    v1 = f32x4.mul(f32x4.convert_i32x4_s(hi), sv);
  } else {
    const sd = f64x2.splat(<f64>s);
    v0 = scaleLanes(lo, sd);
    v1 = scaleLanes(hi, sd);
  }
  v0 = f32x4.mul(v0, v128.load(cs));
  v1 = f32x4.mul(v1, v128.load(cs + 16));
  if (bias) {
    const bp = bias + (<usize>n0 << 2);
    v0 = f32x4.add(v0, v128.load(bp));
    v1 = f32x4.add(v1, v128.load(bp + 16));
  }
  const yp = yrow + (<usize>n0 << 2);
  if (valid >= 8) {
    v128.store(yp, v0);
    v128.store(yp + 16, v1);
    return;
  }
  storePart(yp, v0, v1, valid);
}

/** f32(f64(acc_i)·sd) per lane: int32 → f64 is exact, one f64 product, one rounding to f32 (JS: f(acc·s)). */
@inline function scaleLanes(acc: v128, sd: v128): v128 {
  const lo = f32x4.demote_f64x2_zero(f64x2.mul(f64x2.convert_low_i32x4_s(acc), sd));
  const hi = f32x4.demote_f64x2_zero(
    f64x2.mul(f64x2.convert_low_i32x4_s(i32x4.shuffle(acc, acc, 2, 3, 0, 1)), sd),
  );
  return i32x4.shuffle(lo, hi, 0, 1, 4, 5);
}
