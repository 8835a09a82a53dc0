// CONCATENATION, PACK (joining) and SPLIT, SPLIT_V, UNPACK (cutting) along one axis.
// Pure data movement: outer × (axis slice) × inner block copies.
import { applyActivation, checkActivation } from './activation.js';
import { type Kernel, type RtTensor, input, fail, constInts, normAxis, sizeOf } from '../engine/tensor.js';
import { zeros } from '../es5.js';

function join(parts: RtTensor[], Y: RtTensor, axis: number): void {
  const outer = sizeOf(Y.shape.slice(0, axis)),
    inner = sizeOf(Y.shape.slice(axis + 1));
  let off = 0;
  const rowY = Y.shape[axis] * inner;
  for (const p of parts) {
    const len = (p.shape.length > axis ? p.shape[axis] : 1) * inner;
    for (let o = 0; o < outer; o++) (Y.data as any).set(p.data.subarray(o * len, (o + 1) * len), o * rowY + off);
    off += len;
  }
}
function cut(X: RtTensor, outs: RtTensor[], axis: number, sizes: number[]): void {
  const outer = sizeOf(X.shape.slice(0, axis)),
    inner = sizeOf(X.shape.slice(axis + 1));
  const rowX = X.shape[axis] * inner;
  let off = 0;
  outs.forEach((t, i) => {
    const len = sizes[i] * inner;
    for (let o = 0; o < outer; o++) (t.data as any).set(X.data.subarray(o * rowX + off, o * rowX + off + len), o * len);
    off += len;
  });
}

export interface AxisState {
  kind: 'axis';
  axis: number;
}
/** SPLIT, SPLIT_V, UNPACK: the axis and each output's size along it (read by the WASM copy step). */
export interface SplitState {
  kind: 'split';
  axis: number;
  sizes: number[];
}

export const Concatenation: Kernel<AxisState> = {
  prepare(ctx) {
    const first = input(ctx, 0);
    const axis = normAxis(ctx, ctx.op.options.axis, first.shape.length);
    checkActivation(ctx.op.options.fused_activation_function, `operator ${ctx.op.index}`);
    const out = first.shape.slice();
    out[axis] = 0;
    ctx.inputs.forEach((t, i) => {
      if (!t) fail(ctx, `input ${i} is missing`);
      if (t.type !== first.type || t.shape.length !== first.shape.length)
        fail(ctx, `input ${i} differs in type or rank`);
      t.shape.forEach((d, k) => {
        if (k !== axis && d !== first.shape[k])
          fail(ctx, `input ${i} shape [${t.shape}] does not match [${first.shape}]`);
      });
      out[axis] += t.shape[axis];
    });
    ctx.state = { kind: 'axis', axis };
    return [out];
  },
  run(ctx) {
    join(ctx.inputs as RtTensor[], ctx.outputs[0], ctx.state.axis);
    const y = ctx.outputs[0].data;
    if (y instanceof Float32Array) applyActivation(ctx.op.options.fused_activation_function, y);
  },
};

export const Pack: Kernel<AxisState> = {
  prepare(ctx) {
    const first = input(ctx, 0);
    const axis = normAxis(ctx, ctx.op.options.axis, first.shape.length + 1);
    ctx.inputs.forEach((t, i) => {
      if (!t || t.type !== first.type || t.shape.join() !== first.shape.join())
        fail(ctx, `input ${i} differs from input 0`);
    });
    const out = first.shape.slice();
    out.splice(axis, 0, ctx.inputs.length);
    ctx.state = { kind: 'axis', axis };
    return [out];
  },
  run(ctx) {
    const axis = ctx.state.axis;
    const parts = (ctx.inputs as RtTensor[]).map((t) => ({
      ...t,
      shape: (() => {
        const s = t.shape.slice();
        s.splice(axis, 0, 1);
        return s;
      })(),
    }));
    join(parts, ctx.outputs[0], axis);
  },
};

export const Split: Kernel<SplitState> = {
  prepare(ctx) {
    const [a] = constInts(ctx, 0, 'axis'),
      x = input(ctx, 1);
    const axis = normAxis(ctx, a, x.shape.length),
      n = ctx.outputs.length;
    if (x.shape[axis] % n !== 0) fail(ctx, `axis size ${x.shape[axis]} is not divisible into ${n} parts`);
    const size = x.shape[axis] / n;
    ctx.state = { kind: 'split', axis, sizes: zeros(n).map(() => size) };
    return ctx.outputs.map(() => {
      const s = x.shape.slice();
      s[axis] = size;
      return s;
    });
  },
  run(ctx) {
    cut(ctx.inputs[1]!, ctx.outputs, ctx.state.axis, ctx.state.sizes);
  },
};

export const SplitV: Kernel<SplitState> = {
  prepare(ctx) {
    const x = input(ctx, 0),
      sizes = constInts(ctx, 1, 'size_splits'),
      [a] = constInts(ctx, 2, 'axis');
    const axis = normAxis(ctx, a, x.shape.length);
    if (sizes.length !== ctx.outputs.length) fail(ctx, `${sizes.length} sizes for ${ctx.outputs.length} outputs`);
    const neg = sizes.indexOf(-1);
    if (neg >= 0) sizes[neg] = x.shape[axis] - sizes.reduce((s, v, i) => (i === neg ? s : s + v), 0);
    if (sizes.some((s) => s < 0) || sizes.reduce((s, v) => s + v, 0) !== x.shape[axis])
      fail(ctx, `sizes [${sizes}] do not add up to ${x.shape[axis]}`);
    ctx.state = { kind: 'split', axis, sizes };
    return sizes.map((sz) => {
      const s = x.shape.slice();
      s[axis] = sz;
      return s;
    });
  },
  run(ctx) {
    cut(ctx.inputs[0]!, ctx.outputs, ctx.state.axis, ctx.state.sizes);
  },
};

export const Unpack: Kernel<SplitState> = {
  prepare(ctx) {
    const x = input(ctx, 0);
    const axis = normAxis(ctx, ctx.op.options.axis, x.shape.length);
    if (ctx.outputs.length !== x.shape[axis]) fail(ctx, `${ctx.outputs.length} outputs for axis size ${x.shape[axis]}`);
    ctx.state = { kind: 'split', axis, sizes: zeros(x.shape[axis]).map(() => 1) };
    return ctx.outputs.map(() => x.shape.filter((_, i) => i !== axis));
  },
  run(ctx) {
    cut(ctx.inputs[0]!, ctx.outputs, ctx.state.axis, ctx.state.sizes);
  },
};
