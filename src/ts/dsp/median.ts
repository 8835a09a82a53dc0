// The median used across the pipeline: middle value, or the mean of the two middle values for an
// even count; null for no values. Callers round it where they need sample positions.
export function median(v: ArrayLike<number>): number | null {
  if (!v.length) return null;
  const s = Array.prototype.slice.call(v).sort((a: number, b: number) => a - b) as number[],
    m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
