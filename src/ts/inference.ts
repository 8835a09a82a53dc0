// The API facade: one object that holds a boundary model (delineate/delineator.ts) and a beat/rhythm
// classifier (classify/classifier.ts) and hands each call to the stage that does it. It sits above
// every stage and nothing below imports it, so the module graph has one direction.
import { OpenEcgError } from './errors.js';
import { loadModelSync, type Backend, type Model } from './engine/model.js';
import {
  Delineator,
  type Delineation,
  type PredictOptions,
  type WindowBoundary,
  type LeadsDelineation,
} from './delineate/delineator.js';
import type { WindowModel } from './delineate/window-model.js';
import { EcgStream, type StreamOptions } from './delineate/stream.js';
import { encode, encodeStream, encodeDetailed, type Encoded, type EncodeOptions } from './layered/encode.js';
import type { LayeredCodec } from './layered/codec.js';
import { report, type EcgReport, type ReportOptions } from './report/report.js';
import { holterOfReport, type HolterSummary } from './report/holter.js';
import type { Classifier } from './classify/classifier.js';
import { classifierFor, type ClassifierChoice } from './classify/classifier-choice.js';
import { microModelBytes, MICRO_MODEL_NAME } from './delineate/embedded-micro.js';

export type { Delineation, PredictOptions, WindowBoundary } from './delineate/delineator.js';
export type { ClassifierChoice } from './classify/classifier-choice.js';
export interface InferenceOptions {
  /** A `.tflite` file's bytes, its path (Node), or 'micro': the small embedded model (docs/micro.md). */
  model?: Uint8Array | string;
  backend?: Backend;
  /** Beat and rhythm classifier: 'learned' (default), 'rules', or your own implementation. */
  classifier?: ClassifierChoice;
}

let bundledReader: ((path?: string) => Uint8Array) | null = null;
/** Node entry points register how to read model files (browsers pass bytes). */
export function setModelReader(fn: (path?: string) => Uint8Array): void {
  bundledReader = fn;
}

export class Inference {
  readonly delineator: Delineator;
  private constructor(
    model: Model,
    readonly classifier: Classifier,
  ) {
    this.delineator = new Delineator(model);
  }

  static createSync(opts: InferenceOptions = {}): Inference {
    let bytes: Uint8Array;
    if (opts.model instanceof Uint8Array) bytes = opts.model;
    else if (opts.model === MICRO_MODEL_NAME) bytes = microModelBytes();
    else {
      if (!bundledReader)
        throw new OpenEcgError('no model given: pass { model: Uint8Array } (reading files needs the Node entry point)');
      bytes = bundledReader(typeof opts.model === 'string' ? opts.model : undefined);
    }
    const backend = opts.backend ?? 'auto';
    return new Inference(loadModelSync(bytes, { backend }), classifierFor(opts.classifier, backend));
  }
  static async create(opts: InferenceOptions = {}): Promise<Inference> {
    return Inference.createSync(opts);
  }

  get model(): Model {
    return this.delineator.model;
  }
  /** The backend that runs the model: 'js' (the bit-exact reference), 'wasm' or 'wasm-relaxed' ('auto' resolved). */
  get backend(): Model['backend'] {
    return this.delineator.model.backend;
  }
  get wm(): WindowModel {
    return this.delineator.wm;
  }

  /** Delineates a single-lead signal at any sampling rate. */
  predict(signal: ArrayLike<number>, opts: PredictOptions): Delineation {
    return this.delineator.predict(signal, opts);
  }
  /**
   * The delineation with beat detection (ecg/beat-search.ts: refractory period, search-back): one QRS per beat, the
   * beats classify, report and rPeaks use. `predict` returns the model's waves as decoded (and equals the stream).
   */
  predictBeats(signal: ArrayLike<number>, opts: PredictOptions): Delineation {
    return this.delineator.predictBeats(signal, opts);
  }
  /**
   * R peaks of a single-lead signal, one per beat, as sample indices at the caller's rate: the beat detection of
   * classify and report (the model's QRS waves with the refractory period and search-back, ecg/beat-search.ts).
   */
  rPeaks(signal: ArrayLike<number>, opts: PredictOptions): Int32Array {
    const d = this.delineator.predictBeats(signal, opts);
    return Int32Array.from(d.beats, (b) => b.qrs.peak as number);
  }
  /** Delineates several leads of one recording, plus a merged global delineation (see merge-leads). */
  predictLeads(signals: ArrayLike<number>[], opts: PredictOptions & { leads?: string[] }): LeadsDelineation {
    return this.delineator.predictLeads(signals, opts);
  }
  /** Upstream-compatible fixed windows: logits or argmax runs per 10-s window of a 250-Hz signal. */
  predictWindows(
    signal250: ArrayLike<number>,
    opts: { returnLogits?: boolean } = {},
  ): (WindowBoundary[] | Float32Array)[] {
    return this.delineator.predictWindows(signal250, opts);
  }
  /** A live stream: push chunks, get waves and beats as soon as they are final (equal to predict). */
  createStream(opts: StreamOptions): EcgStream {
    return new EcgStream(this.delineator, opts);
  }
  /** Delineation, beat labels (R peak, type, AAMI class) and the rhythm of one recording. */
  classify(signal: ArrayLike<number>, opts: EncodeOptions): Encoded {
    return encodeDetailed(this.delineator, this.classifier, signal, opts);
  }
  /** The layered codec (frame / beat / rhythm tracks) of a recording (typically one 10-s window). */
  encode(signal: ArrayLike<number>, opts: { fs: number; evalMarginS?: number }): LayeredCodec {
    return encode(this.delineator, this.classifier, signal, opts);
  }
  /** The layered codec of a long recording: 10-s windows every 6 s, inner bands concatenated. */
  encodeStream(signal: ArrayLike<number>, opts: { fs: number; windowS?: number; evalMarginS?: number }): LayeredCodec {
    return encodeStream(this.delineator, this.classifier, signal, opts);
  }
  /** Rhythm, heart rate, beats, intervals, AFib and pacing checks, flags and a one-line summary. */
  report(signal: ArrayLike<number>, opts: ReportOptions): EcgReport {
    return report(this.delineator, this.classifier, signal, opts);
  }
  /**
   * The Holter summary of a long recording (report/holter.ts): episodes, ectopy per class and hour, heart rate,
   * pauses, AF burden, HRV, headline sentences; with the report it was made from.
   */
  holter(signal: ArrayLike<number>, opts: ReportOptions): { summary: HolterSummary; report: EcgReport } {
    const r = report(this.delineator, this.classifier, signal, opts);
    return { summary: holterOfReport(r), report: r };
  }
}
