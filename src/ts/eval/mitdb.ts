// The MIT-BIH protocol (ANSI/AAMI EC57 style), pure scoring: reference beats (symbol at the QRS
// fiducial point) against detected beats (R peak, beat-layer type) of one record, and the pooled
// ("gross") statistics over records. Rules, stated once:
//  - every beat annotation N L R B A a J S V r F e j n E / f Q ? is a reference beat;
//  - a reference and a detected beat match when ≤ 150 ms apart, one to one (beat-match.ts);
//  - detections inside ventricular-flutter spans ('[' … ']', where the reference annotates no
//    beats) are neither hits nor false positives;
//  - QRS Se = TP / (TP + FN), +P = TP / (TP + FP);
//  - class confusion over matched beats: rows = reference AAMI class, columns = detected class;
//  - VEB Se = Vv / V-row total (missed V beats count against it), VEB +P = Vv / (Nv + Sv + Vv) —
//    F and Q reference beats called V are not false VEBs (fusion contains a ventricular beat, Q is
//    unclassifiable); SVEB likewise with S;
//  - AF time: samples inside reference '(AFIB' / '(AFL' spans vs samples whose rhythm-track class is
//    AFib: Se = overlap / reference AF time, +P = overlap / detected AF time.
import { compareBeats } from './compare-beats.js';
import type { MitdbBeat, RhythmSpan } from '../datasets/mitdb.js';

export const AAMI = ['N', 'S', 'V', 'F', 'Q'] as const;
export type Aami = (typeof AAMI)[number];

export interface DetectedBeat {
  sample: number;
  aami: Aami;
}

export interface RecordCounts {
  record: string;
  fs: number;
  nRef: number;
  nDet: number;
  tp: number;
  fn: number;
  fp: number;
  /** confusion[ref][det] over matched beats, plus 'missed' per reference class. */
  confusion: number[][]; // 5 × 5, AAMI order
  missedByClass: number[]; // 5
  afRefSamples: number;
  afDetSamples: number;
  afOverlapSamples: number;
}

const idx = (c: string): number => AAMI.indexOf(c as Aami);

export function scoreRecord(
  record: string,
  fs: number,
  reference: MitdbBeat[],
  detected: DetectedBeat[],
  opts: {
    excluded?: Array<[number, number]>;
    rhythms?: RhythmSpan[];
    afTrack?: ArrayLike<number>;
    afClass?: number;
  } = {},
): RecordCounts {
  // the matching and the class confusion are compareBeats' (the public API scores exactly as this protocol does)
  const c = compareBeats(reference, detected, { fs, excluded: opts.excluded });
  const confusion = c.confusion ? c.confusion.matrix : AAMI.map(() => AAMI.map(() => 0));
  const missedByClass = c.confusion ? c.confusion.missed : AAMI.map(() => 0);
  let afRef = 0,
    afDet = 0,
    afBoth = 0;
  if (opts.afTrack && opts.rhythms) {
    const n = opts.afTrack.length;
    const ref = new Uint8Array(n);
    for (const r of opts.rhythms)
      if (r.rhythm === 'AFIB' || r.rhythm === 'AFL') ref.fill(1, Math.max(0, r.start), Math.min(n, r.end));
    for (let i = 0; i < n; i++) {
      const d = opts.afTrack[i] === (opts.afClass ?? 3) ? 1 : 0;
      afRef += ref[i];
      afDet += d;
      afBoth += ref[i] & d;
    }
  }
  return {
    record,
    fs,
    nRef: reference.length,
    nDet: c.tp + c.fp,
    tp: c.tp,
    fn: c.fn,
    fp: c.fp,
    confusion,
    missedByClass,
    afRefSamples: afRef,
    afDetSamples: afDet,
    afOverlapSamples: afBoth,
  };
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

export interface ClassStats {
  se: number | null;
  ppv: number | null;
  tp: number;
  nRef: number;
  nDet: number;
}

/** Se/+P of one ectopic class (V or S) from pooled counts, with the exclusions stated above. */
export function classStats(c: number[][], missed: number[], cls: 'V' | 'S'): ClassStats {
  const k = idx(cls);
  const tp = c[k][k];
  const nRef = c[k].reduce((s, v) => s + v, 0) + missed[k];
  const nDet = c[idx('N')][k] + c[idx('S')][k] + c[idx('V')][k];
  return { se: ratio(tp, nRef), ppv: ratio(tp, nDet), tp, nRef, nDet };
}

export interface MitdbSummary {
  records: number;
  qrs: { se: number | null; ppv: number | null; tp: number; fn: number; fp: number; nRef: number };
  confusion: { classes: readonly string[]; matrix: number[][]; missed: number[] };
  veb: ClassStats;
  sveb: ClassStats;
  af: { se: number | null; ppv: number | null; refS: number; detS: number } | null;
}

export function summarise(recs: RecordCounts[]): MitdbSummary {
  const c = AAMI.map(() => AAMI.map(() => 0)),
    missed = AAMI.map(() => 0);
  let tp = 0,
    fn = 0,
    fp = 0,
    nRef = 0,
    afRef = 0,
    afDet = 0,
    afBoth = 0;
  for (const r of recs) {
    tp += r.tp;
    fn += r.fn;
    fp += r.fp;
    nRef += r.nRef;
    afRef += r.afRefSamples / r.fs;
    afDet += r.afDetSamples / r.fs;
    afBoth += r.afOverlapSamples / r.fs;
    for (let i = 0; i < 5; i++) {
      missed[i] += r.missedByClass[i];
      for (let j = 0; j < 5; j++) c[i][j] += r.confusion[i][j];
    }
  }
  return {
    records: recs.length,
    qrs: { se: ratio(tp, tp + fn), ppv: ratio(tp, tp + fp), tp, fn, fp, nRef },
    confusion: { classes: AAMI, matrix: c, missed },
    veb: classStats(c, missed, 'V'),
    sveb: classStats(c, missed, 'S'),
    af: afRef + afDet > 0 ? { se: ratio(afBoth, afRef), ppv: ratio(afBoth, afDet), refS: afRef, detS: afDet } : null,
  };
}
