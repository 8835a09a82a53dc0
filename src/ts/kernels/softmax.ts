// SOFTMAX and LOG_SOFTMAX over the last axis.
// SOFTMAX: m = max; e_i = exp32(f32(beta·f32(x_i − m))); s = Σ e_i (ascending i); y_i = f32(e_i / s).
// LOG_SOFTMAX: m = max; s = Σ exp32(x_i − m); y_i = f32(f32(x_i − m) − log32(s)).
import { fround as f } from './f32.js';
import { exp32, log32 } from './math32.js';
import { type Kernel, input, fail, expectType } from '../engine/tensor.js';
import { TensorType } from '../tflite/schema.js';

function prepare(ctx: Parameters<Kernel['prepare']>[0]): number[][] {
  const x = input(ctx, 0);
  expectType(ctx, x, [TensorType.FLOAT32], 'input');
  if (x.shape.length < 1) fail(ctx, 'input must have rank ≥ 1');
  return [x.shape.slice()];
}

export const Softmax: Kernel = {
  prepare,
  run(ctx) {
    const x = ctx.inputs[0]!.data as Float32Array,
      y = ctx.outputs[0].data as Float32Array;
    const shape = ctx.inputs[0]!.shape,
      D = shape[shape.length - 1],
      R = D ? x.length / D : 0;
    const beta = f(ctx.op.options.beta);
    for (let r = 0; r < R; r++) {
      const o = r * D;
      let m = -Infinity;
      for (let i = 0; i < D; i++) if (x[o + i] > m) m = x[o + i];
      let s = 0;
      for (let i = 0; i < D; i++) {
        const e = exp32(f(beta * f(x[o + i] - m)));
        y[o + i] = e;
        s = f(s + e);
      }
      for (let i = 0; i < D; i++) y[o + i] = f(y[o + i] / s);
    }
  },
};

export const LogSoftmax: Kernel = {
  prepare,
  run(ctx) {
    const x = ctx.inputs[0]!.data as Float32Array,
      y = ctx.outputs[0].data as Float32Array;
    const shape = ctx.inputs[0]!.shape,
      D = shape[shape.length - 1],
      R = D ? x.length / D : 0;
    for (let r = 0; r < R; r++) {
      const o = r * D;
      let m = -Infinity;
      for (let i = 0; i < D; i++) if (x[o + i] > m) m = x[o + i];
      let s = 0;
      for (let i = 0; i < D; i++) s = f(s + exp32(f(x[o + i] - m)));
      const ls = log32(s);
      for (let i = 0; i < D; i++) y[o + i] = f(f(x[o + i] - m) - ls);
    }
  },
};
