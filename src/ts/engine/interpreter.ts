// The interpreter: resolves constants, prepares every op (shape inference + validation),
// folds ops whose inputs are all constant (e.g. DEQUANTIZE of int8 weights), lets a fast backend
// fuse patterns (engine/fusion.ts), turns reshapes into views, plans one activation arena, releases
// constants nothing reads any more, and runs the op list in order.
import { ModelError } from '../errors.js';
import type { TfliteModel, TensorInfo, OperatorInfo } from '../tflite/model.js';
import { TensorType, TENSOR_TYPE_SIZES } from '../tflite/schema.js';
import { KERNELS } from '../kernels/registry.js';
import { planArena, type Lifetime } from './arena.js';
import { type RtTensor, type OpCtx, type Kernel, type TensorData, sizeOf, typeName } from './tensor.js';
import type { FastBackend, FastBackendName, FastStep } from './fast-backend.js';
import { readerCounts } from './fusion.js';

const MAX_ELEMENTS = 1 << 28;
const MAX_ARENA_BYTES = 1 << 30;
/**
 * Operators and tensors of one subgraph: bounds the load-time planning work (arena planning is quadratic in the worst
 * case).
 */
export const MAX_OPERATORS = 10_000,
  MAX_TENSORS = 40_000;
/**
 * Work of one run, in multiply-adds: matrix ops count output elements × their reduction length, every other op
 * its output elements. The bundled model counts ≈ 0.8 G; a file asking for more than this is refused at load.
 */
export const MAX_MACS_PER_RUN = 20e9;

/** Multiply-adds of one op from its prepared shapes (see MAX_MACS_PER_RUN). */
function macsOf(op: OperatorInfo, ins: (RtTensor | null)[], outElems: number): number {
  const a = ins[0],
    w = ins[1];
  if (op.opName === 'FULLY_CONNECTED' && w && w.shape.length) return outElems * w.shape[w.shape.length - 1];
  if (op.opName === 'BATCH_MATMUL' && a && a.shape.length >= 2) {
    const r = a.shape.length;
    return outElems * (op.options.adj_x ? a.shape[r - 2] : a.shape[r - 1]);
  }
  if (op.opName === 'CONV_2D' && w) return outElems * w.shape.slice(1).reduce((x, y) => x * y, 1);
  if (op.opName === 'DEPTHWISE_CONV_2D' && w) return outElems * w.shape.slice(1, 3).reduce((x, y) => x * y, 1);
  return outElems;
}
/** Constants computed at load (folded ops), all together: checked before each is allocated (docs/limits.md). */
export const MAX_FOLDED_BYTES = 1 << 28;

export interface TensorSpec {
  name: string;
  shape: number[];
  dtype: string;
  index: number;
}

function typedFor(type: number, n: number, where: string): TensorData {
  switch (type) {
    case TensorType.FLOAT32:
      return new Float32Array(n);
    case TensorType.INT32:
    case TensorType.INT64:
      return new Int32Array(n);
    case TensorType.INT8:
      return new Int8Array(n);
    case TensorType.UINT8:
    case TensorType.BOOL:
      return new Uint8Array(n);
    case TensorType.FLOAT16:
      return new Uint16Array(n);
    case TensorType.INT16:
      return new Int16Array(n);
    default:
      throw new ModelError(`${where}: tensor type ${typeName(type)} is not supported`);
  }
}

