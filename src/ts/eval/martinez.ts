// Boundary matching and scores with the Martínez (2004) tolerances (specification §4):
// P_on/P_off 50 ms, QRS_on/QRS_off 40 ms, T_on 50 ms, T_off 100 ms.
// For each true boundary in ascending order, the nearest still-unmatched prediction
// (earliest on ties) is a hit when |pred − true| ≤ tolerance, and is then consumed;
// otherwise the true boundary is a miss and the prediction stays available.
import { BOUNDARY_KEYS, type BoundaryKey, type Boundaries } from '../ecg/waves.js';

export const TOLERANCE_MS: Record<BoundaryKey, number> = {
  P_on: 50,
  P_off: 50,
  QRS_on: 40,
  QRS_off: 40,
  T_on: 50,
  T_off: 100,
};

export interface BoundaryScore {
  f1: number;
  se: number;
  ppv: number;
  meanErrMs: number;
  sdMs: number;
  medianAbsErrMs: number;
  p95AbsErrMs: number;
  nTrue: number;
  nPred: number;
  hits: number;
}
export interface Scores {
  macroF1: number;
  boundaries: Record<BoundaryKey, BoundaryScore>;
}

/** Signed errors (pred − true, in samples) of the hits. */
export function matchBoundaries(truth: number[], pred: number[], tolSamples: number): number[] {
  const t = truth.slice().sort((a, b) => a - b),
    p = pred.slice().sort((a, b) => a - b);
  const used = new Uint8Array(p.length);
  const errs: number[] = [];
  for (const g of t) {
    let best = -1,
      bestD = Infinity;
    for (let j = 0; j < p.length; j++) {
      if (used[j]) continue;
      const d = Math.abs(p[j] - g);
      if (d < bestD) {
        bestD = d;
        best = j;
      }
    }
    if (best >= 0 && bestD <= tolSamples) {
      used[best] = 1;
      errs.push(p[best] - g);
    }
  }
  return errs;
}

function quantile(sorted: number[], q: number): number {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q,
    lo = Math.floor(pos),
    hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function scoreOne(truth: number[], pred: number[], tolMs: number, fs: number): BoundaryScore {
  const errs = matchBoundaries(truth, pred, (tolMs * fs) / 1000).map((e) => (e * 1000) / fs);
  const hits = errs.length,
    nTrue = truth.length,
    nPred = pred.length;
  const se = nTrue ? hits / nTrue : NaN,
    ppv = nPred ? hits / nPred : NaN;
  const f1 =
    nTrue === 0 && nPred === 0
      ? NaN
      : (se || 0) + (ppv || 0) > 0
        ? (2 * (se || 0) * (ppv || 0)) / ((se || 0) + (ppv || 0))
        : 0;
  const mean = hits ? errs.reduce((a, b) => a + b, 0) / hits : NaN;
  const sd = hits ? Math.sqrt(errs.reduce((a, b) => a + (b - mean) * (b - mean), 0) / hits) : NaN;
  const abs = errs.map(Math.abs).sort((a, b) => a - b);
  return {
    f1,
    se,
    ppv,
    meanErrMs: mean,
    sdMs: sd,
    medianAbsErrMs: quantile(abs, 0.5),
    p95AbsErrMs: quantile(abs, 0.95),
    nTrue,
    nPred,
    hits,
  };
}

/** Scores pooled boundary lists (all windows already concatenated into one index space). */
export function scoreBoundaries(truth: Boundaries, pred: Boundaries, fs: number): Scores {
  const boundaries = {} as Record<BoundaryKey, BoundaryScore>;
  let sum = 0;
  for (const k of BOUNDARY_KEYS) {
    boundaries[k] = scoreOne(truth[k], pred[k], TOLERANCE_MS[k], fs);
    sum += boundaries[k].f1;
  }
  return { macroF1: sum / BOUNDARY_KEYS.length, boundaries };
}
