// Interface between the interpreter and an accelerated backend (the WASM SIMD kernels). The
// interpreter stays free of WebAssembly so that its ES5 build runs on engines without it.
import type { OpCtx, RtTensor } from './tensor.js';

/**
 * One op run by the backend: `bytes` of its own memory (packed weights, state kept between runs), packed once, and
 * `scratch` bytes it only needs while it runs — one region, at `scratch` in pack, shared by every step (steps run one
 * after another, so a step must not expect its scratch to keep anything between runs).
 */
export interface FastStep {
  bytes: number;
  scratch?: number;
  pack(mem: ArrayBuffer, base: number, scratch: number): void;
  run(): void;
  /** For profiles: the kernel's name when it is not the op's (fused kernels), and its float operations per run. */
  label?: string;
  flops?: number;
}

/** Several consecutive ops run as one kernel; `internal` tensors are never materialised. */
export interface FusedStep extends FastStep {
  ops: number;
  internal: RtTensor[];
}

/**
 * 'wasm': SIMD kernels, bit-identical to the JS reference. 'wasm-relaxed': opt-in, relaxed-SIMD FMA in the GEMMs, not
 * bit-identical.
 */
export type FastBackendName = 'wasm' | 'wasm-relaxed';

export interface FastBackend {
  readonly name: FastBackendName;
  /** Grows the backend memory once so that `bytes` fit; returns the first usable byte offset. */
  reserve(bytes: number): number;
  readonly buffer: ArrayBuffer;
  stepFor(ctx: OpCtx): FastStep | null;
  /** A fused kernel for the ops starting at ctxs[i] (see engine/fusion.ts), or null. */
  fuse?(ctxs: OpCtx[], i: number, readers: number[]): FusedStep | null;
}