function constData(t: TensorInfo, buf: Uint8Array): TensorData {
  const where = `tensor ${t.index} '${t.name}'`;
  const n = sizeOf(t.shape);
  const es = TENSOR_TYPE_SIZES[t.type];
  if (!es) throw new ModelError(`${where}: constant of type ${typeName(t.type)} is not supported`);
  if (buf.length !== n * es)
    throw new ModelError(
      `${where}: buffer holds ${buf.length} bytes, shape [${t.shape}] of ${typeName(t.type)} needs ${n * es}`,
    );
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const out = typedFor(t.type, n, where);
  for (let i = 0; i < n; i++) {
    switch (t.type) {
      case TensorType.FLOAT32:
        out[i] = dv.getFloat32(4 * i, true);
        break;
      case TensorType.INT32:
        out[i] = dv.getInt32(4 * i, true);
        break;
      case TensorType.INT64: {
        const lo = dv.getUint32(8 * i, true),
          hi = dv.getInt32(8 * i + 4, true);
        if (!((hi === 0 && lo < 0x80000000) || (hi === -1 && lo >= 0x80000000)))
          throw new ModelError(`${where}: int64 value out of int32 range`);
        out[i] = lo | 0;
        break;
      }
      case TensorType.INT8:
        out[i] = dv.getInt8(i);
        break;
      case TensorType.UINT8:
      case TensorType.BOOL:
        out[i] = dv.getUint8(i);
        break;
      case TensorType.FLOAT16:
        out[i] = dv.getUint16(2 * i, true);
        break;
      case TensorType.INT16:
        out[i] = dv.getInt16(2 * i, true);
        break;
    }
  }
  return out;
}

/** One op (or, with `fast` fused, several consecutive ops) of the plan; `at` is its op index. */
interface Step {
  kernel: Kernel;
  ctx: OpCtx;
  fast: FastStep | null;
  at: number;
}

export class Interpreter {
  readonly tensors: RtTensor[];
  readonly inputs: TensorSpec[];
  readonly outputs: TensorSpec[];
  readonly arenaBytes: number;
  /** Multiply-adds of one run (see MAX_MACS_PER_RUN), counted while the ops are prepared. */
  macsPerRun = 0;
  operatorCount = 0;
  private steps: Step[] = [];
  private readonly inIdx: number[];
  private readonly outIdx: number[];

