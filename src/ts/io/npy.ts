// NumPy .npy (format 1.0/2.0/3.0) reader and writer for 1-D/2-D arrays of
// float32, float64, int16, int32, uint8 and int8 (little- or big-endian).
import { FormatError, SignalError } from '../errors.js';
import { MAX_CSV_COLUMNS } from './csv.js';

export type NpyData = Float32Array | Float64Array | Int16Array | Int32Array | Uint8Array | Int8Array;
export interface NpyArray {
  shape: number[];
  dtype: string;
  data: NpyData;
  fortranOrder: boolean;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

const DTYPES: Record<
  string,
  { size: number; make: (n: number) => NpyData; get: (dv: DataView, o: number, le: boolean) => number }
> = {
  f4: { size: 4, make: (n) => new Float32Array(n), get: (d, o, le) => d.getFloat32(o, le) },
  f8: { size: 8, make: (n) => new Float64Array(n), get: (d, o, le) => d.getFloat64(o, le) },
  i2: { size: 2, make: (n) => new Int16Array(n), get: (d, o, le) => d.getInt16(o, le) },
  i4: { size: 4, make: (n) => new Int32Array(n), get: (d, o, le) => d.getInt32(o, le) },
  u1: { size: 1, make: (n) => new Uint8Array(n), get: (d, o) => d.getUint8(o) },
  i1: { size: 1, make: (n) => new Int8Array(n), get: (d, o) => d.getInt8(o) },
};

const MAX_DIM = 2 ** 31 - 1;

export function parseNpy(bytes: Uint8Array, file = 'array.npy'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((m, i) => bytes[i] !== m))
    throw new FormatError(file, 'not a .npy file (bad magic)');
  const major = bytes[6];
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let hlen: number, hstart: number;
  if (major === 1) {
    hlen = dv.getUint16(8, true);
    hstart = 10;
  } else if (major === 2 || major === 3) {
    if (bytes.length < 12) throw new FormatError(file, 'truncated header');
    hlen = dv.getUint32(8, true);
    hstart = 12;
  } else throw new FormatError(file, `unsupported .npy version ${major}`);
  if (hstart + hlen > bytes.length) throw new FormatError(file, 'truncated header');
  let header = '';
  for (let i = 0; i < hlen; i++) header += String.fromCharCode(bytes[hstart + i]);
  const descr = /'descr'\s*:\s*'([<>|=]?)([a-z]\d+)'/.exec(header);
  const fo = /'fortran_order'\s*:\s*(True|False)/.exec(header);
  const sh = /'shape'\s*:\s*\(([^)]*)\)/.exec(header);
  if (!descr || !fo || !sh) throw new FormatError(file, `malformed header '${header.trim()}'`);
  const dt = DTYPES[descr[2]];
  if (!dt) throw new FormatError(file, `unsupported dtype '${descr[2]}' (float32, float64, int16, int32, uint8, int8)`);
  const shape = sh[1]
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map(Number);
  // Every dimension is bounded by what a file can hold, even when another dimension is 0 (shape (0, 1e8)
  // would otherwise make a reader loop over 1e8 empty columns).
  if (shape.length > 8 || shape.some((d) => !Number.isInteger(d) || d < 0 || d > MAX_DIM))
    throw new FormatError(file, `bad shape (${sh[1]})`);
  const count = shape.reduce((a, b) => a * b, 1);
  const start = hstart + hlen;
  if (start + count * dt.size > bytes.length) {
    throw new FormatError(
      file,
      `truncated data: shape (${shape.join(', ')}) needs ${count * dt.size} bytes, ${bytes.length - start} present`,
    );
  }
  const le = descr[1] !== '>';
  const data = dt.make(count);
  for (let i = 0; i < count; i++) data[i] = dt.get(dv, start + i * dt.size, le);
  return { shape, dtype: descr[2], data, fortranOrder: fo[1] === 'True' };
}

const DESCR: [new (n: number) => NpyData, string][] = [
  [Float32Array, '<f4'],
  [Float64Array, '<f8'],
  [Int16Array, '<i2'],
  [Int32Array, '<i4'],
  [Uint8Array, '|u1'],
  [Int8Array, '|i1'],
];

export function writeNpy(data: NpyData, shape: number[] = [data.length]): Uint8Array {
  const count = shape.reduce((a, b) => a * b, 1);
  if (count !== data.length)
    throw new RangeError(`writeNpy: shape (${shape}) holds ${count} values, data has ${data.length}`);
  const d = DESCR.find(([C]) => data instanceof C);
  if (!d) throw new TypeError('writeNpy: unsupported array type');
  const shp = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  let header = `{'descr': '${d[1]}', 'fortran_order': False, 'shape': ${shp}, }`;
  const pad = 64 - ((10 + header.length + 1) % 64);
  header += ' '.repeat(pad % 64) + '\n';
  const out = new Uint8Array(10 + header.length + data.byteLength);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  new DataView(out.buffer).setUint16(8, header.length, true);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  // Typed arrays are little-endian on every platform JS runs on in practice; write explicitly anyway.
  const dv = new DataView(out.buffer, 10 + header.length);
  const sz = data.BYTES_PER_ELEMENT;
  for (let i = 0; i < data.length; i++) {
    const v = data[i],
      o = i * sz;
    if (data instanceof Float32Array) dv.setFloat32(o, v, true);
    else if (data instanceof Float64Array) dv.setFloat64(o, v, true);
    else if (data instanceof Int16Array) dv.setInt16(o, v, true);
    else if (data instanceof Int32Array) dv.setInt32(o, v, true);
    else if (data instanceof Uint8Array) dv.setUint8(o, v);
    else dv.setInt8(o, v);
  }
  return out;
}

/** Column `col` of a 1-D or 2-D (rows = samples) array as float64. */
export function npyColumn(a: NpyArray, col = 0, file = 'array.npy'): Float64Array {
  if (a.shape.length === 1) {
    if (col !== 0) throw new FormatError(file, `column ${col} requested from a 1-D array`);
    return Float64Array.from(a.data as ArrayLike<number>);
  }
  if (a.shape.length !== 2)
    throw new FormatError(file, `expected a 1-D or 2-D array, got shape (${a.shape.join(', ')})`);
  const [r, c] = a.shape;
  if (col < 0 || col >= c) throw new FormatError(file, `column ${col} out of range (${c} columns)`);
  const out = new Float64Array(r);
  for (let i = 0; i < r; i++) out[i] = a.fortranOrder ? a.data[col * r + i] : a.data[i * c + col];
  return out;
}

/**
 * The leads of an array used as a recording (rows = samples, columns = leads): their names ('0', '1', …),
 * after checking that it holds samples and at most MAX_CSV_COLUMNS leads. Shared by the CLI and the web page.
 */
export function npyLeadNames(a: NpyArray, file = 'array.npy'): string[] {
  const cols = a.shape.length === 2 ? a.shape[1] : 1;
  const rows = a.shape.length === 0 ? 1 : a.shape[0];
  if (rows === 0 || cols === 0)
    throw new SignalError(`${file}: the array holds no samples (shape (${a.shape.join(', ')}))`);
  if (cols > MAX_CSV_COLUMNS) throw new FormatError(file, `${cols} columns; at most ${MAX_CSV_COLUMNS} leads are read`);
  return Array.from({ length: cols }, (_, k) => String(k));
}
