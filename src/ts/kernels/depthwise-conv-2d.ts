// DEPTHWISE_CONV_2D, NHWC input, filter [1, KH, KW, C·multiplier]. Output channel
// oc = c·multiplier + m reads input channel c. Per output: acc over ky, kx ascending
// (padding taps skipped), then + bias.
// Numerics: acc = f32(acc + f32(x·w)) per tap, y = f32(acc + b). The roundings are stores into a one-element
// Float32Array (and into y itself), not fround calls: the same IEEE round-to-nearest-even, and an interpreter
// without a JIT (Duktape) pays ~1 µs per call, which made the calls most of this kernel's time there.
import { applyActivation, checkActivation } from './activation.js';
import { convOut, tapsAt } from './conv-2d.js';
import { type Kernel, input, fail, expectType } from '../engine/tensor.js';
import { TensorType } from '../tflite/schema.js';
import { isInt } from '../es5.js';

export interface DepthwiseConv2DState {
  kind: 'depthwise-conv-2d';
  padT: number;
  padL: number;
  mult: number;
}

/** Scratch for f32 rounding by a store (see the header). */
const ROUND = new Float32Array(1);

export const DepthwiseConv2D: Kernel<DepthwiseConv2DState> = {
  prepare(ctx) {
    const x = input(ctx, 0),
      w = input(ctx, 1),
      b = ctx.inputs[2];
    expectType(ctx, x, [TensorType.FLOAT32], 'input');
    expectType(ctx, w, [TensorType.FLOAT32], 'filter');
    if (x.shape.length !== 4 || w.shape.length !== 4 || w.shape[0] !== 1)
      fail(ctx, `expected 4-D input and [1,KH,KW,C·M] filter, got [${x.shape}] and [${w.shape}]`);
    const o = ctx.op.options;
    checkActivation(o.fused_activation_function, `operator ${ctx.op.index}`);
    const [B, H, W, C] = x.shape,
      [, KH, KW, OC] = w.shape;
    const mult = OC / C;
    if (!isInt(mult) || mult < 1) fail(ctx, `filter channels ${OC} are not a multiple of input channels ${C}`);
    if (b && b.data.length !== OC) fail(ctx, `bias has ${b.data.length} values for ${OC} channels`);
    if (o.stride_h < 1 || o.stride_w < 1 || o.dilation_h_factor < 1 || o.dilation_w_factor < 1)
      fail(ctx, 'strides and dilations must be ≥ 1');
    const same = o.padding === 0;
    const [OH, padT] = convOut(H, KH, o.stride_h, o.dilation_h_factor, same);
    const [OW, padL] = convOut(W, KW, o.stride_w, o.dilation_w_factor, same);
    if (OH < 1 || OW < 1) fail(ctx, 'output would be empty');
    ctx.state = { kind: 'depthwise-conv-2d', padT, padL, mult };
    return [[B, OH, OW, OC]];
  },
  run(ctx) {
    const xt = ctx.inputs[0]!,
      wt = ctx.inputs[1]!,
      bt = ctx.inputs[2];
    const x = xt.data as Float32Array,
      w = wt.data as Float32Array,
      b = bt ? (bt.data as Float32Array) : null;
    const y = ctx.outputs[0].data as Float32Array;
    const B = xt.shape[0],
      OC = wt.shape[3],
      [, OH, OW] = ctx.outputs[0].shape;
    const o = ctx.op.options,
      mult = ctx.state.mult;
    // Taps outermost, channels innermost: for one output position, every valid tap (ky, kx ascending, conv-2d.ts
    // tapsAt) adds its product to each channel's accumulator — per output the same chain, in the same order, as a
    // loop over taps inside each channel; but the bounds checks and offsets are computed once per tap.
    const acc = new Float32Array(OC), // [OC] the accumulators of one output position, f32 by construction
      p = ROUND;
    const xTap: number[] = [],
      wTap: number[] = [];
    for (let n = 0; n < B; n++)
      for (let oy = 0; oy < OH; oy++)
        for (let ox = 0; ox < OW; ox++) {
          for (let oc = 0; oc < OC; oc++) acc[oc] = 0;
          const nt = tapsAt(ctx, n, oy, ox, xTap, wTap, OC);
          for (let t = 0; t < nt; t++) {
            const xo = xTap[t],
              wo = wTap[t];
            if (mult === 1)
              for (let oc = 0; oc < OC; oc++) {
                p[0] = x[xo + oc] * w[wo + oc];
                acc[oc] += p[0]; // f32(acc + f32(x·w))
              }
            else
              for (let oc = 0; oc < OC; oc++) {
                p[0] = x[xo + Math.floor(oc / mult)] * w[wo + oc];
                acc[oc] += p[0];
              }
          }
          const yo = ((n * OH + oy) * OW + ox) * OC;
          for (let oc = 0; oc < OC; oc++) y[yo + oc] = b ? acc[oc] + b[oc] : acc[oc]; // the store rounds to f32
        }
    applyActivation(o.fused_activation_function, y);
  },
};
