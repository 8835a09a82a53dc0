// Pacemaker stimuli next to the QRS complexes they trigger (in the spirit of the original's QRS-localised
// detector, specification §6.9, which looks only in the 10–80 ms before each R peak): the candidate is the
// largest second difference |x[i+1] − 2x[i] + x[i−1]| in [R − 80 ms, R − 4 ms]; it is a stimulus when it is
// K_NOISE × the record's median second difference and ISOLATED — every other second difference within
// ±12 ms (beyond its own ±1 sample) is under ISOLATION × it. A stimulus is one or two samples wide at any
// recording rate; a QRS slope or notch spreads its curvature over several samples. Portable arithmetic only.
import type { Beat } from '../ecg/beats.js';
import { median } from '../dsp/median.js';

const BEFORE_MS = 60,
  AFTER_MS = 30,
  ISOLATION_MS = 10,
  K_NOISE = 10,
  ISOLATION = 0.35,
  MIN_JUMP = 0.05;

/** Sample index of the stimulus at each paced QRS (at most one per beat), sorted. */
export function detectPacerSpikesLocalized(x: ArrayLike<number>, fs: number, beats: Beat[]): number[] {
  const n = x.length;
  if (n < 8 || !beats.length) return [];
  const d1 = new Float64Array(n);
  for (let i = 1; i < n; i++) d1[i] = Math.abs(x[i] - x[i - 1]);
  const noise = median(d1) as number;
  const before = Math.round((BEFORE_MS * fs) / 1000),
    after = Math.round((AFTER_MS * fs) / 1000);
  const iso = Math.max(3, Math.round((ISOLATION_MS * fs) / 1000));
  const out: number[] = [];
  for (const b of beats) {
    const lo = Math.max(1, b.qrs.onset - before),
      hi = Math.min(n - 1, b.qrs.onset + after);
    let c = -1;
    for (let i = lo; i <= hi; i++) if (c < 0 || d1[i] > d1[c]) c = i;
    if (c < 0 || !(d1[c] > K_NOISE * noise) || !(d1[c] >= MIN_JUMP)) continue;
    let around = 0;
    for (let i = Math.max(1, c - iso); i <= Math.min(n - 1, c + iso); i++)
      if (Math.abs(i - c) >= 2 && d1[i] > around) around = d1[i];
    if (around < ISOLATION * d1[c]) out.push(c);
  }
  return out.sort((p, q) => p - q);
}
