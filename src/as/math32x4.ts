// Four-lane exp and erf: lane by lane the same float32 operations as math32.ts (and so as
// src/ts/kernels/math32.ts). Lanes the vector path does not cover exactly (NaN, exp inputs
// above 88 whose 2^n needs the two-step scaling) are left to the scalar functions by the callers.

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const EXP_MIN: f32 = -87.33654;
const I2: f32 = <f32>(1.0 / 2), I3: f32 = <f32>(1.0 / 6), I4: f32 = <f32>(1.0 / 24), I5: f32 = <f32>(1.0 / 120), I6: f32 = <f32>(1.0 / 720), I7: f32 = <f32>(1.0 / 5040);

/** True when every lane is ≤ 88 (so not NaN, and 2^n fits one scaling step). */
@inline export function expVectorOk(x: v128): bool { return v128.all_true<i32>(f32x4.le(x, f32x4.splat(88))); }

/** exp of four lanes, all ≤ 88 and not NaN; lanes below EXP_MIN give 0 as the scalar code does. */
@inline export function exp4(x: v128): v128 {
  const xc = f32x4.max(x, f32x4.splat(EXP_MIN));
  const nf = f32x4.floor(f32x4.add(f32x4.mul(xc, f32x4.splat(LOG2E)), f32x4.splat(0.5)));
  const r = f32x4.sub(f32x4.sub(xc, f32x4.mul(nf, f32x4.splat(LN2_HI))), f32x4.mul(nf, f32x4.splat(LN2_LO)));
  let p = f32x4.add(f32x4.splat(I6), f32x4.mul(r, f32x4.splat(I7)));
  p = f32x4.add(f32x4.splat(I5), f32x4.mul(r, p));
  p = f32x4.add(f32x4.splat(I4), f32x4.mul(r, p));
  p = f32x4.add(f32x4.splat(I3), f32x4.mul(r, p));
  p = f32x4.add(f32x4.splat(I2), f32x4.mul(r, p));
  p = f32x4.add(f32x4.splat(1), f32x4.mul(r, p));
  p = f32x4.add(f32x4.splat(1), f32x4.mul(r, p));
  const scale = i32x4.shl(i32x4.add(i32x4.trunc_sat_f32x4_s(nf), i32x4.splat(127)), 23);
  const res = f32x4.mul(p, scale);
  return v128.bitselect(f32x4.splat(0), res, f32x4.lt(x, f32x4.splat(EXP_MIN)));
}

const ERF_P: f32 = 0.3275911;
const A1: f32 = 0.254829592, A2: f32 = -0.284496736, A3: f32 = 1.421413741, A4: f32 = -1.453152027, A5: f32 = 1.061405429;

/** erf of four non-NaN lanes. */
@inline export function erf4(x: v128): v128 {
  const ax = f32x4.abs(x);
  const one = f32x4.splat(1);
  const t = f32x4.div(one, f32x4.add(one, f32x4.mul(f32x4.splat(ERF_P), ax)));
  let y = f32x4.add(f32x4.splat(A4), f32x4.mul(t, f32x4.splat(A5)));
  y = f32x4.add(f32x4.splat(A3), f32x4.mul(t, y));
  y = f32x4.add(f32x4.splat(A2), f32x4.mul(t, y));
  y = f32x4.add(f32x4.splat(A1), f32x4.mul(t, y));
  y = f32x4.mul(t, y);
  const e = exp4(f32x4.neg(f32x4.mul(ax, ax)));   // −(ax²) ≤ 0: always on the vector path
  let r = f32x4.sub(one, f32x4.mul(y, e));
  r = v128.bitselect(one, r, f32x4.gt(ax, f32x4.splat(9)));
  return v128.bitselect(f32x4.neg(r), r, f32x4.lt(x, f32x4.splat(0)));
}
