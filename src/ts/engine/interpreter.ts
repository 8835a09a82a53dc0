// The interpreter. Loading is a sequence of named phases (functions below the class, in order):
// subgraphOf → resolveConstants → checkSignature → prepareOps (with foldConstants) → fuse → makeViews →
// planActivations → placeArena → releaseConstants → bindArena. Running is the step list in order.
import { ModelError } from '../errors.js';
import type { TfliteModel, TensorInfo, OperatorInfo } from '../tflite/model.js';
import { TensorType, TENSOR_TYPE_SIZES } from '../tflite/schema.js';
import { KERNELS } from '../kernels/registry.js';
import { planArena, type Lifetime } from './arena.js';
import { type RtTensor, type OpCtx, type Kernel, type TensorData, sizeOf, typeName } from './tensor.js';
import type { FastBackend, FastBackendName, FastStep } from './fast-backend.js';
import { readerCounts } from './fusion.js';
import { FLOAT_NUMERICS, numericsOf, type Numerics } from './numerics.js';

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

/**
 * Per-tensor bookkeeping of the planning phases, in plain arrays (no Map/Set on the ES5 path); -2 = never.
 * written: something (an input or an op) has produced it; firstWrite / lastRead: op positions (arena lifetimes).
 */
interface Lifetimes {
  written: boolean[];
  firstWrite: number[];
  lastRead: number[];
}

