// f32 GEMM for the WASM backend, bit-identical to the JS reference kernels.
//
//   y[m][n] = (acc ? y[m][n] : 0) + Σ_{k=0..K-1} a[m][k] · b[k][n]
//
// Numerics (the same as src/ts/kernels/fully-connected.ts, conv-2d.ts, batch-matmul.ts): every
// output runs ONE float32 chain over k in ascending order, acc = f32(acc + f32(a·b)); products
// and sums are separate f32 operations (f32x4.mul then f32x4.add — no FMA). SIMD lanes hold
// four different output columns n, never parts of one reduction, so the vector code performs
// exactly the scalar code's operations. Register tile 4 rows × 8 columns (two v128 per row);
// B is packed in panels of 8 columns (gemmPacked); a tail row runs a 1×8 tile, a partial last panel
// is zero-padded and only its valid columns are stored — same arithmetic, different grouping.
// Matrices are row-major with leading dimensions (in elements) lda, ldy; pointers in bytes.

@inline function ld(p: usize): v128 { return v128.load(p); }

/**
 * c + a·b. The default build — the only bit-identical one — rounds the product and the sum
 * separately. The opt-in relaxed build (asc --enable relaxed-simd, backend 'wasm-relaxed') uses
 * relaxed_madd, which the engine may run as a fused multiply-add or not: faster, NOT bit-identical to
 * the JS reference, and not guaranteed identical between machines.
 */
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/** y[m][n] = y[m][n] + bias[n] (f32), then the fused activation (0 none, 1 relu, 2 relu-1..1, 3 relu6). */
export function biasAct(y: usize, ldy: i32, M: i32, N: i32, bias: usize, act: i32): void {
  const lo: f32 = act == 2 ? -1 : 0, hi: f32 = act == 1 ? Infinity : act == 2 ? 1 : 6;
  if (!act && bias) {
    // Bias only: four columns at a time (one f32 add per element, as in the scalar loop).
    for (let m = 0; m < M; m++) {
      const row = y + (<usize>(m * ldy) << 2);
      let n = 0;
      for (; n + 4 <= N; n += 4) {
        const o = <usize>n << 2;
        v128.store(row + o, f32x4.add(v128.load(row + o), v128.load(bias + o)));
      }
      for (; n < N; n++) {
        const o = <usize>n << 2;
        store<f32>(row + o, load<f32>(row + o) + load<f32>(bias + o));
      }
    }
    return;
  }
  for (let m = 0; m < M; m++) {
    const row = y + (<usize>(m * ldy) << 2);
    for (let n = 0; n < N; n++) {
      let v = load<f32>(row + (<usize>n << 2));
      if (bias) v = v + load<f32>(bias + (<usize>n << 2));
      if (act) v = v < lo ? lo : v > hi ? hi : v;
      store<f32>(row + (<usize>n << 2), v);
    }
  }
}

/** dst[j][i] = src[i][j] for an R×C block (row strides in elements). */
export function transpose(src: usize, lds: i32, dst: usize, ldd: i32, R: i32, C: i32): void {
  for (let i = 0; i < R; i++) {
    for (let j = 0; j < C; j++) {
      store<f32>(dst + (<usize>(j * ldd + i) << 2), load<f32>(src + (<usize>(i * lds + j) << 2)));
    }
  }
}

/**
 * The GEMM of the header with B packed in panels of 8 columns: panel p holds B[k][8p .. 8p+7] for
 * k = 0..K-1 contiguously (32 bytes per k), zero-padded past N (packPanels / packPanelsT write them). Each
 * output's chain is the header's; the packing only makes the reads along k sequential.
 */
export function gemmPacked(a: usize, lda: i32, bp: usize, y: usize, ldy: i32, M: i32, N: i32, K: i32, acc: i32): void {
  const panels = (N + 7) >> 3, panelBytes = <usize>K << 5;
  const sa = <usize>lda << 2, sy = <usize>ldy << 2;
  let m = 0;
  for (; m + 4 <= M; m += 4) {
    for (let p = 0; p < panels; p++) {
      const yp = y + <usize>m * sy + (<usize>(p << 3) << 2);
      tile4(a + <usize>m * sa, sa, bp + <usize>p * panelBytes, yp, sy, K, acc, N - (p << 3));
    }
  }
  for (; m < M; m++) {
    for (let p = 0; p < panels; p++) {
      const yp = y + <usize>m * sy + (<usize>(p << 3) << 2);
      tile1(a + <usize>m * sa, bp + <usize>p * panelBytes, yp, K, acc, N - (p << 3));
    }
  }
}

