// Per-beat signal quality: a number in 0..1 for each beat and, below 0.5, the reason in words.
// It asks "can this beat be measured?", not "is this beat normal?": an ectopic beat that is clean scores high
// (its morphology is the classifier's business). Four checks, each a score in 0..1; the beat gets the lowest:
//  noise      — RMS of the high-frequency residual (x minus its ~20-ms moving average) in the beat's window
//               outside the QRS, over the QRS amplitude: ≤ 0.03 scores 1, ≥ 0.15 scores 0 (muscle noise,
//               electrode motion and mains all land here; P and T waves are smooth and do not);
//  saturated  — the window's highest or lowest value held inside the QRS for ≥ 12 ms (and ≥ 3 samples: clipping
//               at an ADC rail), or ≥ 250 ms of identical samples anywhere (a dropout): scores 0;
//  amplitude  — the QRS amplitude over the recording's median QRS amplitude: ≥ 0.35 scores 1, ≤ 0.1 scores 0
//               (a lead coming off, a beat lost in the baseline);
//  wander     — the baseline's step across the window (mean of its first vs last 40 ms) over the QRS amplitude:
//               ≤ 1 scores 1, ≥ 3 scores 0.
// The window is R − 350 ms … R + 550 ms, cut at the midpoints to the neighbouring R peaks.
import type { Beat } from './beats.js';
import { median } from '../dsp/median.js';
import { filled } from '../es5.js';

export interface BeatQuality {
  /** [nBeats] quality 0..1 */
  quality: Float64Array;
  /** [nBeats] why the quality is below 0.5 ('noise', 'saturated', 'low amplitude', 'baseline wander'), else '' */
  reason: string[];
}

const LOW = 0.5;

const ramp = (v: number, good: number, bad: number): number => {
  const s = (v - bad) / (good - bad);
  return s <= 0 ? 0 : s >= 1 ? 1 : s;
};

/** `x`: the samples the beats were found in (same rate `fs`); `beats[i].qrs.peak` or the QRS midpoint is its R. */
export function beatQuality(x: ArrayLike<number>, fs: number, beats: Beat[]): BeatQuality {
  const n = beats.length;
  const quality = new Float64Array(n);
  const reason: string[] = filled(n, '');
  if (!n) return { quality, reason };
  const rOf = (b: Beat) => (b.qrs.peak !== undefined ? b.qrs.peak : Math.round((b.qrs.onset + b.qrs.offset) / 2));
  const amp = beats.map((b) => qrsAmplitude(x, b.qrs.onset, b.qrs.offset));
  const typical = (median(amp) as number) || 1e-12;
  const half = Math.max(1, Math.round(0.01 * fs)); // moving-average half width: 10 ms each side
  const edge = Math.max(2, Math.round(0.04 * fs)); // 40 ms
  const flatTop = Math.max(3, Math.round(0.012 * fs));
  for (let i = 0; i < n; i++) {
    const b = beats[i];
    const r = rOf(b);
    let from = Math.max(0, r - Math.round(0.35 * fs));
    let to = Math.min(x.length - 1, r + Math.round(0.55 * fs));
    if (i > 0) from = Math.max(from, Math.ceil((rOf(beats[i - 1]) + r) / 2));
    if (i + 1 < n) to = Math.min(to, Math.floor((r + rOf(beats[i + 1])) / 2));
    const a = amp[i] > 0 ? amp[i] : 1e-12;
    const scores: [number, string][] = [
      [ramp(residualRms(x, from, to, b.qrs.onset, b.qrs.offset, half) / a, 0.03, 0.15), 'noise'],
      [isSaturated(x, from, to, b.qrs.onset, b.qrs.offset, flatTop, Math.round(0.25 * fs)) ? 0 : 1, 'saturated'],
      [ramp(a / typical, 0.35, 0.1), 'low amplitude'],
      [ramp(baselineStep(x, from, to, edge) / a, 1, 3), 'baseline wander'],
    ];
    let q = 1;
    let why = '';
    for (const [s, name] of scores)
      if (s < q) {
        q = s;
        why = name;
      }
    quality[i] = Math.round(q * 1000) / 1000;
    reason[i] = q < LOW ? why : '';
  }
  return { quality, reason };
}

function qrsAmplitude(x: ArrayLike<number>, on: number, off: number): number {
  let lo = Infinity,
    hi = -Infinity;
  for (let k = Math.max(0, on); k <= Math.min(off, x.length - 1); k++) {
    if (x[k] < lo) lo = x[k];
    if (x[k] > hi) hi = x[k];
  }
  return hi > lo ? hi - lo : 0;
}

/** RMS of x − (moving average of 2·half+1 samples) over [from, to] outside [on, off]. */
function residualRms(x: ArrayLike<number>, from: number, to: number, on: number, off: number, half: number): number {
  let s2 = 0,
    m = 0;
  for (let k = from + half; k <= to - half; k++) {
    if (k >= on && k <= off) continue;
    let s = 0;
    for (let j = -half; j <= half; j++) s += x[k + j];
    const d = x[k] - s / (2 * half + 1);
    s2 += d * d;
    m++;
  }
  return m ? Math.sqrt(s2 / m) : 0;
}

/** The window's extreme (where an ADC rail clips) held inside the QRS for ≥ flatTop samples, or ≥ flatRun identical
 * samples anywhere. */
function isSaturated(
  x: ArrayLike<number>,
  from: number,
  to: number,
  on: number,
  off: number,
  flatTop: number,
  flatRun: number,
): boolean {
  let lo = Infinity,
    hi = -Infinity;
  for (let k = from; k <= to; k++) {
    if (x[k] < lo) lo = x[k];
    if (x[k] > hi) hi = x[k];
  }
  let run = 1;
  for (let k = from + 1; k <= to; k++) {
    run = x[k] === x[k - 1] ? run + 1 : 1;
    if (run >= flatRun) return true;
    if (run >= flatTop && k >= on && k <= off && (x[k] === hi || x[k] === lo)) return true;
  }
  return false;
}

function baselineStep(x: ArrayLike<number>, from: number, to: number, edge: number): number {
  if (to - from + 1 < 3 * edge) return 0;
  let a = 0,
    b = 0;
  for (let k = 0; k < edge; k++) {
    a += x[from + k];
    b += x[to - k];
  }
  return Math.abs(a - b) / edge;
}
