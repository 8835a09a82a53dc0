// MEAN, SUM, REDUCE_MAX over constant axes (keep_dims option).
// Numerics: for each output, the reduced elements are visited in ascending flat-index order
// in one float32 chain: s = f32(s + x); MEAN = f32(s / count); REDUCE_MAX = running max.
import { fround as f } from './f32.js';
import { type Kernel, input, constInts, normAxis, expectType, stridesOf } from '../engine/tensor.js';
import { TensorType } from '../tflite/schema.js';
import { zeros } from '../es5.js';

/** Which axes are reduced, the output shape kept, and whether only the last axis is (the WASM fast path). */
export interface ReduceState {
  kind: 'reduce';
  red: boolean[];
  keep: number[];
  lastOnly: boolean;
}

export function reduceKernel(name: 'MEAN' | 'SUM' | 'REDUCE_MAX'): Kernel<ReduceState> {
  return {
    prepare(ctx) {
      const x = input(ctx, 0);
      expectType(ctx, x, [TensorType.FLOAT32], 'input');
      const axes = constInts(ctx, 1, 'axes').map((a) => normAxis(ctx, a, x.shape.length));
      const red = x.shape.map((_, i) => axes.indexOf(i) >= 0);
      const keep = x.shape.map((d, i) => (red[i] ? 1 : d));
      // Reduces exactly the last axis: a plain row reduction (the WASM backend and fusion use it too).
      const r = red.length,
        lastOnly = r > 0 && red[r - 1] && red.slice(0, r - 1).every((v) => !v);
      ctx.state = { kind: 'reduce', red, keep, lastOnly };
      return [ctx.op.options.keep_dims ? keep : x.shape.filter((_, i) => !red[i])];
    },
    run(ctx) {
      const xt = ctx.inputs[0]!,
        X = xt.data as Float32Array,
        Y = ctx.outputs[0].data as Float32Array;
      const { red, keep, lastOnly } = ctx.state;
      const shape = xt.shape,
        r = shape.length;
      const outStr = stridesOf(keep);
      const nOut = Y.length,
        count = X.length / Math.max(nOut, 1);
      const init = name === 'REDUCE_MAX' ? -Infinity : 0;
      if (lastOnly && name !== 'REDUCE_MAX') {
        // Last axis only: the same ascending chain per row, without index bookkeeping.
        const D = shape[r - 1];
        for (let o = 0; o < nOut; o++) {
          let s = 0;
          for (let j = 0; j < D; j++) s = f(s + X[o * D + j]);
          Y[o] = name === 'MEAN' ? f(s / count) : s;
        }
        return;
      }
      for (let i = 0; i < nOut; i++) Y[i] = init;
      const idx = zeros(r);
      for (let i = 0; i < X.length; i++) {
        let o = 0;
        for (let d = 0; d < r; d++) if (!red[d]) o += idx[d] * outStr[d];
        const v = X[i];
        if (name === 'REDUCE_MAX') {
          if (v > Y[o] || v !== v) Y[o] = v;
        } else Y[o] = f(Y[o] + v);
        for (let d = r - 1; d >= 0; d--) {
          if (++idx[d] < shape[d]) break;
          idx[d] = 0;
        }
      }
      if (name === 'MEAN') for (let i = 0; i < nOut; i++) Y[i] = f(Y[i] / count);
    },
  };
}
