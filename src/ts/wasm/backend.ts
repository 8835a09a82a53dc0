// The WASM SIMD backend. GEMM-shaped ops (FULLY_CONNECTED, 1-D CONV_2D, BATCH_MATMUL) run in
// src/as/gemm.ts — with weights behind a folded DEQUANTIZE kept as int8 panels —, SOFTMAX and exact
// GELU in activations.ts, the fused attention and layer-norm patterns (engine/fusion.ts) in
// attention.ts and layer-norm.ts, element-wise ops and copies in elementwise.ts; every other op keeps
// its JS kernel. Activations live in the WASM memory (the interpreter's arena is placed there),
// weights are packed once at load and memory grows only at load. Packing reads the weights from the
// tensors when it runs (no closure keeps them), so the interpreter can release the JS copies after.
// Outputs are bit-identical to the JS backend because the kernels run the same float32 operations in
// the same order (the opt-in relaxed build excepted: see gemm.ts).
import { ModelError } from '../errors.js';
import { KERNELS_WASM_BASE64, KERNELS_RELAXED_WASM_BASE64 } from './kernels-binary.js';
import { decodeBase64 } from '../io/base64.js';
import { sizeOf, isState, type OpCtx, type RtTensor } from '../engine/tensor.js';
import type { OpName } from '../tflite/schema.js';
import type { FullyConnectedState } from '../kernels/fully-connected.js';
import type { Conv2DState } from '../kernels/conv-2d.js';
import type { BatchMatMulState } from '../kernels/batch-matmul.js';
import type { BinaryState } from '../kernels/binary.js';
import type { ReduceState } from '../kernels/reduce.js';
import type { TransposeState } from '../kernels/transpose.js';
import type { SplitState } from '../kernels/concat-split.js';
import { batchOffsets } from '../kernels/batch-matmul.js';
import { TensorType, TENSOR_TYPE_SIZES } from '../tflite/schema.js';
import { matchAttention, matchLayerNorm, type AttentionMatch, type LayerNormMatch } from '../engine/fusion.js';

// Byte offsets into the module's memory are `Ptr`s; every other integer is an i32. One line per export of
// src/as/index.ts, with the AssemblyScript signature it has there.
type Ptr = number;
type I32 = number;
type F32 = number;
/** The kernels module's exports (src/as/index.ts). */
export interface Exports {
  memory: WebAssembly.Memory;
  gemmPacked(a: Ptr, lda: I32, bp: Ptr, y: Ptr, ldy: I32, M: I32, N: I32, K: I32, acc: I32): void;
  gemmPackedQ(
    a: Ptr,
    lda: I32,
    bq: Ptr,
    scale: Ptr,
    zp: Ptr,
    y: Ptr,
    ldy: I32,
    M: I32,
    N: I32,
    K: I32,
    acc: I32,
    scratch: Ptr,
  ): void;
  packPanels(b: Ptr, ldb: I32, dst: Ptr, K: I32, N: I32): void;
  packPanelsT(s: Ptr, lds: I32, dst: Ptr, K: I32, N: I32): void;
  biasAct(y: Ptr, ldy: I32, M: I32, N: I32, bias: Ptr, act: I32): void;
  transpose(src: Ptr, lds: I32, dst: Ptr, ldd: I32, R: I32, C: I32): void;
  softmax(x: Ptr, y: Ptr, R: I32, D: I32, beta: F32): void;
  gelu(x: Ptr, y: Ptr, n: I32): void;
  quantizeRows(x: Ptr, M: I32, K: I32, q: Ptr, ldq: I32, scale: Ptr, recip: I32): void;
  quantizeTensor(x: Ptr, n: I32, q: Ptr, before: I32, after: I32, scale: Ptr): void;
  gemmInt(
    q: Ptr,
    ldq: I32,
    rowScale: Ptr,
    scaleStride: I32,
    wp: Ptr,
    colScale: Ptr,
    bias: Ptr,
    y: Ptr,
    ldy: I32,
    M: I32,
    N: I32,
    Kp: I32,
  ): void;
  binary(op: I32, mode: I32, a: Ptr, b: Ptr, y: Ptr, n: I32, nb: I32): void;
  reduceLast(x: Ptr, y: Ptr, rows: I32, D: I32, mean: I32): void;
  transpose0213(x: Ptr, y: Ptr, A: I32, B: I32, C: I32, D: I32): void;
  copyBlocks(src: Ptr, srcStride: I32, dst: Ptr, dstStride: I32, count: I32, bytes: I32): void;
  attention(
    q: Ptr,
    k: Ptr,
    v: Ptr,
    y: Ptr,
    H: I32,
    L: I32,
    S: I32,
    D: I32,
    Dv: I32,
    beta: F32,
    kT: I32,
    vT: I32,
    kp: Ptr,
    vp: Ptr,
    sc: Ptr,
  ): void;
  layerNorm(x: Ptr, y: Ptr, R: I32, D: I32, eps: F32, gamma: Ptr, beta: Ptr): void;
  attentionInt(
    q: Ptr,
    k: Ptr,
    v: Ptr,
    y: Ptr,
    H: I32,
    L: I32,
    S: I32,
    D: I32,
    Dv: I32,
    beta: F32,
    kq: Ptr,
    kp: Ptr,
    ks: Ptr,
    vt: Ptr,
    vq: Ptr,
    vp: Ptr,
    vs: Ptr,
    qq: Ptr,
    qs: Ptr,
    sc: Ptr,
    pq: Ptr,
    ps: Ptr,
  ): void;
  ATTENTION_ROWS: { value: number };
}

