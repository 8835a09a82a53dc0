// Float64 functions that give the same bits on every JS engine. ECMAScript leaves the accuracy of
// Math.sin, Math.log, Math.cbrt (…) to the implementation — V8, SpiderMonkey, JavaScriptCore,
// QuickJS and Duktape may differ in the last bit — whereas +, −, ×, ÷, Math.sqrt, Math.floor are
// exactly specified (IEEE 754, and JS never contracts a·b + c into an FMA). These use only those.
// Accuracy: within a few units in the last place, far below what they feed (filter taps, RR
// features, QTc rounded to 0.1 ms).

const PI = 3.141592653589793;
const LN2 = 0.6931471805599453;

/** sin(π·u): u reduced to [−0.5, 0.5] exactly (multiples of 2 and the reflection are exact), then Taylor. */
export function sinPi(u: number): number {
  if (!isFinite(u)) return NaN;
  let v = u - 2 * Math.floor(u / 2 + 0.5); // v ∈ [−1, 1)
  if (v > 0.5) v = 1 - v;
  else if (v < -0.5) v = -1 - v;
  const x = PI * v,
    x2 = x * x;
  // sin x = x·(1 − x²/(2·3)·(1 − x²/(4·5)·(1 − …))) to the x²¹/21! term (|x| ≤ π/2: truncation < 1e-17)
  let q = 1;
  for (let k = 21; k >= 3; k -= 2) q = 1 - (x2 / (k * (k - 1))) * q;
  return x * q;
}

/** Natural log for x > 0: x = m·2^e with m ∈ [√½, √2) by exact halvings/doublings, ln m = 2·atanh((m−1)/(m+1)). */
export function ln(x: number): number {
  if (!(x > 0)) return x === 0 ? -Infinity : NaN;
  if (x === Infinity) return Infinity;
  let e = 0,
    m = x;
  while (m >= 1.4142135623730951) {
    m /= 2;
    e++;
  }
  while (m < 0.7071067811865476) {
    m *= 2;
    e--;
  }
  const s = (m - 1) / (m + 1),
    s2 = s * s;
  let p = 0;
  for (let k = 41; k >= 3; k -= 2) p = (p + 1 / k) * s2; // |s| < 0.172: terms past s⁴¹ < 1e-32
  return 2 * s * (1 + p) + e * LN2;
}

/** Real cube root by a fixed number of Newton steps (deterministic even where it alternates in the last bit). */
export function cbrt(a: number): number {
  if (a === 0 || !isFinite(a)) return a;
  const neg = a < 0,
    x = neg ? -a : a;
  let y = x > 1 ? x : 1;
  for (let i = 0; i < 200; i++) y = (2 * y + x / (y * y)) / 3;
  return neg ? -y : y;
}
