// BATCH_MATMUL: out[..., i, j] = Σ_k A[..., i, k]·B[..., k, j] (adj_x / adj_y transpose the
// last two axes of A / B), batch axes broadcast. Numerics per output: k ascending in one
// float32 chain from 0.
// Dynamic int8 numerics (a model hint, engine/numerics.ts; both operands activations): per product, every row i
// of A and every column j of B is quantised as one span (dynamic-quant.ts with the reciprocal of the scale: values
// qa, qb with scales sa_i, sb_j),
// then out = f32(f32(f32(Σ_k qa·qb)·sa_i)·sb_j) with the integer sum exact.
import { fround as f } from './f32.js';
import { type Kernel, input, fail, expectType, stridesOf } from '../engine/tensor.js';
import { TensorType } from '../tflite/schema.js';
import { quantizeSpan, dequantize, dot4 } from './dynamic-quant.js';

/** One matrix product of M×K by K×N per batch index; batch[i] = offsets of the i-th pair (batchOffsets). */
export interface BatchMatMulState {
  kind: 'batch-matmul';
  M: number;
  N: number;
  K: number;
  batch: number[];
  /** Each operand's own batch axes and their strides (batchOffsets), and the number of products: set once here. */
  aBatch: number[];
  bBatch: number[];
  aStr: number[];
  bStr: number[];
  nb: number;
  /** Dynamic int8 numerics (both operands are activations and the model asks for it). */
  quantized: boolean;
}

export const BatchMatMul: Kernel<BatchMatMulState> = {
  prepare(ctx) {
    const a = input(ctx, 0),
      b = input(ctx, 1);
    expectType(ctx, a, [TensorType.FLOAT32], 'lhs');
    expectType(ctx, b, [TensorType.FLOAT32], 'rhs');
    if (a.shape.length < 2 || b.shape.length < 2) fail(ctx, 'operands must have rank ≥ 2');
    const { adj_x, adj_y } = ctx.op.options;
    const ra = a.shape.length,
      rb = b.shape.length;
    const M = adj_x ? a.shape[ra - 1] : a.shape[ra - 2],
      K = adj_x ? a.shape[ra - 2] : a.shape[ra - 1];
    const K2 = adj_y ? b.shape[rb - 1] : b.shape[rb - 2],
      N = adj_y ? b.shape[rb - 2] : b.shape[rb - 1];
    if (K !== K2) fail(ctx, `inner dimensions differ: ${K} vs ${K2}`);
    const rank = Math.max(ra, rb);
    const batch: number[] = [];
    for (let i = 0; i < rank - 2; i++) {
      const da = i - (rank - ra) >= 0 ? a.shape[i - (rank - ra)] : 1,
        db = i - (rank - rb) >= 0 ? b.shape[i - (rank - rb)] : 1;
      if (da !== db && da !== 1 && db !== 1) fail(ctx, `batch dimensions ${da} and ${db} do not broadcast`);
      batch.push(Math.max(da, db));
    }
    const aBatch = a.shape.slice(0, ra - 2);
    const bBatch = b.shape.slice(0, rb - 2);
    const nb = batch.reduce((p, d) => p * d, 1);
    ctx.state = {
      kind: 'batch-matmul',
      M,
      N,
      K,
      batch,
      aBatch,
      bBatch,
      aStr: stridesOf(aBatch),
      bStr: stridesOf(bBatch),
      nb,
      quantized: !!ctx.numerics?.dynamicMatmul && !a.isConst && !b.isConst,
    };
    return [batch.concat([M, N])];
  },
  run(ctx) {
    const at = ctx.inputs[0]!,
      bt = ctx.inputs[1]!;
    const A = at.data as Float32Array,
      B = bt.data as Float32Array,
      Y = ctx.outputs[0].data as Float32Array;
    if (ctx.state.quantized) return quantizedRun(ctx);
    const { M, N, K, batch, aBatch, bBatch, aStr, bStr, nb } = ctx.state;
    const { adj_x, adj_y } = ctx.op.options;
    const { asi, ask, bsk, bsj } = elementStrides(adj_x, adj_y, M, N, K);
    for (let bi = 0; bi < nb; bi++) {
      let [ao, bo] = batchOffsets(bi, batch, aBatch, bBatch, aStr, bStr);
      ao *= M * K;
      bo *= K * N;
      const yo = bi * M * N;
      for (let i = 0; i < M; i++) {
        const ai = ao + i * asi;
        let j = 0;
        // Four outputs of a row at a time (independent chains, each over k ascending).
        for (; j + 4 <= N; j += 4) {
          const b0 = bo + j * bsj,
            b1 = b0 + bsj,
            b2 = b1 + bsj,
            b3 = b2 + bsj;
          let a0 = 0,
            a1 = 0,
            a2 = 0,
            a3 = 0;
          for (let k = 0; k < K; k++) {
            const av = A[ai + k * ask],
              kb = k * bsk;
            a0 = f(a0 + f(av * B[b0 + kb]));
            a1 = f(a1 + f(av * B[b1 + kb]));
            a2 = f(a2 + f(av * B[b2 + kb]));
            a3 = f(a3 + f(av * B[b3 + kb]));
          }
          const yo2 = yo + i * N + j;
          Y[yo2] = a0;
          Y[yo2 + 1] = a1;
          Y[yo2 + 2] = a2;
          Y[yo2 + 3] = a3;
        }
        for (; j < N; j++) {
          let acc = 0;
          const bj = bo + j * bsj;
          for (let k = 0; k < K; k++) acc = f(acc + f(A[ai + k * ask] * B[bj + k * bsk]));
          Y[yo + i * N + j] = acc;
        }
      }
    }
  },
};

