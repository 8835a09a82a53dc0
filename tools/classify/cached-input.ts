// A delineation cached by delineate-records.ts, turned into the classifier's input with the same stages
// as layered/encode.ts classifyInputOf (repair, beats and intervals, pacer spikes).
import { repairSignal } from '../../src/ts/delineate/repair.js';
import { groupBeats, beatIntervals, type Wave } from '../../src/ts/ecg/beats.js';
import { detectPacerSpikesLocalized } from '../../src/ts/classify/pacer.js';
import type { ClassifyInput } from '../../src/ts/classify/classifier.js';
import { withColumns } from '../../src/ts/delineate/delineator.js';

export interface Cached {
  record: string;
  fs: number;
  nSamples: number;
  lead: string;
  waves: Wave[];
}

export function inputOf(signal: ArrayLike<number>, cached: Cached): ClassifyInput {
  const { x } = repairSignal(signal, cached.fs);
  const beats = groupBeats(cached.waves, cached.fs);
  const intervals = beatIntervals(beats, cached.fs);
  const delineation = withColumns(
    { fs: cached.fs, nSamples: x.length, waves: cached.waves, beats, intervals, repairedSamples: 0 },
    x,
  );
  return { x, fs: cached.fs, delineation, spikes: detectPacerSpikesLocalized(x, cached.fs, beats) };
}