const cachedModules: (WebAssembly.Module | null)[] = [null, null]; // [simd, relaxed]

/** True when this engine can compile the SIMD module (or, with `relaxed`, the relaxed-SIMD one). */
export function wasmSimdSupported(relaxed = false): boolean {
  try {
    if (typeof WebAssembly !== 'object') return false;
    return WebAssembly.validate(decodeBase64(relaxed ? KERNELS_RELAXED_WASM_BASE64 : KERNELS_WASM_BASE64));
  } catch {
    return false;
  }
}

/** A step the WASM backend can run, with what it needs allocated in WASM memory. */
export type { FastStep as WasmStep } from '../engine/fast-backend.js';
import type { FastStep as WasmStep, FastBackend, FastBackendName, FusedStep } from '../engine/fast-backend.js';

/** int8 weights behind a folded DEQUANTIZE, per output channel (axis 0) or per tensor; else null. */
function narrowWeights(w: RtTensor, channels: number): { q: Int8Array; scale: Float32Array; zp: Float32Array } | null {
  const src = w.dequantOf,
    qp = src && src.quant;
  if (!src || src.type !== TensorType.INT8 || !qp || !qp.scale.length) return null;
  if (qp.scale.length !== 1 && (qp.scale.length !== channels || qp.quantizedDimension !== 0)) return null;
  // (q − zp) must be exact in float32 for the widened weights to equal DEQUANTIZE's.
  for (const z of qp.zeroPoint) if (!(z >= -128 && z <= 127 && z === Math.floor(z))) return null;
  const scale = new Float32Array(channels),
    zp = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    const k = qp.scale.length > 1 ? c : 0;
    scale[c] = qp.scale[k];
    zp[c] = qp.zeroPoint[k] ?? qp.zeroPoint[0] ?? 0;
  }
  return { q: src.data as Int8Array, scale, zp };
}

/** Packed weight matrices and the GEMM that uses them (WasmBackend.panels). */
interface PanelSet {
  bytes: number;
  /** Run-time scratch (the shared region). */
  scratch: number;
  pack(mem: ArrayBuffer, base: number, scratch: number): void;
  gemm(m: number, a: number, lda: number, y: number, ldy: number, M: number, acc: number): void;
}

/** Largest depth K of the integer GEMM: |q − zp| ≤ 255, |w| ≤ 128, so K·255·128 stays below 2³¹. */
const INT_GEMM_MAX_K = 65535;
/** Largest depth of the dynamic int8 BATCH_MATMUL: both operands |q| ≤ 255, so K·255² stays below 2³¹. */
const INT_MATMUL_MAX_K = 33025;
const align16 = (n: number) => Math.ceil(n / 16) * 16;
/** The integer GEMM on packed weights: (q, ldq, rowScale, scaleStride, y, N, M) → y. */
type IntGemmRun = (
  q: number,
  ldq: number,
  rowScale: number,
  scaleStride: number,
  y: number,
  N: number,
  M: number,
) => void;

/** Per-column scale or zero point padded to whole panels (0 past N). */
function writeColumns(mem: ArrayBuffer, at: number, P: number, v: Float32Array): void {
  const f = new Float32Array(mem, at, 8 * P);
  f.fill(0);
  f.set(v);
}

