// Public engine API: load a .tflite model and run it.
import { OpenEcgError } from '../errors.js';
import { readTflite } from '../tflite/model.js';
import { Interpreter, type TensorSpec } from './interpreter.js';
import type { FastBackend, FastBackendName } from './fast-backend.js';

export type Backend = 'js' | 'wasm' | 'wasm-relaxed' | 'auto';
export interface LoadOptions {
  backend?: Backend;
  /** 'file' (default): follow the model's numerics hints (engine/numerics.ts); 'float': ignore them. */
  numerics?: 'file' | 'float';
}

export interface Model {
  readonly backend: 'js' | FastBackendName;
  readonly inputs: TensorSpec[];
  readonly outputs: TensorSpec[];
  /** What one run costs: operators, tensors, multiply-adds (bounded at load, docs/limits.md) and activation bytes. */
  readonly stats: { operators: number; tensors: number; macsPerRun: number; arenaBytes: number };
  /** Runs one inference; outputs in signature (or subgraph) order, as fresh arrays. */
  run(inputs: ArrayLike<number>[]): Float32Array[];
}

// The WASM backends register here (src/ts/wasm/register.ts); builds without them (ES5) run JS only.
export interface FastFactory {
  supported(kind: FastBackendName): boolean;
  create(kind: FastBackendName): FastBackend;
}
let fastFactory: FastFactory | null = null;
export function registerFastBackend(f: FastFactory): void {
  fastFactory = f;
}

/**
 * 'auto' picks WASM SIMD when this engine validates the module, else the JS reference backend.
 * 'wasm-relaxed' is never chosen automatically: it trades bit identity for fused multiply-adds.
 */
export function loadModelSync(bytes: Uint8Array, opts: LoadOptions = {}): Model {
  const backend = opts.backend ?? 'auto';
  if (backend !== 'js' && backend !== 'wasm' && backend !== 'wasm-relaxed' && backend !== 'auto')
    throw new OpenEcgError(`unknown backend '${String(backend)}'`);
  let fast: FastBackend | null = null;
  if (backend !== 'js') {
    const kind: FastBackendName = backend === 'wasm-relaxed' ? 'wasm-relaxed' : 'wasm';
    const ok = !!fastFactory && fastFactory.supported(kind);
    if (backend === 'wasm' && !ok)
      throw new OpenEcgError(
        "backend 'wasm' is not available here (no WebAssembly SIMD, or a build without it); use 'js' or 'auto'",
      );
    if (backend === 'wasm-relaxed' && !ok)
      throw new OpenEcgError(
        "backend 'wasm-relaxed' is not available here (this engine does not validate relaxed SIMD; " +
          "Node 20 needs --experimental-wasm-relaxed-simd); use 'wasm'",
      );
    if (ok) fast = fastFactory!.create(kind);
  }
  if (opts.numerics !== undefined && opts.numerics !== 'file' && opts.numerics !== 'float')
    throw new OpenEcgError(`unknown numerics '${String(opts.numerics)}' (file or float)`);
  const interp = new Interpreter(readTflite(bytes), fast, opts.numerics ?? 'file');
  const stats = {
    operators: interp.operatorCount,
    tensors: interp.tensors.length,
    macsPerRun: interp.macsPerRun,
    arenaBytes: interp.arenaBytes,
  };
  return { backend: interp.backend, inputs: interp.inputs, outputs: interp.outputs, stats, run: (x) => interp.run(x) };
}
