// Single-op (and small pattern) test models, built with the writer: several option
// combinations per op. Used by the golden-output generator and by the tests.
import { GraphBuilder } from './tflite-writer.js';
import { TensorType } from '../../src/ts/tflite/schema.js';

export interface OpCase {
  name: string;
  op: string;
  model: Uint8Array;
  inputs: Float32Array[];
}

function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const size = (s: number[]) => s.reduce((a, b) => a * b, 1);

export function buildOpCases(): OpCase[] {
  const cases: OpCase[] = [];
  let seed = 100;
  const rand = (n: number, lo = -2, hi = 2) => {
    const r = rng(seed++);
    return Float32Array.from({ length: n }, () => lo + (hi - lo) * r());
  };
  const add = (
    name: string,
    op: string,
    build: (g: GraphBuilder) => { ins: [number, number[], number?, number?][] },
  ) => {
    const g = new GraphBuilder();
    const { ins } = build(g);
    cases.push({ name, op, model: g.finish(name), inputs: ins.map(([, shape, lo, hi]) => rand(size(shape), lo, hi)) });
  };
  // One float input, one op, one output.
  const unary = (
    name: string,
    op: any,
    shape: number[],
    outShape: number[],
    opts: Record<string, any> = {},
    extra: (g: GraphBuilder) => number[] = () => [],
    lo = -2,
    hi = 2,
  ) =>
    add(name, op, (g) => {
      const x = g.input('x', shape);
      const y = g.tensor('y', outShape);
      g.op(op, [x, ...extra(g)], [y], opts);
      g.output(y);
      return { ins: [[x, shape, lo, hi]] };
    });
  const binary = (
    name: string,
    op: any,
    a: number[],
    b: number[],
    out: number[],
    opts: Record<string, any> = {},
    lo = -2,
    hi = 2,
  ) =>
    add(name, op, (g) => {
      const x = g.input('a', a),
        y = g.input('b', b),
        z = g.tensor('z', out);
      g.op(op, [x, y], [z], opts);
      g.output(z);
      return {
        ins: [
          [x, a, lo, hi],
          [y, b, lo, hi],
        ],
      };
    });

  // FULLY_CONNECTED: keep_num_dims, 2-D, no bias, fused RELU, int8 hybrid (per-channel and per-tensor), DEQUANTIZE → FC.
  const fcCase = (
    name: string,
    inShape: number[],
    N: number,
    opts: Record<string, any>,
    mode: 'f32' | 'nobias' | 'hybrid' | 'dequant',
    outShape: number[],
  ) =>
    add(name, 'FULLY_CONNECTED', (g) => {
      const K = inShape[inShape.length - 1];
      const x = g.input('x', inShape);
      const wdata = rand(N * K, -0.5, 0.5);
      let w: number;
      if (mode === 'hybrid') w = g.constI8PerChannel('w', [N, K], wdata, 0);
      else if (mode === 'dequant') {
        const q = g.constI8PerChannel('wq', [N, K], wdata, 0);
        w = g.tensor('w', [N, K]);
        g.op('DEQUANTIZE', [q], [w]);
      } else w = g.constF32('w', [N, K], wdata);
      const ins = [x, w];
      if (mode !== 'nobias') ins.push(g.constF32('b', [N], rand(N, -0.3, 0.3)));
      const y = g.tensor('y', outShape);
      g.op('FULLY_CONNECTED', ins, [y], opts, mode === 'hybrid' ? 9 : opts.keep_num_dims ? 5 : 1);
      g.output(y);
      return { ins: [[x, inShape]] };
    });
  fcCase('fc_keepdims', [1, 6, 16], 8, { keep_num_dims: true }, 'f32', [1, 6, 8]);
  fcCase('fc_2d_relu', [5, 16], 7, { fused_activation_function: 1 }, 'f32', [5, 7]);
  fcCase('fc_nobias_flatten', [2, 3, 8], 4, {}, 'nobias', [6, 4]);
  fcCase('fc_relu6', [3, 12], 5, { fused_activation_function: 3 }, 'f32', [3, 5]);
  fcCase('fc_hybrid_int8', [1, 6, 32], 8, { keep_num_dims: true }, 'hybrid', [1, 6, 8]);
  fcCase('fc_dequant_int8', [1, 6, 32], 8, { keep_num_dims: true }, 'dequant', [1, 6, 8]);

  // CONV_2D: 1-D as H (SAME, k7), VALID stride 2, dilation 2, 2-D with RELU.
  const conv = (name: string, xs: number[], ws: number[], opts: Record<string, any>, out: number[], bias = true) =>
    add(name, 'CONV_2D', (g) => {
      const x = g.input('x', xs);
      const ins = [x, g.constF32('w', ws, rand(size(ws), -0.4, 0.4))];
      if (bias) ins.push(g.constF32('b', [ws[0]], rand(ws[0], -0.2, 0.2)));
      const y = g.tensor('y', out);
      g.op('CONV_2D', ins, [y], { stride_h: 1, stride_w: 1, ...opts });
      g.output(y);
      return { ins: [[x, xs]] };
    });
  conv('conv1d_same_k7', [1, 20, 1, 8], [6, 7, 1, 8], { padding: 0 }, [1, 20, 1, 6]);
  conv('conv1d_valid_s2', [1, 21, 1, 4], [5, 3, 1, 4], { padding: 1, stride_h: 2 }, [1, 10, 1, 5]);
  conv('conv1d_same_dil2', [1, 16, 1, 4], [3, 3, 1, 4], { padding: 0, dilation_h_factor: 2 }, [1, 16, 1, 3]);
  conv('conv2d_same_relu', [1, 7, 6, 3], [4, 3, 3, 3], { padding: 0, fused_activation_function: 1 }, [1, 7, 6, 4]);
  conv('conv2d_valid_s2', [1, 6, 5, 2], [3, 2, 2, 2], { padding: 1, stride_w: 2 }, [1, 5, 2, 3]);
  add('dwconv_same_m2', 'DEPTHWISE_CONV_2D', (g) => {
    const x = g.input('x', [1, 8, 6, 3]);
    const y = g.tensor('y', [1, 8, 6, 6]);
    g.op(
      'DEPTHWISE_CONV_2D',
      [x, g.constF32('w', [1, 3, 3, 6], rand(54, -0.5, 0.5)), g.constF32('b', [6], rand(6, -0.1, 0.1))],
      [y],
      { padding: 0, stride_h: 1, stride_w: 1, depth_multiplier: 2 },
    );
    g.output(y);
    return { ins: [[x, [1, 8, 6, 3]]] };
  });
  add('dwconv_valid_s2', 'DEPTHWISE_CONV_2D', (g) => {
    const x = g.input('x', [1, 9, 9, 4]);
    const y = g.tensor('y', [1, 4, 4, 4]);
    g.op('DEPTHWISE_CONV_2D', [x, g.constF32('w', [1, 3, 3, 4], rand(36, -0.5, 0.5))], [y], {
      padding: 1,
      stride_h: 2,
      stride_w: 2,
      depth_multiplier: 1,
      fused_activation_function: 3,
    });
    g.output(y);
    return { ins: [[x, [1, 9, 9, 4]]] };
  });

  // BATCH_MATMUL: plain, adj_y, adj_x, broadcast against a constant rank-2 rhs.
  binary('bmm_4d', 'BATCH_MATMUL', [1, 2, 5, 8], [1, 2, 8, 3], [1, 2, 5, 3]);
  binary('bmm_adj_y', 'BATCH_MATMUL', [1, 3, 6, 4], [1, 3, 7, 4], [1, 3, 6, 7], { adj_y: true });
  binary('bmm_adj_x', 'BATCH_MATMUL', [2, 4, 5], [2, 4, 3], [2, 5, 3], { adj_x: true });
  add('bmm_broadcast_const', 'BATCH_MATMUL', (g) => {
    const x = g.input('x', [2, 5, 6]);
    const y = g.tensor('y', [2, 5, 4]);
    g.op('BATCH_MATMUL', [x, g.constF32('w', [6, 4], rand(24))], [y]);
    g.output(y);
    return { ins: [[x, [2, 5, 6]]] };
  });

  unary('softmax', 'SOFTMAX', [2, 3, 10], [2, 3, 10], { beta: 1 }, () => [], -6, 6);
  unary('softmax_beta', 'SOFTMAX', [4, 7], [4, 7], { beta: 0.5 }, () => [], -6, 6);
  unary('log_softmax', 'LOG_SOFTMAX', [3, 9], [3, 9], {}, () => [], -6, 6);
  unary('gelu_exact', 'GELU', [4, 50], [4, 50], { approximate: false }, () => [], -5, 5);
  unary('gelu_tanh', 'GELU', [4, 50], [4, 50], { approximate: true }, () => [], -5, 5);
  unary('tanh', 'TANH', [200], [200], {}, () => [], -5, 5);
  unary('logistic', 'LOGISTIC', [200], [200], {}, () => [], -8, 8);
  unary('exp', 'EXP', [200], [200], {}, () => [], -10, 10);
  unary('log', 'LOG', [200], [200], {}, () => [], 0.001, 100);
  unary('sqrt', 'SQRT', [100], [100], {}, () => [], 0, 50);
  unary('rsqrt', 'RSQRT', [100], [100], {}, () => [], 0.01, 50);
  unary('square', 'SQUARE', [100], [100]);
  unary('abs', 'ABS', [100], [100]);
  unary('neg', 'NEG', [100], [100]);
  unary('relu', 'RELU', [100], [100]);
  unary('relu6', 'RELU6', [100], [100], {}, () => [], -3, 9);
  unary('hard_swish', 'HARD_SWISH', [100], [100], {}, () => [], -5, 5);

  binary('add_same', 'ADD', [2, 3, 4], [2, 3, 4], [2, 3, 4]);
  binary('add_broadcast_relu', 'ADD', [2, 3, 4], [4], [2, 3, 4], { fused_activation_function: 1 });
  binary('sub_broadcast', 'SUB', [2, 1, 4], [3, 1], [2, 3, 4]);
  binary('mul_broadcast', 'MUL', [2, 3, 4], [1, 3, 1], [2, 3, 4]);
  binary('div', 'DIV', [3, 4], [3, 4], [3, 4], {}, 0.5, 3);
  binary('maximum', 'MAXIMUM', [3, 4], [4], [3, 4]);
  binary('minimum', 'MINIMUM', [3, 4], [3, 1], [3, 4]);
  binary('pow', 'POW', [3, 4], [3, 4], [3, 4], {}, 0.2, 2.5);
  binary('squared_difference', 'SQUARED_DIFFERENCE', [2, 5, 4], [2, 5, 1], [2, 5, 4]);

  const axes = (g: GraphBuilder, a: number[]) => [g.constI32('axes', [a.length], a)];
  unary('mean_last_keep', 'MEAN', [2, 5, 8], [2, 5, 1], { keep_dims: true }, (g) => axes(g, [-1]));
  unary('mean_two_axes', 'MEAN', [2, 5, 8], [5], { keep_dims: false }, (g) => axes(g, [0, 2]));
  unary('sum_axis1', 'SUM', [2, 5, 8], [2, 8], { keep_dims: false }, (g) => axes(g, [1]));
  unary('reduce_max', 'REDUCE_MAX', [2, 5, 8], [2, 5, 1], { keep_dims: true }, (g) => axes(g, [2]));

  unary('reshape', 'RESHAPE', [2, 3, 4], [4, 6], {}, (g) => [g.constI32('shape', [2], [4, 6])]);
  unary('reshape_infer', 'RESHAPE', [2, 3, 4], [3, 8], {}, (g) => [g.constI32('shape', [2], [3, -1])]);
  unary('transpose_0213', 'TRANSPOSE', [2, 3, 4, 5], [2, 4, 3, 5], {}, (g) => [g.constI32('perm', [4], [0, 2, 1, 3])]);
  unary('transpose_0231', 'TRANSPOSE', [2, 3, 4, 5], [2, 4, 5, 3], {}, (g) => [g.constI32('perm', [4], [0, 2, 3, 1])]);
  unary('squeeze', 'SQUEEZE', [1, 3, 1, 4], [3, 4], { squeeze_dims: [0, 2] });
  unary('expand_dims', 'EXPAND_DIMS', [3, 4], [3, 1, 4], {}, (g) => [g.constI32('axis', [], [1])]);
  binary('concat_axis1', 'CONCATENATION', [2, 3, 4], [2, 2, 4], [2, 5, 4], { axis: 1 });
  binary('concat_last', 'CONCATENATION', [2, 3], [2, 5], [2, 8], { axis: -1 });
  binary('pack_axis0', 'PACK', [3, 4], [3, 4], [2, 3, 4], { values_count: 2, axis: 0 });
  add('split_3', 'SPLIT', (g) => {
    const x = g.input('x', [2, 9]);
    const outs = [0, 1, 2].map((i) => g.tensor(`y${i}`, [2, 3]));
    g.op('SPLIT', [g.constI32('axis', [], [1]), x], outs, { num_splits: 3 });
    outs.forEach((o) => g.output(o));
    return { ins: [[x, [2, 9]]] };
  });
  add('split_v', 'SPLIT_V', (g) => {
    const x = g.input('x', [7, 2]);
    const outs = [g.tensor('y0', [2, 2]), g.tensor('y1', [5, 2])];
    g.op('SPLIT_V', [x, g.constI32('sizes', [2], [2, -1]), g.constI32('axis', [], [0])], outs, { num_splits: 2 });
    outs.forEach((o) => g.output(o));
    return { ins: [[x, [7, 2]]] };
  });
  add('unpack_axis1', 'UNPACK', (g) => {
    const x = g.input('x', [2, 3, 4]);
    const outs = [0, 1, 2].map((i) => g.tensor(`y${i}`, [2, 4]));
    g.op('UNPACK', [x], outs, { num: 3, axis: 1 });
    outs.forEach((o) => g.output(o));
    return { ins: [[x, [2, 3, 4]]] };
  });
  unary('slice', 'SLICE', [3, 5, 4], [2, 3, 2], {}, (g) => [
    g.constI32('begin', [3], [1, 1, 2]),
    g.constI32('size', [3], [2, 3, -1]),
  ]);
  unary('strided_slice_range', 'STRIDED_SLICE', [4, 10], [2, 6], {}, (g) => [
    g.constI32('b', [2], [1, 2]),
    g.constI32('e', [2], [3, 8]),
    g.constI32('s', [2], [1, 1]),
  ]);
  unary('strided_slice_shrink', 'STRIDED_SLICE', [3, 4, 5], [4, 5], { shrink_axis_mask: 1 }, (g) => [
    g.constI32('b', [3], [1, 0, 0]),
    g.constI32('e', [3], [2, 4, 5]),
    g.constI32('s', [3], [1, 1, 1]),
  ]);
  unary('strided_slice_step2_masks', 'STRIDED_SLICE', [6, 9], [6, 4], { begin_mask: 1, end_mask: 1 }, (g) => [
    g.constI32('b', [2], [3, 1]),
    g.constI32('e', [2], [0, 9]),
    g.constI32('s', [2], [1, 2]),
  ]);
  unary('pad', 'PAD', [2, 3], [5, 4], {}, (g) => [g.constI32('p', [2, 2], [1, 2, 0, 1])]);
  add('gather_axis0', 'GATHER', (g) => {
    const x = g.input('x', [5, 3]);
    const y = g.tensor('y', [4, 3]);
    g.op('GATHER', [x, g.constI32('idx', [4], [4, 0, 2, 2])], [y], { axis: 0 });
    g.output(y);
    return { ins: [[x, [5, 3]]] };
  });
  add('gather_axis1', 'GATHER', (g) => {
    const x = g.input('x', [2, 5, 3]);
    const y = g.tensor('y', [2, 2, 3]);
    g.op('GATHER', [x, g.constI32('idx', [2], [3, 1])], [y], { axis: 1 });
    g.output(y);
    return { ins: [[x, [2, 5, 3]]] };
  });
  add('cast_int32_to_f32', 'CAST', (g) => {
    const x = g.input('x', [6]);
    const xi = g.tensor('xi', [6], TensorType.INT32),
      y = g.tensor('y', [6]);
    g.op('CAST', [x], [xi], { in_data_type: TensorType.FLOAT32, out_data_type: TensorType.INT32 });
    g.op('CAST', [xi], [y], { in_data_type: TensorType.INT32, out_data_type: TensorType.FLOAT32 });
    g.output(y);
    return { ins: [[x, [6], -20, 20]] };
  });
  add('dequantize_per_channel_mul', 'DEQUANTIZE', (g) => {
    const x = g.input('x', [3, 4]);
    const q = g.constI8PerChannel('wq', [3, 4], rand(12, -3, 3), 0);
    const w = g.tensor('w', [3, 4]);
    g.op('DEQUANTIZE', [q], [w]);
    const y = g.tensor('y', [3, 4]);
    g.op('MUL', [x, w], [y]);
    g.output(y);
    return { ins: [[x, [3, 4]]] };
  });
  unary('broadcast_to', 'BROADCAST_TO', [1, 4], [3, 4], {}, (g) => [g.constI32('shape', [2], [3, 4])]);
  unary('avg_pool_same', 'AVERAGE_POOL_2D', [1, 5, 5, 2], [1, 3, 3, 2], {
    padding: 0,
    stride_h: 2,
    stride_w: 2,
    filter_height: 3,
    filter_width: 3,
  });
  unary('max_pool_valid', 'MAX_POOL_2D', [1, 6, 6, 2], [1, 3, 3, 2], {
    padding: 1,
    stride_h: 2,
    stride_w: 2,
    filter_height: 2,
    filter_width: 2,
  });

  // Layer-norm pattern (MEAN, SQUARED_DIFFERENCE, ADD, RSQRT, SUB, MUL, MUL, ADD).
  add('layernorm_pattern', 'pattern', (g) => {
    const s = [1, 6, 16],
      s1 = [1, 6, 1];
    const x = g.input('x', s),
      ax = g.constI32('axis', [1], [-1]);
    const m = g.tensor('m', s1);
    g.op('MEAN', [x, ax], [m], { keep_dims: true });
    const sq = g.tensor('sq', s);
    g.op('SQUARED_DIFFERENCE', [x, m], [sq]);
    const v = g.tensor('v', s1);
    g.op('MEAN', [sq, ax], [v], { keep_dims: true });
    const ve = g.tensor('ve', s1);
    g.op('ADD', [v, g.constF32('eps', [], [1e-5])], [ve]);
    const r = g.tensor('r', s1);
    g.op('RSQRT', [ve], [r]);
    const c = g.tensor('c', s);
    g.op('SUB', [x, m], [c]);
    const n = g.tensor('n', s);
    g.op('MUL', [c, r], [n]);
    const gm = g.tensor('gm', s);
    g.op('MUL', [n, g.constF32('gamma', [16], rand(16, 0.5, 1.5))], [gm]);
    const y = g.tensor('y', s);
    g.op('ADD', [gm, g.constF32('beta', [16], rand(16, -0.5, 0.5))], [y]);
    g.output(y);
    return { ins: [[x, s, -3, 3]] };
  });
  // Hybrid: int8 per-channel filter read directly (version 5), the boundary model's 1-D shape in small.
  add('conv1d_hybrid_int8', 'CONV_2D', (g) => {
    const x = g.input('x', [1, 20, 1, 16]);
    const w = g.constI8PerChannel('w', [6, 7, 1, 16], rand(6 * 7 * 16, -0.4, 0.4), 0);
    const y = g.tensor('y', [1, 20, 1, 6]);
    g.op('CONV_2D', [x, w, g.constF32('b', [6], rand(6, -0.2, 0.2))], [y], { padding: 0, stride_h: 1, stride_w: 1 }, 5);
    g.output(y);
    return { ins: [[x, [1, 20, 1, 16]]] };
  });
  return cases;
}
