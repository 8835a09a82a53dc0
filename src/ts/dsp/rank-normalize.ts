// Rank normalisation (specification §2.1): average 1-based ranks (ties share the mean
// rank), mapped linearly onto [lo, hi]; float64 inside, float32 out.
// Amplitude- and offset-invariant: the model never sees mV.

export function rankNormalize(x: ArrayLike<number>, lo = -1, hi = 1): Float32Array {
  const n = x.length;
  const out = new Float32Array(n);
  if (n === 0) return out;
  const idx = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  // Stable sort by value (index as tie-break keeps it deterministic everywhere).
  const order = Array.prototype.slice.call(idx) as number[];
  order.sort((a, b) => (x[a] < x[b] ? -1 : x[a] > x[b] ? 1 : a - b));
  const denom = Math.max(n - 1, 1);
  let i = 0;
  while (i < n) {
    let j = i + 1;
    while (j < n && x[order[j]] === x[order[i]]) j++;
    const rank = (i + 1 + j) / 2; // mean of 1-based ranks i+1 .. j
    const v = lo + ((hi - lo) * (rank - 1)) / denom;
    for (let k = i; k < j; k++) out[order[k]] = v;
    i = j;
  }
  return out;
}
