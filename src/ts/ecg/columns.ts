// A delineation in columns, the form NeuroKit2's ecg_delineate returns: one typed array per feature, one entry
// per beat, NaN where a beat lacks the wave. Sample indices are at the delineation's rate.
//   pOnset pPeak pOffset   the beat's P wave (beats.ts: the last P before the QRS, within 400 ms)
//   qrsOnset qPeak rPeak sPeak qrsOffset
//                          Q = the lowest sample between QRS onset and R, S = the lowest between R and QRS offset,
//                          each NaN when it is not below both of its ends (no Q or S deflection, e.g. a QS complex
//                          whose R is its deepest point has neither); R = the wave's peak (r-peak.ts)
//   tOnset tPeak tOffset   the beat's T wave
//   quality qualityReason  beat-quality.ts
import type { Beat, Wave } from './beats.js';
import { rPeak } from './r-peak.js';
import { beatQuality } from './beat-quality.js';
import { fillRange } from '../es5.js';

export interface BeatColumns {
  n: number;
  pOnset: Float64Array;
  pPeak: Float64Array;
  pOffset: Float64Array;
  qrsOnset: Float64Array;
  qPeak: Float64Array;
  rPeak: Float64Array;
  sPeak: Float64Array;
  qrsOffset: Float64Array;
  tOnset: Float64Array;
  tPeak: Float64Array;
  tOffset: Float64Array;
  /** Per-beat signal quality 0..1 (beat-quality.ts). */
  quality: Float64Array;
  /** Why a beat's quality is below 0.5, else ''. */
  qualityReason: string[];
}

const peakOf = (x: ArrayLike<number>, w: Wave) => (w.peak !== undefined ? w.peak : rPeak(x, w.onset, w.offset));

/** The lowest sample of sign·x strictly inside (a, b) when it lies below both ends, else NaN. */
function dip(x: ArrayLike<number>, a: number, b: number, sign: number): number {
  if (b - a < 2) return NaN;
  let best = a + 1;
  for (let k = a + 1; k < b; k++) if (sign * x[k] < sign * x[best]) best = k;
  return sign * x[best] < sign * x[a] && sign * x[best] < sign * x[b] ? best : NaN;
}

/** `x`: the samples the delineation was made from (its own rate). */
export function beatColumns(beats: Beat[], x: ArrayLike<number>, fs: number): BeatColumns {
  const n = beats.length;
  const col = () => {
    const c = new Float64Array(n);
    fillRange(c, NaN);
    return c;
  };
  const c: BeatColumns = {
    n,
    pOnset: col(),
    pPeak: col(),
    pOffset: col(),
    qrsOnset: col(),
    qPeak: col(),
    rPeak: col(),
    sPeak: col(),
    qrsOffset: col(),
    tOnset: col(),
    tPeak: col(),
    tOffset: col(),
    quality: new Float64Array(n),
    qualityReason: [],
  };
  beats.forEach((b, i) => {
    const r = peakOf(x, b.qrs);
    c.qrsOnset[i] = b.qrs.onset;
    c.qrsOffset[i] = b.qrs.offset;
    c.rPeak[i] = r;
    // Q and S are read on the R-up picture: flip a beat whose R deflection points down
    const up = x[r] >= (x[b.qrs.onset] + x[b.qrs.offset]) / 2;
    const sign = up ? 1 : -1;
    c.qPeak[i] = dip(x, b.qrs.onset, r, sign);
    c.sPeak[i] = dip(x, r, b.qrs.offset, sign);
    if (b.p) {
      c.pOnset[i] = b.p.onset;
      c.pPeak[i] = peakOf(x, b.p);
      c.pOffset[i] = b.p.offset;
    }
    if (b.t) {
      c.tOnset[i] = b.t.onset;
      c.tPeak[i] = peakOf(x, b.t);
      c.tOffset[i] = b.t.offset;
    }
  });
  const q = beatQuality(x, fs, beats);
  c.quality = q.quality;
  c.qualityReason = q.reason;
  return c;
}
