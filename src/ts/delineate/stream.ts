// Live streaming: push samples in chunks of any size; each wave is emitted once the window that
// owns it is final (it has ≥ 2 s of signal after its kept band), each beat once the next QRS is
// known. Nothing is re-emitted or retracted, and the total output equals the batch
// Inference.predict of the same signal: the resampler computes each 250-Hz sample with the same
// loop as the batch path (dsp/resample.ts resampleInto), windows follow the same plan and keep rule.
// Memory stays bounded: only the current window (and its raw samples, for the waves' peaks), the resampler's
// history and the waves of the last beats are kept. Scope: finite samples (a non-finite sample is a SignalError here,
// since the
// batch repair needs the whole gap) and non-constant signals.
import { cbrt } from '../dsp/portable-math.js';
import { SignalError } from '../errors.js';
import { rationalFactors, checkRates, resampleInto, lastInputFor } from '../dsp/resample.js';
import { checkFs } from './repair.js';
import { windowWaves, withPeak, type Delineator } from './delineator.js';
import { WINDOW, STRIDE, MARGIN, type WindowPlan } from './stitch.js';
import { groupBeats, beatIntervals, type Wave, type Beat, type BeatIntervals } from '../ecg/beats.js';
import { TARGET_FS } from './window-model.js';
import { isInt, isFiniteNumber, toFloat64 } from '../es5.js';

export interface StreamOptions {
  fs: number;
  onWaves?: (waves: Wave[]) => void;
  onBeat?: (beat: Beat, intervals: BeatIntervals) => void;
}

export class EcgStream {
  private readonly fs: number;
  private readonly L: number;
  private readonly M: number;
  private raw: number[] = [];
  private rawStart = 0;
  private nRaw = 0;
  private x0 = 0;
  private sig: number[] = [];
  private sigStart = 0;
  private n250 = 0; // resampled samples computed so far
  private nextWindow = 0; // index k of the next window to run
  private waves: Wave[] = []; // recent waves (caller fs) kept for beat grouping
  private lastBeatQrs = -Infinity;
  private ended = false;

  constructor(
    private readonly det: Delineator,
    private readonly opts: StreamOptions,
  ) {
    this.fs = checkFs(opts && opts.fs);
    if (this.fs !== TARGET_FS) checkRates(this.fs, TARGET_FS); // the same bound on the filter as predict's resampler
    [this.L, this.M] = this.fs === TARGET_FS ? [1, 1] : rationalFactors(this.fs, TARGET_FS);
  }

  push(chunk: ArrayLike<number>): void {
    if (this.ended) throw new SignalError('stream already ended');
    if (chunk === null || typeof chunk !== 'object' || !(isInt(chunk.length) && chunk.length >= 0)) {
      throw new SignalError(
        `push() takes an array of samples (number[], Float32Array, Float64Array), got ` +
          `${chunk === null ? 'null' : typeof chunk}`,
      );
    }
    for (let i = 0; i < chunk.length; i++) {
      const v = Number(chunk[i]);
      if (!isFiniteNumber(v))
        throw new SignalError(
          `non-finite sample at ${((this.nRaw + i) / this.fs).toFixed(3)} s: the stream needs finite samples`,
        );
      if (this.nRaw + i === 0) this.x0 = v;
      this.raw.push(v);
    }
    this.nRaw += chunk.length;
    this.advance(Infinity);
  }

  /** Flushes the final windows (aligned to the end, as the batch path does) and the last beats. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.nRaw === 0) return;
    this.advance(this.nRaw);
    const total = this.n250;
    if (total <= WINDOW) this.runWindows([{ start: 0, keepFrom: 0, keepTo: total }], total);
    else
      this.runWindows(
        [
          {
            start: total - WINDOW,
            keepFrom: this.nextWindow === 0 ? 0 : (this.nextWindow - 1) * STRIDE + WINDOW - MARGIN,
            keepTo: total,
          },
        ],
        total,
      );
    this.emitBeats(true);
  }

  /** Computes the resampled samples that are final, then every window that is no longer the last. */
  private advance(nTotal: number): void {
    const open = !isFiniteNumber(nTotal);
    let j1: number;
    if (this.L === 1 && this.M === 1) j1 = this.nRaw;
    else if (open) {
      j1 = this.n250;
      while (lastInputFor(j1, this.L, this.M) < this.nRaw) j1++;
    } else j1 = Math.ceil((nTotal * this.L) / this.M);
    if (j1 > this.n250) {
      const out = new Float64Array(j1 - this.n250);
      if (this.L === 1 && this.M === 1)
        for (let j = this.n250; j < j1; j++) out[j - this.n250] = this.raw[j - this.rawStart];
      else resampleInto(out, this.n250, j1, this.raw, this.rawStart, open ? Infinity : nTotal, this.x0, this.L, this.M);
      for (let i = 0; i < out.length; i++) this.sig.push(out[i]);
      this.n250 = j1;
    }
    // Window k is not the last one once more than start_k + 2500 samples exist.
    const plans: WindowPlan[] = [];
    while (open && this.n250 > this.nextWindow * STRIDE + WINDOW) {
      const start = this.nextWindow * STRIDE;
      plans.push({ start, keepFrom: this.nextWindow === 0 ? 0 : start + MARGIN, keepTo: start + WINDOW - MARGIN });
      this.nextWindow++;
    }
    if (plans.length) this.runWindows(plans, Infinity);
    this.trim();
  }

