// Is there an ECG at all? A signal-quality index from what the delineation found, so a flat line,
// pure noise or a saturated trace is reported as "no ECG found" instead of a confident rhythm.
//   index = median over beats of the correlation of each QRS (±60 ms around its R peak) with the
//           median beat — a real ECG repeats its QRS shape (typically > 0.8), noise does not (< 0.4);
//   no ECG when: fewer than 2 beats, a heart rate outside 20–300 bpm, a peak-to-peak amplitude
//           under 0.02 mV (in the signal's units), more than 20 % of samples stuck at the extremes
//           (saturation), index < MIN_QUALITY, or the detected beats do not look like QRS complexes:
//   energy contrast = median over beats of the QRS energy (qrs-energy.ts) at the beat / median energy of the whole
//           signal: a QRS is a burst of 5–20 Hz energy over a quiet baseline (≥ 7 on every real lead measured,
//           MIT-BIH, SVDB, LUDB all leads, CinC 2017), a sine, a random walk, noise or an ECG played 40× fast spreads
//           it evenly (< 5); no ECG under MIN_ENERGY_CONTRAST;
//   spikiness = median over beats of the fraction of the beat-to-beat span further from the baseline than half the
//           R deviation: a QRS is brief (≤ 0.38 on the real records measured), a sine, triangle or sawtooth
//           spends half of each cycle there (≥ 0.45); no ECG above MAX_SPIKINESS.
//   Measured with the features of this file: 1,908 LUDB leads (all 12 of 159), 24 MIT-BIH and 26 SVDB records,
//           300 CinC 2017 strips: no N/A/O strip or record rejected by these two checks; 5 CinC strips rejected,
//           all labelled noisy.
import type { Beat } from './beats.js';
import { rPeak } from './r-peak.js';
import { median } from '../dsp/median.js';
import { qrsEnergy } from './qrs-energy.js';
import { isFiniteNumber } from '../es5.js';

export const MIN_QUALITY = 0.5,
  MIN_ENERGY_CONTRAST = 6,
  MAX_SPIKINESS = 0.42;

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
  const rs = beats.map((b) => rPeak(x, b.qrs.onset, b.qrs.offset));
  const contrast = energyContrast(x, fs, rs);
  if (!(contrast >= MIN_ENERGY_CONTRAST))
    return {
      index: 0,
      ecgFound: false,
      reason: `no QRS-like bursts: the signal's energy is not concentrated at the beats (contrast ${round2(contrast)})`,
    };
  const spiky = spikiness(x, rs);
  if (spiky > MAX_SPIKINESS)
    return {
      index: 0,
      ecgFound: false,
      reason: `a smooth periodic wave, not QRS complexes (${Math.round(100 * spiky)} % of each cycle near its peak)`,
    };
  const half = Math.max(2, Math.round(0.06 * fs));
  const segs: Float64Array[] = [];
  for (const r of rs) {
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

const round2 = (v: number) => (isFiniteNumber(v) ? Math.round(v * 100) / 100 : v);

/** Median QRS energy within ±50 ms of each R peak over the median energy of the signal (Infinity when that is 0). */
function energyContrast(x: ArrayLike<number>, fs: number, rs: number[]): number {
  const e = qrsEnergy(x, fs);
  const w = Math.max(1, Math.round(0.05 * fs));
  const atBeats = rs.map((r) => {
    let m = 0;
    for (let i = Math.max(0, r - w); i <= Math.min(e.length - 1, r + w); i++) m = Math.max(m, e[i]);
    return m;
  });
  const all = median(e) as number,
    beat = median(atBeats) as number;
  return all > 0 ? beat / all : beat > 0 ? Infinity : 0;
}

/** Median over inner beats of the share of the span between the neighbouring midpoints more than half the R
 *  deviation away from the span's median (its baseline). */
function spikiness(x: ArrayLike<number>, rs: number[]): number {
  const shares: number[] = [];
  for (let k = 1; k + 1 < rs.length; k++) {
    const lo = Math.round((rs[k - 1] + rs[k]) / 2),
      hi = Math.round((rs[k] + rs[k + 1]) / 2);
    if (hi - lo < 4) continue;
    const span: number[] = [];
    for (let i = lo; i < hi; i++) span.push(x[i]);
    const base = median(span) as number,
      a = Math.abs(x[rs[k]] - base);
    if (!(a > 0)) continue;
    let far = 0;
    for (const v of span) if (Math.abs(v - base) > a / 2) far++;
    shares.push(far / span.length);
  }
  return shares.length ? (median(shares) as number) : 0;
}
