// RESHAPE, SQUEEZE, EXPAND_DIMS: same elements, new shape (a plain copy; no arithmetic).
import { type Kernel, type OpCtx, input, fail, sizeOf, constInts, normAxis } from '../engine/tensor.js';

const copy = (ctx: OpCtx) => {
  (ctx.outputs[0].data as any).set(ctx.inputs[0]!.data);
};

export const Reshape: Kernel = {
  prepare(ctx) {
    const x = input(ctx, 0);
    let shape: number[];
    if (ctx.inputs[1] && ctx.inputs[1].isConst) shape = constInts(ctx, 1, 'shape');
    else if (ctx.op.options.new_shape && ctx.op.options.new_shape.length) shape = ctx.op.options.new_shape;
    else if (ctx.outputs[0].shape.length || sizeOf(x.shape) === 1) shape = ctx.outputs[0].shape.slice();
    else fail(ctx, 'no target shape (dynamic shapes are not supported)');
    const n = sizeOf(x.shape);
    const neg = shape.filter((d) => d === -1).length;
    if (neg > 1 || shape.some((d) => d < -1)) fail(ctx, `bad target shape [${shape}]`);
    if (neg) {
      const known = sizeOf(shape.filter((d) => d !== -1));
      if (known === 0 || n % known !== 0) fail(ctx, `cannot reshape [${x.shape}] to [${shape}]`);
      shape = shape.map((d) => (d === -1 ? n / known : d));
    }
    if (sizeOf(shape) !== n) fail(ctx, `cannot reshape [${x.shape}] (${n} elements) to [${shape}]`);
    return [shape];
  },
  run: copy,
};

export const Squeeze: Kernel = {
  prepare(ctx) {
    const x = input(ctx, 0);
    const dims: number[] = (ctx.op.options.squeeze_dims ?? []).map((a: number) => normAxis(ctx, a, x.shape.length));
    for (const d of dims) if (x.shape[d] !== 1) fail(ctx, `cannot squeeze axis ${d} of size ${x.shape[d]}`);
    return [x.shape.filter((d, i) => (dims.length ? dims.indexOf(i) < 0 : d !== 1))];
  },
  run: copy,
};

export const ExpandDims: Kernel = {
  prepare(ctx) {
    const x = input(ctx, 0);
    const [a] = constInts(ctx, 1, 'axis');
    const ax = normAxis(ctx, a < 0 ? a + 1 : a, x.shape.length + 1);
    const s = x.shape.slice();
    s.splice(ax, 0, 1);
    return [s];
  },
  run: copy,
};
