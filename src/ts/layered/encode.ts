// encode / encodeStream (specification §6.2–6.3): the layered codec of a window, and of a long
// recording as 10-s windows every 6 s whose inner bands are concatenated. The beat and rhythm
// channels come from a Classifier (classify/classifier.ts): beats labelled once per recording,
// the rhythm per window.
// Deliberate fix of the upstream stitching: the final window is aligned to the end of the
// recording and its kept slice starts where the previous window's band ended (upstream keeps
// from the margin, which misaligns the tail whenever the length is not a multiple of the stride).
import { SignalError } from '../errors.js';
import type { Delineator, Delineation } from '../delineate/delineator.js';
import type { Wave, Beat } from '../ecg/beats.js';
import { repairSignal, checkFs } from '../delineate/repair.js';
import { LayeredCodec } from './codec.js';
import { FRAME, BEAT, RHYTHM_UNCLASSIFIED } from '../classify/classes.js';
import { detectPacerSpikesLocalized } from '../classify/pacer.js';
import { signalQuality } from '../ecg/quality.js';
import {
  classify,
  windowOf,
  checkedRhythm,
  type Classifier,
  type ClassifyInput,
  type BeatLabel,
  type RhythmLabel,
} from '../classify/classifier.js';
import { fillRange, toFloat64 } from '../es5.js';

export interface EncodeOptions {
  fs: number;
  evalMarginS?: number;
  /** Called after each 10-s window of the boundary model (done, total). */
  onProgress?: (done: number, total: number) => void;
}
export interface Encoded {
  codec: LayeredCodec;
  input: ClassifyInput; // repaired signal, delineation and pacer spikes
  delineation: Delineation;
  labels: BeatLabel[]; // one per delineation beat
  rhythm: RhythmLabel; // of the whole input
  spikes: number[];
}

/** Delineation, pacer spikes and the classifier's input of one recording. */
export function classifyInputOf(
  del: Delineator,
  signal: ArrayLike<number>,
  fs: number,
  onProgress?: (done: number, total: number) => void,
): ClassifyInput {
  const delineation = del.predictBeats(signal, { fs, onProgress });
  const { x } = repairSignal(signal, fs);
  return { x, fs, delineation, spikes: detectPacerSpikesLocalized(x, fs, delineation.beats) };
}

/** Layers of one recording (typically one 10-s window): one rhythm for all of it. */
export function encodeDetailed(
  del: Delineator,
  cls: Classifier,
  signal: ArrayLike<number>,
  opts: EncodeOptions,
): Encoded {
  const fs = checkFs(opts && opts.fs);
  const input = classifyInputOf(del, signal, fs, opts.onProgress);
  const { beats: labels, rhythm: judged } = classify(cls, input);
  const d = input.delineation;
  // No ECG (flat line, noise, one beat): the rhythm is 'unclassified', never a confident class.
  const quality = signalQuality(input.x, fs, d.beats);
  const rhythm: RhythmLabel = quality.ecgFound
    ? judged
    : { rhythm: -1, name: 'unclassified', confidence: 0, reason: `no ECG found: ${quality.reason}`, afib: judged.afib };
  const n = d.nSamples;
  const frame = new Uint8Array(n); // [n] wave class per sample
  const beat = new Uint8Array(n); // [n] beat class per QRS sample
  const rh = new Uint8Array(n); // [n] rhythm class per sample
  fillRange(rh, rhythmId(rhythm));
  paint(frame, beat, d.waves, d.beats, labels, 0, n);
  const codec = new LayeredCodec(fs, frame, beat, rh, opts.evalMarginS ?? 2);
  return { codec, input, delineation: d, labels, rhythm, spikes: input.spikes };
}

const rhythmId = (r: RhythmLabel) => (r.rhythm < 0 ? RHYTHM_UNCLASSIFIED : r.rhythm);

/** Frame and beat channels over [from, to): P/T spans, then QRS spans typed by their beat class. */
function paint(
  frame: Uint8Array,
  beat: Uint8Array,
  waves: Wave[],
  beats: Beat[],
  labels: BeatLabel[],
  from: number,
  to: number,
): void {
  const clip = (a: number, b: number, fn: (a: number, b: number) => void) => {
    const lo = Math.max(a, from);
    const hi = Math.min(b + 1, to);
    if (hi > lo) fn(lo, hi);
  };
  for (const w of waves)
    if (w.wave !== 'QRS') clip(w.onset, w.offset, (a, b) => fillRange(frame, w.wave === 'P' ? FRAME.P : FRAME.T, a, b));
  beats.forEach((b, i) =>
    clip(b.qrs.onset, b.qrs.offset, (lo, hi) => {
      fillRange(frame, labels[i].cls === BEAT.PACED ? FRAME.PACED_QRS : FRAME.QRS, lo, hi);
      fillRange(beat, labels[i].cls, lo, hi);
    }),
  );
}

