// Hybrid FULLY_CONNECTED (int8 weights read directly), the numerics of src/ts/kernels/fully-connected.ts:
// per input row, asymmetric int8 quantisation of the activations (LiteRT.js/XNNPACK formula, specification §10)
//   mn = min(0, min x); mx = max(0, max x); s = (mx − mn) / 255;  zp = clamp(nearest(−128 − mn/s), −128, 127)
//   q_k = clamp(nearest(x_k / s) + zp, −128, 127) − zp            (float32 ops; nearest = ties to even)
// then an exact integer dot product with the int8 weights (i32x4.dot_i16x8_s; integer sums do not depend
// on their order) and the float epilogue y = f32(f32(acc·s)·wscale_n) (+ bias_n).
// Weights: int8 rows padded with zeros to Kp (a multiple of 8). qbuf: Kp int16 of scratch.

export function hybridFc(
  x: usize, w: usize, scales: usize, bias: usize, y: usize, M: i32, N: i32, K: i32, Kp: i32, qbuf: usize,
): void {
  for (let m = 0; m < M; m++) {
    const xr = x + (<usize>(m * K) << 2);
    let mn: f32 = 0, mx: f32 = 0;
    for (let k = 0; k < K; k++) { const v = load<f32>(xr + (<usize>k << 2)); if (v < mn) mn = v; if (v > mx) mx = v; }
    const s: f32 = (mx - mn) / <f32>255;
    for (let k = 0; k < Kp; k++) store<i16>(qbuf + (<usize>k << 1), 0);
    const zpf = nearest<f32>(<f32>-128 - mn / s);
    if (s > 0 && zpf == zpf) { // (a NaN zero point makes every q NaN in JS, stored as 0: the zero buffer)
      let zp = toI32(zpf);
      zp = zp < -128 ? -128 : zp > 127 ? 127 : zp;
      for (let k = 0; k < K; k++) {
        let v = toI32(nearest<f32>(load<f32>(xr + (<usize>k << 2)) / s)) + zp;
        v = v < -128 ? -128 : v > 127 ? 127 : v;
        store<i16>(qbuf + (<usize>k << 1), <i16>(v - zp));
      }
    }
    const yr = y + (<usize>(m * N) << 2);
    for (let n = 0; n < N; n++) {
      const wr = w + <usize>(n * Kp);
      let accv = i32x4.splat(0);
      for (let k = 0; k < Kp; k += 8) {
        const wv = i16x8.extend_low_i8x16_s(v128.load64_zero(wr + <usize>k));
        accv = i32x4.add(accv, i32x4.dot_i16x8_s(v128.load(qbuf + (<usize>k << 1)), wv));
      }
      const acc = i32x4.extract_lane(accv, 0) + i32x4.extract_lane(accv, 1)
        + i32x4.extract_lane(accv, 2) + i32x4.extract_lane(accv, 3);
      let v = <f32>(<f64>acc * <f64>s);
      v = v * load<f32>(scales + (<usize>n << 2));
      if (bias) v = v + load<f32>(bias + (<usize>n << 2));
      store<f32>(yr + (<usize>n << 2), v);
    }
  }
}

/** Integer of a rounded float as the JS kernel sees it: NaN → 0 (an Int32Array store), ±∞ and huge values
 * saturate. */
@inline function toI32(v: f32): i32 {
  return v != v ? 0 : v > <f32>1e9 ? 1000000000 : v < <f32>-1e9 ? -1000000000 : <i32>v;
}
