// The one interface of beat and rhythm classification. A classifier sees what the delineation gives
// (the repaired signal at the caller's rate, waves and beats, pacer spikes) and labels
//  - every beat of the recording (`beats`, called once per recording so that learned features can use
//    the recording's own dominant beat and RR rhythm), and
//  - the rhythm of one window (`rhythm`, called per 10-s window with the beats and labels inside it).
// Implementations: rules-classifier.ts (hand rules, specification §6.4) and
// learned-classifier.ts (small trained models run by this project's engine, the default).
import type { Delineation } from '../delineate/delineator.js';
import type { AfibResult } from './afib.js';
import type { Aami } from './beat-types.js';

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

/** Beats of the whole input, then the rhythm of the whole input. */
export function classify(c: Classifier, input: ClassifyInput): { beats: BeatLabel[]; rhythm: RhythmLabel } {
  const beats = c.beats(input);
  return { beats, rhythm: c.rhythm(input, beats) };
}

/** The part of `input` (and of its beat labels) inside the samples [a, b): one rhythm window. */
export function windowOf(
  input: ClassifyInput,
  labels: BeatLabel[],
  a: number,
  b: number,
): { input: ClassifyInput; labels: BeatLabel[] } {
  const d = input.delineation;
  const keep = d.beats.map((bt) => bt.qrs.onset >= a && bt.qrs.offset < b);
  const beats = d.beats.filter((_, i) => keep[i]);
  const waves = d.waves.filter((w) => w.onset >= a && w.offset < b);
  const intervals = { beats: d.intervals.beats.filter((_, i) => keep[i]), median: d.intervals.median };
  const delineation = { ...d, beats, waves, intervals };
  const spikes = input.spikes.filter((t) => t >= a && t < b);
  return { input: { ...input, delineation, spikes }, labels: labels.filter((_, i) => keep[i]) };
}