  private runWindows(plans: WindowPlan[], n250: number): void {
    const sig = toFloat64(this.sig);
    const found = windowWaves(this.det.wm, sig, this.sigStart, isFiniteNumber(n250) ? n250 : this.n250 + 1e9, plans);
    const scale = this.fs / TARGET_FS,
      nIn = this.nRaw;
    const at = (s: number) => Math.min(nIn - 1, Math.round(s * scale));
    const ws = found.map((w) => this.waveWithPeak(w.wave, at(w.onset), at(w.offset)));
    if (!ws.length) return;
    for (const w of ws) {
      this.waves.push(w);
    }
    if (this.opts.onWaves) this.opts.onWaves(ws);
    this.emitBeats(false);
  }

  /** The wave with its peak read from the raw samples it spans (kept by trim()). */
  private waveWithPeak(wave: Wave['wave'], onset: number, offset: number): Wave {
    // [offset − onset + 1]
    const seg = toFloat64(this.raw.slice(onset - this.rawStart, offset - this.rawStart + 1));
    const w = withPeak(seg, wave, 0, seg.length - 1);
    return { wave, onset, offset, peak: (w.peak as number) + onset };
  }

  /** Emits beat i once QRS i + 1 is known (or at the end). */
  private emitBeats(final: boolean): void {
    const beats = groupBeats(this.waves, this.fs);
    const ready = final ? beats.length : beats.length - 1;
    const iv = beatIntervals(beats, this.fs).beats;
    for (let i = 0; i < ready; i++) {
      if (beats[i].qrs.onset <= this.lastBeatQrs) continue; // emitted already
      // RR of the first beat of the kept history comes from the last emitted beat.
      const rr = this.lastBeatQrs > -Infinity ? ((beats[i].qrs.onset - this.lastBeatQrs) * 1000) / this.fs : null;
      const ivs = i === 0 ? recomputeRR(iv[i], rr) : iv[i];
      this.lastBeatQrs = beats[i].qrs.onset;
      if (this.opts.onBeat) this.opts.onBeat(beats[i], ivs);
    }
  }

  /** Drops what no later output can need. */
  private trim(): void {
    const forResampling =
      this.L === 1 && this.M === 1 ? this.n250 : Math.max(0, firstInputFor(this.n250, this.L, this.M) - 1);
    // Waves of windows still to run start after the last run window's start: their peaks read raw samples there.
    const forPeaks = Math.max(0, Math.floor(((this.nextWindow - 1) * STRIDE * this.fs) / TARGET_FS) - 2);
    const needRaw = Math.min(forResampling, forPeaks);
    if (needRaw > this.rawStart + 4096) {
      this.raw.splice(0, needRaw - this.rawStart);
      this.rawStart = needRaw;
    }
    // The final window (aligned to the end) can start anywhere after the last non-final window's start.
    const needSig = Math.max(0, (this.nextWindow - 1) * STRIDE);
    if (needSig > this.sigStart + 4096) {
      this.sig.splice(0, needSig - this.sigStart);
      this.sigStart = needSig;
    }
    if (this.waves.length > 64) {
      const keepFrom = this.lastBeatQrs - 3 * this.fs;
      this.waves = this.waves.filter((w) => w.offset >= keepFrom);
    }
  }

  get bufferedSamples(): number {
    return this.raw.length + this.sig.length;
  }
}

function firstInputFor(j: number, L: number, M: number): number {
  // Lowest input the next output reads (with a safety margin): iMin(j) ≥ iMax(j) − filter length / L.
  return Math.max(0, lastInputFor(j, L, M) - 2 * (lastInputFor(0, L, M) + 1) - 8);
}

const r1 = (v: number) => Math.round(v * 10) / 10;
function recomputeRR(iv: BeatIntervals, rr: number | null): BeatIntervals {
  if (rr === null) return iv;
  const qt = iv.qt;
  return {
    ...iv,
    rr: r1(rr),
    hr: r1(60000 / rr),
    qtcBazett: qt === null ? null : r1(qt / Math.sqrt(rr / 1000)),
    qtcFridericia: qt === null ? null : r1(qt / cbrt(rr / 1000)),
  };
}

export function createStream(det: Delineator, opts: StreamOptions): EcgStream {
  return new EcgStream(det, opts);
}
