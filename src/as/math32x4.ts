// Four-lane exp and erf: lane by lane the same float32 operations as math32.ts (and so as
// src/ts/kernels/math32.ts). Lanes the vector path does not cover exactly (NaN, exp inputs
// above 88 whose 2^n needs the two-step scaling) are left to the scalar functions by the callers.
//
// The splatted constants live in a static table and are loaded where used: V8 re-materialises a
// v128 constant at every use (several instructions each), while a load from L1 is one and can fold
// into the arithmetic instruction (about 20 % faster exp4; the numerics are unchanged).

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const EXP_MIN: f32 = -87.33654;
const I2: f32 = <f32>(1.0 / 2), I3: f32 = <f32>(1.0 / 6), I4: f32 = <f32>(1.0 / 24);
const I5: f32 = <f32>(1.0 / 120), I6: f32 = <f32>(1.0 / 720), I7: f32 = <f32>(1.0 / 5040);
const ERF_P: f32 = 0.3275911;
const A1: f32 = 0.254829592, A2: f32 = -0.284496736, A3: f32 = 1.421413741;
const A4: f32 = -1.453152027, A5: f32 = 1.061405429;
const MAGIC: f32 = 12582912.0; // 1.5·2^23

// Table rows (four equal lanes each), indexed by the constants below.
const T = memory.data<f32>([
  EXP_MIN, EXP_MIN, EXP_MIN, EXP_MIN, LOG2E, LOG2E, LOG2E, LOG2E, 0.5, 0.5, 0.5, 0.5, LN2_HI, LN2_HI, LN2_HI, LN2_HI,
  LN2_LO, LN2_LO, LN2_LO, LN2_LO, I7, I7, I7, I7, I6, I6, I6, I6, I5, I5, I5, I5,
  I4, I4, I4, I4, I3, I3, I3, I3, I2, I2, I2, I2, 1, 1, 1, 1,
  MAGIC, MAGIC, MAGIC, MAGIC, 88, 88, 88, 88, ERF_P, ERF_P, ERF_P, ERF_P, A1, A1, A1, A1,
  A2, A2, A2, A2, A3, A3, A3, A3, A4, A4, A4, A4, A5, A5, A5, A5,
  9, 9, 9, 9, 0, 0, 0, 0], 16);
const C_EXP_MIN = 0, C_LOG2E = 1, C_HALF = 2, C_LN2_HI = 3, C_LN2_LO = 4, C_I7 = 5, C_I6 = 6, C_I5 = 7;
const C_I4 = 8, C_I3 = 9, C_I2 = 10, C_ONE = 11, C_MAGIC = 12, C_88 = 13, C_ERF_P = 14;
const C_A1 = 15, C_A2 = 16, C_A3 = 17, C_A4 = 18, C_A5 = 19, C_NINE = 20, C_ZERO = 21;
@inline function k(i: i32): v128 { return v128.load(T + (<usize>i << 4)); }

/** c + a·b for the polynomials: two roundings, or relaxed_madd in the opt-in relaxed build (see gemm.ts). */
@inline function madd(a: v128, b: v128, c: v128): v128 {
  if (ASC_FEATURE_RELAXED_SIMD) return f32x4.relaxed_madd(a, b, c);
  return f32x4.add(c, f32x4.mul(a, b));
}

/** True when every lane is ≤ 88 (so not NaN, and 2^n fits one scaling step). */
@inline export function expVectorOk(x: v128): bool { return v128.all_true<i32>(f32x4.le(x, k(C_88))); }

/** exp of four lanes, all ≤ 88 and not NaN; lanes below EXP_MIN give 0 as the scalar code does. */
@inline export function exp4(x: v128): v128 {
  // pmax (x < EXP_MIN ? EXP_MIN : x) equals max here (no NaN lanes reach this path) and is one
  // instruction in V8, where f32x4.max needs a NaN/±0-exact sequence.
  const xc = f32x4.pmax(x, k(C_EXP_MIN));
  const nf = f32x4.floor(f32x4.add(f32x4.mul(xc, k(C_LOG2E)), k(C_HALF)));
  const r = f32x4.sub(f32x4.sub(xc, f32x4.mul(nf, k(C_LN2_HI))), f32x4.mul(nf, k(C_LN2_LO)));
  let p = madd(r, k(C_I7), k(C_I6));
  p = madd(r, p, k(C_I5));
  p = madd(r, p, k(C_I4));
  p = madd(r, p, k(C_I3));
  p = madd(r, p, k(C_I2));
  p = madd(r, p, k(C_ONE));
  p = madd(r, p, k(C_ONE));
  // 2^n from the integral nf (|nf| ≤ 128): nf + 1.5·2^23 holds n in its low mantissa bits, and the
  // shift by 23 drops the rest — the exact bits of pow2(n) without a float→int conversion (which V8
  // lowers to a long saturating sequence).
  const scale = i32x4.shl(i32x4.add(f32x4.add(nf, k(C_MAGIC)), i32x4.splat(127)), 23);
  // Lanes below EXP_MIN are 0, as in the scalar code.
  return v128.andnot(f32x4.mul(p, scale), f32x4.lt(x, k(C_EXP_MIN)));
}

/** erf of four non-NaN lanes. */
@inline export function erf4(x: v128): v128 {
  const ax = f32x4.abs(x);
  const one = k(C_ONE);
  const t = f32x4.div(one, f32x4.add(one, f32x4.mul(k(C_ERF_P), ax)));
  let y = madd(t, k(C_A5), k(C_A4));
  y = madd(t, y, k(C_A3));
  y = madd(t, y, k(C_A2));
  y = madd(t, y, k(C_A1));
  y = f32x4.mul(t, y);
  const e = exp4(f32x4.neg(f32x4.mul(ax, ax)));   // −(ax²) ≤ 0: always on the vector path
  let r = f32x4.sub(one, f32x4.mul(y, e));
  r = v128.bitselect(one, r, f32x4.gt(ax, k(C_NINE)));
  return v128.bitselect(f32x4.neg(r), r, f32x4.lt(x, k(C_ZERO)));
}
