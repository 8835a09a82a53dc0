// `openecg.Inference` of the ES5 bundle (Duktape, QuickJS, XS, Espruino, old browsers): the same stages as the
// Node/browser facade (inference.ts) — Delineator, classifier, layered encode, report, stream — so a model gives
// the same results here as there; without what such engines lack (Promise, Map, typed-array helpers, files).
// Models: 'micro' (embedded in the bundle, delineate/embedded-micro.ts) or the bytes of any boundary `.tflite`.
import { OpenEcgError } from './errors.js';
import { loadModelSync } from './engine/model.js';
import { Delineator, type Delineation, type PredictOptions } from './delineate/delineator.js';
import { EcgStream, type StreamOptions } from './delineate/stream.js';
import { microModelBytes, MICRO_MODEL_NAME } from './delineate/embedded-micro.js';
import { encodeDetailed, type Encoded, type EncodeOptions } from './layered/encode.js';
import { report, type EcgReport, type ReportOptions } from './report/report.js';
import type { Classifier } from './classify/classifier.js';
import { classifierFor, type ClassifierChoice } from './classify/classifier-choice.js';

export interface Es5InferenceOptions {
  /** 'micro' (default here: the embedded micro model) or a boundary model's bytes. */
  model?: 'micro' | Uint8Array;
  classifier?: ClassifierChoice;
}

export class Es5Inference {
  readonly delineator: Delineator;
  private constructor(
    delineator: Delineator,
    readonly classifier: Classifier,
  ) {
    this.delineator = delineator;
  }

  static createSync(opts: Es5InferenceOptions = {}): Es5Inference {
    const m = opts.model === undefined ? 'micro' : opts.model;
    let bytes: Uint8Array;
    if (m === MICRO_MODEL_NAME) bytes = microModelBytes();
    else if (m instanceof Uint8Array) bytes = m;
    else throw new OpenEcgError(`unknown model '${String(m)}': 'micro' or the bytes of a .tflite file`);
    const classifier = classifierFor(opts.classifier, 'js');
    return new Es5Inference(new Delineator(loadModelSync(bytes, { backend: 'js' })), classifier);
  }

  predict(signal: ArrayLike<number>, opts: PredictOptions): Delineation {
    return this.delineator.predict(signal, opts);
  }
  predictBeats(signal: ArrayLike<number>, opts: PredictOptions): Delineation {
    return this.delineator.predictBeats(signal, opts);
  }
  /** R peaks, one per beat, as sample indices at the caller's rate (Inference#rPeaks). */
  rPeaks(signal: ArrayLike<number>, opts: PredictOptions): Int32Array {
    const beats = this.delineator.predictBeats(signal, opts).beats;
    const out = new Int32Array(beats.length);
    for (let i = 0; i < beats.length; i++) out[i] = beats[i].qrs.peak as number;
    return out;
  }
  classify(signal: ArrayLike<number>, opts: EncodeOptions): Encoded {
    return encodeDetailed(this.delineator, this.classifier, signal, opts);
  }
  report(signal: ArrayLike<number>, opts: ReportOptions): EcgReport {
    return report(this.delineator, this.classifier, signal, opts);
  }
  /** A live stream: push chunks, get waves and beats when they are final (equal to predict). */
  createStream(opts: StreamOptions): EcgStream {
    return new EcgStream(this.delineator, opts);
  }
}
