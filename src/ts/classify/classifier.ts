// The one interface of beat and rhythm classification. A classifier sees what the delineation gives
// (the repaired signal at the caller's rate, waves and beats, pacer spikes) and labels
//  - every beat of the recording (`beats`, called once per recording so that learned features can use
//    the recording's own dominant beat and RR rhythm), and
//  - the rhythm of one window (`rhythm`, called per 10-s window with the beats and labels inside it).
// Implementations: rules-classifier.ts (hand rules, specification §6.4) and
// learned-classifier.ts (small trained models run by this project's engine, the default).
import { withColumns, type Delineation } from '../delineate/delineator.js';
import type { Beat, Wave } from '../ecg/beats.js';
import { OpenEcgError } from '../errors.js';
import { BEAT_NAMES, RHYTHM_NAMES } from './classes.js';
import { lowerBound } from '../dsp/lower-bound.js';
import type { AfibResult } from './afib.js';
import type { Aami } from './beat-types.js';
import { isInt } from '../es5.js';

export interface ClassifyInput {
  x: Float64Array; // [n] repaired signal at fs (the delineation's samples)
  fs: number;
  delineation: Delineation;
  spikes: number[]; // pacer stimuli (sample indices), pacer.ts
}
export interface BeatLabel {
  r: number; // R peak: sample of largest deviation inside the QRS (ecg/r-peak.ts)
  cls: number; // BEAT id (classes.ts)
  type: string; // BEAT_NAMES[cls]
  aami: Aami;
  confidence: number; // probability of `type` (1 for rules)
  /** The beat model's own class before rules that refine it (learned classifier only; what rhythm features count). */
  modelCls?: number;
}
export interface RhythmLabel {
  rhythm: number; // RHYTHM id, or -1 = unclassified (no beats to judge)
  name: string; // RHYTHM_NAMES[rhythm] or 'unclassified'
  confidence: number;
  reason: string;
  afib: AfibResult; // the original's RR detector (reference decision, kept as a vote / feature)
}
export interface Classifier {
  readonly name: 'rules' | 'learned';
  beats(input: ClassifyInput): BeatLabel[];
  rhythm(input: ClassifyInput, beats: BeatLabel[]): RhythmLabel;
}

/** Beats of the whole input, then the rhythm of the whole input (both checked: checkedBeats, checkedRhythm). */
export function classify(c: Classifier, input: ClassifyInput): { beats: BeatLabel[]; rhythm: RhythmLabel } {
  const beats = checkedBeats(c, input);
  return { beats, rhythm: checkedRhythm(c, input, beats) };
}

const AAMI_LETTERS = ['N', 'S', 'V', 'F', 'Q'];

/**
 * `c.beats(input)`, refused with a typed error unless it is one well-formed label per beat (a custom classifier's
 * mistake must not surface as a TypeError deep inside the report).
 */
export function checkedBeats(c: Classifier, input: ClassifyInput): BeatLabel[] {
  const n = input.delineation.beats.length;
  let out: unknown;
  try {
    out = c.beats(input);
  } catch (e) {
    if (e instanceof OpenEcgError) throw e;
    throw new OpenEcgError(`classifier '${nameOf(c)}': beats() failed: ${(e as Error)?.message ?? String(e)}`);
  }
  const bad = (what: string) => new OpenEcgError(`classifier '${nameOf(c)}': beats() ${what}`);
  if (!Array.isArray(out)) throw bad('did not return an array');
  if (out.length !== n) throw bad(`returned ${out.length} labels for ${n} beats`);
  out.forEach((b: BeatLabel, i) => {
    if (!b || typeof b !== 'object') throw bad(`[${i}] is not an object`);
    if (!(isInt(b.r) && b.r >= 0 && b.r < input.x.length)) throw bad(`[${i}].r is not a sample index`);
    if (!(isInt(b.cls) && b.cls >= 0 && b.cls < BEAT_NAMES.length)) throw bad(`[${i}].cls is not a class`);
    if (typeof b.type !== 'string') throw bad(`[${i}].type is not a string`);
    if (AAMI_LETTERS.indexOf(b.aami) < 0) throw bad(`[${i}].aami is not one of N S V F Q`);
    if (!(b.confidence >= 0 && b.confidence <= 1)) throw bad(`[${i}].confidence is not in 0..1`);
  });
  return out as BeatLabel[];
}