/** Element offsets (in matrices) of batch `bi` in A and B, with broadcast batch axes. */
export function batchOffsets(
  bi: number,
  batch: number[],
  aBatch: number[],
  bBatch: number[],
  aStr: number[],
  bStr: number[],
): [number, number] {
  const rank = batch.length;
  let rem = bi,
    ao = 0,
    bo = 0;
  for (let d = rank - 1; d >= 0; d--) {
    const idx = rem % batch[d];
    rem = Math.floor(rem / batch[d]);
    const da = d - (rank - aBatch.length),
      db = d - (rank - bBatch.length);
    if (da >= 0 && aBatch[da] !== 1) ao += idx * aStr[da];
    if (db >= 0 && bBatch[db] !== 1) bo += idx * bStr[db];
  }
  return [ao, bo];
}

/** The dynamic int8 path of the header. */
function quantizedRun(ctx: Parameters<typeof BatchMatMul.run>[0]): void {
  const A = ctx.inputs[0]!.data as Float32Array,
    B = ctx.inputs[1]!.data as Float32Array,
    Y = ctx.outputs[0].data as Float32Array;
  const { M, N, K, batch, aBatch, bBatch, aStr, bStr, nb } = ctx.state;
  const { adj_x, adj_y } = ctx.op.options;
  const { asi, ask, bsk, bsj } = elementStrides(adj_x, adj_y, M, N, K);
  const span = new Float32Array(K);
  const qa = new Int32Array(M * K),
    qb = new Int32Array(N * K),
    sa = new Float64Array(M),
    sb = new Float64Array(N),
    acc = new Float64Array(4);
  for (let bi = 0; bi < nb; bi++) {
    let [ao, bo] = batchOffsets(bi, batch, aBatch, bBatch, aStr, bStr);
    ao *= M * K;
    bo *= K * N;
    for (let i = 0; i < M; i++) {
      for (let k = 0; k < K; k++) span[k] = A[ao + i * asi + k * ask];
      sa[i] = quantizeSpan(span, 0, K, qa, i * K, true);
    }
    for (let j = 0; j < N; j++) {
      for (let k = 0; k < K; k++) span[k] = B[bo + j * bsj + k * bsk];
      sb[j] = quantizeSpan(span, 0, K, qb, j * K, true);
    }
    const yo = bi * M * N;
    for (let i = 0; i < M; i++)
      for (let j = 0; j < N; j += 4) {
        const cols = Math.min(4, N - j);
        dot4(qa, i * K, qb, j * K, K, K, cols, acc);
        for (let c = 0; c < cols; c++) Y[yo + i * N + j + c] = dequantize(acc[c], sa[i], sb[j + c]);
      }
  }
}

/** A element (i, k) at A[i·asi + k·ask], B element (k, j) at B[k·bsk + j·bsj]: adj_x / adj_y swap the last two axes. */
function elementStrides(adj_x: boolean, adj_y: boolean, M: number, N: number, K: number) {
  return { asi: adj_x ? 1 : K, ask: adj_x ? M : 1, bsk: adj_y ? 1 : N, bsj: adj_y ? K : 1 };
}