export class WasmBackend implements FastBackend {
  readonly name: FastBackendName;
  readonly ex: Exports;
  private readonly heapBase: number;
  /** relaxed: the opt-in build whose GEMMs use relaxed_madd (not bit-identical to the JS reference). */
  constructor(relaxed = false) {
    this.name = relaxed ? 'wasm-relaxed' : 'wasm';
    const k = relaxed ? 1 : 0;
    if (!cachedModules[k])
      cachedModules[k] = new WebAssembly.Module(
        decodeBase64(relaxed ? KERNELS_RELAXED_WASM_BASE64 : KERNELS_WASM_BASE64),
      );
    const inst = new WebAssembly.Instance(cachedModules[k]!, {
      env: {
        abort() {
          throw new ModelError('wasm kernel abort');
        },
      },
    });
    this.ex = inst.exports as unknown as Exports;
    this.heapBase = this.ex.memory.buffer.byteLength; // everything past the module's own first page is ours
  }
  /** Grows memory once so that [heapBase, heapBase + bytes) exists; returns heapBase. */
  reserve(bytes: number): number {
    const need = this.heapBase + bytes,
      have = this.ex.memory.buffer.byteLength;
    if (need > have) this.ex.memory.grow(Math.ceil((need - have) / 65536));
    return this.heapBase;
  }
  get buffer(): ArrayBuffer {
    return this.ex.memory.buffer;
  }

  /**
   * Op → the WASM step that replaces its JS kernel (or null to keep the kernel, e.g. for shapes a step does not
   * cover). Each step reads the kernel's prepared state (kernels/*.ts `…State`) through isState.
   */
  private readonly steps: Partial<Record<OpName, (ctx: OpCtx) => WasmStep | null>> = {
    FULLY_CONNECTED: (ctx) => this.fc(ctx),
    CONV_2D: (ctx) => this.conv1d(ctx),
    BATCH_MATMUL: (ctx) => this.bmm(ctx),
    SPLIT: (ctx) => this.split(ctx),
    SPLIT_V: (ctx) => this.split(ctx),
    SOFTMAX: (ctx) => this.softmax(ctx),
    GELU: (ctx) => this.gelu(ctx),
    ADD: (ctx) => this.binary(ctx, 0),
    SUB: (ctx) => this.binary(ctx, 1),
    MUL: (ctx) => this.binary(ctx, 2),
    DIV: (ctx) => this.binary(ctx, 3),
    SQUARED_DIFFERENCE: (ctx) => this.binary(ctx, 4),
    MEAN: (ctx) => this.reduceLast(ctx, 1),
    SUM: (ctx) => this.reduceLast(ctx, 0),
    TRANSPOSE: (ctx) => this.transpose0213(ctx),
  };

  /** The WASM implementation of one op, or null to keep the JS kernel. */
  stepFor(ctx: OpCtx): WasmStep | null {
    const make = ctx.op.opName ? this.steps[ctx.op.opName as OpName] : undefined;
    return make ? make(ctx) : null;
  }

  /** SOFTMAX over the last axis of a float32 activation. */
  private softmax(ctx: OpCtx): WasmStep | null {
    const x = floatActivation(ctx);
    if (!x) return null;
    const y = ctx.outputs[0];
    const D = x.shape[x.shape.length - 1];
    const beta = ctx.op.options.beta;
    const rows = D ? sizeOf(x.shape) / D : 0; // shapes: the arena views are bound after the steps are made
    return {
      bytes: 0,
      pack: () => {},
      run: () => this.ex.softmax(x.data.byteOffset, y.data.byteOffset, rows, D, beta),
    };
  }

  /** Exact (erf) GELU; the tanh approximation keeps its JS kernel. */
  private gelu(ctx: OpCtx): WasmStep | null {
    const x = floatActivation(ctx);
    if (!x || ctx.op.options.approximate) return null;
    const y = ctx.outputs[0];
    return { bytes: 0, pack: () => {}, run: () => this.ex.gelu(x.data.byteOffset, y.data.byteOffset, x.data.length) };
  }

