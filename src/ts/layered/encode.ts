// encode / encodeStream (reference §6.2–6.3): the layered codec of a window, and of a long
// recording as 10-s windows every 6 s whose inner bands are concatenated.
// Deliberate fix of the upstream stitching: the final window is aligned to the end of the
// recording and its kept slice starts where the previous window's band ended (upstream keeps
// from the margin, which misaligns the tail whenever the length is not a multiple of the stride).
import { SignalError } from '../errors.js';
import type { Inference, Delineation } from '../delineate/inference.js';
import type { Wave, Beat } from '../ecg/beats.js';
import { repairSignal, checkFs } from '../delineate/repair.js';
import { LayeredCodec } from './codec.js';
import { FRAME, BEAT } from './classes.js';
import { classifyBeats, classifyRhythm, type RhythmResult } from './rules.js';
import { detectPacerSpikesLocalized } from './pacer.js';

export interface EncodeOptions { fs: number; evalMarginS?: number }
export interface Encoded { codec: LayeredCodec; delineation: Delineation; beatClass: number[]; rhythm: RhythmResult; spikes: number[] }

/** Layers of one recording (typically one 10-s window). */
export function encodeDetailed(det: Inference, signal: ArrayLike<number>, opts: EncodeOptions): Encoded {
  const fs = checkFs(opts && opts.fs);
  const d = det.predict(signal, { fs });
  const { x } = repairSignal(signal, fs);
  const spikes = detectPacerSpikesLocalized(x, fs, d.beats);
  const beatClass = classifyBeats(d.beats, d.waves, fs, spikes);
  const rhythm = classifyRhythm(d.beats, beatClass, d.waves, fs);
  const n = d.nSamples;
  const frame = new Uint8Array(n), beat = new Uint8Array(n), rh = new Uint8Array(n).fill(rhythm.rhythm);
  paint(frame, beat, d.waves, d.beats, beatClass, 0, n);
  return { codec: new LayeredCodec(fs, frame, beat, rh, opts.evalMarginS ?? 2), delineation: d, beatClass, rhythm, spikes };
}

/** Frame and beat channels over [from, to): P/T spans, then QRS spans typed by their beat class. */
function paint(frame: Uint8Array, beat: Uint8Array, waves: Wave[], beats: Beat[], beatClass: number[], from: number, to: number): void {
  const clip = (a: number, b: number, fn: (a: number, b: number) => void) => { const lo = Math.max(a, from), hi = Math.min(b + 1, to); if (hi > lo) fn(lo, hi); };
  for (const w of waves) if (w.wave !== 'QRS') clip(w.onset, w.offset, (a, b) => frame.fill(w.wave === 'P' ? FRAME.P : FRAME.T, a, b));
  beats.forEach((b, i) => clip(b.qrs.onset, b.qrs.offset, (lo, hi) => {
    frame.fill(beatClass[i] === BEAT.PACED ? FRAME.PACED_QRS : FRAME.QRS, lo, hi);
    beat.fill(beatClass[i], lo, hi);
  }));
}

/**
 * The streamed layers (same windows and kept bands as encodeStream) from one whole-recording
 * delineation and its pacer spikes: per window, the beat and rhythm rules see the beats, waves and
 * spikes inside it, as they would in encodeStream. No model run — report() uses it so that a long
 * recording goes through the model once; the waves come from the stitched delineation instead of
 * each window's own, so the channels can differ slightly from encodeStream's near window edges.
 */
export function streamLayersFrom(d: Delineation, spikes: number[], fs: number, windowS = 10): LayeredCodec {
  const n = d.nSamples, win = Math.round(windowS * fs);
  const frame = new Uint8Array(n), beat = new Uint8Array(n), rhythm = new Uint8Array(n);
  for (const p of streamWindows(n, fs, windowS)) {
    const a = p.start, b = p.start + win;
    const beats = d.beats.filter((bt) => bt.qrs.onset >= a && bt.qrs.offset < b);
    const waves = d.waves.filter((w) => w.onset >= a && w.offset < b);
    const sp = spikes.filter((t) => t >= a && t < b);
    const beatClass = classifyBeats(beats, waves, fs, sp);
    rhythm.fill(classifyRhythm(beats, beatClass, waves, fs).rhythm, p.keepFrom, p.keepTo);
    paint(frame, beat, waves, beats, beatClass, p.keepFrom, p.keepTo);
  }
  return new LayeredCodec(fs, frame, beat, rhythm, 0);
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
