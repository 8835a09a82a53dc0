// compareBeats: detected beats against reference annotations, scored as `openecg eval --protocol mitdb` scores
// them (eval/mitdb.ts): one-to-one matches within ±windowMs (150 ms; closest pairs first, beat-match.ts),
// detections inside `excluded` spans (e.g. ventricular flutter, where the reference has no beats) ignored,
// QRS Se = TP / (TP + FN), +P = TP / (TP + FP); with labels, an AAMI confusion over the matched beats.
// The comparison runs over the whole record (no learning period); the bxb rules with their 5-min learning period
// are eval/bxb.ts.
import { matchBeats } from './beat-match.js';
import { aamiOfSymbol } from '../classify/beat-types.js';
import { OpenEcgError } from '../errors.js';

export const AAMI_CLASSES = ['N', 'S', 'V', 'F', 'Q'] as const;
export type AamiClass = (typeof AAMI_CLASSES)[number];

/** A beat: its sample, or an object with its sample and a MIT-BIH `symbol` (N, V, A, …) or an `aami` class. */
export type BeatMark = number | { sample: number; symbol?: string; aami?: string };

export interface CompareOptions {
  fs: number;
  /** Match window, ms either side (default 150). */
  windowMs?: number;
  /** [start, end) sample spans where detections count neither way. */
  excluded?: Array<[number, number]>;
}

export interface BeatComparison {
  tp: number;
  fn: number;
  fp: number;
  /** Sensitivity TP / (TP + FN), null without reference beats. */
  se: number | null;
  /** Positive predictivity TP / (TP + FP), null without detections. */
  ppv: number | null;
  /** [reference index, test index] of each match, in reference order. */
  pairs: Array<[number, number]>;
  /** Reference indices without a match (missed beats). */
  missed: number[];
  /** Test indices without a match (false beats), excluded spans left out. */
  extra: number[];
  /** Present when both sides carry labels: confusion[ref][test] over AAMI_CLASSES, and missed beats per class. */
  confusion?: { classes: readonly AamiClass[]; matrix: number[][]; missed: number[] };
}

function sampleOf(b: BeatMark, side: string, i: number): number {
  const s = typeof b === 'number' ? b : b && typeof b === 'object' ? b.sample : NaN;
  if (!Number.isFinite(s)) throw new OpenEcgError(`compareBeats: ${side}[${i}] has no finite sample`);
  return s;
}

function classOf(b: BeatMark): AamiClass | null {
  if (typeof b === 'number') return null;
  if (typeof b.aami === 'string')
    return (AAMI_CLASSES as readonly string[]).indexOf(b.aami) >= 0 ? (b.aami as AamiClass) : 'Q';
  if (typeof b.symbol === 'string') return aamiOfSymbol(b.symbol);
  return null;
}

export function compareBeats(reference: BeatMark[], test: BeatMark[], opts: CompareOptions): BeatComparison {
  if (!Array.isArray(reference) || !Array.isArray(test))
    throw new OpenEcgError('compareBeats: give two arrays of beats');
  const fs = opts && opts.fs;
  if (!(typeof fs === 'number' && fs > 0 && Number.isFinite(fs))) throw new OpenEcgError('compareBeats: give { fs }');
  const windowMs = opts.windowMs ?? 150;
  if (!(windowMs > 0)) throw new OpenEcgError('compareBeats: windowMs must be positive');
  const excluded = opts.excluded ?? [];
  const inExcluded = (s: number) => excluded.some(([a, b]) => s >= a && s < b);
  const ref = reference.map((b, i) => sampleOf(b, 'reference', i));
  const keep: number[] = []; // test indices outside the excluded spans
  test.forEach((b, j) => {
    if (!inExcluded(sampleOf(b, 'test', j))) keep.push(j);
  });
  const m = matchBeats(
    ref,
    keep.map((j) => sampleOf(test[j], 'test', j)),
    fs,
    windowMs,
  );
  const pairs = m.pairs.map(([i, k]): [number, number] => [i, keep[k]]);
  const extra = m.extra.map((k) => keep[k]);
  const tp = pairs.length,
    fn = m.missed.length,
    fp = extra.length;
  const out: BeatComparison = {
    tp,
    fn,
    fp,
    se: tp + fn ? tp / (tp + fn) : null,
    ppv: tp + fp ? tp / (tp + fp) : null,
    pairs,
    missed: m.missed,
    extra,
  };
  // labelled: each side's beats carry classes (an empty side counts as labelled, so its misses are still counted)
  const labelled =
    reference.length + test.length > 0 &&
    (reference.length === 0 || classOf(reference[0]) !== null) &&
    (test.length === 0 || classOf(test[0]) !== null);
  if (labelled) {
    const idx = (c: AamiClass | null) => AAMI_CLASSES.indexOf(c ?? 'Q');
    const matrix = AAMI_CLASSES.map(() => AAMI_CLASSES.map(() => 0));
    const missed = AAMI_CLASSES.map(() => 0);
    for (const [i, j] of pairs) matrix[idx(classOf(reference[i]))][idx(classOf(test[j]))]++;
    for (const i of m.missed) missed[idx(classOf(reference[i]))]++;
    out.confusion = { classes: AAMI_CLASSES, matrix, missed };
  }
  return out;
}
