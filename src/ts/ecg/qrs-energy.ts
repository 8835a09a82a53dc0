// A QRS energy envelope at 250 Hz in the manner of Pan & Tompkins (1985): a band-pass made of two moving
// averages (3 and 13 samples: ≈ 5–20 Hz, where QRS energy lies and P/T waves and wander mostly do not), its
// squared first difference, summed over a 100-ms window centred on each sample. Used to weigh beat candidates
// against the recording's own beats (beat-search.ts), never on its own. Only +, −, × and ÷ of doubles, so
// every engine gives the same values.
// At other rates the lengths scale with fs (rounded), so the pass band stays put.
/** [n] energy per sample of x (sampled at fs, 250 Hz by default). */
export function qrsEnergy(x: ArrayLike<number>, fs = 250): Float64Array {
  const scaled = (k: number) => Math.max(1, Math.round((k * fs) / 250));
  const SHORT = scaled(3),
    LONG = scaled(13),
    LAG = scaled(6), // centres the long average on the short one
    WINDOW = scaled(25); // 100 ms
  const n = x.length;
  const avg = (k: number): Float64Array => {
    const o = new Float64Array(n); // [n] causal moving average, shorter at the start
    let s = 0;
    for (let i = 0; i < n; i++) {
      s += x[i];
      if (i >= k) s -= x[i - k];
      o[i] = s / Math.min(i + 1, k);
    }
    return o;
  };
  const a = avg(SHORT),
    b = avg(LONG);
  const bp = new Float64Array(n); // [n] band-passed signal
  for (let i = 0; i < n; i++) bp[i] = a[Math.min(n - 1, i + 1)] - b[Math.min(n - 1, i + LAG)];
  const sum = new Float64Array(n); // [n] moving sum of the squared difference ending at i
  let s = 0;
  const d2 = (i: number) => (i > 0 ? (bp[i] - bp[i - 1]) * (bp[i] - bp[i - 1]) : 0);
  for (let i = 0; i < n; i++) {
    s += d2(i);
    if (i >= WINDOW) s -= d2(i - WINDOW);
    sum[i] = s;
  }
  const out = new Float64Array(n); // [n] centred
  const half = WINDOW >> 1;
  for (let i = 0; i < n; i++) out[i] = sum[Math.min(n - 1, i + half)];
  return out;
}
