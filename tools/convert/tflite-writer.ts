// A small graph builder that writes `.tflite` flatbuffers (schema version 3) with the
// `flatbuffers` Builder: tensors, constant buffers (16-byte aligned), per-channel int8
// weight quantisation, ops with builtin options and one signature def.
import * as flatbuffers from 'flatbuffers';
import { Op, OPTION_SPECS, TensorType, type OpName } from '../../src/ts/tflite/schema.js';

export interface QuantSpec {
  scale: number[];
  zeroPoint: number[];
  quantizedDimension: number;
}
interface TensorDef {
  name: string;
  shape: number[];
  type: number;
  buffer: number;
  quant?: QuantSpec;
}
interface OpDef {
  name: OpName;
  inputs: number[];
  outputs: number[];
  options: Record<string, any>;
  version: number;
}

/** Op versions written by default (BROADCAST_TO must be ≥ 2 for LiteRT). */
const DEFAULT_VERSIONS: Partial<Record<OpName, number>> = { BROADCAST_TO: 2, DEQUANTIZE: 2 };

export class GraphBuilder {
  private tensors: TensorDef[] = [];
  private buffers: (Uint8Array | null)[] = [null]; // buffer 0 is the empty sentinel
  private meta: { name: string; buffer: number }[] = [];
  private ops: OpDef[] = [];
  private inputs: number[] = [];
  private outputs: number[] = [];
  private inputNames: string[] = [];
  private outputNames: string[] = [];

  tensor(name: string, shape: number[], type: number = TensorType.FLOAT32): number {
    this.tensors.push({ name, shape: shape.slice(), type, buffer: 0 });
    return this.tensors.length - 1;
  }
  input(name: string, shape: number[], type: number = TensorType.FLOAT32): number {
    const t = this.tensor(name, shape, type);
    this.inputs.push(t);
    this.inputNames.push(name);
    return t;
  }
  output(t: number, name = this.tensors[t].name): void {
    this.outputs.push(t);
    this.outputNames.push(name);
  }

  private constBytes(name: string, shape: number[], type: number, bytes: Uint8Array, quant?: QuantSpec): number {
    this.buffers.push(bytes);
    this.tensors.push({ name, shape: shape.slice(), type, buffer: this.buffers.length - 1, quant });
    return this.tensors.length - 1;
  }
  constF32(name: string, shape: number[], data: ArrayLike<number>): number {
    return this.constBytes(name, shape, TensorType.FLOAT32, new Uint8Array(Float32Array.from(data).buffer));
  }
  constI32(name: string, shape: number[], data: ArrayLike<number>): number {
    return this.constBytes(name, shape, TensorType.INT32, new Uint8Array(Int32Array.from(data).buffer));
  }
  /** Raw int8 constant with explicit quantisation parameters. */
  constI8(name: string, shape: number[], data: Int8Array, quant: QuantSpec): number {
    return this.constBytes(
      name,
      shape,
      TensorType.INT8,
      new Uint8Array(data.buffer, data.byteOffset, data.byteLength).slice(),
      quant,
    );
  }
  /**
   * Symmetric per-channel int8 quantisation of float weights along `axis`:
   * scale_c = max|w_c| / 127 (1 if the channel is all zero), q = clamp(round(w / scale_c), −127, 127).
   */
  constI8PerChannel(name: string, shape: number[], w: ArrayLike<number>, axis = 0): number {
    const C = shape[axis];
    const inner = shape.slice(axis + 1).reduce((a, b) => a * b, 1);
    const scale = new Array(C).fill(0);
    for (let i = 0; i < w.length; i++) {
      const c = Math.floor(i / inner) % C;
      scale[c] = Math.max(scale[c], Math.abs(w[i]));
    }
    const sc = scale.map((m) => Math.fround(m > 0 ? m / 127 : 1));
    const q = new Int8Array(w.length);
    for (let i = 0; i < w.length; i++) {
      const c = Math.floor(i / inner) % C;
      q[i] = Math.max(-127, Math.min(127, Math.round(w[i] / sc[c])));
    }
    return this.constI8(name, shape, q, { scale: sc, zeroPoint: new Array(C).fill(0), quantizedDimension: axis });
  }
  /** Per-channel int8 weights (constI8PerChannel) behind a DEQUANTIZE: the float32 tensor it yields. */
  constI8Dequantized(name: string, shape: number[], w: ArrayLike<number>, axis = 0): number {
    const q = this.constI8PerChannel(name, shape, w, axis);
    const deq = this.tensor(`${name}_dequant`, shape);
    this.op('DEQUANTIZE', [q], [deq]);
    return deq;
  }
  op(name: OpName, inputs: number[], outputs: number[], options: Record<string, any> = {}, version?: number): void {
    this.ops.push({ name, inputs, outputs, options, version: version ?? DEFAULT_VERSIONS[name] ?? 1 });
  }
  shapeOf(t: number): number[] {
    return this.tensors[t].shape.slice();
  }

