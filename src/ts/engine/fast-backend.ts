// Interface between the interpreter and an accelerated backend (the WASM SIMD kernels). The
// interpreter stays free of WebAssembly so that its ES5 build runs on engines without it.
import type { OpCtx } from './tensor.js';

/** One op run by the backend: `bytes` of its own memory (packed weights, scratch), packed once. */
export interface FastStep { bytes: number; pack(mem: ArrayBuffer, base: number): void; run(): void }

export interface FastBackend {
  readonly name: 'wasm';
  /** Grows the backend memory once so that `bytes` fit; returns the first usable byte offset. */
  reserve(bytes: number): number;
  readonly buffer: ArrayBuffer;
  stepFor(ctx: OpCtx): FastStep | null;
}
