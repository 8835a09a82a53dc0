// Runtime tensors and the kernel interface shared by all ops.
import type { Numerics } from './numerics.js';
import { ModelError } from '../errors.js';
import type { Quantization, OperatorInfo } from '../tflite/model.js';
import { TENSOR_TYPE_NAMES } from '../tflite/schema.js';

export type TensorData = Float32Array | Int32Array | Int8Array | Uint8Array | Uint16Array | Int16Array;

export interface RtTensor {
  index: number;
  name: string;
  shape: number[];
  type: number; // TensorType
  data: TensorData; // for activations: a view into the arena, bound at plan time
  isConst: boolean;
  quant: Quantization | null;
  /**
   * For a float constant folded from DEQUANTIZE: the quantised constant it came from (a backend may keep that instead).
   */
  dequantOf?: RtTensor;
}

/**
 * One operator as a kernel sees it. `state` is what the reference kernel's prepare works out for its run (resolved
 * axes, strides, padding, per-channel scales); its type is the kernel's exported `…State` interface, tagged with a
 * `kind`. The WASM backend reads the same state, produced by the same prepare, through isState (no casts).
 */
export interface OpCtx<S = unknown> {
  op: OperatorInfo;
  inputs: (RtTensor | null)[];
  outputs: RtTensor[];
  state: S;
  /** The model's numerics hints (engine/numerics.ts); float numerics when absent. */
  numerics?: Numerics;
}

export interface Kernel<S = unknown> {
  /** Validates types/shapes (constants are available), sets ctx.state, returns the output shapes. */
  prepare(ctx: OpCtx<S>): number[][];
  run(ctx: OpCtx<S>): void;
}

/** A prepared state of the kernel family `kind`: narrows ctx.state for a reader that is not the kernel itself. */
export function isState<S extends { kind: string }>(s: unknown, kind: S['kind']): s is S {
  return typeof s === 'object' && s !== null && 'kind' in s && s.kind === kind;
}

export const sizeOf = (shape: number[]): number => {
  let n = 1;
  for (let i = 0; i < shape.length; i++) n *= shape[i];
  return n;
};
export const typeName = (t: number): string => TENSOR_TYPE_NAMES[t] ?? `type${t}`;

export function fail(ctx: OpCtx, msg: string): never {
  throw new ModelError(`operator ${ctx.op.index} (${ctx.op.opName ?? ctx.op.builtinCode}): ${msg}`);
}
export function input(ctx: OpCtx, i: number): RtTensor {
  const t = ctx.inputs[i];
  if (!t) fail(ctx, `input ${i} is missing`);
  return t;
}
export function expectType(ctx: OpCtx, t: RtTensor, types: number[], what: string): void {
  if (types.indexOf(t.type) < 0)
    fail(ctx, `${what} (tensor ${t.index}) has type ${typeName(t.type)}, expected ${types.map(typeName).join(' or ')}`);
}
export function constInts(ctx: OpCtx, i: number, what: string): number[] {
  const t = input(ctx, i);
  if (!t.isConst) fail(ctx, `${what} (tensor ${t.index}) must be a constant: dynamic shapes are not supported`);
  if (!(t.data instanceof Int32Array)) fail(ctx, `${what} (tensor ${t.index}) must be int32/int64`);
  return Array.prototype.slice.call(t.data) as number[];
}
export function normAxis(ctx: OpCtx, axis: number, rank: number): number {
  const a = axis < 0 ? axis + rank : axis;
  if (!(a >= 0 && a < rank)) fail(ctx, `axis ${axis} out of range for rank ${rank}`);
  return a;
}
export function stridesOf(shape: number[]): number[] {
  const s = new Array(shape.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    s[i] = acc;
    acc *= shape[i];
  }
  return s;
}
