// Data-movement and conversion ops: PAD, GATHER, CAST, DEQUANTIZE, BROADCAST_TO.
// DEQUANTIZE: y = f32((q − zero_point) · scale), per-tensor or per-channel (quantized_dimension);
// float16 → float32 is exact.
import { fround as f } from './f32.js';
import { broadcastStrides } from './binary.js';
import { type Kernel, input, fail, constInts, normAxis, sizeOf, stridesOf, expectType } from '../engine/tensor.js';
import { TensorType } from '../tflite/schema.js';
import { zeros } from '../es5.js';
import { fillRange } from '../es5.js';

export interface PadState {
  kind: 'pad';
  before: number[];
}

export const Pad: Kernel<PadState> = {
  prepare(ctx) {
    const x = input(ctx, 0),
      p = constInts(ctx, 1, 'paddings'),
      r = x.shape.length;
    if (p.length !== 2 * r) fail(ctx, `paddings must be [${r}, 2]`);
    if (p.some((v) => v < 0)) fail(ctx, 'negative padding');
    if (ctx.inputs[2]) fail(ctx, 'a constant pad value (PADV2) is not supported');
    ctx.state = { kind: 'pad', before: x.shape.map((_, i) => p[2 * i]) };
    return [x.shape.map((d, i) => d + p[2 * i] + p[2 * i + 1])];
  },
  run(ctx) {
    const xt = ctx.inputs[0]!,
      Y = ctx.outputs[0].data,
      X = xt.data;
    fillRange(Y, 0);
    const outStr = stridesOf(ctx.outputs[0].shape),
      before = ctx.state.before,
      shape = xt.shape,
      r = shape.length;
    const idx = zeros(r);
    for (let i = 0; i < X.length; i++) {
      let o = 0;
      for (let d = 0; d < r; d++) o += (idx[d] + before[d]) * outStr[d];
      Y[o] = X[i];
      for (let d = r - 1; d >= 0; d--) {
        if (++idx[d] < shape[d]) break;
        idx[d] = 0;
      }
    }
  },
};

export interface GatherState {
  kind: 'gather';
  axis: number;
}

export const Gather: Kernel<GatherState> = {
  prepare(ctx) {
    const x = input(ctx, 0),
      ind = input(ctx, 1);
    expectType(ctx, ind, [TensorType.INT32], 'indices');
    if (ctx.op.options.batch_dims) fail(ctx, 'batch_dims is not supported');
    const axis = normAxis(ctx, ctx.op.options.axis, x.shape.length);
    ctx.state = { kind: 'gather', axis };
    return [x.shape.slice(0, axis).concat(ind.shape, x.shape.slice(axis + 1))];
  },
  run(ctx) {
    const xt = ctx.inputs[0]!,
      it = ctx.inputs[1]!,
      Y = ctx.outputs[0].data,
      axis = ctx.state.axis;
    const outer = sizeOf(xt.shape.slice(0, axis)),
      inner = sizeOf(xt.shape.slice(axis + 1)),
      dim = xt.shape[axis];
    const I = it.data as Int32Array;
    let o = 0;
    for (let a = 0; a < outer; a++)
      for (let k = 0; k < I.length; k++) {
        const j = I[k];
        if (j < 0 || j >= dim) fail(ctx, `gather index ${j} out of range [0, ${dim})`);
        (Y as any).set(xt.data.subarray((a * dim + j) * inner, (a * dim + j + 1) * inner), o);
        o += inner;
      }
  },
};

export const Cast: Kernel = {
  prepare(ctx) {
    const x = input(ctx, 0),
      out = ctx.outputs[0];
    const ok = [TensorType.FLOAT32, TensorType.INT32, TensorType.UINT8, TensorType.INT8, TensorType.BOOL];
    expectType(ctx, x, ok, 'input');
    if (ok.indexOf(out.type) < 0) fail(ctx, `cannot cast to tensor type ${out.type}`);
    return [x.shape.slice()];
  },
  run(ctx) {
    const X = ctx.inputs[0]!.data,
      out = ctx.outputs[0],
      Y = out.data;
    const toInt = out.type !== TensorType.FLOAT32;
    for (let i = 0; i < X.length; i++) {
      const v = X[i];
      Y[i] = out.type === TensorType.BOOL ? (v !== 0 ? 1 : 0) : toInt ? (v < 0 ? Math.ceil(v) : Math.floor(v)) : f(v);
    }
  },
};

