// The peak of a wave — the R peak of a QRS complex, the apex of a P or T wave: the sample of largest deviation from the
// straight line joining
// the QRS onset and offset samples (so a negative QS complex or an inverted paced beat gets its
// deepest point, and baseline wander does not pull the peak to one edge). Ties go to the earlier sample.
export function rPeak(x: ArrayLike<number>, onset: number, offset: number): number {
  const a = Math.max(0, Math.min(onset, x.length - 1));
  const b = Math.max(a, Math.min(offset, x.length - 1));
  const xa = x[a],
    xb = x[b];
  let best = a,
    bestDev = -1;
  for (let i = a; i <= b; i++) {
    const line = b > a ? xa + ((xb - xa) * (i - a)) / (b - a) : xa;
    const dev = Math.abs(x[i] - line);
    if (dev > bestDev) {
      bestDev = dev;
      best = i;
    }
  }
  return best;
}
