// The delineation pipeline below every entry point: input checks and repair → 250 Hz → the window
// plan (stitch.ts) → the boundary model per window (window-model.ts) → decode → keep each wave in the
// window that owns it → back to the caller's rate, beats and intervals. predict, the stream, the
// worker pools and encodeStream all use these stages; nothing here knows about classifiers or reports.
import { SignalError } from '../errors.js';
import type { Model } from '../engine/model.js';
import { resample } from '../dsp/resample.js';
import { decodeWaves, argmaxFrames } from '../ecg/decode.js';
import { searchBeats } from '../ecg/beat-search.js';
import { exp32 } from '../kernels/math32.js';
import { groupBeats, beatIntervals, type Wave, type Beat, type Intervals } from '../ecg/beats.js';
import { WindowModel, WINDOW_SAMPLES, N_FRAMES, TARGET_FS } from './window-model.js';
import { planWindows, type WindowPlan } from './stitch.js';
import { checkFs, repairSignal } from './repair.js';
import { mergeLeads } from './merge-leads.js';
import { rPeak } from '../ecg/r-peak.js';
import { beatColumns, type BeatColumns } from '../ecg/columns.js';
import { isInt, fillRange } from '../es5.js';

export interface Delineation {
  fs: number;
  nSamples: number;
  waves: Wave[]; // sample indices at the caller's fs; offset = last sample of the wave
  beats: Beat[];
  intervals: Intervals;
  repairedSamples: number;
  /** The beats in columns, NeuroKit2's form: typed arrays per feature, NaN where absent (ecg/columns.ts). */
  columns(): BeatColumns;
}
export interface PredictOptions {
  fs: number;
  onProgress?: (done: number, total: number) => void;
}
export interface WindowBoundary {
  cls: 1 | 2 | 3;
  name: 'P' | 'QRS' | 'T';
  start: number;
  end: number;
}
export interface LeadsDelineation {
  leads: { name: string; delineation: Delineation }[];
  global: Delineation;
}

/** One boundary model and the stages that turn a signal into waves and beats. */
export class Delineator {
  readonly wm: WindowModel;
  constructor(readonly model: Model) {
    this.wm = new WindowModel(model);
  }

  /** Delineates a single-lead signal at any sampling rate. */
  predict(signal: ArrayLike<number>, opts: PredictOptions): Delineation {
    const prep = prepareSignal(signal, opts && opts.fs);
    const plan = prep.constant ? [] : planWindows(prep.sig250.length);
    const waves250 = windowWaves(this.wm, prep.sig250, 0, prep.sig250.length, plan, opts.onProgress);
    return finishDelineation(prep, waves250);
  }

  /**
   * The delineation with beat detection (ecg/beat-search.ts): the model's QRS waves checked against the
   * recording's rhythm — a refractory period and a search-back in long RR gaps. What classify, report, beats and
   * the evaluation use; `predict` (and the stream, which equals it) returns the model's waves as decoded.
   */
  predictBeats(signal: ArrayLike<number>, opts: PredictOptions): Delineation {
    const prep = prepareSignal(signal, opts && opts.fs);
    const plan = prep.constant ? [] : planWindows(prep.sig250.length);
    const prob = new Float32Array(Math.ceil(prep.sig250.length / 5)); // [n250 / 5] QRS probability per frame
    const waves250 = windowWaves(this.wm, prep.sig250, 0, prep.sig250.length, plan, opts.onProgress, prob);
    return finishDelineation(prep, prep.constant ? waves250 : searchBeats(waves250, prob, prep.sig250));
  }

  /** Delineates several leads of one recording, plus a merged global delineation (see merge-leads). */
  predictLeads(signals: ArrayLike<number>[], opts: PredictOptions & { leads?: string[] }): LeadsDelineation {
    if (!signals || !signals.length) throw new SignalError('no leads given');
    signals.forEach((sg, i) => {
      const ok = sg !== null && typeof sg === 'object' && isInt((sg as ArrayLike<number>).length);
      if (!ok) throw new SignalError(`lead ${i} is not an array of samples`);
    });
    const names = opts.leads ?? signals.map((_, i) => `lead${i}`);
    if (names.length !== signals.length) throw new SignalError(`${signals.length} leads but ${names.length} names`);
    const n = signals[0].length;
    if (signals.some((s) => s.length !== n)) throw new SignalError('all leads must have the same length');
    const tick = opts.onProgress;
    const leads = signals.map((s, k) => ({
      name: names[k],
      delineation: this.predict(s, {
        fs: opts.fs,
        onProgress: tick ? (i, m) => tick(k * m + i, signals.length * m) : undefined,
      }),
    }));
    const waves = mergeLeads(
      leads.map((l) => l.delineation.waves),
      opts.fs,
    );
    const beats = groupBeats(waves, opts.fs);
    const intervals = beatIntervals(beats, opts.fs);
    const global = withColumns({ fs: opts.fs, nSamples: n, waves, beats, intervals, repairedSamples: 0 }, signals[0]);
    return { leads, global };
  }

  /**
   * Upstream-compatible windows (specification §2.3–2.4): a 250-Hz signal cut into full 10-s
   * windows plus a zero-padded remainder; per window the class logits or the argmax runs of ≥ 2 frames.
   */
  predictWindows(
    signal250: ArrayLike<number>,
    opts: { returnLogits?: boolean } = {},
  ): (WindowBoundary[] | Float32Array)[] {
    const n = signal250.length;
    const out: (WindowBoundary[] | Float32Array)[] = [];
    for (let s = 0; s < n; s += WINDOW_SAMPLES) {
      const w = new Float64Array(WINDOW_SAMPLES); // [2500] zero-padded window
      for (let i = 0; i < WINDOW_SAMPLES && s + i < n; i++) w[i] = signal250[s + i];
      const { logits } = this.wm.forward(w);
      out.push(opts.returnLogits ? logits : runsOf(argmaxFrames(logits, N_FRAMES)));
    }
    return out;
  }
}

