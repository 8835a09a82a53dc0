// Public engine API: load a .tflite model and run it.
import { OpenEcgError } from '../errors.js';
import { readTflite } from '../tflite/model.js';
import { Interpreter, type TensorSpec } from './interpreter.js';
import type { FastBackend } from './fast-backend.js';

export type Backend = 'js' | 'wasm' | 'auto';
export interface LoadOptions { backend?: Backend }

export interface Model {
  readonly backend: 'js' | 'wasm';
  readonly inputs: TensorSpec[];
  readonly outputs: TensorSpec[];
  /** Runs one inference; outputs in signature (or subgraph) order, as fresh arrays. */
  run(inputs: ArrayLike<number>[]): Float32Array[];
}

// The WASM backend registers itself here (src/ts/wasm/register.ts); builds without it (ES5) run JS only.
let fastFactory: { supported(): boolean; create(): FastBackend } | null = null;
export function registerFastBackend(f: { supported(): boolean; create(): FastBackend }): void { fastFactory = f; }

/** 'auto' picks WASM SIMD when this engine validates the module, else the JS reference backend. */
export function loadModelSync(bytes: Uint8Array, opts: LoadOptions = {}): Model {
  const backend = opts.backend ?? 'auto';
  if (backend !== 'js' && backend !== 'wasm' && backend !== 'auto') throw new OpenEcgError(`unknown backend '${String(backend)}'`);
  let fast: FastBackend | null = null;
  if (backend !== 'js') {
    const ok = !!fastFactory && fastFactory.supported();
    if (backend === 'wasm' && !ok) throw new OpenEcgError("backend 'wasm' is not available here (no WebAssembly SIMD, or a build without it); use 'js' or 'auto'");
    if (ok) fast = fastFactory!.create();
  }
  const interp = new Interpreter(readTflite(bytes), fast);
  return { backend: interp.backend, inputs: interp.inputs, outputs: interp.outputs, run: (x) => interp.run(x) };
}
