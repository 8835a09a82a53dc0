// encode / encodeStream (reference §6.2–6.3): the layered codec of a window, and of a long
// recording as 10-s windows every 6 s whose inner bands are concatenated.
// Deliberate fix of the upstream stitching: the final window is aligned to the end of the
// recording and its kept slice starts where the previous window's band ended (upstream keeps
// from the margin, which misaligns the tail whenever the length is not a multiple of the stride).
import { SignalError } from '../errors.js';
import type { Inference, Delineation } from '../delineate/inference.js';
import { repairSignal, checkFs } from '../delineate/repair.js';
import { LayeredCodec } from './codec.js';
import { FRAME, BEAT } from './classes.js';
import { detectPacerSpikes, classifyBeats, classifyRhythm, type RhythmResult } from './rules.js';

export interface EncodeOptions { fs: number; evalMarginS?: number }
export interface Encoded { codec: LayeredCodec; delineation: Delineation; beatClass: number[]; rhythm: RhythmResult; spikes: number[] }

/** Layers of one recording (typically one 10-s window). */
export function encodeDetailed(det: Inference, signal: ArrayLike<number>, opts: EncodeOptions): Encoded {
  const fs = checkFs(opts && opts.fs);
  const d = det.predict(signal, { fs });
  const { x } = repairSignal(signal, fs);
  const spikes = detectPacerSpikes(x, fs);
  const beatClass = classifyBeats(d.beats, d.waves, fs, spikes);
  const rhythm = classifyRhythm(d.beats, beatClass, d.waves, fs);
  const n = d.nSamples;
  const frame = new Uint8Array(n), beat = new Uint8Array(n), rh = new Uint8Array(n).fill(rhythm.rhythm);
  for (const w of d.waves) if (w.wave !== 'QRS') frame.fill(w.wave === 'P' ? FRAME.P : FRAME.T, w.onset, w.offset + 1);
  d.beats.forEach((b, i) => {
    frame.fill(beatClass[i] === BEAT.PACED ? FRAME.PACED_QRS : FRAME.QRS, b.qrs.onset, b.qrs.offset + 1);
    beat.fill(beatClass[i], b.qrs.onset, b.qrs.offset + 1);
  });
  return { codec: new LayeredCodec(fs, frame, beat, rh, opts.evalMarginS ?? 2), delineation: d, beatClass, rhythm, spikes };
}

export function encode(det: Inference, signal: ArrayLike<number>, opts: EncodeOptions): LayeredCodec {
  return encodeDetailed(det, signal, opts).codec;
}

export interface StreamWindow { start: number; keepFrom: number; keepTo: number } // absolute samples

/** Windows of encodeStream: win = 10 s, margin 2 s, stride 6 s; kept bands tile [0, n). */
export function streamWindows(n: number, fs: number, windowS = 10, marginS = 2): StreamWindow[] {
  const win = Math.round(windowS * fs), mar = Math.round(marginS * fs), inner = win - 2 * mar;
  if (inner <= 0) throw new SignalError('window must be longer than twice the margin');
  if (n <= win) return [{ start: 0, keepFrom: 0, keepTo: n }];
  const out: StreamWindow[] = [];
  for (let k = 0; ; k++) {
    const start = k * inner, from = k === 0 ? 0 : start + mar;
    if (start + win >= n) { out.push({ start: n - win, keepFrom: from, keepTo: n }); break; }
    out.push({ start, keepFrom: from, keepTo: start + win - mar });
  }
  return out;
}

export function encodeStream(det: Inference, signal: ArrayLike<number>, opts: EncodeOptions & { windowS?: number }): LayeredCodec {
  const fs = checkFs(opts && opts.fs);
  const n = signal.length, win = Math.round((opts.windowS ?? 10) * fs);
  const plan = streamWindows(n, fs, opts.windowS ?? 10, opts.evalMarginS ?? 2);
  if (plan.length === 1) { const c = encode(det, signal, { fs, evalMarginS: 0 }); return c; }
  const frame = new Uint8Array(n), beat = new Uint8Array(n), rhythm = new Uint8Array(n);
  const x = Float64Array.from(signal as ArrayLike<number>);
  for (const p of plan) {
    const c = encode(det, x.subarray(p.start, p.start + win), { fs });
    const a = p.keepFrom - p.start, b = p.keepTo - p.start;
    frame.set(c.frame.subarray(a, b), p.keepFrom); beat.set(c.beat.subarray(a, b), p.keepFrom); rhythm.set(c.rhythm.subarray(a, b), p.keepFrom);
  }
  return new LayeredCodec(fs, frame, beat, rhythm, 0);
}
