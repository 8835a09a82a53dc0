// Rule-based AFib detector over RR intervals (specification §6.6): the original's features and
// thresholds. Input: QRS onsets (samples) and widths (ms) of one window.
import { ln } from '../dsp/portable-math.js';

export interface AfibResult {
  isAfib: boolean;
  reason: string;
  nBeats: number;
  rrMs: number[];
  vetoed: boolean;
  mainFire: boolean;
  safetyFire: boolean;
}

const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const std = (v: number[]) => {
  const m = mean(v);
  return Math.sqrt(v.reduce((a, b) => a + (b - m) * (b - m), 0) / v.length);
};

/** COSEn (Lake & Moorman), m = 1: best over r = max(deadband, frac·mean RR) of SampEn − ln(mean RR in s). */
export function cosen(rr: number[], deadband: number): number {
  const n = rr.length;
  if (n < 3 || std(rr) < deadband) return 0;
  const mu = mean(rr);
  let best = -Infinity;
  for (const frac of [0.03, 0.05, 0.08, 0.12, 0.18, 0.25]) {
    const r = Math.max(deadband, frac * mu);
    let A = 0,
      B = 0;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        if (i === j) continue;
        if (Math.abs(rr[i] - rr[j]) <= r) {
          B++;
          if (i < n - 1 && j < n - 1 && Math.abs(rr[i + 1] - rr[j + 1]) <= r) A++;
        }
      }
    if (A === 0 || B === 0) continue;
    best = Math.max(best, -ln(A / B) - ln(mu / 1000));
  }
  return best === -Infinity ? 0 : best;
}
/** Fraction of beats within ±max(deadband, 6 % of mean RR) of the most populated RR value. */
export function dominantCluster(rr: number[], deadband: number): number {
  const tol = Math.max(deadband, 0.06 * mean(rr));
  let best = 0;
  for (const a of rr) best = Math.max(best, rr.filter((b) => Math.abs(a - b) <= tol).length);
  return best / rr.length;
}
/**
 * Occupied fraction of a 13×13 grid of 80-ms bins (edges at multiples of 80 ms) of successive ΔRR pairs (ΔRR below
 * deadband zeroed).
 */
export function sarkarFill(rr: number[], deadband: number): number {
  const d = rr.slice(1).map((v, i) => {
    const x = v - rr[i];
    return Math.abs(x) < deadband ? 0 : x;
  });
  if (d.length < 3) return 0;
  const cells: Record<string, true> = {}; // a Set, without ES2015
  let size = 0;
  // Bin edges at multiples of 80 ms (bin k holds [80k, 80k + 80)), 13 bins, outliers clipped into the end bins.
  const bin = (x: number) => Math.max(-6, Math.min(6, Math.floor(x / 80)));
  for (let i = 1; i < d.length; i++) {
    const key = `${bin(d[i - 1])},${bin(d[i])}`;
    if (!cells[key]) {
      cells[key] = true;
      size++;
    }
  }
  return size / 169;
}
export function rmssd(rr: number[], deadband: number): number {
  const d = rr.slice(1).map((v, i) => {
    const x = v - rr[i];
    return Math.abs(x) < deadband ? 0 : x;
  });
  return d.length ? Math.sqrt(mean(d.map((x) => x * x))) : 0;
}

/**
 * Beats too wide to trust their RR: width ≥ max(120 ms, 1.25 × the median width; an even count averages the two middle
 * ones).
 */
export function wideBeatMask(widthsMs: number[]): boolean[] {
  const w = widthsMs.slice().sort((a, b) => a - b),
    k = w.length >> 1;
  const med = w.length % 2 ? w[k] : (w[k - 1] + w[k]) / 2;
  return widthsMs.map((x) => x >= Math.max(120, 1.25 * med));
}

export function afibScore(onsets: number[], widthsMs: number[], fs: number): AfibResult {
  const nBeats = onsets.length;
  const rrAll = onsets.slice(1).map((v, i) => ((v - onsets[i]) * 1000) / fs);
  const base = { nBeats, rrMs: rrAll, vetoed: false, mainFire: false, safetyFire: false };
  if (nBeats < 5) return { ...base, isAfib: false, reason: 'insufficient beats' };
  const nWide = widthsMs.filter((w) => w >= 115).length;
  if (nWide >= Math.max(2, Math.ceil(0.3 * nBeats)))
    return { ...base, vetoed: true, isAfib: false, reason: 'wide-QRS veto' };
  const wide = wideBeatMask(widthsMs);
  let rr = rrAll.filter((_, i) => !wide[i] && !wide[i + 1]);
  if (rr.length < 4) rr = rrAll;
  const main =
    rr.length >= 4 &&
    (cosen(rr, 0) >= 3.078 ||
      cosen(rr, 5) >= 2.351 ||
      dominantCluster(rr, 70) <= 0.25 ||
      sarkarFill(rr, 15) >= 0.05917 ||
      cosen(rr, 70) >= 2.465 ||
      dominantCluster(rr, 50) <= 0.2727 ||
      sarkarFill(rr, 40) >= 0.05917 ||
      rmssd(rr, 0) >= 682.6);
  let safety = false;
  if (
    !main &&
    rrAll.length <= 10 &&
    widthsMs.every((w) => w < 120) &&
    Math.min(...rrAll) >= 1 &&
    Math.max(...rrAll) / Math.min(...rrAll) <= 2.4
  ) {
    const mu = mean(rrAll),
      d = rrAll.slice(1).map((v, i) => Math.abs(v - rrAll[i]));
    const prr8 = d.filter((x) => x >= 0.08 * mu).length / Math.max(1, d.length);
    safety = prr8 >= 0.7 && std(rrAll) / mu >= 0.15 && dominantCluster(rrAll, 0) <= 0.4;
  }
  return {
    ...base,
    mainFire: main,
    safetyFire: safety,
    isAfib: main || safety,
    reason: main ? 'RR irregularity rules' : safety ? 'short-window safety net' : 'regular',
  };
}