  /** MEAN / SUM over the last axis only (ReduceState.lastOnly). */
  private reduceLast(ctx: OpCtx, mean: number): WasmStep | null {
    const x = floatActivation(ctx);
    if (!x || !isState<ReduceState>(ctx.state, 'reduce') || !ctx.state.lastOnly) return null;
    const y = ctx.outputs[0];
    const D = x.shape[x.shape.length - 1];
    return {
      bytes: 0,
      pack: () => {},
      run: () => this.ex.reduceLast(x.data.byteOffset, y.data.byteOffset, x.data.length / D, D, mean),
    };
  }

  /** TRANSPOSE with the permutation (0, 2, 1, 3) of the attention heads; other permutations keep the JS kernel. */
  private transpose0213(ctx: OpCtx): WasmStep | null {
    const x = floatActivation(ctx);
    if (!x || x.shape.length !== 4 || !isState<TransposeState>(ctx.state, 'transpose')) return null;
    if (ctx.state.perm.join() !== '0,2,1,3') return null;
    const y = ctx.outputs[0];
    const [A, B, C, D] = x.shape;
    return {
      bytes: 0,
      pack: () => {},
      run: () => this.ex.transpose0213(x.data.byteOffset, y.data.byteOffset, A, B, C, D),
    };
  }

  /** SPLIT / SPLIT_V: per output, one block copy per outer index (state from the JS kernel's prepare). */
  private split(ctx: OpCtx): WasmStep | null {
    const x = (ctx.op.opName === 'SPLIT' ? ctx.inputs[1] : ctx.inputs[0]) as RtTensor;
    if (!x || x.isConst || !(TENSOR_TYPE_SIZES[x.type] > 0)) return null;
    const es = TENSOR_TYPE_SIZES[x.type];
    if (!isState<SplitState>(ctx.state, 'split')) return null;
    const { axis, sizes } = ctx.state;
    const outer = sizeOf(x.shape.slice(0, axis)),
      inner = sizeOf(x.shape.slice(axis + 1)),
      rowX = x.shape[axis] * inner * es;
    return {
      bytes: 0,
      pack: () => {},
      run: () => {
        let off = 0;
        ctx.outputs.forEach((t, i) => {
          const len = sizes[i] * inner * es;
          this.ex.copyBlocks(x.data.byteOffset + off, rowX, t.data.byteOffset, len, outer, len);
          off += len;
        });
      },
    };
  }

  /** Fused kernels for the attention and layer-norm patterns (engine/fusion.ts). */
  fuse(ctxs: OpCtx[], i: number, readers: number[]): FusedStep | null {
    const at = matchAttention(ctxs, i, readers);
    if (at) return at.quantized ? this.attentionInt(at) : this.attention(at);
    const ln = matchLayerNorm(ctxs, i, readers);
    return ln ? this.layerNorm(ln) : null;
  }

  /** softmax(beta·Q·Kᵀ)·V per head, ATTENTION_ROWS query rows at a time (src/as/attention.ts). */
  private attention(m: AttentionMatch): FusedStep {
    const rows = this.ex.ATTENTION_ROWS.value;
    const kpF = ((m.S + 7) >> 3) * 8 * m.D,
      vpF = ((m.Dv + 7) >> 3) * 8 * m.S,
      scF = rows * m.S;
    let kp = 0,
      vp = 0,
      sc = 0;
    return {
      ops: m.ops,
      internal: m.internal,
      label: 'ATTENTION',
      flops: 2 * m.H * m.L * m.S * (m.D + m.Dv),
      bytes: 0,
      scratch: 4 * (kpF + vpF + scF),
      pack: (_mem, _base, scratch) => {
        kp = scratch;
        vp = kp + 4 * kpF;
        sc = vp + 4 * vpF;
      },
      run: () =>
        this.ex.attention(
          m.q.data.byteOffset,
          m.k.data.byteOffset,
          m.v.data.byteOffset,
          m.y.data.byteOffset,
          m.H,
          m.L,
          m.S,
          m.D,
          m.Dv,
          m.beta,
          m.kT ? 1 : 0,
          m.vT ? 1 : 0,
          kp,
          vp,
          sc,
        ),
    };
  }