  /** A named metadata buffer (Model.metadata). */
  metadata(name: string, data: Uint8Array): void {
    this.buffers.push(data);
    this.meta.push({ name, buffer: this.buffers.length - 1 });
  }

  finish(description = 'openecg'): Uint8Array {
    const b = new flatbuffers.Builder(1 << 20);
    const vecI32 = (xs: number[]) => {
      b.startVector(4, xs.length, 4);
      for (let i = xs.length - 1; i >= 0; i--) b.addInt32(xs[i]);
      return b.endVector();
    };
    const vecF32 = (xs: number[]) => {
      b.startVector(4, xs.length, 4);
      for (let i = xs.length - 1; i >= 0; i--) b.addFloat32(xs[i]);
      return b.endVector();
    };
    const vecI64 = (xs: number[]) => {
      b.startVector(8, xs.length, 8);
      for (let i = xs.length - 1; i >= 0; i--) b.addInt64(BigInt(xs[i]));
      return b.endVector();
    };
    const vecOff = (xs: number[]) => {
      b.startVector(4, xs.length, 4);
      for (let i = xs.length - 1; i >= 0; i--) b.addOffset(xs[i]);
      return b.endVector();
    };

    // Buffers (data aligned to 16 bytes).
    const bufOffs = this.buffers.map((d) => {
      let data = 0;
      if (d && d.length) {
        b.startVector(1, d.length, 16);
        for (let i = d.length - 1; i >= 0; i--) b.addInt8(d[i]);
        data = b.endVector();
      }
      b.startObject(3);
      if (data) b.addFieldOffset(0, data, 0);
      return b.endObject();
    });
    // Operator codes.
    const codes: { name: OpName; version: number }[] = [];
    const codeIndex = (o: OpDef) => {
      let i = codes.findIndex((c) => c.name === o.name && c.version === o.version);
      if (i < 0) {
        codes.push({ name: o.name, version: o.version });
        i = codes.length - 1;
      }
      return i;
    };
    const opCodeIdx = this.ops.map(codeIndex);
    const codeOffs = codes.map((c) => {
      const code = Op[c.name];
      b.startObject(4);
      b.addFieldInt8(0, Math.min(code, 127), 0);
      b.addFieldInt32(2, c.version, 1);
      b.addFieldInt32(3, code, 0);
      return b.endObject();
    });
    // Tensors.
    const tensorOffs = this.tensors.map((t) => {
      const name = b.createString(t.name);
      const shape = vecI32(t.shape);
      let q = 0;
      if (t.quant) {
        const sc = vecF32(t.quant.scale),
          zp = vecI64(t.quant.zeroPoint);
        b.startObject(7);
        b.addFieldOffset(2, sc, 0);
        b.addFieldOffset(3, zp, 0);
        b.addFieldInt32(6, t.quant.quantizedDimension, 0);
        q = b.endObject();
      }
      b.startObject(8);
      b.addFieldOffset(0, shape, 0);
      b.addFieldInt8(1, t.type, 0);
      b.addFieldInt32(2, t.buffer, 0);
      b.addFieldOffset(3, name, 0);
      if (q) b.addFieldOffset(4, q, 0);
      return b.endObject();
    });
    // Operators with options.
    const opOffs = this.ops.map((o, k) => {
      const spec = OPTION_SPECS[o.name];
      let opt = 0;
      if (spec) {
        const vecs: Record<string, number> = {};
        for (const [key, , kind] of spec.fields)
          if (kind === 'i32s' && o.options[key] !== undefined) vecs[key] = vecI32(o.options[key]);
        b.startObject(
          Math.max(
            1,
            spec.fields.reduce((m, f) => Math.max(m, f[1] + 1), 0),
          ),
        );
        for (const [key, idx, kind, def] of spec.fields) {
          const v = o.options[key];
          if (v === undefined) continue;
          if (kind === 'i32') b.addFieldInt32(idx, v, def as number);
          else if (kind === 'i8' || kind === 'u8') b.addFieldInt8(idx, v, def as number);
          else if (kind === 'bool') b.addFieldInt8(idx, v ? 1 : 0, def ? 1 : 0);
          else if (kind === 'f32') b.addFieldFloat32(idx, v, def as number);
          else if (kind === 'i32s') b.addFieldOffset(idx, vecs[key], 0);
        }
        opt = b.endObject();
      }
      const ins = vecI32(o.inputs),
        outs = vecI32(o.outputs);
      b.startObject(5);
      b.addFieldInt32(0, opCodeIdx[k], 0);
      b.addFieldOffset(1, ins, 0);
      b.addFieldOffset(2, outs, 0);
      if (spec) {
        b.addFieldInt8(3, spec.type, 0);
        b.addFieldOffset(4, opt, 0);
      }
      return b.endObject();
    });
    const sgTensors = vecOff(tensorOffs),
      sgIn = vecI32(this.inputs),
      sgOut = vecI32(this.outputs),
      sgOps = vecOff(opOffs);
    const sgName = b.createString('main');
    b.startObject(5);
    b.addFieldOffset(0, sgTensors, 0);
    b.addFieldOffset(1, sgIn, 0);
    b.addFieldOffset(2, sgOut, 0);
    b.addFieldOffset(3, sgOps, 0);
    b.addFieldOffset(4, sgName, 0);
    const sg = b.endObject();
    // Signature def.
    const tmap = (name: string, t: number) => {
      const n = b.createString(name);
      b.startObject(2);
      b.addFieldOffset(0, n, 0);
      b.addFieldInt32(1, t, 0);
      return b.endObject();
    };
    const sIn = vecOff(this.inputs.map((t, i) => tmap(this.inputNames[i], t)));
    const sOut = vecOff(this.outputs.map((t, i) => tmap(this.outputNames[i], t)));
    const key = b.createString('serving_default');
    b.startObject(5);
    b.addFieldOffset(0, sIn, 0);
    b.addFieldOffset(1, sOut, 0);
    b.addFieldOffset(2, key, 0);
    b.addFieldInt32(4, 0, 0);
    const sig = b.endObject();

    // Metadata only when there is some (files without it keep their bytes).
    const metaV = this.meta.length
      ? vecOff(
          this.meta.map((m) => {
            const n = b.createString(m.name);
            b.startObject(2);
            b.addFieldOffset(0, n, 0);
            b.addFieldInt32(1, m.buffer, 0);
            return b.endObject();
          }),
        )
      : 0;
    const codesV = vecOff(codeOffs),
      sgsV = vecOff([sg]),
      desc = b.createString(description),
      bufsV = vecOff(bufOffs),
      sigsV = vecOff([sig]);
    b.startObject(8);
    b.addFieldInt32(0, 3, 0);
    b.addFieldOffset(1, codesV, 0);
    b.addFieldOffset(2, sgsV, 0);
    b.addFieldOffset(3, desc, 0);
    b.addFieldOffset(4, bufsV, 0);
    if (this.meta.length) b.addFieldOffset(6, metaV, 0);
    b.addFieldOffset(7, sigsV, 0);
    const root = b.endObject();
    b.finish(root, 'TFL3');
    return b.asUint8Array().slice();
  }
}