/**
 * The same GEMM with B kept as int8 panels (K×8 bytes per panel, zero-padded past N) and one scale
 * and zero point per column: each panel is first widened into `scratch` (K×8 floats, L1-resident)
 * as w = f32(f32(q) − zp[n]) · scale[n] — exactly what DEQUANTIZE gives (src/ts/kernels/misc.ts:
 * (q − zp) is a small integer, its product with the scale is rounded once) — then every row block
 * runs the f32 tile on it. Panels outer, rows inner; each output's chain is unchanged.
 */
export function gemmPackedQ(
  a: usize, lda: i32, bq: usize, scale: usize, zp: usize, y: usize, ldy: i32,
  M: i32, N: i32, K: i32, acc: i32, scratch: usize,
): void {
  const panels = (N + 7) >> 3;
  const sa = <usize>lda << 2, sy = <usize>ldy << 2;
  for (let p = 0; p < panels; p++) {
    const s0 = v128.load(scale + (<usize>p << 5)), s1 = v128.load(scale + (<usize>p << 5) + 16);
    const z0 = v128.load(zp + (<usize>p << 5)), z1 = v128.load(zp + (<usize>p << 5) + 16);
    let q = bq + (<usize>p * <usize>K << 3), w = scratch;
    for (let k = 0; k < K; k++) {
      const h = i16x8.extend_low_i8x16_s(v128.load64_zero(q));
      v128.store(w, f32x4.mul(f32x4.sub(f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_s(h)), z0), s0));
      v128.store(w + 16, f32x4.mul(f32x4.sub(f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_s(h)), z1), s1));
      q += 8; w += 32;
    }
    const yp = y + (<usize>(p << 3) << 2), valid = N - (p << 3);
    let m = 0;
    for (; m + 4 <= M; m += 4) tile4(a + <usize>m * sa, sa, scratch, yp + <usize>m * sy, sy, K, acc, valid);
    for (; m < M; m++) tile1(a + <usize>m * sa, scratch, yp + <usize>m * sy, K, acc, valid);
  }
}

/** 4 rows × one 8-column panel: y (acc ? += : =) a·b; `valid` columns of the panel are stored. */
@inline function tile4(am: usize, sa: usize, pb: usize, yn: usize, sy: usize, K: i32, acc: i32, valid: i32): void {
  const full = valid >= 8;
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0), c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0), c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  if (acc) {
    if (full) {
      c00 = ld(yn); c01 = ld(yn + 16); c10 = ld(yn + sy); c11 = ld(yn + sy + 16);
      c20 = ld(yn + 2 * sy); c21 = ld(yn + 2 * sy + 16); c30 = ld(yn + 3 * sy); c31 = ld(yn + 3 * sy + 16);
    } else {
      c00 = loadPart(yn, valid, 0); c01 = loadPart(yn, valid, 4);
      c10 = loadPart(yn + sy, valid, 0); c11 = loadPart(yn + sy, valid, 4);
      c20 = loadPart(yn + 2 * sy, valid, 0); c21 = loadPart(yn + 2 * sy, valid, 4);
      c30 = loadPart(yn + 3 * sy, valid, 0); c31 = loadPart(yn + 3 * sy, valid, 4);
    }
  }
  let pa = am;
  for (let k = 0; k < K; k++) {
    const b0 = ld(pb), b1 = ld(pb + 16);
    const a0 = v128.load32_splat(pa), a1 = v128.load32_splat(pa + sa);
    const a2 = v128.load32_splat(pa + 2 * sa), a3 = v128.load32_splat(pa + 3 * sa);
    c00 = madd(a0, b0, c00); c01 = madd(a0, b1, c01);
    c10 = madd(a1, b0, c10); c11 = madd(a1, b1, c11);
    c20 = madd(a2, b0, c20); c21 = madd(a2, b1, c21);
    c30 = madd(a3, b0, c30); c31 = madd(a3, b1, c31);
    pb += 32; pa += 4;
  }
  if (full) {
    v128.store(yn, c00); v128.store(yn + 16, c01);
    v128.store(yn + sy, c10); v128.store(yn + sy + 16, c11);
    v128.store(yn + 2 * sy, c20); v128.store(yn + 2 * sy + 16, c21);
    v128.store(yn + 3 * sy, c30); v128.store(yn + 3 * sy + 16, c31);
  } else {
    storePart(yn, c00, c01, valid); storePart(yn + sy, c10, c11, valid);
    storePart(yn + 2 * sy, c20, c21, valid); storePart(yn + 3 * sy, c30, c31, valid);
  }
}

