// AVERAGE_POOL_2D and MAX_POOL_2D, NHWC. Average: sum of the in-bounds taps (ky, kx ascending)
// divided by their count (padding excluded, as TFLite does).
import { fround as f } from './f32.js';
import { applyActivation, checkActivation } from './activation.js';
import { convOut } from './conv-2d.js';
import { type Kernel, input, fail, expectType } from '../engine/tensor.js';
import { TensorType } from '../tflite/schema.js';

export interface Pool2DState {
  kind: 'pool-2d';
  padT: number;
  padL: number;
}

export function poolKernel(kind: 'avg' | 'max'): Kernel<Pool2DState> {
  return {
    prepare(ctx) {
      const x = input(ctx, 0),
        o = ctx.op.options;
      expectType(ctx, x, [TensorType.FLOAT32], 'input');
      if (x.shape.length !== 4) fail(ctx, 'input must be 4-D');
      checkActivation(o.fused_activation_function, `operator ${ctx.op.index}`);
      if (o.filter_height < 1 || o.filter_width < 1 || o.stride_h < 1 || o.stride_w < 1)
        fail(ctx, 'filter and strides must be ≥ 1');
      const same = o.padding === 0;
      const [OH, padT] = convOut(x.shape[1], o.filter_height, o.stride_h, 1, same);
      const [OW, padL] = convOut(x.shape[2], o.filter_width, o.stride_w, 1, same);
      if (OH < 1 || OW < 1) fail(ctx, 'output would be empty');
      ctx.state = { kind: 'pool-2d', padT, padL };
      return [[x.shape[0], OH, OW, x.shape[3]]];
    },
    run(ctx) {
      const xt = ctx.inputs[0]!,
        X = xt.data as Float32Array,
        Y = ctx.outputs[0].data as Float32Array;
      const [B, H, W, C] = xt.shape,
        [, OH, OW] = ctx.outputs[0].shape,
        o = ctx.op.options,
        { padT, padL } = ctx.state;
      for (let n = 0; n < B; n++)
        for (let oy = 0; oy < OH; oy++)
          for (let ox = 0; ox < OW; ox++)
            for (let c = 0; c < C; c++) {
              let acc = kind === 'max' ? -Infinity : 0,
                cnt = 0;
              for (let ky = 0; ky < o.filter_height; ky++) {
                const iy = oy * o.stride_h - padT + ky;
                if (iy < 0 || iy >= H) continue;
                for (let kx = 0; kx < o.filter_width; kx++) {
                  const ix = ox * o.stride_w - padL + kx;
                  if (ix < 0 || ix >= W) continue;
                  const v = X[((n * H + iy) * W + ix) * C + c];
                  if (kind === 'max') {
                    if (v > acc) acc = v;
                  } else acc = f(acc + v);
                  cnt++;
                }
              }
              Y[((n * OH + oy) * OW + ox) * C + c] = kind === 'max' ? acc : f(acc / cnt);
            }
      applyActivation(o.fused_activation_function, Y);
    },
  };
}
