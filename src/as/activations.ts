// Row softmax and exact GELU — same operations and order as src/ts/kernels/softmax.ts and unary.ts.
import { exp32, erf32 } from './math32';
import { exp4, expVectorOk, erf4 } from './math32x4';
import { gather4 } from './rows';

/** One row's exponentials: m = max_i x_i; e_i = exp32(beta·(x_i − m)) into y. */
@inline function expRow(xo: usize, yo: usize, D: i32, beta: f32): void {
  // Max: lane-wise pmax (b > a ? b : a, exactly the scalar update, NaN never taken), then the lanes
  // and the tail. Any order gives the same maximum; only which of ±0 is kept may differ, and
  // x − (+0) and x − (−0) give the same exp32 input bits except for x = ±0, where exp32 returns 1 either way.
  let mx = f32x4.splat(-Infinity), mx2 = f32x4.splat(-Infinity);
  let i0 = 0;
  for (; i0 + 8 <= D; i0 += 8) { // two accumulators: two short dependency chains
    mx = f32x4.pmax(mx, v128.load(xo + (<usize>i0 << 2)));
    mx2 = f32x4.pmax(mx2, v128.load(xo + (<usize>i0 << 2) + 16));
  }
  mx = f32x4.pmax(mx, mx2);
  for (; i0 + 4 <= D; i0 += 4) mx = f32x4.pmax(mx, v128.load(xo + (<usize>i0 << 2)));
  let m: f32 = -Infinity;
  for (let l = 0; l < 4; l++) {
    const v = f32x4.extract_lane(mx, 0);
    mx = v128.shuffle<f32>(mx, mx, 1, 2, 3, 0);
    if (v > m) m = v;
  }
  for (; i0 < D; i0++) { const v = load<f32>(xo + (<usize>i0 << 2)); if (v > m) m = v; }
  // Exponentials four at a time. The vector path is exact for lanes ≤ 88 that are not NaN — always
  // the case for finite rows and beta ≥ 0 (z ≤ 0) — so the check is one mask per row; a row that
  // fails it (NaN, ±∞, negative beta) is redone with the scalar exp32 where needed.
  const bv = f32x4.splat(beta), mv = f32x4.splat(m);
  let ok = i32x4.splat(-1);
  let i = 0;
  // Two vectors per step: independent chains for the out-of-order core (the same lane values).
  for (; i + 8 <= D; i += 8) {
    const z0 = f32x4.mul(bv, f32x4.sub(v128.load(xo + (<usize>i << 2)), mv));
    const z1 = f32x4.mul(bv, f32x4.sub(v128.load(xo + (<usize>i << 2) + 16), mv));
    ok = v128.and(ok, v128.and(f32x4.le(z0, f32x4.splat(88)), f32x4.le(z1, f32x4.splat(88))));
    const e0 = exp4(z0), e1 = exp4(z1);
    v128.store(yo + (<usize>i << 2), e0);
    v128.store(yo + (<usize>i << 2) + 16, e1);
  }
  for (; i + 4 <= D; i += 4) {
    const z = f32x4.mul(bv, f32x4.sub(v128.load(xo + (<usize>i << 2)), mv));
    ok = v128.and(ok, f32x4.le(z, f32x4.splat(88)));
    v128.store(yo + (<usize>i << 2), exp4(z));
  }
  if (!v128.all_true<i32>(ok)) {
    for (i = 0; i + 4 <= D; i += 4) {
      const z = f32x4.mul(bv, f32x4.sub(v128.load(xo + (<usize>i << 2)), mv));
      if (expVectorOk(z)) continue;
      for (let k = 0; k < 4; k++) {
        const o = <usize>(i + k) << 2;
        store<f32>(yo + o, exp32(beta * (load<f32>(xo + o) - m)));
      }
    }
  }
  for (; i < D; i++) store<f32>(yo + (<usize>i << 2), exp32(beta * (load<f32>(xo + (<usize>i << 2)) - m)));
}

/** s + column 0, then + column 1, 2, 3 of the 4×4 block whose rows are r0..r3 (lane l: row l's chain). */
@inline function addColumns(s: v128, r0: v128, r1: v128, r2: v128, r3: v128): v128 {
  const t0 = i32x4.shuffle(r0, r1, 0, 4, 1, 5), t1 = i32x4.shuffle(r2, r3, 0, 4, 1, 5);
  const t2 = i32x4.shuffle(r0, r1, 2, 6, 3, 7), t3 = i32x4.shuffle(r2, r3, 2, 6, 3, 7);
  s = f32x4.add(s, i32x4.shuffle(t0, t1, 0, 1, 4, 5));
  s = f32x4.add(s, i32x4.shuffle(t0, t1, 2, 3, 6, 7));
  s = f32x4.add(s, i32x4.shuffle(t2, t3, 0, 1, 4, 5));
  return f32x4.add(s, i32x4.shuffle(t2, t3, 2, 3, 6, 7));
}

/** y_i = y_i / s over one row. */
@inline function divRow(yo: usize, D: i32, s: f32): void {
  const sv = f32x4.splat(s);
  let q = 0;
  for (; q + 4 <= D; q += 4) v128.store(yo + (<usize>q << 2), f32x4.div(v128.load(yo + (<usize>q << 2)), sv));
  for (; q < D; q++) store<f32>(yo + (<usize>q << 2), load<f32>(yo + (<usize>q << 2)) / s);
}