const f16buf = new Float32Array(1),
  f16bits = new Uint32Array(f16buf.buffer);
/** IEEE half → float32 (exact). */
export function halfToFloat(h: number): number {
  const s = (h & 0x8000) << 16,
    e = (h >> 10) & 0x1f,
    m = h & 0x3ff;
  if (e === 0) {
    const v = m * 5.960464477539063e-8;
    return s ? -v : v;
  } // subnormal half = m·2^-24 (exact in f32)
  f16bits[0] = e === 31 ? s | 0x7f800000 | (m << 13) : s | ((e - 15 + 127) << 23) | (m << 13);
  return f16buf[0];
}

/** Quantised dimension (−1: per tensor) and the number of elements after it. */
export interface DequantizeState {
  kind: 'dequantize';
  qd: number;
  inner: number;
}

export const Dequantize: Kernel<DequantizeState> = {
  prepare(ctx) {
    const x = input(ctx, 0);
    expectType(ctx, x, [TensorType.INT8, TensorType.UINT8, TensorType.INT16, TensorType.FLOAT16], 'input');
    if (x.type !== TensorType.FLOAT16) {
      const q = x.quant;
      if (!q || !q.scale.length) fail(ctx, `quantised input (tensor ${x.index}) has no scale`);
      const qd = q.scale.length > 1 ? normAxis(ctx, q.quantizedDimension, x.shape.length) : 0;
      if (q.scale.length > 1 && q.scale.length !== x.shape[qd])
        fail(ctx, `${q.scale.length} scales for ${x.shape[qd]} channels`);
      // Zero points must be representable in the quantised type (TFLite's rule); anything else is a broken file.
      const [lo, hi] =
        x.type === TensorType.INT8 ? [-128, 127] : x.type === TensorType.UINT8 ? [0, 255] : [-32768, 32767];
      for (const z of q.zeroPoint)
        if (!(z >= lo && z <= hi && z === Math.floor(z)))
          fail(ctx, `zero point ${z} is outside [${lo}, ${hi}] for tensor ${x.index}`);
      ctx.state = { kind: 'dequantize', qd, inner: sizeOf(x.shape.slice(qd + 1)) };
    }
    return [x.shape.slice()];
  },
  run(ctx) {
    const xt = ctx.inputs[0]!,
      X = xt.data,
      Y = ctx.outputs[0].data as Float32Array;
    if (xt.type === TensorType.FLOAT16) {
      for (let i = 0; i < X.length; i++) Y[i] = halfToFloat(X[i]);
      return;
    }
    const q = xt.quant!,
      { qd, inner } = ctx.state,
      C = q.scale.length > 1 ? xt.shape[qd] : 1;
    for (let i = 0; i < X.length; i++) {
      const c = C > 1 ? Math.floor(i / inner) % C : 0;
      Y[i] = f((X[i] - (q.zeroPoint[c] ?? q.zeroPoint[0] ?? 0)) * f(q.scale[c]));
    }
  },
};

export interface BroadcastToState {
  kind: 'broadcast-to';
  s: number[];
}

export const BroadcastTo: Kernel<BroadcastToState> = {
  prepare(ctx) {
    const x = input(ctx, 0),
      shape = constInts(ctx, 1, 'shape');
    if (shape.length < x.shape.length) fail(ctx, `target rank ${shape.length} is below the input rank`);
    x.shape.forEach((d, i) => {
      const t = shape[shape.length - x.shape.length + i];
      if (d !== 1 && d !== t) fail(ctx, `[${x.shape}] does not broadcast to [${shape}]`);
    });
    ctx.state = { kind: 'broadcast-to', s: broadcastStrides(x.shape, shape) };
    return [shape];
  },
  run(ctx) {
    const X = ctx.inputs[0]!.data,
      out = ctx.outputs[0],
      Y = out.data,
      shape = out.shape,
      s = ctx.state.s,
      r = shape.length;
    const idx = zeros(r);
    let src = 0;
    for (let i = 0; i < Y.length; i++) {
      Y[i] = X[src];
      for (let d = r - 1; d >= 0; d--) {
        idx[d]++;
        src += s[d];
        if (idx[d] < shape[d]) break;
        src -= s[d] * shape[d];
        idx[d] = 0;
      }
    }
  },
};
