// rPeaks(signal, { fs }): the one-call R-peak detector of the Node entry, on the bundled model. The engine is
// created on the first call and kept (loading the model costs more than a short strip).
import { Inference } from './inference.js';
import type { Backend } from './engine/model.js';

const engines = new Map<string, Inference>();

export interface RPeaksOptions {
  fs: number;
  /** Backend of the bundled model (default 'auto'); the peaks are the same on every backend. */
  backend?: Backend;
}

/** R-peak sample indices (at `fs`) of a single-lead ECG. */
export function rPeaks(signal: ArrayLike<number>, opts: RPeaksOptions): Int32Array {
  const key = (opts && opts.backend) || 'auto';
  let det = engines.get(key);
  if (!det) {
    det = Inference.createSync({ backend: key, classifier: 'rules' });
    engines.set(key, det);
  }
  return det.rPeaks(signal, { fs: opts && opts.fs });
}
