// Builds the boundary model (specification §1.2) as a TFLite graph from its PyTorch weights.
// Layout as a TFLite export of it has: patchify RESHAPE → FC (bias folded into the
// position table) → ADD (pos + bias) → 4 × [RESHAPE, CONV_2D k7 SAME (sequence on H),
// RESHAPE, GELU, ADD residual, layer-norm pattern with γ/β as MUL/ADD] → 4 × pre-LN
// transformer layers (normalisation ops only; LN γ/β folded into the next FC) → two heads.
//
// Quantisation modes:
//   'float32'  all weights float32;
//   'int8'     weight-only: every FC/conv weight is symmetric per-output-channel int8 + DEQUANTIZE
//              (activations float32; the scheme of the original's 1.5 MB model);
//   'hybrid'   int8 weights fed straight into FULLY_CONNECTED and CONV_2D (dynamic activation quantisation).
//   'integer'  'hybrid' plus the numerics hint batch_matmul=dynamic_int8 (src/ts/engine/numerics.ts): this engine
//              also runs the attention products in integers; runtimes that ignore metadata run them in float.
import { NUMERICS_METADATA, DYNAMIC_INT8_MATMUL } from '../../src/ts/engine/numerics.js';
import { GraphBuilder } from './tflite-writer.js';
import type { Weights } from './safetensors.js';

export type Quant = 'float32' | 'int8' | 'hybrid' | 'integer';
export interface BoundaryDims {
  d: number;
  heads: number;
  ff: number;
  patch: number;
  window: number;
  kernel: number;
  nConv: number;
  nTransformer: number;
}
/** The shipped architecture (992,266 parameters). Smaller dims build the same graph pattern (used by the conformance suite). */
export const BOUNDARY_DIMS: BoundaryDims = {
  d: 128,
  heads: 4,
  ff: 256,
  patch: 5,
  window: 2500,
  kernel: 7,
  nConv: 4,
  nTransformer: 4,
};
const unpack = (x: BoundaryDims) => ({
  D: x.d,
  HEADS: x.heads,
  HEAD_DIM: x.d / x.heads,
  FF: x.ff,
  PATCH: x.patch,
  WINDOW: x.window,
  FRAMES: x.window / x.patch,
  KERNEL: x.kernel,
  N_CONV: x.nConv,
  N_TRANSFORMER: x.nTransformer,
});
const LN_EPS = 1e-5;

export function sinusoidTable(rows: number, d: number): Float64Array {
  const t = new Float64Array(rows * d);
  for (let p = 0; p < rows; p++)
    for (let i = 0; i < d / 2; i++) {
      const a = p * Math.exp((-2 * i * Math.log(10000)) / d);
      t[p * d + 2 * i] = Math.sin(a);
      t[p * d + 2 * i + 1] = Math.cos(a);
    }
  return t;
}