type Subgraph = TfliteModel['subgraphs'][number];
type SignatureMap = { name: string; tensor: number }[] | undefined;

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
  /** The numerics the kernels follow (the model's hints unless loaded with numerics 'float'). */
  readonly numerics: Numerics;
  /** Load-time phases, in order; each is one function below with its reason. */
  /** numerics: 'file' follows the model's numerics hints (engine/numerics.ts), 'float' ignores them. */
  constructor(model: TfliteModel, fast: FastBackend | null = null, numerics: 'file' | 'float' = 'file') {
    this.backend = fast ? fast.name : 'js';
    const sig = model.signatures[0];
    const sg = subgraphOf(model);
    this.operatorCount = sg.operators.length;
    this.tensors = resolveConstants(model, sg);
    this.inIdx = sig ? sig.inputs.map((m) => m.tensor) : sg.inputs.slice();
    this.outIdx = sig ? sig.outputs.map((m) => m.tensor) : sg.outputs.slice();
    checkSignature(this.tensors, this.inIdx, this.outIdx);
    const life = newLifetimes(this.tensors.length, this.inIdx);
    this.numerics = numerics === 'float' ? FLOAT_NUMERICS : numericsOf(model);
    const prepared = prepareOps(sg, this.tensors, life, this.numerics);
    this.macsPerRun = prepared.macs;
    for (const i of this.outIdx)
      if (!life.written[i] && !this.tensors[i].isConst) throw new ModelError(`output tensor ${i} is never written`);
    const fused = fuse(prepared.steps, fast, life, this.tensors.length, this.outIdx);
    const { steps, rootOf } = makeViews(fused);
    this.steps = steps;
    const plan = planActivations(this.tensors, life, rootOf, this.inIdx, this.outIdx, sg.operators.length + 1);
    this.arenaBytes = plan.size;
    const { arena, base } = placeArena(plan.size, this.steps, fast);
    releaseConstants(this.tensors, this.steps, this.outIdx);
    bindArena(this.tensors, plan, arena, base, rootOf);
    const spec = (i: number, list: SignatureMap, k: number): TensorSpec => ({
      name: list ? list[k].name : this.tensors[i].name,
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

/** The subgraph the first signature names (or subgraph 0), within the operator and tensor limits. */
function subgraphOf(model: TfliteModel): Subgraph {
  const sig = model.signatures[0];
  const sgIndex = sig ? sig.subgraph : 0;
  const sg = model.subgraphs[sgIndex];
  if (!sg) throw new ModelError(`signature refers to missing subgraph ${sgIndex}`);
  if (sg.operators.length > MAX_OPERATORS)
    throw new ModelError(`${sg.operators.length} operators exceed the limit of ${MAX_OPERATORS}`);
  if (sg.tensors.length > MAX_TENSORS)
    throw new ModelError(`${sg.tensors.length} tensors exceed the limit of ${MAX_TENSORS}`);
  return sg;
}

/** Runtime tensors: constants decoded from their buffers (typed arrays), activations empty until bindArena. */
function resolveConstants(model: TfliteModel, sg: Subgraph): RtTensor[] {
  return sg.tensors.map((t) => {
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
}

/** Signature tensors exist, and inputs are not constants (their data becomes an empty array of their type). */
function checkSignature(tensors: RtTensor[], inIdx: number[], outIdx: number[]): void {
  for (const i of inIdx.concat(outIdx))
    if (!(i >= 0 && i < tensors.length)) throw new ModelError(`signature tensor index ${i} out of range`);
  for (const i of inIdx) {
    const t = tensors[i];
    if (t.isConst) throw new ModelError(`input tensor ${i} has constant data`);
    t.data = typedFor(t.type, 0, `input tensor ${i}`);
  }
}

function newLifetimes(n: number, inIdx: number[]): Lifetimes {
  const life: Lifetimes = { written: [], firstWrite: [], lastRead: [] };
  for (let i = 0; i < n; i++) {
    life.written.push(false);
    life.firstWrite.push(-2);
    life.lastRead.push(-2);
  }
  for (const i of inIdx) life.written[i] = true;
  return life;
}

/**
 * Every op in order: its kernel's prepare infers and checks the output shapes (an op reading a tensor nothing wrote, or
 * writing a constant or a tensor twice, is refused); an op whose inputs are all constant is folded at once (its
 * outputs become constants that later ops see); the others become steps and count towards the work bound.
 */
function prepareOps(
  sg: Subgraph,
  tensors: RtTensor[],
  life: Lifetimes,
  numerics: Numerics,
): { steps: Step[]; macs: number } {
  const steps: Step[] = [];
  const folded = { bytes: 0 };
  let macs = 0;
  sg.operators.forEach((op, oi) => {
    const where = `operator ${oi} (${op.opName ?? 'builtin ' + op.builtinCode})`;
    if (op.opName === null)
      throw new ModelError(`${where}: unsupported op${op.customCode ? ` (custom '${op.customCode}')` : ''}`);
    const kernel = KERNELS[op.opName];
    if (!kernel) throw new ModelError(`${where}: unsupported op`);
    const ins = op.inputs.map((i) => (i < 0 ? null : tensors[i]));
    for (const t of ins)
      if (t && !t.isConst && !life.written[t.index])
        throw new ModelError(`${where}: reads tensor ${t.index} before anything writes it`);
    const outs = op.outputs.map((i) => tensors[i]);
    for (const t of outs) {
      if (t.isConst) throw new ModelError(`${where}: writes into constant tensor ${t.index}`);
      if (life.written[t.index]) throw new ModelError(`${where}: tensor ${t.index} is written twice`);
    }
    const ctx: OpCtx = { op, inputs: ins, outputs: outs, state: null, numerics };
    setOutputShapes(where, kernel, ctx, sg);
    for (const t of outs) life.written[t.index] = true;
    if (ins.every((t) => !t || t.isConst) && ins.some((t) => t)) {
      foldConstants(where, kernel, ctx, folded);
      return;
    }
    macs += macsOf(
      op,
      ins,
      outs.reduce((a, t) => a + sizeOf(t.shape), 0),
    );
    if (macs > MAX_MACS_PER_RUN)
      throw new ModelError(`${where}: one run would take more than ${MAX_MACS_PER_RUN} multiply-adds (limit)`);
    for (const t of ins) if (t && !t.isConst) life.lastRead[t.index] = oi;
    for (const t of outs) life.firstWrite[t.index] = oi;
    steps.push({ kernel, ctx, fast: null, at: oi });
  });
  return { steps, macs };
}

/** The kernel's prepare gives the output shapes; they must agree with the shapes the file declares. */
function setOutputShapes(where: string, kernel: Kernel, ctx: OpCtx, sg: Subgraph): void {
  let shapes: number[][];
  try {
    shapes = kernel.prepare(ctx);
  } catch (e) {
    // Safety net: a malformed operator must never escape as a RangeError/TypeError.
    if (e instanceof ModelError) throw e;
    throw new ModelError(`${where}: malformed operator (${(e as Error).message})`);
  }
  const outs = ctx.outputs;
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
    if (sizeOf(s) > MAX_ELEMENTS) throw new ModelError(`${where}: output of ${sizeOf(s)} elements exceeds the limit`);
    t.shape = s;
  });
}

/**
 * An op whose inputs are all constant (e.g. DEQUANTIZE of int8 weights) runs once at load; its outputs become
 * constants. All folded constants together stay within MAX_FOLDED_BYTES, checked before each is allocated.
 */
function foldConstants(where: string, kernel: Kernel, ctx: OpCtx, folded: { bytes: number }): void {
  const outs = ctx.outputs;
  for (const t of outs) {
    folded.bytes += sizeOf(t.shape) * 4;
    if (folded.bytes > MAX_FOLDED_BYTES)
      throw new ModelError(
        `${where}: constants computed at load would take ${folded.bytes} bytes (limit ${MAX_FOLDED_BYTES})`,
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
  if (ctx.op.opName === 'DEQUANTIZE' && ctx.inputs[0]) outs[0].dequantOf = ctx.inputs[0];
}

/**
 * A fast backend may take consecutive ops as one kernel (engine/fusion.ts patterns). Its intermediate tensors are
 * never materialised, and every tensor it reads stays alive until its last op (it runs at once).
 */
function fuse(steps: Step[], fast: FastBackend | null, life: Lifetimes, nT: number, outIdx: number[]): Step[] {
  if (!fast || !fast.fuse) return steps;
  const ctxs = steps.map((st) => st.ctx);
  const readers = readerCounts(ctxs, nT, outIdx);
  const kept: Step[] = [];
  for (let i = 0; i < steps.length; i++) {
    const fused = fast.fuse(ctxs, i, readers);
    if (!fused) {
      kept.push(steps[i]);
      continue;
    }
    const endAt = steps[i + fused.ops - 1].at;
    const inside: boolean[] = [];
    for (const t of fused.internal) {
      inside[t.index] = true;
      life.firstWrite[t.index] = -2;
    }
    for (let j = i; j < i + fused.ops; j++)
      for (const t of steps[j].ctx.inputs)
        if (t && !t.isConst && !inside[t.index] && life.lastRead[t.index] < endAt) life.lastRead[t.index] = endAt;
    kept.push({ kernel: steps[i].kernel, ctx: steps[i].ctx, fast: fused, at: steps[i].at });
    i += fused.ops - 1;
  }
  return kept;
}

/**
 * RESHAPE / SQUEEZE / EXPAND_DIMS keep the bytes in the same order, so their output is the input's memory under
 * another shape — no step, no copy. rootOf(i) is the tensor whose arena range i shares; a view group lives from the
 * first write to the last read of any member (nothing ever writes in place).
 */
function makeViews(steps: Step[]): { steps: Step[]; rootOf: (i: number) => number } {
  const aliasOf: number[] = [];
  const rootOf = (i: number): number => {
    while (aliasOf[i] !== undefined) i = aliasOf[i];
    return i;
  };
  const kept = steps.filter((st) => {
    const n = st.ctx.op.opName;
    const x = st.ctx.inputs[0];
    const y = st.ctx.outputs[0];
    const isView = n === 'RESHAPE' || n === 'SQUEEZE' || n === 'EXPAND_DIMS';
    if (st.fast || !isView || !x || x.isConst || x.type !== y.type) return true;
    aliasOf[y.index] = rootOf(x.index);
    return false;
  });
  return { steps: kept, rootOf };
}

/** One arena for every activation: a byte range per view group, reused once its lifetime ends (engine/arena.ts). */
function planActivations(
  tensors: RtTensor[],
  life: Lifetimes,
  rootOf: (i: number) => number,
  inIdx: number[],
  outIdx: number[],
  end: number,
): ReturnType<typeof planArena> {
  const lives: Lifetime[] = [];
  const byRoot: Lifetime[] = [];
  for (const t of tensors) {
    if (t.isConst) continue;
    const first = inIdx.indexOf(t.index) >= 0 ? -1 : life.firstWrite[t.index];
    if (first === -2) continue;
    const es = TENSOR_TYPE_SIZES[t.type] || 4;
    const lastRead = life.lastRead[t.index];
    const last = outIdx.indexOf(t.index) >= 0 ? end : lastRead === -2 ? first : lastRead;
    const r = rootOf(t.index);
    const g = byRoot[r];
    if (g) {
      g.first = Math.min(g.first, first);
      g.last = Math.max(g.last, last);
      continue;
    }
    byRoot[r] = { id: r, bytes: sizeOf(tensors[r].shape) * es, first, last };
    lives.push(byRoot[r]);
  }
  const plan = planArena(lives);
  if (plan.size > MAX_ARENA_BYTES) throw new ModelError(`activation memory ${plan.size} bytes exceeds the limit`);
  return plan;
}

/**
 * Where the arena lives: a plain ArrayBuffer, or — with a fast backend — its memory, followed by each fast step's
 * packed data (the backend's stepFor chooses, for every step not fused, whether it replaces the JS kernel).
 */
function placeArena(size: number, steps: Step[], fast: FastBackend | null): { arena: ArrayBuffer; base: number } {
  if (!fast) return { arena: new ArrayBuffer(Math.max(16, size)), base: 0 };
  let extra = 0,
    scratch = 0;
  for (const st of steps) {
    if (!st.fast) st.fast = fast.stepFor(st.ctx);
    if (st.fast) {
      extra += Math.ceil(st.fast.bytes / 16) * 16;
      scratch = Math.max(scratch, Math.ceil((st.fast.scratch ?? 0) / 16) * 16);
    }
  }
  const arenaSize = Math.ceil(size / 16) * 16;
  if (arenaSize + extra + scratch > MAX_ARENA_BYTES)
    throw new ModelError(`backend memory ${arenaSize + extra + scratch} bytes exceeds the limit`);
  const base = fast.reserve(arenaSize + extra + scratch);
  const arena = fast.buffer;
  // [arena | each step's own bytes | one scratch region shared by all steps]
  const scratchAt = base + arenaSize + extra;
  let at = base + arenaSize;
  for (const st of steps)
    if (st.fast) {
      st.fast.pack(arena, at, scratchAt);
      at += Math.ceil(st.fast.bytes / 16) * 16;
    }
  return { arena, base };
}

/**
 * Constants nothing will read again are dropped: weights a fast backend packed into its own memory and the sources of
 * folded ops. A JS step's inputs and the graph's outputs keep their data.
 */
function releaseConstants(tensors: RtTensor[], steps: Step[], outIdx: number[]): void {
  const keep: boolean[] = [];
  for (const i of outIdx) keep[i] = true;
  for (const st of steps) if (!st.fast) for (const t of st.ctx.inputs) if (t) keep[t.index] = true;
  for (const t of tensors)
    if (t.isConst && !keep[t.index] && t.data.length) t.data = typedFor(t.type, 0, `tensor ${t.index}`);
}

/** Every activation becomes a typed view of its arena range. */
function bindArena(
  tensors: RtTensor[],
  plan: ReturnType<typeof planArena>,
  arena: ArrayBuffer,
  base: number,
  rootOf: (i: number) => number,
): void {
  const offsetOf: number[] = [];
  plan.offsets.forEach(({ id, offset }) => {
    offsetOf[id] = offset;
  });
  tensors.forEach((t) => {
    if (t.isConst || offsetOf[rootOf(t.index)] === undefined) return;
    const off = base + offsetOf[rootOf(t.index)];
    const n = sizeOf(t.shape);
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
        throw new ModelError(`tensor ${t.index}: type ${typeName(t.type)} is not supported for activations`);
    }
  });
}