  /**
   * The same in dynamic int8 numerics (src/as/attention-int.ts); K as [S][D] and V as [S][Dv] only, and depths
   * whose integer sums fit int32 — else no fusion (the unfused ops then run their JS kernels).
   */
  private attentionInt(m: AttentionMatch): FusedStep | null {
    if (!m.kT || m.vT || m.D > INT_MATMUL_MAX_K || m.S > INT_MATMUL_MAX_K) return null;
    const rows = this.ex.ATTENTION_ROWS.value;
    const Dp = (m.D + 1) & ~1,
      Sp = (m.S + 1) & ~1,
      PS = (m.S + 7) >> 3,
      PV = (m.Dv + 7) >> 3;
    const sizes = [
      m.S * Dp * 2, // kq
      PS * Dp * 32, // kp
      PS * 32, // ks
      m.Dv * m.S * 4, // vt
      m.Dv * Sp * 2, // vq
      PV * Sp * 32, // vp
      PV * 32, // vs
      rows * Dp * 2, // qq
      rows * 4, // qs
      rows * m.S * 4, // sc
      rows * Sp * 2, // pq
      rows * 4, // ps
    ].map(align16);
    const at: number[] = [];
    return {
      ops: m.ops,
      internal: m.internal,
      label: 'ATTENTION',
      flops: 2 * m.H * m.L * m.S * (m.D + m.Dv),
      bytes: 0,
      scratch: sizes.reduce((a, b) => a + b, 0),
      pack: (_mem, _base, scratch) => {
        at.length = 0;
        for (const n of sizes) {
          at.push(scratch);
          scratch += n;
        }
      },
      run: () =>
        this.ex.attentionInt(
          m.q.data.byteOffset,
          m.k.data.byteOffset,
          m.v.data.byteOffset,
          m.y.data.byteOffset,
          m.H,
          m.L,
          m.S,
          m.D,
          m.Dv,
          m.beta,
          at[0],
          at[1],
          at[2],
          at[3],
          at[4],
          at[5],
          at[6],
          at[7],
          at[8],
          at[9],
          at[10],
          at[11],
        ),
    };
  }

  /** Layer normalisation over the last axis, optional affine step (src/as/layer-norm.ts). */
  private layerNorm(m: LayerNormMatch): FusedStep {
    let gp = 0,
      bp = 0;
    return {
      ops: m.ops,
      internal: m.internal,
      label: 'LAYER_NORM',
      bytes: 4 * m.D * ((m.gamma ? 1 : 0) + (m.beta ? 1 : 0)),
      pack: (mem, base) => {
        let at = base;
        if (m.gamma) {
          gp = at;
          new Float32Array(mem, at, m.D).set(m.gamma);
          at += 4 * m.D;
        }
        if (m.beta) {
          bp = at;
          new Float32Array(mem, at, m.D).set(m.beta);
        }
      },
      run: () => this.ex.layerNorm(m.x.data.byteOffset, m.y.data.byteOffset, m.R, m.D, m.eps, gp, bp),
    };
  }

  /** ADD/SUB/MUL/DIV/SQUARED_DIFFERENCE with the broadcast shapes the JS kernel also special-cases. */
  private binary(ctx: OpCtx, op: number): WasmStep | null {
    const a = floatActivation(ctx);
    const b = ctx.inputs[1];
    const y = ctx.outputs[0];
    if (!a || !b || b.type !== TensorType.FLOAT32 || ctx.op.options.fused_activation_function) return null;
    if (!isState<BinaryState>(ctx.state, 'binary')) return null;
    const mode = ctx.state.mode; // the JS kernel's broadcast pattern (kernels/binary.ts)
    const n = sizeOf(y.shape),
      nb = sizeOf(b.shape); // views are not bound yet: use shapes
    if (mode < 0) return null;
    let bp = 0;
    return {
      bytes: b.isConst ? 4 * nb : 0,
      pack: (mem, base) => {
        if (b.isConst) {
          bp = base;
          new Float32Array(mem, base, nb).set(b.data as Float32Array);
        }
      },
      run: () =>
        this.ex.binary(op, mode, a.data.byteOffset, b.isConst ? bp : b.data.byteOffset, y.data.byteOffset, n, nb),
    };
  }

