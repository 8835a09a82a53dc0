// Values of the options several commands share, read and checked in one place.
import type { Backend } from '../engine/model.js';
import { Inference } from '../inference.js';
import { readModelFile } from '../models-path.js';
import { OpenEcgError } from '../errors.js';
import { UsageError, type Args } from './args.js';

/** --backend auto|js|wasm|wasm-relaxed (loadModel rejects anything else with a clear error). */
export function backendArg(a: Args): Backend {
  return (typeof a.backend === 'string' ? a.backend : 'auto') as Backend;
}

/** --fs: a positive sampling rate, or undefined when not given. */
export function fsArg(a: Args): number | undefined {
  if (a.fs === undefined) return undefined;
  const fs = Number(a.fs);
  if (!(fs > 0)) throw new OpenEcgError(`--fs must be a positive number, got '${a.fs}'`);
  return fs;
}

/** --lead as given, else `fallback`. */
export function leadArg(a: Args, fallback?: string): string | undefined {
  return typeof a.lead === 'string' ? a.lead : fallback;
}

/** --model path, or undefined for the bundled model. */
export function modelArg(a: Args): string | undefined {
  return typeof a.model === 'string' ? a.model : undefined;
}

/** The engine the command runs: --model (or the bundled one) on --backend. */
export function inferenceFor(a: Args): Inference {
  return Inference.createSync({
    model: readModelFile(modelArg(a)),
    backend: backendArg(a),
    classifier: classifierArg(a),
  });
}

/** --classifier learned|rules (default learned). */
export function classifierArg(a: Args): 'learned' | 'rules' {
  const c = a.classifier === undefined ? 'learned' : a.classifier;
  if (c !== 'learned' && c !== 'rules')
    throw new UsageError(`--classifier must be learned or rules, got '${String(c)}'`);
  return c;
}
