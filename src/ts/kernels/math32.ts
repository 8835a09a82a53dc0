// The project's own float32 transcendental functions. Math.exp/tanh/log are double
// precision and differ between engines; these are sequences of float32 operations
// (each rounded with fround), so every backend and engine gets the same bits.
// The WASM backend must port exactly the same sequences.
import { fround as f } from './f32.js';

const LOG2E = f(1.44269504088896341);
const LN2_HI = f(0.693359375); // 10 significant bits: n·LN2_HI is exact for |n| < 2^14
const LN2_LO = f(-2.1219444e-4);
const EXP_MAX = f(88.72283);
const EXP_MIN = f(-87.33654); // below this the result would be subnormal: flushed to 0
const I2 = f(1 / 2),
  I3 = f(1 / 6),
  I4 = f(1 / 24),
  I5 = f(1 / 120),
  I6 = f(1 / 720),
  I7 = f(1 / 5040);

const pow2buf = new Float32Array(1),
  pow2bits = new Int32Array(pow2buf.buffer);
/** 2^n as float32 for integer −126 ≤ n ≤ 127 (exact, built from the exponent bits). */
function pow2(n: number): number {
  pow2bits[0] = (n + 127) << 23;
  return pow2buf[0];
}

/**
 * exp(x): n = floor(x·log2e + 0.5); r = (x − n·ln2_hi) − n·ln2_lo (Cody–Waite);
 * exp(r) by a degree-7 Taylor polynomial in Horner form (|r| ≤ 0.35, error < 1 ulp);
 * result = p · 2^n. Max relative error about 2 ulp.
 */
export function exp32(x: number): number {
  x = f(x);
  if (x !== x) return x;
  if (x > EXP_MAX) return Infinity;
  if (x < EXP_MIN) return 0;
  const n = Math.floor(f(f(x * LOG2E) + 0.5));
  const r = f(f(x - f(n * LN2_HI)) - f(n * LN2_LO));
  let p = f(I6 + f(r * I7));
  p = f(I5 + f(r * p));
  p = f(I4 + f(r * p));
  p = f(I3 + f(r * p));
  p = f(I2 + f(r * p));
  p = f(1 + f(r * p));
  p = f(1 + f(r * p));
  return n > 127
    ? f(f(p * pow2(127)) * pow2(n - 127))
    : n < -126
      ? f(f(p * pow2(-126)) * pow2(n + 126))
      : f(p * pow2(n));
}

// erf by Abramowitz & Stegun 7.1.26 (|error| ≤ 1.5e-7), evaluated in float32.
const ERF_P = f(0.3275911);
const A1 = f(0.254829592),
  A2 = f(-0.284496736),
  A3 = f(1.421413741),
  A4 = f(-1.453152027),
  A5 = f(1.061405429);

/** erf(x) = sign(x)·(1 − (a1·t + … + a5·t⁵)·exp(−x²)), t = 1/(1 + p·|x|). */
export function erf32(x: number): number {
  x = f(x);
  if (x !== x) return x;
  const ax = x < 0 ? -x : x;
  if (ax > 9) return x < 0 ? -1 : 1;
  const t = f(1 / f(1 + f(ERF_P * ax)));
  let y = f(A4 + f(t * A5));
  y = f(A3 + f(t * y));
  y = f(A2 + f(t * y));
  y = f(A1 + f(t * y));
  y = f(t * y);
  const e = exp32(f(-f(ax * ax)));
  const r = f(1 - f(y * e));
  return x < 0 ? -r : r;
}

const T3 = f(-1 / 3),
  T5 = f(2 / 15),
  T7 = f(-17 / 315),
  T9 = f(62 / 2835);

/** tanh(x): odd Taylor series to x⁹ for |x| < 0.3, else 1 − 2/(exp(2|x|) + 1) with the sign of x. */
export function tanh32(x: number): number {
  x = f(x);
  if (x !== x) return x;
  const ax = x < 0 ? -x : x;
  if (ax < 0.3) {
    const x2 = f(x * x);
    let p = f(T7 + f(x2 * T9));
    p = f(T5 + f(x2 * p));
    p = f(T3 + f(x2 * p));
    return f(x + f(x * f(x2 * p)));
  }
  if (ax > 9.1) return x < 0 ? -1 : 1;
  const r = f(1 - f(2 / f(exp32(f(2 * ax)) + 1)));
  return x < 0 ? -r : r;
}

/** logistic(x) = 1 / (1 + exp(−x)). */
export function sigmoid32(x: number): number {
  return f(1 / f(1 + exp32(-f(x))));
}

const logBuf = new Float32Array(1),
  logBits = new Int32Array(logBuf.buffer);
const LN2 = f(0.693147180559945),
  SQRT1_2 = f(0.70710678118654752);
const L3 = f(1 / 3),
  L5 = f(1 / 5),
  L7 = f(1 / 7),
  L9 = f(1 / 9),
  L11 = f(1 / 11);

/** log(x): x = m·2^e with m in [√½, √2); log m = 2·atanh(s), s = (m − 1)/(m + 1), series to s¹¹. */
export function log32(x: number): number {
  x = f(x);
  if (x !== x || x < 0) return NaN;
  if (x === 0) return -Infinity;
  if (x === Infinity) return x;
  let e = 0;
  if (x < 1.1754944e-38) {
    x = f(x * 16777216);
    e = -24;
  } // subnormal: scale up by 2^24
  logBuf[0] = x;
  e += ((logBits[0] >> 23) & 0xff) - 127;
  logBits[0] = (logBits[0] & 0x007fffff) | 0x3f800000;
  let m = logBuf[0];
  if (m > f(2 * SQRT1_2)) {
    m = f(m * 0.5);
    e += 1;
  }
  const s = f(f(m - 1) / f(m + 1));
  const s2 = f(s * s);
  let p = f(L9 + f(s2 * L11));
  p = f(L7 + f(s2 * p));
  p = f(L5 + f(s2 * p));
  p = f(L3 + f(s2 * p));
  p = f(1 + f(s2 * p));
  const lm = f(f(2 * s) * p);
  return f(f(e * LN2) + lm);
}