  /**
   * Hybrid FC: activations quantised per row (quantizeRows, M×Kp int16), int8 weights widened once into int16
   * pair panels, the integer GEMM with its dequantise + bias epilogue (src/as/gemm-int.ts), then the activation.
   */
  private hybridFc(ctx: OpCtx): WasmStep | null {
    const w = ctx.inputs[1] as RtTensor,
      b = ctx.inputs[2],
      x = ctx.inputs[0] as RtTensor,
      y = ctx.outputs[0];
    if (!w.isConst || (b && !b.isConst)) return null;
    if (!isState<FullyConnectedState>(ctx.state, 'fully-connected') || !ctx.state.scales) return null;
    const [N, K] = w.shape;
    if (K > INT_GEMM_MAX_K) return null; // the int32 sums could overflow: the JS kernel (exact in float64) runs
    const M = sizeOf(x.shape) / K; // views are not bound yet: use shapes
    const Kp = (K + 1) & ~1;
    const ig = this.intGemm(w, b, ctx.state.scales, N, K);
    const qBytes = align16(2 * M * Kp + 16),
      sBytes = align16(4 * M);
    let qp = 0,
      sp = 0;
    const act = ctx.op.options.fused_activation_function | 0;
    return {
      bytes: ig.bytes,
      scratch: qBytes + sBytes,
      pack: (mem, base, scratch) => {
        ig.pack(mem, base);
        qp = scratch;
        sp = qp + qBytes;
      },
      run: () => {
        this.ex.quantizeRows(x.data.byteOffset, M, K, qp, Kp, sp, 0);
        ig.gemm(qp, Kp, sp, 1, y.data.byteOffset, N, M);
        if (act) this.ex.biasAct(y.data.byteOffset, N, M, N, 0, act);
      },
    };
  }

  /**
   * Hybrid 1-D CONV_2D (k×1 filter, stride and dilation 1, one batch element): the input quantised as one span
   * into a buffer with padT zero rows before it and the bottom padding after, so output row oy's window is the
   * KH·C contiguous int16 from row oy: the integer GEMM with overlapping rows (ldq = C) and one scale.
   */
  private hybridConv1d(ctx: OpCtx, st: Conv2DState): WasmStep | null {
    const x = ctx.inputs[0] as RtTensor,
      w = ctx.inputs[1] as RtTensor,
      b = ctx.inputs[2],
      y = ctx.outputs[0];
    const [, H, , C] = x.shape,
      [O, KH] = w.shape;
    const K = KH * C;
    if (K > INT_GEMM_MAX_K) return null;
    const OH = y.shape[1];
    const ig = this.intGemm(w, b, st.scales!, O, K);
    // Rows: padT zeros, H input rows, zeros to the last window's end, one spare pair for an odd K.
    const rows = Math.max(st.padT + H, OH - 1 + KH);
    const qElems = rows * C + 2,
      qBytes = align16(2 * qElems + 16);
    let qp = 0,
      sp = 0;
    const act = ctx.op.options.fused_activation_function | 0;
    return {
      bytes: ig.bytes,
      scratch: qBytes + 16,
      pack: (mem, base, scratch) => {
        ig.pack(mem, base);
        qp = scratch;
        sp = qp + qBytes;
      },
      run: () => {
        // The scratch is shared: the padding is zeroed on every run, around the quantised interior.
        this.ex.quantizeTensor(x.data.byteOffset, H * C, qp, st.padT * C, qElems - (st.padT + H) * C, sp);
        ig.gemm(qp, C, sp, 0, y.data.byteOffset, O, OH);
        if (act) this.ex.biasAct(y.data.byteOffset, O, OH, O, 0, act);
      },
    };
  }

  /** N×K int8 weights as int16 pair panels with per-column scales and bias padded to whole panels. */
  private intGemm(
    w: RtTensor,
    bias: RtTensor | null | undefined,
    scales: Float32Array,
    N: number,
    K: number,
  ): { bytes: number; pack(mem: ArrayBuffer, base: number): void; gemm: IntGemmRun } {
    const P = (N + 7) >> 3,
      pairs = (K + 1) >> 1;
    const wBytes = P * pairs * 32,
      colBytes = 32 * P;
    let wp = 0,
      csp = 0,
      bp = 0;
    return {
      bytes: wBytes + 2 * colBytes,
      pack: (mem, base) => {
        wp = base;
        csp = wp + wBytes;
        bp = csp + colBytes;
        // Pair panels (src/as/gemm-int.ts): pair j of panel p holds [w(2j, n), w(2j+1, n)] for its 8 columns n.
        const dst = new Int16Array(mem, wp, wBytes / 2),
          src = w.data as Int8Array;
        dst.fill(0); // the padding past N and K
        for (let n = 0; n < N; n++)
          for (let k = 0; k < K; k++) dst[((n >> 3) * pairs + (k >> 1)) * 16 + (n & 7) * 2 + (k & 1)] = src[n * K + k];
        writeColumns(mem, csp, P, scales);
        if (bias) writeColumns(mem, bp, P, bias.data as Float32Array);
      },
      gemm: (q, ldq, rowScale, scaleStride, y, N2, M) =>
        this.ex.gemmInt(q, ldq, rowScale, scaleStride, wp, csp, bias ? bp : 0, y, N2, M, N2, 2 * pairs),
    };
  }