/** 1 row × one 8-column panel (the tail rows). */
@inline function tile1(am: usize, pb: usize, yn: usize, K: i32, acc: i32, valid: i32): void {
  const full = valid >= 8;
  let c0 = f32x4.splat(0), c1 = f32x4.splat(0);
  if (acc) {
    if (full) { c0 = ld(yn); c1 = ld(yn + 16); } else { c0 = loadPart(yn, valid, 0); c1 = loadPart(yn, valid, 4); }
  }
  let pa = am;
  for (let k = 0; k < K; k++) {
    const a0 = v128.load32_splat(pa);
    c0 = madd(a0, ld(pb), c0); c1 = madd(a0, ld(pb + 16), c1);
    pb += 32; pa += 4;
  }
  if (full) { v128.store(yn, c0); v128.store(yn + 16, c1); } else storePart(yn, c0, c1, valid);
}

/** Lanes [from, from+4) of a partial 8-column row holding `valid` columns (missing lanes 0). */
@inline function loadPart(p: usize, valid: i32, from: i32): v128 {
  let v = f32x4.splat(0);
  if (from + 0 < valid) v = f32x4.replace_lane(v, 0, load<f32>(p + (<usize>(from + 0) << 2)));
  if (from + 1 < valid) v = f32x4.replace_lane(v, 1, load<f32>(p + (<usize>(from + 1) << 2)));
  if (from + 2 < valid) v = f32x4.replace_lane(v, 2, load<f32>(p + (<usize>(from + 2) << 2)));
  if (from + 3 < valid) v = f32x4.replace_lane(v, 3, load<f32>(p + (<usize>(from + 3) << 2)));
  return v;
}
/** Stores the first `valid` (< 8) lanes of a row of 8 (lo: columns 0–3, hi: 4–7); shared with gemm-int.ts. */
@inline export function storePart(p: usize, lo: v128, hi: v128, valid: i32): void {
  if (valid > 0) store<f32>(p, f32x4.extract_lane(lo, 0));
  if (valid > 1) store<f32>(p + 4, f32x4.extract_lane(lo, 1));
  if (valid > 2) store<f32>(p + 8, f32x4.extract_lane(lo, 2));
  if (valid > 3) store<f32>(p + 12, f32x4.extract_lane(lo, 3));
  if (valid > 4) store<f32>(p + 16, f32x4.extract_lane(hi, 0));
  if (valid > 5) store<f32>(p + 20, f32x4.extract_lane(hi, 1));
  if (valid > 6) store<f32>(p + 24, f32x4.extract_lane(hi, 2));
  if (valid > 7) store<f32>(p + 28, f32x4.extract_lane(hi, 3));
}

/** Packs a K×N row-major block (row stride ldb) into 8-column panels (zero-padded). */
export function packPanels(b: usize, ldb: i32, dst: usize, K: i32, N: i32): void {
  const panels = (N + 7) >> 3;
  for (let p = 0; p < panels; p++) for (let k = 0; k < K; k++) for (let j = 0; j < 8; j++) {
    const n = (p << 3) + j;
    store<f32>(dst + ((<usize>((p * K + k) * 8 + j)) << 2), n < N ? load<f32>(b + (<usize>(k * ldb + n) << 2)) : 0);
  }
}

/** Packs the transpose of an N×K row-major block (row stride lds) into K×N panels. */
export function packPanelsT(s: usize, lds: i32, dst: usize, K: i32, N: i32): void {
  const panels = (N + 7) >> 3;
  for (let p = 0; p < panels; p++) for (let k = 0; k < K; k++) for (let j = 0; j < 8; j++) {
    const n = (p << 3) + j;
    store<f32>(dst + ((<usize>((p * K + k) * 8 + j)) << 2), n < N ? load<f32>(s + (<usize>(n * lds + k) << 2)) : 0);
  }
}
