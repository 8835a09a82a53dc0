// Binary search over anything sorted: the first index i in [0, n) with key(i) ≥ v (n when there is none).
export function lowerBound(n: number, key: (i: number) => number, v: number): number {
  let lo = 0,
    hi = n;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (key(m) < v) lo = m + 1;
    else hi = m;
  }
  return lo;
}
