// Element-wise binary ops with NumPy broadcasting: ADD, SUB, MUL, DIV, MAXIMUM, MINIMUM,
// POW, SQUARED_DIFFERENCE. One float32 rounding per op (SQUARED_DIFFERENCE: f32(d·d) with
// d = f32(a − b)); POW: repeated multiplication for small integer exponents, else
// exp32(y·log32(x)). Int32 inputs for ADD/SUB/MUL/MAXIMUM/MINIMUM wrap like C int32.
import { fround as f } from './f32.js';
import { exp32, log32 } from './math32.js';
import { applyActivation, checkActivation } from './activation.js';
import { type Kernel, type OpCtx, input, fail, expectType, sizeOf } from '../engine/tensor.js';
import { TensorType } from '../tflite/schema.js';
import { zeros } from '../es5.js';
import { imul } from '../es5.js';

export function pow32(x: number, y: number): number {
  if (y === Math.floor(y) && Math.abs(y) <= 32) {
    let r = 1,
      b = x,
      n = Math.abs(y);
    for (let i = 0; i < n; i++) r = f(r * b);
    return y < 0 ? f(1 / r) : r;
  }
  if (x > 0) return exp32(f(y * log32(x)));
  if (x === 0) return y > 0 ? 0 : Infinity;
  return NaN;
}

const FLOAT_FNS: Record<string, (a: number, b: number) => number> = {
  ADD: (a, b) => f(a + b),
  SUB: (a, b) => f(a - b),
  MUL: (a, b) => f(a * b),
  DIV: (a, b) => f(a / b),
  MAXIMUM: (a, b) => (a !== a || b !== b ? NaN : a > b ? a : b),
  MINIMUM: (a, b) => (a !== a || b !== b ? NaN : a < b ? a : b),
  POW: pow32,
  SQUARED_DIFFERENCE: (a, b) => {
    const d = f(a - b);
    return f(d * d);
  },
};
const INT_FNS: Record<string, (a: number, b: number) => number> = {
  ADD: (a, b) => (a + b) | 0,
  SUB: (a, b) => (a - b) | 0,
  MUL: (a, b) => imul(a, b),
  MAXIMUM: (a, b) => (a > b ? a : b),
  MINIMUM: (a, b) => (a < b ? a : b),
};

