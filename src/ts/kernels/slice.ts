// SLICE and STRIDED_SLICE with constant begin/end/strides (pure data movement).
// STRIDED_SLICE supports begin/end/shrink masks and `offset`; ellipsis and new-axis masks are rejected.
import { type Kernel, type OpCtx, input, fail, constInts, stridesOf } from '../engine/tensor.js';
import { zeros } from '../es5.js';

function gatherBox(ctx: OpCtx, begin: number[], step: number[], size: number[]): void {
  const xt = ctx.inputs[0]!,
    X = xt.data,
    Y = ctx.outputs[0].data,
    str = stridesOf(xt.shape),
    r = size.length;
  if (Y.length === 0) return;
  const idx = zeros(r);
  let src = 0;
  for (let d = 0; d < r; d++) src += begin[d] * str[d];
  for (let i = 0; i < Y.length; i++) {
    Y[i] = X[src];
    for (let d = r - 1; d >= 0; d--) {
      idx[d]++;
      src += step[d] * str[d];
      if (idx[d] < size[d]) break;
      src -= step[d] * str[d] * size[d];
      idx[d] = 0;
    }
  }
}

/** The box a slice gathers: first index, step and size per axis. */
export interface SliceState {
  kind: 'slice';
  begin: number[];
  step: number[];
  size: number[];
}

export const Slice: Kernel<SliceState> = {
  prepare(ctx) {
    const x = input(ctx, 0),
      begin = constInts(ctx, 1, 'begin'),
      size = constInts(ctx, 2, 'size');
    const r = x.shape.length;
    if (begin.length !== r || size.length !== r) fail(ctx, `begin/size must have ${r} entries`);
    const sz = size.map((s, i) => (s === -1 ? x.shape[i] - begin[i] : s));
    for (let i = 0; i < r; i++)
      if (begin[i] < 0 || sz[i] < 0 || begin[i] + sz[i] > x.shape[i])
        fail(ctx, `slice [${begin}] + [${size}] is outside [${x.shape}]`);
    ctx.state = { kind: 'slice', begin, step: zeros(r).map(() => 1), size: sz };
    return [sz];
  },
  run(ctx) {
    gatherBox(ctx, ctx.state.begin, ctx.state.step, ctx.state.size);
  },
};

export const StridedSlice: Kernel<SliceState> = {
  prepare(ctx) {
    const x = input(ctx, 0),
      r = x.shape.length;
    const begin = constInts(ctx, 1, 'begin'),
      end = constInts(ctx, 2, 'end');
    const strides = ctx.inputs[3] ? constInts(ctx, 3, 'strides') : zeros(begin.length).map(() => 1);
    const o = ctx.op.options;
    if (o.ellipsis_mask || o.new_axis_mask) fail(ctx, 'ellipsis_mask and new_axis_mask are not supported');
    if (begin.length > r || end.length !== begin.length || strides.length !== begin.length)
      fail(ctx, 'begin/end/strides lengths differ from each other or exceed the rank');
    const b: number[] = [],
      step: number[] = [],
      size: number[] = [],
      outShape: number[] = [];
    for (let i = 0; i < r; i++) {
      const dim = x.shape[i];
      if (i >= begin.length) {
        b.push(0);
        step.push(1);
        size.push(dim);
        outShape.push(dim);
        continue;
      }
      const s = strides[i];
      if (s === 0) fail(ctx, `stride 0 on axis ${i}`);
      const shrink = (o.shrink_axis_mask >> i) & 1;
      let bi = (o.begin_mask >> i) & 1 ? (s > 0 ? 0 : dim - 1) : begin[i];
      if (bi < 0) bi += dim;
      let ei: number;
      if (shrink) ei = bi + 1;
      else if ((o.end_mask >> i) & 1) ei = s > 0 ? dim : -1;
      else {
        ei = o.offset ? bi + end[i] : end[i];
        if (!o.offset && ei < 0) ei += dim;
      }
      if (s > 0) {
        bi = Math.min(Math.max(bi, 0), dim);
        ei = Math.min(Math.max(ei, 0), dim);
      } else {
        bi = Math.min(Math.max(bi, -1), dim - 1);
        ei = Math.min(Math.max(ei, -1), dim - 1);
      }
      const n = shrink ? 1 : s > 0 ? Math.max(0, Math.ceil((ei - bi) / s)) : Math.max(0, Math.ceil((bi - ei) / -s));
      if (shrink && (bi < 0 || bi >= dim)) fail(ctx, `shrink index ${begin[i]} out of range on axis ${i}`);
      b.push(bi);
      step.push(shrink ? 1 : s);
      size.push(n);
      if (!shrink) outShape.push(n);
    }
    ctx.state = { kind: 'slice', begin: b, step, size };
    return [outShape];
  },
  run(ctx) {
    gatherBox(ctx, ctx.state.begin, ctx.state.step, ctx.state.size);
  },
};