  /**
   * `count` constant weight matrices of K×N (element (m, k, n) at w.data[index(m, k, n)]; columns are
   * output channels) in 8-column panels, and the GEMM on matrix m. Weights behind a folded DEQUANTIZE
   * are kept as int8 panels with a per-column scale and zero point (gemmPackedQ widens them per panel
   * to exactly DEQUANTIZE's values); other float weights as float panels (gemmPacked).
   */
  private panels(
    w: RtTensor,
    count: number,
    K: number,
    N: number,
    index: (m: number, k: number, n: number) => number,
  ): PanelSet {
    const ex = this.ex,
      P = (N + 7) >> 3,
      per = P * K * 8; // elements per packed matrix
    // Panel p holds columns 8p..8p+7 for k = 0..K−1 contiguously: element (k, n) at ((n >> 3)·K + k)·8 + (n & 7).
    const fill = (dst: Int8Array | Float32Array, src: ArrayLike<number>) => {
      for (let m = 0; m < count; m++)
        for (let n = 0; n < N; n++)
          for (let k = 0; k < K; k++) dst[m * per + ((n >> 3) * K + k) * 8 + (n & 7)] = src[index(m, k, n)];
    };
    if (!narrowWeights(w, N)) {
      let wp = 0;
      return {
        bytes: 4 * count * per,
        scratch: 0,
        pack: (mem, base) => {
          wp = base;
          fill(new Float32Array(mem, base, count * per), w.data);
        },
        gemm: (m, a, lda, y, ldy, M, acc) => ex.gemmPacked(a, lda, wp + 4 * m * per, y, ldy, M, N, K, acc),
      };
    }
    const qBytes = Math.ceil((count * per) / 16) * 16;
    let qp = 0,
      sp = 0,
      zp = 0,
      scratch = 0;
    return {
      bytes: qBytes + 4 * 16 * P, // int8 panels, scales and zero points (8P each)
      scratch: 4 * 8 * K, // one widened panel
      pack: (mem, base, shared) => {
        qp = base;
        sp = qp + qBytes;
        zp = sp + 32 * P;
        scratch = shared;
        const nw = narrowWeights(w, N)!;
        fill(new Int8Array(mem, qp, count * per), nw.q);
        writeColumns(mem, sp, P, nw.scale);
        writeColumns(mem, zp, P, nw.zp);
      },
      gemm: (m, a, lda, y, ldy, M, acc) => ex.gemmPackedQ(a, lda, qp + m * per, sp, zp, y, ldy, M, N, K, acc, scratch),
    };
  }

  /** FULLY_CONNECTED: y = x·Wᵀ on the panels, then bias and fused activation. */
  private fc(ctx: OpCtx): WasmStep | null {
    const w = ctx.inputs[1] as RtTensor,
      b = ctx.inputs[2];
    if (w.type === TensorType.INT8) return this.hybridFc(ctx);
    if (w.type !== TensorType.FLOAT32 || !w.isConst || (b && !b.isConst)) return null;
    const [N, K] = w.shape,
      x = ctx.inputs[0] as RtTensor,
      y = ctx.outputs[0];
    const act = ctx.op.options.fused_activation_function | 0;
    const ws = this.panels(w, 1, K, N, (_m, k, n) => n * K + k);
    let bp = 0;
    return {
      bytes: ws.bytes + 4 * N,
      scratch: ws.scratch,
      pack: (mem, base, scratch) => {
        ws.pack(mem, base, scratch);
        bp = base + ws.bytes;
        if (b) new Float32Array(mem, bp, N).set(b.data as Float32Array);
      },
      run: () => {
        const M = x.data.length / K;
        ws.gemm(0, x.data.byteOffset, K, y.data.byteOffset, N, M, 0);
        if (b || act) this.ex.biasAct(y.data.byteOffset, N, M, N, b ? bp : 0, act);
      },
    };
  }

