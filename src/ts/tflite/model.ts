// `.tflite` reader: turns the flatbuffer into plain objects (tensors, operators with
// decoded options, buffers as views into the file, signatures), validating as it goes.
import { ModelError } from '../errors.js';
import { FbReader, type FbTable } from './flatbuffer.js';
import { OP_NAMES, OPTION_SPECS, TENSOR_TYPE_NAMES, type OpName } from './schema.js';

export interface Quantization {
  scale: number[];
  zeroPoint: number[];
  quantizedDimension: number;
}
export interface TensorInfo {
  index: number;
  name: string;
  shape: number[];
  type: number;
  buffer: number;
  quantization: Quantization | null;
  isVariable: boolean;
}
export interface OperatorInfo {
  index: number;
  builtinCode: number;
  opName: OpName | null;
  version: number;
  customCode: string;
  inputs: number[];
  outputs: number[];
  options: Record<string, any>;
}
export interface SubgraphInfo {
  name: string;
  tensors: TensorInfo[];
  inputs: number[];
  outputs: number[];
  operators: OperatorInfo[];
}
export interface SignatureInfo {
  key: string;
  subgraph: number;
  inputs: { name: string; tensor: number }[];
  outputs: { name: string; tensor: number }[];
}
export interface TfliteModel {
  version: number;
  description: string;
  subgraphs: SubgraphInfo[];
  buffers: (Uint8Array | null)[];
  signatures: SignatureInfo[];
  operatorCodes: { builtinCode: number; version: number; customCode: string }[];
  /** Named metadata buffers (Model.metadata): e.g. the numerics hint of engine/numerics.ts. */
  metadata: { name: string; data: Uint8Array | null }[];
}

const MAX_RANK = 8;

function readOptions(op: FbTable, name: OpName | null, where: string): Record<string, any> {
  const spec = name ? OPTION_SPECS[name] : undefined;
  const out: Record<string, any> = {};
  if (!spec) return out;
  const t = op.has(4) ? op.table(4, `${where} options`) : null;
  for (const [key, idx, kind, def] of spec.fields) {
    if (!t) {
      out[key] = def;
      continue;
    }
    switch (kind) {
      case 'i32':
        out[key] = t.i32(idx, def as number);
        break;
      case 'u8':
        out[key] = t.u8(idx, def as number);
        break;
      case 'i8':
        out[key] = t.i8(idx, def as number);
        break;
      case 'bool':
        out[key] = t.bool(idx, def as boolean);
        break;
      case 'f32':
        out[key] = t.f32(idx, def as number);
        break;
      case 'i32s':
        out[key] = t.has(idx) ? t.i32s(idx, `${where} ${key}`) : def;
        break;
    }
  }
  return out;
}

