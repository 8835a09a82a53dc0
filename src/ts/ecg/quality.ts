// Is there an ECG at all? A signal-quality index from what the delineation found, so a flat line,
// pure noise or a saturated trace is reported as "no ECG found" instead of a confident rhythm.
//   index = median over beats of the correlation of each QRS (±60 ms around its R peak) with the
//           median beat — a real ECG repeats its QRS shape (typically > 0.8), noise does not (< 0.4);
//   no ECG when: fewer than 2 beats, a heart rate outside 20–300 bpm, a peak-to-peak amplitude
//           under 0.02 mV (in the signal's units), more than 20 % of samples stuck at the extremes
//           (saturation), or index < MIN_QUALITY.
import type { Beat } from './beats.js';
import { rPeak } from './r-peak.js';
import { median } from '../dsp/median.js';

export const MIN_QUALITY = 0.5;

export interface SignalQuality {
  index: number;
  ecgFound: boolean;
  reason: string;
}

function correlation(a: Float64Array, b: Float64Array): number {
  let ma = 0,
    mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i];
    mb += b[i];
  }
  ma /= a.length;
  mb /= b.length;
  let sab = 0,
    saa = 0,
    sbb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] - ma,
      y = b[i] - mb;
    sab += x * y;
    saa += x * x;
    sbb += y * y;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

export function signalQuality(x: ArrayLike<number>, fs: number, beats: Beat[]): SignalQuality {
  const n = x.length;
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  if (!(hi - lo >= 0.02)) return { index: 0, ecgFound: false, reason: 'flat line (peak-to-peak under 0.02)' };
  let atEdge = 0;
  const tol = (hi - lo) * 1e-6;
  for (let i = 0; i < n; i++) if (x[i] >= hi - tol || x[i] <= lo + tol) atEdge++;
  if (atEdge > 0.2 * n)
    return {
      index: 0,
      ecgFound: false,
      reason: `saturated (${Math.round((100 * atEdge) / n)} % of samples at the extremes)`,
    };
  if (beats.length < 2)
    return { index: 0, ecgFound: false, reason: `${beats.length} QRS complex${beats.length === 1 ? '' : 'es'} found` };
  const bpm = (60 * (beats.length - 1) * fs) / Math.max(1, beats[beats.length - 1].qrs.onset - beats[0].qrs.onset);
  if (bpm < 20 || bpm > 300)
    return { index: 0, ecgFound: false, reason: `implausible heart rate (${Math.round(bpm)} bpm)` };
  const half = Math.max(2, Math.round(0.06 * fs));
  const segs: Float64Array[] = [];
  for (const b of beats) {
    const r = rPeak(x, b.qrs.onset, b.qrs.offset);
    if (r - half < 0 || r + half >= n) continue;
    const s = new Float64Array(2 * half + 1);
    for (let i = -half; i <= half; i++) s[i + half] = x[r + i];
    segs.push(s);
  }
  if (segs.length < 2) return { index: 0, ecgFound: false, reason: 'too few complete QRS complexes' };
  const tmpl = new Float64Array(2 * half + 1);
  for (let i = 0; i < tmpl.length; i++) tmpl[i] = median(segs.map((s) => s[i])) as number;
  const index = Math.max(0, median(segs.map((s) => correlation(s, tmpl))) as number);
  const rounded = Math.round(index * 1000) / 1000;
  if (index < MIN_QUALITY)
    return {
      index: rounded,
      ecgFound: false,
      reason: `QRS complexes do not repeat (quality ${rounded}): noise rather than ECG`,
    };
  return { index: rounded, ecgFound: true, reason: 'ok' };
}
