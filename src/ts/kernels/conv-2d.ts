// CONV_2D, NHWC input, OHWI filter, optional bias. The 1-D convolutions of the ECG model
// run as H = sequence, W = 1. Padding: SAME (TF rule, extra pad at the end) or VALID.
// Numerics per output: acc = 0; for ky, for kx, for c (ascending): acc = f32(acc + f32(x·w)),
// taps that fall in the padding are skipped; y = f32(acc + bias).
// Hybrid path (int8 filter read directly, no DEQUANTIZE): each batch element's input is quantised as one span
// (dynamic-quant.ts: one scale s per image, as dynamic-range convolutions do), then per output
// acc = Σ over the same taps of (q − zp)·w (an exact integer) and y = f32(f32(f32(acc·s)·wscale[o]) + bias[o]).
import { fround as f } from './f32.js';
import { applyActivation, checkActivation } from './activation.js';
import { type Kernel, input, fail, expectType } from '../engine/tensor.js';
import { TensorType } from '../tflite/schema.js';
import { quantizeSpan, dequantize, dot4 } from './dynamic-quant.js';

export function convOut(inSize: number, k: number, stride: number, dil: number, same: boolean): [number, number] {
  const ek = (k - 1) * dil + 1;
  const out = same ? Math.ceil(inSize / stride) : Math.floor((inSize - ek) / stride) + 1;
  const padTotal = Math.max((out - 1) * stride + ek - inSize, 0);
  return [out, same ? Math.floor(padTotal / 2) : 0];
}

/** Top and left padding of SAME (0 for VALID), read by the 1-D WASM step too; per-filter scales of an int8
 * (hybrid) filter, else null. */
export interface Conv2DState {
  kind: 'conv-2d';
  padT: number;
  padL: number;
  scales: Float32Array | null;
}

export const Conv2D: Kernel<Conv2DState> = {
  prepare(ctx) {
    const x = input(ctx, 0),
      w = input(ctx, 1),
      b = ctx.inputs[2];
    expectType(ctx, x, [TensorType.FLOAT32], 'input');
    expectType(ctx, w, [TensorType.FLOAT32, TensorType.INT8], 'filter');
    if (x.shape.length !== 4 || w.shape.length !== 4)
      fail(ctx, `input and filter must be 4-D, got [${x.shape}] and [${w.shape}]`);
    const o = ctx.op.options;
    checkActivation(o.fused_activation_function, `operator ${ctx.op.index}`);
    const [B, H, W, C] = x.shape,
      [O, KH, KW, CI] = w.shape;
    if (CI !== C) fail(ctx, `filter depth ${CI} differs from input channels ${C}`);
    if (b && b.data.length !== O) fail(ctx, `bias has ${b.data.length} values for ${O} filters`);
    if (o.stride_h < 1 || o.stride_w < 1 || o.dilation_h_factor < 1 || o.dilation_w_factor < 1)
      fail(ctx, 'strides and dilations must be ≥ 1');
    const same = o.padding === 0;
    const [OH, padT] = convOut(H, KH, o.stride_h, o.dilation_h_factor, same);
    const [OW, padL] = convOut(W, KW, o.stride_w, o.dilation_w_factor, same);
    if (OH < 1 || OW < 1) fail(ctx, `output would be empty (input [${x.shape}], filter [${w.shape}])`);
    let scales: Float32Array | null = null;
    if (w.type === TensorType.INT8) {
      if (!w.isConst || !w.quant) fail(ctx, 'an int8 filter must be a quantised constant');
      const sc = w.quant.scale;
      if (sc.length !== 1 && (sc.length !== O || w.quant.quantizedDimension !== 0))
        fail(ctx, `filter has ${sc.length} scales for ${O} filters`);
      if (w.quant.zeroPoint.some((z) => z !== 0)) fail(ctx, 'an int8 filter must be symmetric (zero point 0)');
      scales = new Float32Array(O);
      for (let o = 0; o < O; o++) scales[o] = sc.length === 1 ? sc[0] : sc[o];
    }
    ctx.state = { kind: 'conv-2d', padT, padL, scales };
    return [[B, OH, OW, O]];
  },
  run(ctx) {
    const xt = ctx.inputs[0]!,
      wt = ctx.inputs[1]!,
      bt = ctx.inputs[2];
    const x = xt.data as Float32Array,
      b = bt ? (bt.data as Float32Array) : null;
    if (ctx.state.scales) return hybrid(ctx, ctx.state.scales, b);
    const w = wt.data as Float32Array;
    const y = ctx.outputs[0].data as Float32Array;
    const [B, , , C] = xt.shape,
      [O, KH, KW] = wt.shape,
      [, OH, OW] = ctx.outputs[0].shape;
    const o = ctx.op.options;
    const ws = KH * KW * C; // one output channel's filter
    const xTap: number[] = [],
      wTap: number[] = []; // input offset and filter offset of each tap inside the input
    for (let n = 0; n < B; n++)
      for (let oy = 0; oy < OH; oy++)
        for (let ox = 0; ox < OW; ox++) {
          const yo = ((n * OH + oy) * OW + ox) * O;
          const nt = tapsAt(ctx, n, oy, ox, xTap, wTap);
          let oc = 0;
          // Four output channels at a time (independent chains, each in the reference order ky, kx, c).
          for (; oc + 4 <= O; oc += 4) {
            let a0 = 0,
              a1 = 0,
              a2 = 0,
              a3 = 0;
            for (let t = 0; t < nt; t++) {
              const xo = xTap[t],
                w0 = oc * ws + wTap[t],
                w1 = w0 + ws,
                w2 = w1 + ws,
                w3 = w2 + ws;
              for (let c = 0; c < C; c++) {
                const xv = x[xo + c];
                a0 = f(a0 + f(xv * w[w0 + c]));
                a1 = f(a1 + f(xv * w[w1 + c]));
                a2 = f(a2 + f(xv * w[w2 + c]));
                a3 = f(a3 + f(xv * w[w3 + c]));
              }
            }
            y[yo + oc] = b ? f(a0 + b[oc]) : a0;
            y[yo + oc + 1] = b ? f(a1 + b[oc + 1]) : a1;
            y[yo + oc + 2] = b ? f(a2 + b[oc + 2]) : a2;
            y[yo + oc + 3] = b ? f(a3 + b[oc + 3]) : a3;
          }
          for (; oc < O; oc++) {
            let acc = 0;
            for (let t = 0; t < nt; t++) {
              const xo = xTap[t],
                wo = oc * ws + wTap[t];
              for (let c = 0; c < C; c++) acc = f(acc + f(x[xo + c] * w[wo + c]));
            }
            y[yo + oc] = b ? f(acc + b[oc]) : acc;
          }
        }
    applyActivation(o.fused_activation_function, y);
  },
};