/** `c.rhythm(input, beats)`, refused with a typed error unless it is a well-formed rhythm label. */
export function checkedRhythm(c: Classifier, input: ClassifyInput, beats: BeatLabel[]): RhythmLabel {
  let r: RhythmLabel;
  try {
    r = c.rhythm(input, beats);
  } catch (e) {
    if (e instanceof OpenEcgError) throw e;
    throw new OpenEcgError(`classifier '${nameOf(c)}': rhythm() failed: ${(e as Error)?.message ?? String(e)}`);
  }
  const bad = (what: string) => new OpenEcgError(`classifier '${nameOf(c)}': rhythm() ${what}`);
  if (!r || typeof r !== 'object') throw bad('did not return an object');
  if (!(isInt(r.rhythm) && r.rhythm >= -1 && r.rhythm < RHYTHM_NAMES.length))
    throw bad('.rhythm is not a rhythm id (or -1)');
  if (typeof r.name !== 'string') throw bad('.name is not a string');
  if (!(r.confidence >= 0 && r.confidence <= 1)) throw bad('.confidence is not in 0..1');
  if (!r.afib || typeof r.afib !== 'object' || typeof r.afib.isAfib !== 'boolean')
    throw bad('.afib is not an AFib result');
  return r;
}

const nameOf = (c: Classifier) => String((c && c.name) ?? 'custom').slice(0, 40);

/** Waves and spikes of a delineation sorted once (windowOf is called once per window of a long recording). */
// One entry (ES5 engines have no WeakMap): windowOf is called window after window on the same input. It keeps
// the last input's sorted copies alive until another input comes.
let cachedInput: ClassifyInput | null = null;
let cachedSorted: { waves: Wave[]; spikes: number[] } | null = null;

/**
 * The part of `input` (and of its beat labels) inside the samples [a, b): one rhythm window. Beats are in onset
 * order (groupBeats), waves and spikes are sorted once per input: each window costs O(log n + its own beats).
 */
export function windowOf(
  input: ClassifyInput,
  labels: BeatLabel[],
  a: number,
  b: number,
): { input: ClassifyInput; labels: BeatLabel[] } {
  const d = input.delineation;
  if (cachedInput !== input || !cachedSorted) {
    cachedSorted = {
      waves: d.waves.slice().sort((p, q) => p.onset - q.onset),
      spikes: input.spikes.slice().sort((p, q) => p - q),
    };
    cachedInput = input;
  }
  const sorted = cachedSorted;
  const beats: Beat[] = [];
  const ivs: Delineation['intervals']['beats'] = [];
  const keptLabels: BeatLabel[] = [];
  for (let i = lowerBound(d.beats.length, (k) => d.beats[k].qrs.onset, a); i < d.beats.length; i++) {
    const bt = d.beats[i];
    if (bt.qrs.onset >= b) break;
    if (bt.qrs.offset >= b) continue;
    beats.push(bt);
    ivs.push(d.intervals.beats[i]);
    keptLabels.push(labels[i]);
  }
  const waves: Wave[] = [];
  const W = sorted.waves;
  for (let i = lowerBound(W.length, (k) => W[k].onset, a); i < W.length && W[i].onset < b; i++)
    if (W[i].offset < b) waves.push(W[i]);
  const S = sorted.spikes;
  const spikes = S.slice(
    lowerBound(S.length, (k) => S[k], a),
    lowerBound(S.length, (k) => S[k], b),
  );
  const delineation = withColumns(
    { ...d, beats, waves, intervals: { beats: ivs, median: d.intervals.median } },
    input.x,
  );
  return { input: { ...input, delineation, spikes }, labels: keptLabels };
}
