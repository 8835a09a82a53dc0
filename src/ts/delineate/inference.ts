// The delineation API: any-length, any-rate ECG in → P/QRS/T waves, beats and intervals out.
import { OpenEcgError, SignalError } from '../errors.js';
import { loadModelSync, type Backend, type Model } from '../engine/model.js';
import { resample } from '../dsp/resample.js';
import { decodeWaves, argmaxFrames } from '../ecg/decode.js';
import { groupBeats, beatIntervals, type Wave, type Beat, type Intervals } from '../ecg/beats.js';
import { WindowModel, WINDOW_SAMPLES, N_FRAMES, TARGET_FS } from './window-model.js';
import { planWindows } from './stitch.js';
import { checkFs, repairSignal } from './repair.js';
import { mergeLeads } from './merge-leads.js';

export interface Delineation {
  fs: number;
  nSamples: number;
  waves: Wave[];          // sample indices at the caller's fs; offset = last sample of the wave
  beats: Beat[];
  intervals: Intervals;
  repairedSamples: number;
}
export interface InferenceOptions { model?: Uint8Array | string; backend?: Backend }
export interface PredictOptions { fs: number; onProgress?: (done: number, total: number) => void }
export interface WindowBoundary { cls: 1 | 2 | 3; name: 'P' | 'QRS' | 'T'; start: number; end: number }

let bundledReader: ((path?: string) => Uint8Array) | null = null;
/** Node entry points register how to read model files (browsers pass bytes). */
export function setModelReader(fn: (path?: string) => Uint8Array): void { bundledReader = fn; }

export class Inference {
  private readonly wm: WindowModel;
  private constructor(readonly model: Model) { this.wm = new WindowModel(model); }

  static createSync(opts: InferenceOptions = {}): Inference {
    let bytes: Uint8Array;
    if (opts.model instanceof Uint8Array) bytes = opts.model;
    else {
      if (!bundledReader) throw new OpenEcgError('no model given: pass { model: Uint8Array } (reading files needs the Node entry point)');
      bytes = bundledReader(typeof opts.model === 'string' ? opts.model : undefined);
    }
    return new Inference(loadModelSync(bytes, { backend: opts.backend ?? 'auto' }));
  }
  static async create(opts: InferenceOptions = {}): Promise<Inference> { return Inference.createSync(opts); }

  /** Delineates a single-lead signal at any sampling rate. */
  predict(signal: ArrayLike<number>, opts: PredictOptions): Delineation {
    const fs = checkFs(opts && opts.fs);
    const { x, repaired } = repairSignal(signal, fs);
    const n = x.length;
    const sig = fs === TARGET_FS ? x : resample(x, fs, TARGET_FS);
    const n250 = sig.length;
    let lo = Infinity, hi = -Infinity;
    for (let i = 0; i < n; i++) { if (x[i] < lo) lo = x[i]; if (x[i] > hi) hi = x[i]; }
    const waves250: Wave[] = [];
    if (hi - lo > 1e-9 * Math.max(1, Math.abs(hi))) { // a constant signal has no waves
      const plan = planWindows(n250);
      const win = new Float64Array(WINDOW_SAMPLES);
      plan.forEach((p, i) => {
        win.fill(sig[n250 - 1]); // short recordings: pad by repeating the last sample
        win.set(sig.subarray(p.start, Math.min(n250, p.start + WINDOW_SAMPLES)));
        const { logits, reg } = this.wm.forward(win);
        for (const w of decodeWaves(logits, reg, N_FRAMES)) {
          const on = w.onset + p.start, off = w.offset + p.start;
          const mid = (on + off) / 2;
          if (mid < p.keepFrom || mid >= p.keepTo) continue;       // another window owns it
          if (on <= 0 || off >= n250 - 1) continue;                 // cut by the recording's edge
          waves250.push({ wave: w.wave, onset: on, offset: off });
        }
        if (opts.onProgress) opts.onProgress(i + 1, plan.length);
      });
    }
    const scale = fs / TARGET_FS;
    const waves = waves250.map((w) => ({ wave: w.wave, onset: Math.min(n - 1, Math.round(w.onset * scale)), offset: Math.min(n - 1, Math.round(w.offset * scale)) }));
    const beats = groupBeats(waves, fs);
    return { fs, nSamples: n, waves, beats, intervals: beatIntervals(beats, fs), repairedSamples: repaired };
  }

  /** Delineates several leads of one recording, plus a merged global delineation (see merge-leads). */
  predictLeads(signals: ArrayLike<number>[], opts: PredictOptions & { leads?: string[] }): { leads: { name: string; delineation: Delineation }[]; global: Delineation } {
    if (!signals || !signals.length) throw new SignalError('no leads given');
    const names = opts.leads ?? signals.map((_, i) => `lead${i}`);
    if (names.length !== signals.length) throw new SignalError(`${signals.length} leads but ${names.length} names`);
    const n = signals[0].length;
    if (signals.some((s) => s.length !== n)) throw new SignalError('all leads must have the same length');
    const leads = signals.map((s, i) => ({ name: names[i], delineation: this.predict(s, { fs: opts.fs }) }));
    const waves = mergeLeads(leads.map((l) => l.delineation.waves), opts.fs);
    const beats = groupBeats(waves, opts.fs);
    return { leads, global: { fs: opts.fs, nSamples: n, waves, beats, intervals: beatIntervals(beats, opts.fs), repairedSamples: 0 } };
  }

  /**
   * Upstream-compatible windows (reference §2.3–2.4): a 250-Hz signal cut into full 10-s windows
   * plus a zero-padded remainder; per window the class logits or the argmax runs of ≥ 2 frames.
   */
  predictWindows(signal250: ArrayLike<number>, opts: { returnLogits?: boolean } = {}): (WindowBoundary[] | Float32Array)[] {
    const n = signal250.length, out: (WindowBoundary[] | Float32Array)[] = [];
    for (let s = 0; s < n; s += WINDOW_SAMPLES) {
      const w = new Float64Array(WINDOW_SAMPLES);
      for (let i = 0; i < WINDOW_SAMPLES && s + i < n; i++) w[i] = signal250[s + i];
      const { logits } = this.wm.forward(w);
      out.push(opts.returnLogits ? logits : runsOf(argmaxFrames(logits, N_FRAMES)));
    }
    return out;
  }
}

const NAMES = ['', 'P', 'QRS', 'T'] as const;
function runsOf(frames: Uint8Array, minFrames = 2): WindowBoundary[] {
  const out: WindowBoundary[] = [];
  for (let i = 0; i < frames.length;) {
    let j = i; while (j < frames.length && frames[j] === frames[i]) j++;
    const c = frames[i];
    if (c !== 0 && j - i >= minFrames) out.push({ cls: c as 1 | 2 | 3, name: NAMES[c] as 'P' | 'QRS' | 'T', start: 5 * i, end: 5 * j - 1 });
    i = j;
  }
  return out;
}