export interface StreamedLayers {
  codec: LayeredCodec;
  windows: { start: number; keepFrom: number; keepTo: number; rhythm: RhythmLabel }[];
}

/**
 * The streamed layers (same windows and kept bands as encodeStream) from one whole-recording
 * classification: per window, the rhythm of the beats, waves and spikes inside it. No model run —
 * report() uses it so that a long recording goes through the boundary model once; the waves come
 * from the stitched delineation instead of each window's own, so the channels can differ slightly
 * from encodeStream's near window edges.
 */
export function streamLayersFrom(
  cls: Classifier,
  input: ClassifyInput,
  labels: BeatLabel[],
  windowS = 10,
): StreamedLayers {
  const { fs, delineation: d } = input;
  const n = d.nSamples;
  const win = Math.round(windowS * fs);
  const frame = new Uint8Array(n); // [n]
  const beat = new Uint8Array(n); // [n]
  const rhythm = new Uint8Array(n); // [n]
  const windows: StreamedLayers['windows'] = [];
  paint(frame, beat, d.waves, d.beats, labels, 0, n);
  for (const p of streamWindows(n, fs, windowS)) {
    const w = windowOf(input, labels, p.start, p.start + win);
    const r = checkedRhythm(cls, w.input, w.labels);
    fillRange(rhythm, rhythmId(r), p.keepFrom, p.keepTo);
    windows.push({ ...p, rhythm: r });
  }
  return { codec: new LayeredCodec(fs, frame, beat, rhythm, 0), windows };
}

export function encode(del: Delineator, cls: Classifier, signal: ArrayLike<number>, opts: EncodeOptions): LayeredCodec {
  return encodeDetailed(del, cls, signal, opts).codec;
}

export interface StreamWindow {
  start: number;
  keepFrom: number;
  keepTo: number;
} // absolute samples

/** Windows of encodeStream: win = 10 s, margin 2 s, stride 6 s; kept bands tile [0, n). */
export function streamWindows(n: number, fs: number, windowS = 10, marginS = 2): StreamWindow[] {
  const win = Math.round(windowS * fs);
  const mar = Math.round(marginS * fs);
  const inner = win - 2 * mar;
  if (inner <= 0) throw new SignalError('window must be longer than twice the margin');
  if (n <= win) return [{ start: 0, keepFrom: 0, keepTo: n }];
  const out: StreamWindow[] = [];
  for (let k = 0; ; k++) {
    const start = k * inner;
    const from = k === 0 ? 0 : start + mar;
    if (start + win >= n) {
      out.push({ start: n - win, keepFrom: from, keepTo: n });
      break;
    }
    out.push({ start, keepFrom: from, keepTo: start + win - mar });
  }
  return out;
}

export function encodeStream(
  del: Delineator,
  cls: Classifier,
  signal: ArrayLike<number>,
  opts: EncodeOptions & { windowS?: number },
): LayeredCodec {
  const fs = checkFs(opts && opts.fs);
  const n = signal.length;
  const win = Math.round((opts.windowS ?? 10) * fs);
  const plan = streamWindows(n, fs, opts.windowS ?? 10, opts.evalMarginS ?? 2);
  if (plan.length === 1) return encode(del, cls, signal, { fs, evalMarginS: 0 });
  const frame = new Uint8Array(n); // [n]
  const beat = new Uint8Array(n); // [n]
  const rhythm = new Uint8Array(n); // [n]
  const x = toFloat64(signal as ArrayLike<number>);
  for (const p of plan) {
    const c = encode(del, cls, x.subarray(p.start, p.start + win), { fs });
    const a = p.keepFrom - p.start;
    const b = p.keepTo - p.start;
    frame.set(c.frame.subarray(a, b), p.keepFrom);
    beat.set(c.beat.subarray(a, b), p.keepFrom);
    rhythm.set(c.rhythm.subarray(a, b), p.keepFrom);
  }
  return new LayeredCodec(fs, frame, beat, rhythm, 0);
}