  /** 1-D CONV_2D (k×1 filters, stride and dilation 1): one C×O panel set per tap ky, accumulated tap by tap. */
  private conv1d(ctx: OpCtx): WasmStep | null {
    const x = ctx.inputs[0] as RtTensor,
      w = ctx.inputs[1] as RtTensor,
      b = ctx.inputs[2],
      y = ctx.outputs[0];
    const o = ctx.op.options;
    const [B, H, W, C] = x.shape,
      [O, KH, KW] = w.shape;
    if (!w.isConst || (b && !b.isConst)) return null;
    if (
      B !== 1 ||
      W !== 1 ||
      KW !== 1 ||
      o.stride_h !== 1 ||
      o.stride_w !== 1 ||
      o.dilation_h_factor !== 1 ||
      y.shape[2] !== 1
    )
      return null;
    if (!isState<Conv2DState>(ctx.state, 'conv-2d')) return null;
    if (ctx.state.scales) return this.hybridConv1d(ctx, ctx.state);
    if (w.type !== TensorType.FLOAT32) return null;
    const OH = y.shape[1],
      padT = ctx.state.padT;
    const act = o.fused_activation_function | 0;
    const ws = this.panels(w, KH, C, O, (ky, c, oc) => (oc * KH + ky) * C + c);
    let bp = 0;
    return {
      bytes: ws.bytes + 4 * O,
      scratch: ws.scratch,
      pack: (mem, base, scratch) => {
        ws.pack(mem, base, scratch);
        bp = base + ws.bytes;
        if (b) new Float32Array(mem, bp, O).set(b.data as Float32Array);
      },
      run: () => {
        const yd = y.data as Float32Array;
        yd.fill(0);
        // Per tap ky (ascending), the output rows whose input row exists (padding taps skipped).
        for (let ky = 0; ky < KH; ky++) {
          const oy0 = Math.max(0, padT - ky),
            oy1 = Math.min(OH, H + padT - ky);
          if (oy1 <= oy0) continue;
          const iy0 = oy0 - padT + ky;
          ws.gemm(ky, x.data.byteOffset + 4 * iy0 * C, C, yd.byteOffset + 4 * oy0 * O, O, oy1 - oy0, 1);
        }
        if (b || act) this.ex.biasAct(yd.byteOffset, O, OH, O, b ? bp : 0, act);
      },
    };
  }

  private bmm(ctx: OpCtx): WasmStep | null {
    const at = ctx.inputs[0] as RtTensor,
      bt = ctx.inputs[1] as RtTensor,
      yt = ctx.outputs[0];
    if (!isState<BatchMatMulState>(ctx.state, 'batch-matmul') || ctx.state.quantized) return null;
    const { M, N, K, batch, aBatch, bBatch, aStr, bStr, nb } = ctx.state;
    const { adj_x, adj_y } = ctx.op.options;
    if (at.isConst || bt.isConst) return null; // constant operands stay in JS memory: JS kernel
    let scratchA = 0,
      scratchB = 0;
    return {
      bytes: 0,
      scratch: 4 * ((adj_x ? M * K : 0) + ((N + 7) >> 3) * K * 8),
      pack: (_mem, _base, scratch) => {
        scratchA = scratch;
        scratchB = scratch + 4 * (adj_x ? M * K : 0);
      },
      run: () => {
        for (let bi = 0; bi < nb; bi++) {
          const [ao, bo] = batchOffsets(bi, batch, aBatch, bBatch, aStr, bStr);
          let pa = at.data.byteOffset + 4 * ao * M * K,
            pb = bt.data.byteOffset + 4 * bo * K * N;
          if (adj_x) {
            this.ex.transpose(pa, M, scratchA, K, K, M);
            pa = scratchA;
          }
          // B into 8-column panels (from [N][K] when adj_y, else from [K][N]).
          if (adj_y) this.ex.packPanelsT(pb, K, scratchB, K, N);
          else this.ex.packPanels(pb, N, scratchB, K, N);
          this.ex.gemmPacked(pa, K, scratchB, yt.data.byteOffset + 4 * bi * M * N, N, M, N, K, 0);
        }
      },
    };
  }
}

/** The op's first input when it is a float32 activation (the element-wise steps' common precondition). */
function floatActivation(ctx: OpCtx): RtTensor | null {
  const x = ctx.inputs[0];
  return x && !x.isConst && x.type === TensorType.FLOAT32 ? x : null;
}