  readonly backend: 'js' | FastBackendName;
  constructor(model: TfliteModel, fast: FastBackend | null = null) {
    this.backend = fast ? fast.name : 'js';
    const sig = model.signatures[0];
    const sgIndex = sig ? sig.subgraph : 0;
    const sg = model.subgraphs[sgIndex];
    if (!sg) throw new ModelError(`signature refers to missing subgraph ${sgIndex}`);
    this.operatorCount = sg.operators.length;
    if (sg.operators.length > MAX_OPERATORS)
      throw new ModelError(`${sg.operators.length} operators exceed the limit of ${MAX_OPERATORS}`);
    if (sg.tensors.length > MAX_TENSORS)
      throw new ModelError(`${sg.tensors.length} tensors exceed the limit of ${MAX_TENSORS}`);
    this.tensors = sg.tensors.map((t) => {
      for (const d of t.shape)
        if (!(d >= 0))
          throw new ModelError(`tensor ${t.index} '${t.name}': dimension ${d} (dynamic shapes are not supported)`);
      if (sizeOf(t.shape) > MAX_ELEMENTS)
        throw new ModelError(`tensor ${t.index} '${t.name}': ${sizeOf(t.shape)} elements exceed the limit`);
      const buf = model.buffers[t.buffer];
      const isConst = !!(buf && buf.length) && sg.inputs.indexOf(t.index) < 0;
      return {
        index: t.index,
        name: t.name,
        shape: t.shape.slice(),
        type: t.type,
        data: isConst ? constData(t, buf as Uint8Array) : new Float32Array(0),
        isConst,
        quant: t.quantization,
      };
    });
    this.inIdx = sig ? sig.inputs.map((m) => m.tensor) : sg.inputs.slice();
    this.outIdx = sig ? sig.outputs.map((m) => m.tensor) : sg.outputs.slice();
    for (const i of this.inIdx.concat(this.outIdx))
      if (!(i >= 0 && i < this.tensors.length)) throw new ModelError(`signature tensor index ${i} out of range`);
    const sigName = (list: { name: string; tensor: number }[] | undefined, i: number, k: number) =>
      list ? list[k].name : this.tensors[i].name;
    for (const i of this.inIdx) {
      const t = this.tensors[i];
      if (t.isConst) throw new ModelError(`input tensor ${i} has constant data`);
      t.data = typedFor(t.type, 0, `input tensor ${i}`);
    }

    // Per-tensor bookkeeping in plain arrays (no Map/Set on the ES5 path): -2 = never.
    const nT = this.tensors.length;
    const written: boolean[] = [],
      firstWrite: number[] = [],
      lastRead: number[] = [];
    for (let i = 0; i < nT; i++) {
      written.push(false);
      firstWrite.push(-2);
      lastRead.push(-2);
    }
    for (const i of this.inIdx) written[i] = true;
    let foldedBytes = 0,
      macs = 0;
    sg.operators.forEach((op, oi) => {
      const where = `operator ${oi} (${op.opName ?? 'builtin ' + op.builtinCode})`;
      if (op.opName === null)
        throw new ModelError(`${where}: unsupported op${op.customCode ? ` (custom '${op.customCode}')` : ''}`);
      const kernel = KERNELS[op.opName];
      if (!kernel) throw new ModelError(`${where}: unsupported op`);
      const ins = op.inputs.map((i) => (i < 0 ? null : this.tensors[i]));
      for (const t of ins)
        if (t && !t.isConst && !written[t.index])
          throw new ModelError(`${where}: reads tensor ${t.index} before anything writes it`);
      const outs = op.outputs.map((i) => this.tensors[i]);
      for (const t of outs) {
        if (t.isConst) throw new ModelError(`${where}: writes into constant tensor ${t.index}`);
        if (written[t.index]) throw new ModelError(`${where}: tensor ${t.index} is written twice`);
      }
      const ctx: OpCtx = { op, inputs: ins, outputs: outs, state: null };
      let shapes: number[][];
      try {
        shapes = kernel.prepare(ctx);
      } catch (e) {
        // Safety net: a malformed operator must never escape as a RangeError/TypeError.
        if (e instanceof ModelError) throw e;
        throw new ModelError(`${where}: malformed operator (${(e as Error).message})`);
      }
      if (shapes.length !== outs.length)
        throw new ModelError(`${where}: has ${outs.length} outputs, the op produces ${shapes.length}`);
      outs.forEach((t, k) => {
        const s = shapes[k];
        const declared = sg.tensors[t.index].shape;
        if (declared.length && (declared.length !== s.length || declared.some((d, j) => d !== s[j]))) {
          throw new ModelError(
            `${where}: output tensor ${t.index} '${t.name}' is declared [${declared}] but computes to [${s}]`,
          );
        }
        if (sizeOf(s) > MAX_ELEMENTS)
          throw new ModelError(`${where}: output of ${sizeOf(s)} elements exceeds the limit`);
        t.shape = s;
        written[t.index] = true;
      });
      const isFolded = ins.every((t) => !t || t.isConst) && ins.some((t) => t);
      if (!isFolded) {
        macs += macsOf(
          op,
          ins,
          outs.reduce((a, t) => a + sizeOf(t.shape), 0),
        );
        if (macs > MAX_MACS_PER_RUN)
          throw new ModelError(`${where}: one run would take more than ${MAX_MACS_PER_RUN} multiply-adds (limit)`);
        this.macsPerRun = macs;
      }
      if (isFolded) {
        // Constant folding: run now, keep the result as a constant (within the folded-bytes budget).
        for (const t of outs) {
          foldedBytes += sizeOf(t.shape) * 4;
          if (foldedBytes > MAX_FOLDED_BYTES)
            throw new ModelError(
              `${where}: constants computed at load would take ${foldedBytes} bytes (limit ${MAX_FOLDED_BYTES})`,
            );
        }
        for (const t of outs) t.data = typedFor(t.type, sizeOf(t.shape), where);
        try {
          kernel.run(ctx);
        } catch (e) {
          if (e instanceof ModelError) throw e;
          throw new ModelError(`${where}: cannot fold constant operator (${(e as Error).message})`);
        }
        for (const t of outs) t.isConst = true;
        if (op.opName === 'DEQUANTIZE' && ins[0]) outs[0].dequantOf = ins[0];
        return;
      }
      for (const t of ins) if (t && !t.isConst) lastRead[t.index] = oi;
      for (const t of outs) firstWrite[t.index] = oi;
      this.steps.push({ kernel, ctx, fast: null, at: oi });
    });
    for (const i of this.outIdx)
      if (!written[i] && !this.tensors[i].isConst) throw new ModelError(`output tensor ${i} is never written`);

    // Fusion: a fast backend may take consecutive ops as one kernel. Its intermediate tensors are
    // never materialised, and every tensor it reads stays alive until its last op (it runs at once).
    if (fast && fast.fuse) {
      const ctxs = this.steps.map((st) => st.ctx);
      const readers = readerCounts(ctxs, nT, this.outIdx);
      const kept: Step[] = [];
      for (let i = 0; i < this.steps.length; i++) {
        const fused = fast.fuse(ctxs, i, readers);
        if (!fused) {
          kept.push(this.steps[i]);
          continue;
        }
        const endAt = this.steps[i + fused.ops - 1].at;
        const inside: boolean[] = [];
        for (const t of fused.internal) {
          inside[t.index] = true;
          firstWrite[t.index] = -2;
        }
        for (let j = i; j < i + fused.ops; j++)
          for (const t of this.steps[j].ctx.inputs)
            if (t && !t.isConst && !inside[t.index] && lastRead[t.index] < endAt) lastRead[t.index] = endAt;
        kept.push({ kernel: this.steps[i].kernel, ctx: this.steps[i].ctx, fast: fused, at: this.steps[i].at });
        i += fused.ops - 1;
      }
      this.steps = kept;
    }

    // Views: RESHAPE / SQUEEZE / EXPAND_DIMS keep the bytes in the same order, so their output is the
    // input's memory under another shape — no step, no copy. A view's group shares one arena range
    // that lives from the first write to the last read of any member (nothing ever writes in place).
    const aliasOf: number[] = [];
    const rootOf = (i: number): number => {
      while (aliasOf[i] !== undefined) i = aliasOf[i];
      return i;
    };
    this.steps = this.steps.filter((st) => {
      const n = st.ctx.op.opName,
        x = st.ctx.inputs[0],
        y = st.ctx.outputs[0];
      if (
        st.fast ||
        (n !== 'RESHAPE' && n !== 'SQUEEZE' && n !== 'EXPAND_DIMS') ||
        !x ||
        x.isConst ||
        x.type !== y.type
      )
        return true;
      aliasOf[y.index] = rootOf(x.index);
      return false;
    });

    // Arena plan over the ops that remain (indices are op positions).
    const life: Lifetime[] = [];
    const byRoot: Lifetime[] = [];
    const end = sg.operators.length + 1;
    for (const t of this.tensors) {
      if (t.isConst) continue;
      const first = this.inIdx.indexOf(t.index) >= 0 ? -1 : firstWrite[t.index];
      if (first === -2) continue;
      const es = TENSOR_TYPE_SIZES[t.type] || 4;
      const last = this.outIdx.indexOf(t.index) >= 0 ? end : lastRead[t.index] === -2 ? first : lastRead[t.index];
      const r = rootOf(t.index),
        g = byRoot[r];
      if (g) {
        g.first = Math.min(g.first, first);
        g.last = Math.max(g.last, last);
        continue;
      }
      byRoot[r] = { id: r, bytes: sizeOf(this.tensors[r].shape) * es, first, last };
      life.push(byRoot[r]);
    }
    const plan = planArena(life);
    if (plan.size > MAX_ARENA_BYTES) throw new ModelError(`activation memory ${plan.size} bytes exceeds the limit`);
    this.arenaBytes = plan.size;
    // With a fast backend the arena lives in its memory, followed by each fast step's packed data.
    let arena: ArrayBuffer,
      arenaBase = 0;
    if (fast) {
      let extra = 0;
      for (const st of this.steps) {
        if (!st.fast) st.fast = fast.stepFor(st.ctx);
        if (st.fast) extra += Math.ceil(st.fast.bytes / 16) * 16;
      }
      const arenaSize = Math.ceil(plan.size / 16) * 16;
      if (arenaSize + extra > MAX_ARENA_BYTES)
        throw new ModelError(`backend memory ${arenaSize + extra} bytes exceeds the limit`);
      arenaBase = fast.reserve(arenaSize + extra);
      arena = fast.buffer;
      let at = arenaBase + arenaSize;
      for (const st of this.steps)
        if (st.fast) {
          st.fast.pack(arena, at);
          at += Math.ceil(st.fast.bytes / 16) * 16;
        }
    } else arena = new ArrayBuffer(Math.max(16, plan.size));
    // Constants nothing will read again are released: weights the fast backend packed into its own
    // memory (float panels, or int8 panels for weights behind a folded DEQUANTIZE) and the sources of
    // folded ops. A JS step, a graph output or a constant input of a JS step keeps its data.
    const keep: boolean[] = [];
    for (const i of this.outIdx) keep[i] = true;
    for (const st of this.steps) if (!st.fast) for (const t of st.ctx.inputs) if (t) keep[t.index] = true;
    for (const t of this.tensors)
      if (t.isConst && !keep[t.index] && t.data.length) t.data = typedFor(t.type, 0, `tensor ${t.index}`);

    const offsetOf: number[] = [];
    plan.offsets.forEach(({ id, offset }) => {
      offsetOf[id] = offset;
    });
    this.tensors.forEach((t) => {
      if (t.isConst || offsetOf[rootOf(t.index)] === undefined) return;
      const off = arenaBase + offsetOf[rootOf(t.index)],
        id = t.index,
        n = sizeOf(t.shape);
      switch (t.type) {
        case TensorType.FLOAT32:
          t.data = new Float32Array(arena, off, n);
          break;
        case TensorType.INT32:
        case TensorType.INT64:
          t.data = new Int32Array(arena, off, n);
          break;
        case TensorType.INT8:
          t.data = new Int8Array(arena, off, n);
          break;
        case TensorType.UINT8:
        case TensorType.BOOL:
          t.data = new Uint8Array(arena, off, n);
          break;
        case TensorType.INT16:
          t.data = new Int16Array(arena, off, n);
          break;
        case TensorType.FLOAT16:
          t.data = new Uint16Array(arena, off, n);
          break;
        default:
          throw new ModelError(`tensor ${id}: type ${typeName(t.type)} is not supported for activations`);
      }
    });
    const spec = (i: number, list: { name: string; tensor: number }[] | undefined, k: number): TensorSpec => ({
      name: sigName(list, i, k),
      shape: this.tensors[i].shape.slice(),
      dtype: typeName(this.tensors[i].type),
      index: i,
    });
    this.inputs = this.inIdx.map((i, k) => spec(i, sig?.inputs, k));
    this.outputs = this.outIdx.map((i, k) => spec(i, sig?.outputs, k));
  }

  /** What runs, in order: the op name (or fused kernel name) and its backend, e.g. 'ATTENTION (wasm)'. */
  plan(): string[] {
    return this.steps.map((st) =>
      st.fast ? (st.fast.label || st.ctx.op.opName) + ` (${this.backend})` : st.ctx.op.opName + ' (js)',
    );
  }

  run(inputs: ArrayLike<number>[]): Float32Array[] {
    if (!inputs || inputs.length !== this.inIdx.length)
      throw new ModelError(`run: expected ${this.inIdx.length} input(s), got ${inputs ? inputs.length : 0}`);
    this.inIdx.forEach((ti, k) => {
      const t = this.tensors[ti],
        n = sizeOf(t.shape),
        x = inputs[k];
      if (!x || x.length !== n)
        throw new ModelError(
          `run: input ${k} '${this.inputs[k].name}' needs ${n} values (shape [${t.shape}]), got ${x ? x.length : 0}`,
        );
      (t.data as any).set(x);
    });
    for (let s = 0; s < this.steps.length; s++) {
      const st = this.steps[s];
      if (st.fast) st.fast.run();
      else st.kernel.run(st.ctx);
    }
    return this.outIdx.map((ti) => new Float32Array(this.tensors[ti].data as any));
  }
}