export function broadcastShape(ctx: OpCtx, a: number[], b: number[]): number[] {
  const r = Math.max(a.length, b.length),
    out: number[] = [];
  for (let i = 0; i < r; i++) {
    const da = a[a.length - r + i] ?? 1,
      db = b[b.length - r + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1) fail(ctx, `shapes [${a}] and [${b}] do not broadcast`);
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** Strides of `shape` viewed at the rank of `out`, 0 on broadcast axes. */
export function broadcastStrides(shape: number[], out: number[]): number[] {
  const s = zeros(out.length);
  let acc = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    const oi = out.length - shape.length + i;
    s[oi] = shape[i] === 1 ? 0 : acc;
    acc *= shape[i];
  }
  return s;
}

/** Broadcast strides of both operands and the fast-path pattern (broadcastMode), shared with wasm/backend.ts. */
export interface BinaryState {
  kind: 'binary';
  sa: number[];
  sb: number[];
  mode: number;
}

export function binaryKernel(name: string): Kernel<BinaryState> {
  return {
    prepare(ctx) {
      const a = input(ctx, 0),
        b = input(ctx, 1);
      const ints = !!INT_FNS[name];
      expectType(ctx, a, ints ? [TensorType.FLOAT32, TensorType.INT32] : [TensorType.FLOAT32], 'lhs');
      if (b.type !== a.type) fail(ctx, 'operands must have the same type');
      const act = ctx.op.options.fused_activation_function ?? 0;
      checkActivation(act, `operator ${ctx.op.index}`);
      const out = broadcastShape(ctx, a.shape, b.shape);
      ctx.state = {
        kind: 'binary',
        sa: broadcastStrides(a.shape, out),
        sb: broadcastStrides(b.shape, out),
        mode: broadcastMode(a.shape, b.shape, out),
      };
      return [out];
    },
    run(ctx) {
      const at = ctx.inputs[0]!,
        bt = ctx.inputs[1]!,
        yt = ctx.outputs[0];
      const A = at.data,
        B = bt.data,
        Y = yt.data;
      const fn = at.type === TensorType.INT32 ? INT_FNS[name] : FLOAT_FNS[name];
      const { sa, sb, mode } = ctx.state;
      const n = Y.length,
        nb = B.length;
      // Fast paths change only the loop structure, never the per-element arithmetic. Float ADD/SUB/MUL of equal
      // shapes store the double result into the float32 output, which is the f32 rounding fn() would do (without
      // two calls per element, which an interpreter without a JIT pays for).
      if (mode === BROADCAST_SAME && Y instanceof Float32Array && name === 'ADD')
        for (let i = 0; i < n; i++) Y[i] = A[i] + B[i];
      else if (mode === BROADCAST_SAME && Y instanceof Float32Array && name === 'SUB')
        for (let i = 0; i < n; i++) Y[i] = A[i] - B[i];
      else if (mode === BROADCAST_SAME && Y instanceof Float32Array && name === 'MUL')
        for (let i = 0; i < n; i++) Y[i] = A[i] * B[i];
      else if (mode === BROADCAST_SAME) for (let i = 0; i < n; i++) Y[i] = fn(A[i], B[i]);
      else if (mode === BROADCAST_SCALAR) {
        const b = B[0];
        for (let i = 0; i < n; i++) Y[i] = fn(A[i], b);
      } else if (mode === BROADCAST_TRAILING) {
        for (let i = 0; i < n; i += nb) for (let j = 0; j < nb; j++) Y[i + j] = fn(A[i + j], B[j]);
      } else if (mode === BROADCAST_ROW) {
        const w = n / nb;
        for (let r = 0; r < nb; r++) {
          const b = B[r],
            o = r * w;
          for (let j = 0; j < w; j++) Y[o + j] = fn(A[o + j], b);
        }
      } else {
        const shape = yt.shape,
          r = shape.length;
        const idx = zeros(r);
        let ia = 0,
          ib = 0;
        for (let i = 0; i < n; i++) {
          Y[i] = fn(A[ia], B[ib]);
          for (let d = r - 1; d >= 0; d--) {
            idx[d]++;
            ia += sa[d];
            ib += sb[d];
            if (idx[d] < shape[d]) break;
            ia -= sa[d] * shape[d];
            ib -= sb[d] * shape[d];
            idx[d] = 0;
          }
        }
      }
      const act = ctx.op.options.fused_activation_function ?? 0;
      if (act && Y instanceof Float32Array) applyActivation(act, Y);
    },
  };
}

/** Broadcast patterns with a dedicated loop (shared by the JS kernel and the WASM backend). */
export const BROADCAST_GENERIC = -1,
  BROADCAST_SAME = 0,
  BROADCAST_SCALAR = 1,
  BROADCAST_TRAILING = 2,
  BROADCAST_ROW = 3;

/**
 * Which loop a binary op with these shapes can use (a must already have the output's size):
 * same size; b a single value; b the output's trailing dims (e.g. [128] against [1, 500, 128]);
 * b the output with its last dim 1 (one value per row, e.g. [1, 500, 1]); otherwise generic.
 */
export function broadcastMode(a: number[], b: number[], out: number[]): number {
  const n = sizeOf(out),
    nb = sizeOf(b);
  if (sizeOf(a) !== n) return BROADCAST_GENERIC;
  if (nb === n) return BROADCAST_SAME;
  if (nb === 1) return BROADCAST_SCALAR;
  let t = b.slice();
  while (t.length > 1 && t[0] === 1) t = t.slice(1);
  let trailing = t.length <= out.length;
  for (let i = 0; trailing && i < t.length; i++) if (t[t.length - 1 - i] !== out[out.length - 1 - i]) trailing = false;
  if (trailing) return BROADCAST_TRAILING;
  let row = b.length === out.length && b[b.length - 1] === 1;
  for (let i = 0; row && i < b.length - 1; i++) if (b[i] !== out[i]) row = false;
  return row ? BROADCAST_ROW : BROADCAST_GENERIC;
}