/** The hybrid path of the header: same taps, integer sums over the quantised image. */
function hybrid(ctx: Parameters<typeof Conv2D.run>[0], scales: Float32Array, b: Float32Array | null): void {
  const xt = ctx.inputs[0]!,
    wt = ctx.inputs[1]!;
  const x = xt.data as Float32Array,
    w = wt.data as Int8Array,
    y = ctx.outputs[0].data as Float32Array;
  const [B, H, W, C] = xt.shape,
    [O, KH, KW] = wt.shape,
    [, OH, OW] = ctx.outputs[0].shape;
  const o = ctx.op.options;
  const ws = KH * KW * C,
    image = H * W * C;
  const q = new Int32Array(image);
  const acc = new Float64Array(4),
    tap = new Float64Array(4);
  const xTap: number[] = [],
    wTap: number[] = [];
  for (let n = 0; n < B; n++) {
    const s = quantizeSpan(x, n * image, image, q, 0);
    for (let oy = 0; oy < OH; oy++)
      for (let ox = 0; ox < OW; ox++) {
        const yo = ((n * OH + oy) * OW + ox) * O;
        // Four filters at a time over the taps inside the input (integer sums: any order is exact).
        const nt = tapsAt(ctx, 0, oy, ox, xTap, wTap); // offsets within this image
        for (let oc = 0; oc < O; oc += 4) {
          const cols = Math.min(4, O - oc);
          acc[0] = acc[1] = acc[2] = acc[3] = 0;
          for (let t = 0; t < nt; t++) {
            dot4(q, xTap[t], w, oc * ws + wTap[t], ws, C, cols, tap);
            for (let j = 0; j < cols; j++) acc[j] += tap[j];
          }
          for (let j = 0; j < cols; j++) {
            const v = dequantize(acc[j], s, scales[oc + j]);
            y[yo + oc + j] = b ? f(v + b[oc + j]) : v;
          }
        }
      }
  }
  applyActivation(o.fused_activation_function, y);
}

/**
 * The taps (ky, kx ascending) of output position (oy, ox) of image n that fall inside the input: their input offsets
 * (xTap) and offsets within one filter (wTap: tap index × wStep, the filter's innermost size — C here, the output
 * channels for DEPTHWISE_CONV_2D); returns their count. Found once per output position.
 */
export function tapsAt(
  ctx: {
    inputs: readonly ({ shape: number[] } | null)[];
    op: { options: Record<string, any> };
    state: { padT: number; padL: number };
  },
  n: number,
  oy: number,
  ox: number,
  xTap: number[],
  wTap: number[],
  wStep = ctx.inputs[0]!.shape[3],
) {
  const [, H, W, C] = ctx.inputs[0]!.shape,
    [, KH, KW] = ctx.inputs[1]!.shape;
  const o = ctx.op.options,
    { padT, padL } = ctx.state;
  let nt = 0;
  for (let ky = 0; ky < KH; ky++) {
    const iy = oy * o.stride_h - padT + ky * o.dilation_h_factor;
    if (iy < 0 || iy >= H) continue;
    for (let kx = 0; kx < KW; kx++) {
      const ix = ox * o.stride_w - padL + kx * o.dilation_w_factor;
      if (ix < 0 || ix >= W) continue;
      xTap[nt] = ((n * H + iy) * W + ix) * C;
      wTap[nt] = (ky * KW + kx) * wStep;
      nt++;
    }
  }
  return nt;
}
