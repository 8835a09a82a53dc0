// float32 exp and erf — the same sequences of float32 operations as src/ts/kernels/math32.ts
// (read side by side: constants, reduction, Horner order and branches are identical).

const LOG2E: f32 = 1.44269504088896341;
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
const EXP_MAX: f32 = 88.72283;
const EXP_MIN: f32 = -87.33654;
const I2: f32 = <f32>(1.0 / 2), I3: f32 = <f32>(1.0 / 6), I4: f32 = <f32>(1.0 / 24);
const I5: f32 = <f32>(1.0 / 120), I6: f32 = <f32>(1.0 / 720), I7: f32 = <f32>(1.0 / 5040);

@inline function pow2(n: i32): f32 { return reinterpret<f32>((n + 127) << 23); }

export function exp32(x: f32): f32 {
  if (x != x) return x;
  if (x > EXP_MAX) return Infinity;
  if (x < EXP_MIN) return 0;
  const nf = Mathf.floor(x * LOG2E + <f32>0.5);
  const n = <i32>nf;
  const r = (x - nf * LN2_HI) - nf * LN2_LO;
  let p = I6 + r * I7;
  p = I5 + r * p;
  p = I4 + r * p;
  p = I3 + r * p;
  p = I2 + r * p;
  p = <f32>1 + r * p;
  p = <f32>1 + r * p;
  return n > 127 ? (p * pow2(127)) * pow2(n - 127) : n < -126 ? (p * pow2(-126)) * pow2(n + 126) : p * pow2(n);
}

const ERF_P: f32 = 0.3275911;
const A1: f32 = 0.254829592, A2: f32 = -0.284496736, A3: f32 = 1.421413741;
const A4: f32 = -1.453152027, A5: f32 = 1.061405429;

export function erf32(x: f32): f32 {
  if (x != x) return x;
  const ax = x < 0 ? -x : x;
  if (ax > 9) return x < 0 ? -1 : 1;
  const t = <f32>1 / (<f32>1 + ERF_P * ax);
  let y = A4 + t * A5;
  y = A3 + t * y;
  y = A2 + t * y;
  y = A1 + t * y;
  y = t * y;
  const e = exp32(-(ax * ax));
  const r = <f32>1 - y * e;
  return x < 0 ? -r : r;
}