/**
 * SOFTMAX over R rows of D (x and y may be the same memory): m = max; e_i = exp32(beta·(x_i − m));
 * s = Σ e_i in ONE sequential chain per row (i ascending); y_i = e_i / s.
 * The sums are vectorised across rows, not within one: lane l of an accumulator carries row r + l
 * (eight rows in two independent accumulators hide the add latency), so every row still sees
 * exactly the scalar chain of src/ts/kernels/softmax.ts.
 */
export function softmax(x: usize, y: usize, R: i32, D: i32, beta: f32): void {
  const ld = <usize>D << 2;
  for (let r0 = 0; r0 < R; r0 += 8) {
    const rows = R - r0 < 8 ? R - r0 : 8;
    const xo = x + <usize>r0 * ld, yo = y + <usize>r0 * ld;
    for (let r = 0; r < rows; r++) expRow(xo + <usize>r * ld, yo + <usize>r * ld, D, beta);
    // Rows past the block's end read the last valid row again (its lanes are ignored).
    const last = rows - 1;
    const p0 = yo, p1 = yo + <usize>(1 < last ? 1 : last) * ld;
    const p2 = yo + <usize>(2 < last ? 2 : last) * ld, p3 = yo + <usize>(3 < last ? 3 : last) * ld;
    const p4 = yo + <usize>(4 < last ? 4 : last) * ld, p5 = yo + <usize>(5 < last ? 5 : last) * ld;
    const p6 = yo + <usize>(6 < last ? 6 : last) * ld, p7 = yo + <usize>(7 < last ? 7 : last) * ld;
    let s0 = f32x4.splat(0), s1 = f32x4.splat(0);
    // Four columns at a time: a 4×4 transpose turns four rows' next four elements into four column vectors,
    // added in ascending j — each lane's chain is the scalar one; shuffles instead of 16 scalar loads.
    let j = 0;
    for (; j + 4 <= D; j += 4) {
      const o = <usize>j << 2;
      s0 = addColumns(s0, v128.load(p0 + o), v128.load(p1 + o), v128.load(p2 + o), v128.load(p3 + o));
      s1 = addColumns(s1, v128.load(p4 + o), v128.load(p5 + o), v128.load(p6 + o), v128.load(p7 + o));
    }
    for (; j < D; j++) {
      const o = <usize>j << 2;
      s0 = f32x4.add(s0, gather4(p0 + o, p1 + o, p2 + o, p3 + o));
      s1 = f32x4.add(s1, gather4(p4 + o, p5 + o, p6 + o, p7 + o));
    }
    divRow(p0, D, f32x4.extract_lane(s0, 0));
    if (rows > 1) divRow(p1, D, f32x4.extract_lane(s0, 1));
    if (rows > 2) divRow(p2, D, f32x4.extract_lane(s0, 2));
    if (rows > 3) divRow(p3, D, f32x4.extract_lane(s0, 3));
    if (rows > 4) divRow(p4, D, f32x4.extract_lane(s1, 0));
    if (rows > 5) divRow(p5, D, f32x4.extract_lane(s1, 1));
    if (rows > 6) divRow(p6, D, f32x4.extract_lane(s1, 2));
    if (rows > 7) divRow(p7, D, f32x4.extract_lane(s1, 3));
  }
}

const INV_SQRT2: f32 = 0.7071067811865476;

/** Exact GELU: y = (0.5·x) · (1 + erf32(x · (1/√2))). */
export function gelu(x: usize, y: usize, n: i32): void {
  let i = 0;
  // Eight lanes per step when none is NaN: two independent chains for the out-of-order core (same lane values).
  for (; i + 8 <= n; i += 8) {
    const v = v128.load(x + (<usize>i << 2)), w = v128.load(x + (<usize>i << 2) + 16);
    if (!v128.all_true<i32>(v128.and(f32x4.eq(v, v), f32x4.eq(w, w)))) break;
    const hv = f32x4.mul(f32x4.splat(0.5), v), hw = f32x4.mul(f32x4.splat(0.5), w);
    const ev = erf4(f32x4.mul(v, f32x4.splat(INV_SQRT2))), ew = erf4(f32x4.mul(w, f32x4.splat(INV_SQRT2)));
    v128.store(y + (<usize>i << 2), f32x4.mul(hv, f32x4.add(f32x4.splat(1), ev)));
    v128.store(y + (<usize>i << 2) + 16, f32x4.mul(hw, f32x4.add(f32x4.splat(1), ew)));
  }
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    if (v128.all_true<i32>(f32x4.eq(v, v))) {
      const half = f32x4.mul(f32x4.splat(0.5), v);
      const g = f32x4.mul(half, f32x4.add(f32x4.splat(1), erf4(f32x4.mul(v, f32x4.splat(INV_SQRT2)))));
      v128.store(y + (<usize>i << 2), g);
    } else {
      for (let k = i; k < i + 4; k++) {
        const w = load<f32>(x + (<usize>k << 2));
        store<f32>(y + (<usize>k << 2), (<f32>0.5 * w) * (<f32>1 + erf32(w * INV_SQRT2)));
      }
    }
  }
  for (; i < n; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    store<f32>(y + (<usize>i << 2), (<f32>0.5 * v) * (<f32>1 + erf32(v * INV_SQRT2)));
  }
}
