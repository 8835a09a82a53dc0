// Graph patterns a fast backend may run as one fused kernel. Matching looks only at the graph
// (op types, options, which tensors connect, constants, shapes) — never at names — and requires
// the ops to be consecutive and their intermediate tensors to be read nowhere else, so a fused
// kernel that runs the same float32 operations gives the unfused ops' bytes. A pattern that does
// not match exactly is simply run op by op.
import { TensorType } from '../tflite/schema.js';
import { sizeOf, isState, type OpCtx, type RtTensor } from './tensor.js';
import type { ReduceState } from '../kernels/reduce.js';

/** Reads of each tensor by the remaining ops; graph outputs count as unlimited reads. */
export function readerCounts(ctxs: OpCtx[], nTensors: number, graphOutputs: number[]): number[] {
  const n: number[] = [];
  for (let i = 0; i < nTensors; i++) n.push(0);
  for (const c of ctxs) for (const t of c.inputs) if (t && !t.isConst) n[t.index]++;
  for (const i of graphOutputs) n[i] = Infinity;
  return n;
}

const f32Act = (t: RtTensor | null | undefined): t is RtTensor => !!t && !t.isConst && t.type === TensorType.FLOAT32;
const noAct = (c: OpCtx) => !(c.op.options && c.op.options.fused_activation_function);
const is = (c: OpCtx | undefined, name: string): c is OpCtx => !!c && c.op.opName === name;
const sameShape = (a: number[], b: number[]) => a.length === b.length && a.every((d, i) => d === b[i]);

export interface AttentionMatch {
  kind: 'attention';
  ops: 3;
  q: RtTensor;
  k: RtTensor;
  v: RtTensor;
  y: RtTensor;
  internal: RtTensor[];
  /** heads (product of batch axes), query rows, key rows, q/k width, v width */
  H: number;
  L: number;
  S: number;
  D: number;
  Dv: number;
  beta: number;
  kT: boolean;
  vT: boolean;
  /** Both products in the dynamic int8 numerics of kernels/batch-matmul.ts (the model's hint). */
  quantized: boolean;
}

/** BATCH_MATMUL(Q, K) → SOFTMAX → BATCH_MATMUL(·, V), no broadcast batch axes, no adj_x. */
export function matchAttention(ctxs: OpCtx[], i: number, readers: number[]): AttentionMatch | null {
  const a = ctxs[i],
    s = ctxs[i + 1],
    b = ctxs[i + 2];
  if (!is(a, 'BATCH_MATMUL') || !is(s, 'SOFTMAX') || !is(b, 'BATCH_MATMUL')) return null;
  const q = a.inputs[0],
    k = a.inputs[1],
    scores = a.outputs[0],
    probs = s.outputs[0],
    v = b.inputs[1],
    y = b.outputs[0];
  if (!f32Act(q) || !f32Act(k) || !f32Act(v) || a.op.options.adj_x || b.op.options.adj_x) return null;
  if (s.inputs[0] !== scores || b.inputs[0] !== probs || readers[scores.index] !== 1 || readers[probs.index] !== 1)
    return null;
  const r = q.shape.length;
  if (r < 2 || k.shape.length !== r || v.shape.length !== r) return null;
  const batch = q.shape.slice(0, r - 2);
  if (!sameShape(batch, k.shape.slice(0, r - 2)) || !sameShape(batch, v.shape.slice(0, r - 2))) return null;
  const kT = !!a.op.options.adj_y,
    vT = !!b.op.options.adj_y;
  const L = q.shape[r - 2],
    D = q.shape[r - 1];
  const S = kT ? k.shape[r - 2] : k.shape[r - 1];
  if ((kT ? k.shape[r - 1] : k.shape[r - 2]) !== D) return null;
  if ((vT ? v.shape[r - 1] : v.shape[r - 2]) !== S) return null;
  const Dv = vT ? v.shape[r - 2] : v.shape[r - 1];
  if (!sameShape(y.shape, batch.concat([L, Dv])) || L * S * D * Dv === 0) return null;
  return {
    kind: 'attention',
    ops: 3,
    q,
    k,
    v,
    y,
    internal: [scores, probs],
    H: sizeOf(batch),
    L,
    S,
    D,
    Dv,
    beta: s.op.options.beta,
    kT,
    vT,
    quantized: !!a.numerics?.dynamicMatmul,
  };
}