export function buildBoundaryGraph(w: Weights, quant: Quant = 'int8', dims: BoundaryDims = BOUNDARY_DIMS): Uint8Array {
  const { D, HEADS, HEAD_DIM, FF, PATCH, WINDOW, FRAMES, KERNEL, N_CONV, N_TRANSFORMER } = unpack(dims);
  const get = (k: string) => {
    const t = w[k];
    if (!t) throw new Error(`missing weight '${k}'`);
    return t;
  };
  const g = new GraphBuilder();
  let uid = 0;
  const act = (shape: number[], name = 't') => g.tensor(`${name}_${uid++}`, shape);
  const weight = (name: string, shape: number[], data: ArrayLike<number>): number => {
    if (quant === 'float32') return g.constF32(name, shape, data);
    if (quant === 'hybrid' || quant === 'integer') return g.constI8PerChannel(name, shape, data, 0);
    return g.constI8Dequantized(name, shape, data, 0);
  };
  const fc = (
    x: number,
    name: string,
    W: ArrayLike<number>,
    out: number,
    inn: number,
    bias: ArrayLike<number> | null,
    rows = FRAMES,
  ): number => {
    const wt = weight(`${name}.weight`, [out, inn], W);
    const ins = [x, wt];
    if (bias) ins.push(g.constF32(`${name}.bias`, [out], bias));
    const y = act([1, rows, out], name);
    g.op(
      'FULLY_CONNECTED',
      ins,
      [y],
      { keep_num_dims: true, fused_activation_function: 0 },
      quant === 'hybrid' || quant === 'integer' ? 9 : 5,
    );
    return y;
  };
  const binop = (op: 'ADD' | 'SUB' | 'MUL', a: number, b: number, shape: number[]) => {
    const y = act(shape, op.toLowerCase());
    g.op(op, [a, b], [y]);
    return y;
  };
  const axisLast = g.constI32('axis_last', [1], [-1]);
  const eps = g.constF32('ln_eps', [], [LN_EPS]);
  /** (x − mean) · rsqrt(var + eps) over the last axis: MEAN, SQUARED_DIFFERENCE, MEAN, ADD, RSQRT, SUB, MUL. */
  const normalize = (x: number): number => {
    const s = [1, FRAMES, D],
      s1 = [1, FRAMES, 1];
    const mean = act(s1, 'mean');
    g.op('MEAN', [x, axisLast], [mean], { keep_dims: true });
    const sq = act(s, 'sqdiff');
    g.op('SQUARED_DIFFERENCE', [x, mean], [sq]);
    const v = act(s1, 'var');
    g.op('MEAN', [sq, axisLast], [v], { keep_dims: true });
    const ve = binop('ADD', v, eps, s1);
    const r = act(s1, 'rsqrt');
    g.op('RSQRT', [ve], [r]);
    const c = binop('SUB', x, mean, s);
    return binop('MUL', c, r, s);
  };

  // Patch embedding + positions (patch bias folded into the table, as the original export does).
  const x = g.input('signal', [1, WINDOW]);
  const patches = act([1, FRAMES, PATCH], 'patches');
  g.op('RESHAPE', [x, g.constI32('shape_patches', [3], [1, FRAMES, PATCH])], [patches]);
  const pe = get('patch_embed.weight'),
    pb = get('patch_embed.bias');
  let h = fc(patches, 'patch_embed', pe.data, D, PATCH, null);
  const pos = sinusoidTable(FRAMES, D);
  const posBias = new Float32Array(FRAMES * D);
  for (let i = 0; i < posBias.length; i++) posBias[i] = Math.fround(pos[i]) + pb.data[i % D];
  h = binop('ADD', h, g.constF32('pos_plus_patch_bias', [FRAMES, D], posBias), [1, FRAMES, D]);

  const s3 = [1, FRAMES, D],
    s4 = [1, FRAMES, 1, D];
  const shape4 = g.constI32('shape_nhwc', [4], s4),
    shape3 = g.constI32('shape_seq', [3], s3);
  for (let b = 0; b < N_CONV; b++) {
    const p = `blocks.${b}`;
    const cw = get(`${p}.conv.weight`); // torch [out, in, k] → TFLite OHWI [out, k, 1, in]
    const ohwi = new Float32Array(D * KERNEL * D);
    for (let o = 0; o < D; o++)
      for (let i = 0; i < D; i++)
        for (let k = 0; k < KERNEL; k++) ohwi[(o * KERNEL + k) * D + i] = cw.data[(o * D + i) * KERNEL + k];
    const h4 = act(s4, 'nhwc');
    g.op('RESHAPE', [h, shape4], [h4]);
    const filt = weight(`${p}.conv.weight`, [D, KERNEL, 1, D], ohwi);
    const c4 = act(s4, 'conv');
    const convOpts = { padding: 0, stride_w: 1, stride_h: 1, dilation_w_factor: 1, dilation_h_factor: 1 };
    // Version 5: float input with a per-channel int8 filter (a hybrid convolution).
    const convVersion = quant === 'hybrid' || quant === 'integer' ? 5 : 1;
    g.op(
      'CONV_2D',
      [h4, filt, g.constF32(`${p}.conv.bias`, [D], get(`${p}.conv.bias`).data)],
      [c4],
      convOpts,
      convVersion,
    );
    const c3 = act(s3, 'conv_seq');
    g.op('RESHAPE', [c4, shape3], [c3]);
    const ge = act(s3, 'gelu');
    g.op('GELU', [c3], [ge], { approximate: false });
    const res = binop('ADD', ge, h, s3);
    const n = normalize(res);
    const gm = binop('MUL', n, g.constF32(`${p}.norm.weight`, [D], get(`${p}.norm.weight`).data), s3);
    h = binop('ADD', gm, g.constF32(`${p}.norm.bias`, [D], get(`${p}.norm.bias`).data), s3);
  }

  /** Folds LayerNorm γ/β into the following Linear: W' = W·diag(γ), b' = b + W·β. */
  const fold = (
    W: Float32Array,
    bias: Float32Array,
    gamma: Float32Array,
    beta: Float32Array,
    out: number,
    inn: number,
  ) => {
    const w2 = new Float32Array(out * inn),
      b2 = new Float32Array(out);
    for (let o = 0; o < out; o++) {
      let acc = bias[o];
      for (let i = 0; i < inn; i++) {
        w2[o * inn + i] = W[o * inn + i] * gamma[i];
        acc += W[o * inn + i] * beta[i];
      }
      b2[o] = acc;
    }
    return [w2, b2];
  };
  const sHeads = [1, FRAMES, HEADS, HEAD_DIM],
    sT = [1, HEADS, FRAMES, HEAD_DIM];
  const shapeHeads = g.constI32('shape_heads', [4], sHeads),
    perm = g.constI32('perm_0213', [4], [0, 2, 1, 3]);
  const splitAxis = g.constI32('split_axis', [], [2]);
  const qScale = g.constF32('q_scale', [], [1 / Math.sqrt(HEAD_DIM)]);
  for (let l = 0; l < N_TRANSFORMER; l++) {
    const p = `layers.${l}`;
    const [inW, inB] = fold(
      get(`${p}.self_attn.in_proj_weight`).data,
      get(`${p}.self_attn.in_proj_bias`).data,
      get(`${p}.norm1.weight`).data,
      get(`${p}.norm1.bias`).data,
      3 * D,
      D,
    );
    const qkv = fc(normalize(h), `${p}.self_attn.in_proj`, inW, 3 * D, D, inB);
    const q = act(s3, 'q'),
      k = act(s3, 'k'),
      v = act(s3, 'v');
    g.op('SPLIT', [splitAxis, qkv], [q, k, v], { num_splits: 3 });
    const heads = (t: number, name: string) => {
      const r = act(sHeads, name);
      g.op('RESHAPE', [t, shapeHeads], [r]);
      const tr = act(sT, name + 'T');
      g.op('TRANSPOSE', [r, perm], [tr]);
      return tr;
    };
    const qs = binop('MUL', q, qScale, s3);
    const Q = heads(qs, 'Q'),
      K = heads(k, 'K'),
      V = heads(v, 'V');
    const sc = act([1, HEADS, FRAMES, FRAMES], 'scores');
    g.op('BATCH_MATMUL', [Q, K], [sc], { adj_x: false, adj_y: true });
    const pr = act([1, HEADS, FRAMES, FRAMES], 'probs');
    g.op('SOFTMAX', [sc], [pr], { beta: 1 });
    const ctxT = act(sT, 'ctx');
    g.op('BATCH_MATMUL', [pr, V], [ctxT], { adj_x: false, adj_y: false });
    const ctxR = act(sHeads, 'ctx_r');
    g.op('TRANSPOSE', [ctxT, perm], [ctxR]);
    const ctx3 = act(s3, 'ctx_seq');
    g.op('RESHAPE', [ctxR, shape3], [ctx3]);
    const ao = fc(
      ctx3,
      `${p}.self_attn.out_proj`,
      get(`${p}.self_attn.out_proj.weight`).data,
      D,
      D,
      get(`${p}.self_attn.out_proj.bias`).data,
    );
    h = binop('ADD', h, ao, s3);
    const [w1, b1] = fold(
      get(`${p}.linear1.weight`).data,
      get(`${p}.linear1.bias`).data,
      get(`${p}.norm2.weight`).data,
      get(`${p}.norm2.bias`).data,
      FF,
      D,
    );
    const f1 = fc(normalize(h), `${p}.linear1`, w1, FF, D, b1);
    const ge = act([1, FRAMES, FF], 'ffn_gelu');
    g.op('GELU', [f1], [ge], { approximate: false });
    const f2 = fc(ge, `${p}.linear2`, get(`${p}.linear2.weight`).data, D, FF, get(`${p}.linear2.bias`).data);
    h = binop('ADD', h, f2, s3);
  }
  const logits = fc(h, 'head', get('head.weight').data, 4, D, get('head.bias').data);
  const offsets = fc(h, 'reg_head', get('reg_head.weight').data, 6, D, get('reg_head.bias').data);
  g.output(logits, 'logits');
  g.output(offsets, 'offsets');
  if (quant === 'integer') g.metadata(NUMERICS_METADATA, new TextEncoder().encode(DYNAMIC_INT8_MATMUL));
  return g.finish(`openecg boundary model (${quant})`);
}