export interface PreparedSignal {
  fs: number;
  n: number;
  x: Float64Array; // [n] repaired signal at the caller's rate (wave peaks are read from it)
  sig250: Float64Array; // [n · 250 / fs] the model's rate
  repaired: number;
  constant: boolean;
}

/** Input checks and repair, then resampling to 250 Hz. */
export function prepareSignal(signal: ArrayLike<number>, fsIn: unknown): PreparedSignal {
  const fs = checkFs(fsIn);
  const { x, repaired } = repairSignal(signal, fs);
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < lo) lo = x[i];
    if (x[i] > hi) hi = x[i];
  }
  const constant = !(hi - lo > 1e-9 * Math.max(1, Math.abs(hi))); // a constant signal has no waves
  return { fs, n: x.length, x, sig250: fs === TARGET_FS ? x : resample(x, fs, TARGET_FS), repaired, constant };
}

/**
 * Runs the windows of `plans` (absolute 250-Hz positions) over `sig`, a slice of the whole
 * 250-Hz recording starting at `sigOffset` (the recording has n250 samples). Keeps each wave in
 * the one window whose kept range holds its midpoint, and drops waves cut by the recording's edges.
 */
export function windowWaves(
  wm: WindowModel,
  sig: Float64Array,
  sigOffset: number,
  n250: number,
  plans: WindowPlan[],
  onProgress?: (done: number, total: number) => void,
  qrsProbability?: Float32Array,
): Wave[] {
  const out: Wave[] = [];
  const win = new Float64Array(WINDOW_SAMPLES); // [2500] one window at 250 Hz
  plans.forEach((p, i) => {
    const a = p.start - sigOffset;
    // Short recordings: pad by repeating the last sample.
    fillRange(win, sig[Math.min(sig.length, n250 - sigOffset) - 1]);
    win.set(sig.subarray(a, Math.min(n250 - sigOffset, a + WINDOW_SAMPLES)));
    const { logits, reg } = wm.forward(win);
    if (qrsProbability) keepQrsProbability(qrsProbability, logits, p, sigOffset);
    for (const w of decodeWaves(logits, reg, N_FRAMES)) {
      const on = w.onset + p.start;
      const off = w.offset + p.start;
      const mid = (on + off) / 2;
      if (mid < p.keepFrom || mid >= p.keepTo) continue; // another window owns it
      if (on <= 0 || off >= n250 - 1) continue; // cut by the recording's edge
      out.push({ wave: w.wave, onset: on, offset: off });
    }
    if (onProgress) onProgress(i + 1, plans.length);
  });
  return out;
}

/**
 * The QRS probability (softmax of the 4 class logits, with exp32: the same bits on every engine) of each frame
 * whose centre lies in the window's kept range, at its global frame index (250-Hz sample / 5).
 */
function keepQrsProbability(out: Float32Array, logits: Float32Array, p: WindowPlan, sigOffset: number): void {
  for (let f = 0; f < N_FRAMES; f++) {
    const c = p.start + 5 * f + 2; // the frame's centre sample
    if (c < p.keepFrom || c >= p.keepTo) continue;
    const g = Math.floor(c / 5) - Math.floor(sigOffset / 5);
    if (g < 0 || g >= out.length) continue;
    const q = logits[4 * f + 2];
    let s = 1;
    for (let k = 0; k < 4; k++) if (k !== 2) s += exp32(logits[4 * f + k] - q);
    out[g] = 1 / s;
  }
}

/** A wave at the caller's rate with its peak read from the caller's samples. */
export function withPeak(x: ArrayLike<number>, wave: Wave['wave'], onset: number, offset: number): Wave {
  return { wave, onset, offset, peak: rPeak(x, onset, offset) };
}

/** 250-Hz waves → the caller's sampling rate (with peaks), beats and intervals. */
export function finishDelineation(prep: PreparedSignal, waves250: Wave[]): Delineation {
  const { fs, n } = prep;
  const scale = fs / TARGET_FS;
  const at = (s: number) => Math.min(n - 1, Math.round(s * scale));
  const waves = waves250.map((w) => withPeak(prep.x, w.wave, at(w.onset), at(w.offset)));
  const beats = groupBeats(waves, fs);
  return withColumns(
    { fs, nSamples: n, waves, beats, intervals: beatIntervals(beats, fs), repairedSamples: prep.repaired },
    prep.x,
  );
}

/**
 * Adds `columns()` as a non-enumerable method: JSON, structured clone and deep equality see the plain data only.
 * `x`: the samples the waves index (computed on the first call, then kept).
 */
export function withColumns(d: Omit<Delineation, 'columns'>, x: ArrayLike<number>): Delineation {
  let memo: BeatColumns | null = null;
  Object.defineProperty(d, 'columns', {
    enumerable: false,
    value: () => (memo = memo ?? beatColumns(d.beats, x, d.fs)),
  });
  return d as Delineation;
}

const NAMES = ['', 'P', 'QRS', 'T'] as const;
function runsOf(frames: Uint8Array, minFrames = 2): WindowBoundary[] {
  const out: WindowBoundary[] = [];
  for (let i = 0; i < frames.length;) {
    let j = i;
    while (j < frames.length && frames[j] === frames[i]) j++;
    const c = frames[i];
    if (c !== 0 && j - i >= minFrames) {
      out.push({ cls: c as 1 | 2 | 3, name: NAMES[c] as 'P' | 'QRS' | 'T', start: 5 * i, end: 5 * j - 1 });
    }
    i = j;
  }
  return out;
}
