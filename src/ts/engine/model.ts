// Public engine API: load a .tflite model and run it.
import { OpenEcgError } from '../errors.js';
import { readTflite } from '../tflite/model.js';
import { Interpreter, type TensorSpec } from './interpreter.js';

export type Backend = 'js' | 'wasm' | 'auto';
export interface LoadOptions { backend?: Backend }

export interface Model {
  readonly backend: 'js' | 'wasm';
  readonly inputs: TensorSpec[];
  readonly outputs: TensorSpec[];
  /** Runs one inference; outputs in signature (or subgraph) order, as fresh arrays. */
  run(inputs: ArrayLike<number>[]): Float32Array[];
}

export function loadModelSync(bytes: Uint8Array, opts: LoadOptions = {}): Model {
  const backend = opts.backend ?? 'auto';
  if (backend === 'wasm') throw new OpenEcgError("backend 'wasm' is not available in this build; use 'js' or 'auto'");
  if (backend !== 'js' && backend !== 'auto') throw new OpenEcgError(`unknown backend '${String(backend)}'`);
  const interp = new Interpreter(readTflite(bytes));
  return { backend: 'js', inputs: interp.inputs, outputs: interp.outputs, run: (x) => interp.run(x) };
}
