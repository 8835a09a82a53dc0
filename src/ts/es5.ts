// Small helpers that keep the inference path ES5-clean (Duktape has no Array.prototype.fill,
// Number.isInteger, Map or Set; typed-array .fill/.from/.slice are not guaranteed either).
export function zeros(n: number): number[] {
  return filled(n, 0);
}
export function isInt(x: number): boolean {
  return typeof x === 'number' && isFinite(x) && Math.floor(x) === x;
}
export const imul: (a: number, b: number) => number =
  (Math as any).imul ||
  ((a: number, b: number) => {
    const ah = (a >>> 16) & 0xffff,
      al = a & 0xffff,
      bh = (b >>> 16) & 0xffff,
      bl = b & 0xffff;
    return (al * bl + (((ah * bl + al * bh) << 16) >>> 0)) | 0;
  });
/** Number.isFinite (ES2015). */
export function isFiniteNumber(x: unknown): x is number {
  return typeof x === 'number' && isFinite(x);
}
/** new Array(n).fill(v) (ES2015). */
export function filled<T>(n: number, v: T): T[] {
  const a: T[] = [];
  for (let i = 0; i < n; i++) a.push(v);
  return a;
}
/** Object.fromEntries (ES2019) for string keys. */
export function objectOf<T>(pairs: [string, T][]): Record<string, T> {
  const o: Record<string, T> = {};
  for (const [k, v] of pairs) o[k] = v;
  return o;
}
/** Float64Array.from(src) (ES2015) for array-likes. */
export function toFloat64(src: ArrayLike<number>): Float64Array {
  const out = new Float64Array(src.length);
  for (let i = 0; i < src.length; i++) out[i] = src[i];
  return out;
}
/** Fills data[from..to) with v (typed or plain arrays). */
export function fillRange(d: { [i: number]: number; length: number }, v: number, from = 0, to = d.length): void {
  // TypedArray#fill (ES2015) for non-negative bounds, clamped to the array as fill clamps them.
  const end = Math.min(to, d.length);
  for (let i = Math.max(0, from); i < end; i++) d[i] = v;
}
/** Round half to even (what lrintf and Python's round do). */
export function rne(x: number): number {
  const r = Math.round(x);
  return r - x === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