export interface LayerNormMatch {
  kind: 'layerNorm';
  ops: number;
  x: RtTensor;
  y: RtTensor;
  internal: RtTensor[];
  R: number;
  D: number;
  eps: number;
  gamma: Float32Array | null;
  beta: Float32Array | null;
}

/**
 * m = MEAN(x) · d = SQUARED_DIFFERENCE(x, m) · v = MEAN(d) · e = ADD(v, eps) · r = RSQRT(e) ·
 * c = SUB(x, m) · n = MUL(c, r) [· MUL(n, gamma)] [· ADD(·, beta)], means over the last axis with keep_dims.
 */
export function matchLayerNorm(ctxs: OpCtx[], i: number, readers: number[]): LayerNormMatch | null {
  const c = ctxs.slice(i, i + 9);
  const lastAxisMean = (o: OpCtx | undefined, inp: RtTensor): o is OpCtx => {
    if (!is(o, 'MEAN') || o.inputs[0] !== inp || !o.op.options.keep_dims) return false;
    return isState<ReduceState>(o.state, 'reduce') && o.state.lastOnly;
  };
  const x = c[0] && c[0].inputs[0];
  if (!f32Act(x) || x.shape.length < 1 || !lastAxisMean(c[0], x)) return null;
  const m = c[0].outputs[0];
  const pair = (o: OpCtx | undefined, name: string, p: RtTensor, q: RtTensor, ordered: boolean) =>
    is(o, name) &&
    noAct(o) &&
    ((o.inputs[0] === p && o.inputs[1] === q) || (!ordered && o.inputs[0] === q && o.inputs[1] === p));
  if (!pair(c[1], 'SQUARED_DIFFERENCE', x, m, false)) return null;
  const d = c[1].outputs[0];
  if (!lastAxisMean(c[2], d)) return null;
  const v = c[2].outputs[0];
  if (!is(c[3], 'ADD') || !noAct(c[3])) return null;
  const epsT = c[3].inputs[0] === v ? c[3].inputs[1] : c[3].inputs[1] === v ? c[3].inputs[0] : null;
  if (!epsT || !epsT.isConst || epsT.type !== TensorType.FLOAT32 || sizeOf(epsT.shape) !== 1) return null;
  const e = c[3].outputs[0];
  if (!is(c[4], 'RSQRT') || c[4].inputs[0] !== e) return null;
  const r = c[4].outputs[0];
  if (!pair(c[5], 'SUB', x, m, true)) return null;
  const cx = c[5].outputs[0];
  if (!pair(c[6], 'MUL', cx, r, false)) return null;
  const internal = [m, d, v, e, r, cx];
  let y = c[6].outputs[0],
    ops = 7;
  const D = x.shape[x.shape.length - 1];
  if (!D) return null;
  // Optional affine steps: a constant float32 vector of D (broadcast over rows) multiplied, then added.
  const affine = (o: OpCtx | undefined, name: string): Float32Array | null => {
    if (!is(o, name) || !noAct(o)) return null;
    const other = o.inputs[0] === y ? o.inputs[1] : o.inputs[1] === y ? o.inputs[0] : null;
    if (
      !other ||
      !other.isConst ||
      other.type !== TensorType.FLOAT32 ||
      sizeOf(other.shape) !== D ||
      other.shape[other.shape.length - 1] !== D
    )
      return null;
    if (readers[y.index] !== 1 || !sameShape(o.outputs[0].shape, x.shape)) return null;
    return other.data as Float32Array;
  };
  const gamma = affine(c[7], 'MUL');
  if (gamma) {
    internal.push(y);
    y = c[7].outputs[0];
    ops++;
  }
  const beta = affine(c[ops], 'ADD');
  if (beta) {
    internal.push(y);
    y = c[ops].outputs[0];
    ops++;
  }
  if (readers[m.index] !== 2) return null;
  for (const t of internal) if (t !== m && readers[t.index] !== 1) return null;
  if (!sameShape(y.shape, x.shape)) return null;
  return {
    kind: 'layerNorm',
    ops,
    x,
    y,
    internal,
    R: D ? sizeOf(x.shape) / D : 0,
    D,
    eps: (epsT.data as Float32Array)[0],
    gamma,
    beta,
  };
}