export function readTflite(bytes: Uint8Array): TfliteModel {
  if (!(bytes instanceof Uint8Array)) throw new ModelError('model must be a Uint8Array');
  if (bytes.length < 8) throw new ModelError(`file too short to be a .tflite model (${bytes.length} bytes)`);
  const ident = String.fromCharCode(bytes[4], bytes[5], bytes[6], bytes[7]);
  if (ident !== 'TFL3')
    throw new ModelError(`not a TFLite model: file identifier '${ident.replace(/[^ -~]/g, '?')}' (expected 'TFL3')`);
  const r = new FbReader(bytes);
  const root = r.table(r.deref(0, 'root'), 'Model');
  const version = root.u32(0, 0);
  if (version !== 3) throw new ModelError(`unsupported schema version ${version} (expected 3)`);

  const operatorCodes = root.tables(1, 'operator_codes').map((t) => {
    const dep = t.i8(0, 0);
    const code = t.i32(3, 0);
    return { builtinCode: Math.max(dep, code), version: t.i32(2, 1), customCode: t.string(1, 'custom_code') };
  });

  const buffers = root.tables(4, 'buffers').map((t, i) => {
    const data = t.bytesOf(0, `buffer ${i}`);
    if (data && data.length) return data;
    const off = t.u64(1, 0),
      size = t.u64(2, 0);
    if (off > 1 && size > 0) {
      r.check(off, size, `buffer ${i} (external offset)`);
      return bytes.subarray(off, off + size);
    }
    return null;
  });

  const subgraphs = root.tables(2, 'subgraphs').map((sg, si) => {
    const tensors: TensorInfo[] = sg.tables(0, `subgraph ${si} tensors`).map((t, ti) => {
      const where = `tensor ${ti}`;
      const shape = t.i32s(0, `${where} shape`);
      if (shape.length > MAX_RANK) throw new ModelError(`${where}: rank ${shape.length} exceeds ${MAX_RANK}`);
      const type = t.i8(1, 0);
      if (type < 0 || type >= TENSOR_TYPE_NAMES.length) throw new ModelError(`${where}: unknown tensor type ${type}`);
      const buffer = t.u32(2, 0);
      if (buffer >= buffers.length && buffers.length > 0)
        throw new ModelError(`${where}: buffer index ${buffer} out of range (${buffers.length} buffers)`);
      const q = t.table(4, `${where} quantization`);
      let quantization: Quantization | null = null;
      if (q) {
        const scale = q.f32s(2, `${where} scale`);
        const zeroPoint = q.i64s(3, `${where} zero_point`);
        if (scale.length) quantization = { scale, zeroPoint, quantizedDimension: q.i32(6, 0) };
      }
      return {
        index: ti,
        name: t.string(3, `${where} name`),
        shape,
        type,
        buffer,
        quantization,
        isVariable: t.bool(5, false),
      };
    });
    const nT = tensors.length;
    const idxList = (list: number[], where: string, allowOptional: boolean) => {
      for (const i of list) {
        if (i === -1 && allowOptional) continue;
        if (!(i >= 0 && i < nT)) throw new ModelError(`${where}: tensor index ${i} out of range (${nT} tensors)`);
      }
      return list;
    };
    const operators: OperatorInfo[] = sg.tables(3, `subgraph ${si} operators`).map((op, oi) => {
      const where = `operator ${oi}`;
      const ci = op.u32(0, 0);
      if (ci >= operatorCodes.length)
        throw new ModelError(`${where}: opcode index ${ci} out of range (${operatorCodes.length} codes)`);
      const oc = operatorCodes[ci];
      const opName = OP_NAMES[oc.builtinCode] ?? null;
      return {
        index: oi,
        builtinCode: oc.builtinCode,
        opName,
        version: oc.version,
        customCode: oc.customCode,
        inputs: idxList(op.i32s(1, `${where} inputs`), where, true),
        outputs: idxList(op.i32s(2, `${where} outputs`), where, false),
        options: readOptions(op, opName, where),
      };
    });
    return {
      name: sg.string(4, 'subgraph name'),
      tensors,
      inputs: idxList(sg.i32s(1, `subgraph ${si} inputs`), `subgraph ${si} inputs`, false),
      outputs: idxList(sg.i32s(2, `subgraph ${si} outputs`), `subgraph ${si} outputs`, false),
      operators,
    };
  });
  if (subgraphs.length === 0) throw new ModelError('model has no subgraph');

  const signatures = root.tables(7, 'signature_defs').map((s, i) => {
    const maps = (k: number, w: string) =>
      s.tables(k, `signature ${i} ${w}`).map((m) => ({ name: m.string(0, 'name'), tensor: m.u32(1, 0) }));
    return {
      key: s.string(2, 'signature_key'),
      subgraph: s.u32(4, 0),
      inputs: maps(0, 'inputs'),
      outputs: maps(1, 'outputs'),
    };
  });
  const metadata = root.tables(6, 'metadata').map((m, i) => {
    const b = m.u32(1, 0);
    if (b >= buffers.length) throw new ModelError(`metadata ${i}: buffer index ${b} out of range`);
    return { name: m.string(0, 'metadata name'), data: buffers[b] };
  });
  return {
    version,
    description: root.string(3, 'description'),
    subgraphs,
    buffers,
    signatures,
    operatorCodes,
    metadata,
  };
}
