// Bounds-checked flatbuffer access over a DataView. Every offset read from the file is
// validated before use, so a truncated or hostile file ends in a ModelError naming
// what was being read — never a RangeError, a huge allocation or a loop.
import { ModelError } from '../errors.js';

/**
 * Total vector elements a reader hands out, as a multiple of the file's size. A well-formed file references
 * each vector once, so it decodes at most its own size; a hostile one can point thousands of tables at one
 * large vector, which would otherwise cost memory and time far beyond the file (a 4 MB file reached 3 GB).
 */
export const DECODE_BUDGET_PER_BYTE = 2;

export class FbReader {
  readonly bytes: Uint8Array;
  private readonly dv: DataView;
  private decoded = 0;
  private readonly budget: number;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.budget = DECODE_BUDGET_PER_BYTE * bytes.length + 65536;
  }
  /** Counts `n` decoded elements against the budget (ModelError past it). */
  spend(n: number, what: string): void {
    this.decoded += n;
    if (this.decoded > this.budget) {
      throw new ModelError(
        `${what}: the file's vectors decode to more than ${this.budget} elements ` +
          `(${DECODE_BUDGET_PER_BYTE} per file byte) — vectors shared by many tables`,
      );
    }
  }
  get length(): number {
    return this.bytes.length;
  }

  check(pos: number, size: number, what: string): void {
    if (!(pos >= 0) || pos + size > this.bytes.length || Math.floor(pos) !== pos) {
      throw new ModelError(`${what}: offset ${pos} (+${size}) is outside the file (${this.bytes.length} bytes)`);
    }
  }
  u8(p: number, what: string): number {
    this.check(p, 1, what);
    return this.dv.getUint8(p);
  }
  i8(p: number, what: string): number {
    this.check(p, 1, what);
    return this.dv.getInt8(p);
  }
  u16(p: number, what: string): number {
    this.check(p, 2, what);
    return this.dv.getUint16(p, true);
  }
  i32(p: number, what: string): number {
    this.check(p, 4, what);
    return this.dv.getInt32(p, true);
  }
  u32(p: number, what: string): number {
    this.check(p, 4, what);
    return this.dv.getUint32(p, true);
  }
  f32(p: number, what: string): number {
    this.check(p, 4, what);
    return this.dv.getFloat32(p, true);
  }
  i64(p: number, what: string): number {
    this.check(p, 8, what);
    const lo = this.dv.getUint32(p, true),
      hi = this.dv.getInt32(p + 4, true);
    return hi * 4294967296 + lo;
  }
  u64(p: number, what: string): number {
    this.check(p, 8, what);
    return this.dv.getUint32(p + 4, true) * 4294967296 + this.dv.getUint32(p, true);
  }

  /** Table at `pos`: returns an accessor for its fields. */
  table(pos: number, what: string): FbTable {
    const soff = this.i32(pos, what);
    const vt = pos - soff;
    const vtSize = this.u16(vt, `${what} vtable`);
    const tSize = this.u16(vt + 2, `${what} vtable`);
    if (vtSize < 4 || vtSize % 2 !== 0) throw new ModelError(`${what}: bad vtable size ${vtSize}`);
    this.check(vt, vtSize, `${what} vtable`);
    this.check(pos, tSize, `${what} table`);
    return new FbTable(this, pos, vt, vtSize, tSize, what);
  }
  /** The position an offset field at `p` points to. */
  deref(p: number, what: string): number {
    const t = p + this.u32(p, what);
    this.check(t, 4, what);
    return t;
  }
}

export class FbTable {
  constructor(
    readonly r: FbReader,
    readonly pos: number,
    private vt: number,
    private vtSize: number,
    private tSize: number,
    readonly what: string,
  ) {}

  /** Absolute position of field `i`, or 0 when absent. */
  field(i: number, size: number): number {
    const o = 4 + 2 * i;
    if (o >= this.vtSize) return 0;
    const off = this.r.u16(this.vt + o, this.what);
    if (off === 0) return 0;
    if (off + size > this.tSize) throw new ModelError(`${this.what}: field ${i} lies outside its table`);
    return this.pos + off;
  }
  has(i: number): boolean {
    return this.field(i, 1) !== 0;
  }
  u8(i: number, def = 0): number {
    const p = this.field(i, 1);
    return p ? this.r.u8(p, `${this.what}.${i}`) : def;
  }
  i8(i: number, def = 0): number {
    const p = this.field(i, 1);
    return p ? this.r.i8(p, `${this.what}.${i}`) : def;
  }
  bool(i: number, def = false): boolean {
    const p = this.field(i, 1);
    return p ? this.r.u8(p, `${this.what}.${i}`) !== 0 : def;
  }
  i32(i: number, def = 0): number {
    const p = this.field(i, 4);
    return p ? this.r.i32(p, `${this.what}.${i}`) : def;
  }
  u32(i: number, def = 0): number {
    const p = this.field(i, 4);
    return p ? this.r.u32(p, `${this.what}.${i}`) : def;
  }
  f32(i: number, def = 0): number {
    const p = this.field(i, 4);
    return p ? this.r.f32(p, `${this.what}.${i}`) : def;
  }
  u64(i: number, def = 0): number {
    const p = this.field(i, 8);
    return p ? this.r.u64(p, `${this.what}.${i}`) : def;
  }

  table(i: number, what: string): FbTable | null {
    const p = this.field(i, 4);
    return p ? this.r.table(this.r.deref(p, what), what) : null;
  }
  string(i: number, what: string): string {
    const p = this.field(i, 4);
    if (!p) return '';
    const s = this.r.deref(p, what);
    const n = this.r.u32(s, what);
    this.r.check(s + 4, n, what);
    let out = '';
    for (let k = 0; k < n && k < 4096; k++) out += String.fromCharCode(this.r.bytes[s + 4 + k]);
    return out;
  }
  /** Vector header: [position of first element, length], bounds-checked for `elemSize`. */
  vector(i: number, elemSize: number, what: string): [number, number] {
    const p = this.field(i, 4);
    if (!p) return [0, 0];
    const v = this.r.deref(p, what);
    const n = this.r.u32(v, what);
    this.r.check(v + 4, n * elemSize, `${what} (${n} elements)`);
    this.r.spend(n, what);
    return [v + 4, n];
  }
  i32s(i: number, what: string): number[] {
    const [p, n] = this.vector(i, 4, what);
    const out: number[] = new Array(n);
    for (let k = 0; k < n; k++) out[k] = this.r.i32(p + 4 * k, what);
    return out;
  }
  f32s(i: number, what: string): number[] {
    const [p, n] = this.vector(i, 4, what);
    const out: number[] = new Array(n);
    for (let k = 0; k < n; k++) out[k] = this.r.f32(p + 4 * k, what);
    return out;
  }
  i64s(i: number, what: string): number[] {
    const [p, n] = this.vector(i, 8, what);
    const out: number[] = new Array(n);
    for (let k = 0; k < n; k++) out[k] = this.r.i64(p + 8 * k, what);
    return out;
  }
  bytesOf(i: number, what: string): Uint8Array | null {
    const [p, n] = this.vector(i, 1, what);
    return p ? this.r.bytes.subarray(p, p + n) : null;
  }
  tables(i: number, what: string): FbTable[] {
    const [p, n] = this.vector(i, 4, what);
    const out: FbTable[] = new Array(n);
    for (let k = 0; k < n; k++) out[k] = this.r.table(this.r.deref(p + 4 * k, `${what}[${k}]`), `${what}[${k}]`);
    return out;
  }
}