/** Deterministic random weights of the exact architecture (992,266 parameters), for tests. */
export function randomBoundaryWeights(seed = 1, dims: BoundaryDims = BOUNDARY_DIMS): Weights {
  const { D, FF, PATCH, KERNEL, N_CONV, N_TRANSFORMER } = unpack(dims);
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const w: Weights = {};
  const u = (name: string, shape: number[], scale: number, center = 0) => {
    const n = shape.reduce((x, y) => x * y, 1);
    const d = new Float32Array(n);
    for (let i = 0; i < n; i++) d[i] = center + (2 * rnd() - 1) * scale;
    w[name] = { shape, data: d };
  };
  u('patch_embed.weight', [D, PATCH], 1 / Math.sqrt(PATCH));
  u('patch_embed.bias', [D], 0.1);
  for (let b = 0; b < N_CONV; b++) {
    u(`blocks.${b}.conv.weight`, [D, D, KERNEL], 1 / Math.sqrt(D * KERNEL));
    u(`blocks.${b}.conv.bias`, [D], 0.05);
    u(`blocks.${b}.norm.weight`, [D], 0.2, 1);
    u(`blocks.${b}.norm.bias`, [D], 0.1);
  }
  for (let l = 0; l < N_TRANSFORMER; l++) {
    const p = `layers.${l}`;
    u(`${p}.self_attn.in_proj_weight`, [3 * D, D], 1 / Math.sqrt(D));
    u(`${p}.self_attn.in_proj_bias`, [3 * D], 0.05);
    u(`${p}.self_attn.out_proj.weight`, [D, D], 1 / Math.sqrt(D));
    u(`${p}.self_attn.out_proj.bias`, [D], 0.05);
    u(`${p}.linear1.weight`, [FF, D], 1 / Math.sqrt(D));
    u(`${p}.linear1.bias`, [FF], 0.05);
    u(`${p}.linear2.weight`, [D, FF], 1 / Math.sqrt(FF));
    u(`${p}.linear2.bias`, [D], 0.05);
    u(`${p}.norm1.weight`, [D], 0.2, 1);
    u(`${p}.norm1.bias`, [D], 0.1);
    u(`${p}.norm2.weight`, [D], 0.2, 1);
    u(`${p}.norm2.bias`, [D], 0.1);
  }
  u('head.weight', [4, D], 1 / Math.sqrt(D));
  u('head.bias', [4], 0.1);
  u('reg_head.weight', [6, D], 1 / Math.sqrt(D));
  u('reg_head.bias', [6], 0.1);
  return w;
}

export const countParams = (w: Weights): number => Object.values(w).reduce((s, t) => s + t.data.length, 0);
