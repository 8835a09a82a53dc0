// FLAC stream decoder (RFC 9639), integers only, for WFDB signal formats 508/516/524: the stream's channels are
// the file's signals. Pure over bytes; every length it allocates is bounded by `maxSamples` and the block size.
//
// Stream: "fLaC", metadata blocks (STREAMINFO first), then frames. A frame: header (sync 0xFFF8/0xFFF9, block
// size, rate, channel assignment, sample size, coded frame/sample number, CRC-8), one subframe per channel
// (CONSTANT, VERBATIM, FIXED order 0–4, LPC order 1–32; optional wasted bits; residuals Rice-coded in 2^p
// partitions, parameter width 4 or 5 bits, escape = raw signed), byte alignment, CRC-16. Stereo frames may be
// left/side, side/right or mid/side coded. Both CRCs are checked: a damaged frame is an error, not noise.
import { FormatError } from '../errors.js';

export interface FlacStream {
  channels: number;
  bitsPerSample: number;
  sampleRate: number;
  /** Samples per channel announced by STREAMINFO (0: unknown). */
  totalSamples: number;
  /** One Int32Array per channel, `maxSamples` long at most. */
  samples: Int32Array[];
}

const MAX_BLOCK = 65535;

/** CRC-8 (polynomial x^8 + x^2 + x + 1) and CRC-16 (x^16 + x^15 + x^2 + 1) tables, MSB first. */
const CRC8 = new Uint8Array(256),
  CRC16 = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  let c = i;
  for (let k = 0; k < 8; k++) c = c & 0x80 ? ((c << 1) ^ 0x07) & 0xff : (c << 1) & 0xff;
  CRC8[i] = c;
  let d = i << 8;
  for (let k = 0; k < 8; k++) d = d & 0x8000 ? ((d << 1) ^ 0x8005) & 0xffff : (d << 1) & 0xffff;
  CRC16[i] = d;
}

/** MSB-first bit reader over bytes; reading past the end is a FormatError. */
class Bits {
  pos = 0; // in bits
  constructor(
    private readonly b: Uint8Array,
    private readonly name: string,
  ) {}
  get byte(): number {
    return this.pos >> 3;
  }
  u(n: number): number {
    // n ≤ 32; built from bytes so values up to 2^32 − 1 stay exact.
    let v = 0;
    for (let i = 0; i < n; i++) {
      const p = this.pos++;
      if (p >> 3 >= this.b.length) throw new FormatError(this.name, 'FLAC stream ends inside a frame');
      v = v * 2 + ((this.b[p >> 3] >> (7 - (p & 7))) & 1);
    }
    return v;
  }
  s(n: number): number {
    const v = this.u(n);
    return n > 0 && v >= 2 ** (n - 1) ? v - 2 ** n : v;
  }
  /** Count of 0 bits before the next 1 (the 1 is consumed); at most `limit`. */
  unary(limit: number): number {
    let q = 0;
    for (;;) {
      const p = this.pos++;
      if (p >> 3 >= this.b.length) throw new FormatError(this.name, 'FLAC stream ends inside a residual');
      if ((this.b[p >> 3] >> (7 - (p & 7))) & 1) return q;
      if (++q > limit) throw new FormatError(this.name, 'FLAC residual out of range');
    }
  }
  align(): void {
    this.pos = (this.pos + 7) & ~7;
  }
}

/**
 * Decodes a FLAC stream; `maxSamples` bounds the samples kept per channel (decoding stops there).
 * `name` names the file in errors.
 */
export function decodeFlac(bytes: Uint8Array, maxSamples: number, name = 'FLAC stream'): FlacStream {
  if (bytes.length < 42 || bytes[0] !== 0x66 || bytes[1] !== 0x4c || bytes[2] !== 0x61 || bytes[3] !== 0x43)
    throw new FormatError(name, 'not a FLAC stream (no "fLaC" marker)');
  // Metadata blocks: STREAMINFO must come first; the others are skipped.
  let at = 4;
  let info: { channels: number; bps: number; rate: number; total: number; maxBlock: number } | null = null;
  for (let last = false; !last;) {
    if (at + 4 > bytes.length) throw new FormatError(name, 'FLAC metadata runs past the end');
    last = (bytes[at] & 0x80) !== 0;
    const type = bytes[at] & 0x7f,
      len = (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
    at += 4;
    if (at + len > bytes.length) throw new FormatError(name, 'FLAC metadata runs past the end');
    if (info === null) {
      if (type !== 0 || len !== 34) throw new FormatError(name, 'FLAC stream does not start with STREAMINFO');
      const r = new Bits(bytes.subarray(at, at + 34), name);
      const minBlock = r.u(16),
        maxBlock = r.u(16);
      r.u(24);
      r.u(24);
      const rate = r.u(20),
        channels = r.u(3) + 1,
        bps = r.u(5) + 1,
        total = r.u(36);
      if (minBlock < 16 && minBlock !== maxBlock) throw new FormatError(name, `FLAC minimum block size ${minBlock}`);
      if (bps < 4) throw new FormatError(name, `FLAC ${bps} bits per sample`);
      info = { channels, bps, rate, total, maxBlock };
    }
    at += len;
  }
  if (!info) throw new FormatError(name, 'FLAC stream without STREAMINFO');
  const { channels, bps } = info;
  const keep = Math.max(0, Math.min(maxSamples, info.total || maxSamples));
  // Decoded samples per channel in arrays that double as they fill: memory follows what the stream holds (at most
  // twice it), not what it announces, and a stream of 1-sample frames costs no per-frame objects.
  let out: Int32Array[] = [];
  for (let c = 0; c < channels; c++) out.push(new Int32Array(Math.min(keep, 4096)));
  let n = 0; // samples decoded per channel
  const r = new Bits(bytes, name);
  r.pos = at * 8;
  const block: Int32Array[] = [];
  for (let c = 0; c < channels; c++) block.push(new Int32Array(MAX_BLOCK + 1));
  while (n < keep && r.byte + 2 <= bytes.length) {
    const start = r.byte;
    const frame = readFrameHeader(r, bytes, start, info, name);
    for (let c = 0; c < channels; c++) {
      // The side channel of a stereo decorrelation carries one more bit.
      const extra =
        (frame.assign === 8 && c === 1) || (frame.assign === 9 && c === 0) || (frame.assign === 10 && c === 1);
      readSubframe(r, block[c], frame.size, frame.bps + (extra ? 1 : 0), name);
    }
    r.align();
    let crc = 0;
    for (let i = start; i < r.byte; i++) crc = ((crc << 8) & 0xffff) ^ CRC16[(crc >> 8) ^ bytes[i]];
    if (r.u(16) !== crc) throw new FormatError(name, `FLAC frame at byte ${start}: CRC-16 mismatch`);
    decorrelate(block, frame.assign, frame.size);
    // every output sample must fit the stream's bit depth (a corrupt residual or predictor must not pass as data)
    const lo = -(2 ** (bps - 1)),
      hi = 2 ** (bps - 1) - 1;
    for (let c = 0; c < channels; c++)
      for (let i = 0; i < frame.size; i++)
        if (block[c][i] < lo || block[c][i] > hi)
          throw new FormatError(name, `FLAC frame at byte ${start}: sample ${block[c][i]} outside ${bps} bits`);
    const take = Math.min(frame.size, keep - n);
    if (n + take > out[0].length) {
      const size = Math.min(keep, Math.max(n + take, 2 * out[0].length));
      out = out.map((o) => {
        const g = new Int32Array(size);
        g.set(o.subarray(0, n));
        return g;
      });
    }
    for (let c = 0; c < channels; c++) out[c].set(block[c].subarray(0, take), n);
    n += take;
  }
  const samples = out.map((o) => (o.length === n ? o : new Int32Array(o.subarray(0, n)))); // (ES5: no typed slice)
  return { channels, bitsPerSample: bps, sampleRate: info.rate, totalSamples: info.total, samples };
}

interface FrameHeader {
  size: number;
  assign: number;
  bps: number;
}

function readFrameHeader(
  r: Bits,
  bytes: Uint8Array,
  start: number,
  info: { channels: number; bps: number },
  name: string,
): FrameHeader {
  const where = `FLAC frame at byte ${start}`;
  if (r.u(15) !== 0x7ffc) throw new FormatError(name, `${where}: no frame sync`);
  r.u(1); // blocking strategy: fixed or variable; the coded number is not needed for a sequential read
  const sizeCode = r.u(4),
    rateCode = r.u(4),
    assign = r.u(4),
    bpsCode = r.u(3);
  if (r.u(1) !== 0) throw new FormatError(name, `${where}: reserved bit set`);
  // Coded frame or sample number: UTF-8-like, 1 to 7 bytes.
  const first = r.u(8);
  let more = 0;
  if (first >= 0x80) {
    if (first >= 0xfe) more = 6;
    else if (first >= 0xfc) more = 5;
    else if (first >= 0xf8) more = 4;
    else if (first >= 0xf0) more = 3;
    else if (first >= 0xe0) more = 2;
    else if (first >= 0xc0) more = 1;
    else throw new FormatError(name, `${where}: bad coded number`);
  }
  for (let i = 0; i < more; i++)
    if ((r.u(8) & 0xc0) !== 0x80) throw new FormatError(name, `${where}: bad coded number`);
  let size: number;
  if (sizeCode === 0) throw new FormatError(name, `${where}: reserved block size`);
  else if (sizeCode === 1) size = 192;
  else if (sizeCode <= 5) size = 576 << (sizeCode - 2);
  else if (sizeCode === 6) size = r.u(8) + 1;
  else if (sizeCode === 7) size = r.u(16) + 1;
  else size = 256 << (sizeCode - 8);
  if (rateCode === 12) r.u(8);
  else if (rateCode === 13 || rateCode === 14) r.u(16);
  else if (rateCode === 15) throw new FormatError(name, `${where}: invalid sample rate code`);
  if (size > MAX_BLOCK) throw new FormatError(name, `${where}: block of ${size} samples`);
  const nch = assign < 8 ? assign + 1 : assign <= 10 ? 2 : 0;
  if (nch !== info.channels)
    throw new FormatError(name, `${where}: ${nch || 'reserved'} channels, stream has ${info.channels}`);
  const bps = [info.bps, 8, 12, 0, 16, 20, 24, 32][bpsCode];
  if (!bps) throw new FormatError(name, `${where}: reserved sample size`);
  if (bps !== info.bps) throw new FormatError(name, `${where}: ${bps} bits per sample, stream has ${info.bps}`);
  let crc = 0;
  for (let i = start; i < r.byte; i++) crc = CRC8[crc ^ bytes[i]];
  if (r.u(8) !== crc) throw new FormatError(name, `${where}: header CRC-8 mismatch`);
  return { size, assign, bps };
}

function readSubframe(r: Bits, s: Int32Array, size: number, bps: number, name: string): void {
  if (r.u(1) !== 0) throw new FormatError(name, 'FLAC subframe padding bit set');
  const type = r.u(6);
  let wasted = 0;
  if (r.u(1)) wasted = r.unary(bps) + 1;
  const w = bps - wasted;
  if (w < 1) throw new FormatError(name, 'FLAC subframe with more wasted bits than bits');
  if (type === 0) {
    const v = r.s(w);
    for (let i = 0; i < size; i++) s[i] = v;
  } else if (type === 1) {
    for (let i = 0; i < size; i++) s[i] = r.s(w);
  } else if (type >= 8 && type <= 12) {
    const order = type - 8;
    if (order > size) throw new FormatError(name, 'FLAC predictor order above the block size');
    for (let i = 0; i < order; i++) s[i] = r.s(w);
    residual(r, s, size, order, name);
    fixedPredict(s, size, order, bps, name);
  } else if (type >= 32) {
    const order = type - 31;
    if (order > size) throw new FormatError(name, 'FLAC predictor order above the block size');
    for (let i = 0; i < order; i++) s[i] = r.s(w);
    const precision = r.u(4) + 1;
    if (precision === 16) throw new FormatError(name, 'FLAC invalid coefficient precision');
    const shift = r.s(5);
    if (shift < 0) throw new FormatError(name, 'FLAC negative LPC shift');
    const coef: number[] = [];
    for (let j = 0; j < order; j++) coef.push(r.s(precision));
    residual(r, s, size, order, name);
    // pred = (Σ coef_j · s[i−1−j]) >> shift; |Σ| < 2^(32+15+5) stays exact in float64; floor = arithmetic shift.
    const div = 2 ** shift;
    for (let i = order; i < size; i++) {
      let acc = 0;
      for (let j = 0; j < order; j++) acc += coef[j] * s[i - 1 - j];
      s[i] = inBits(s[i] + Math.floor(acc / div), bps, name);
    }
  } else throw new FormatError(name, `FLAC reserved subframe type ${type}`);
  if (wasted) for (let i = 0; i < size; i++) s[i] = s[i] * 2 ** wasted;
}

/** Rice-coded residuals into s[order..size). */
function residual(r: Bits, s: Int32Array, size: number, order: number, name: string): void {
  const method = r.u(2);
  if (method > 1) throw new FormatError(name, 'FLAC reserved residual coding method');
  const pbits = method === 0 ? 4 : 5,
    escape = method === 0 ? 15 : 31;
  const porder = r.u(4);
  const parts = 1 << porder;
  if (size % parts !== 0 || size / parts < order) throw new FormatError(name, 'FLAC residual partitions do not fit');
  let i = order;
  for (let p = 0; p < parts; p++) {
    const count = size / parts - (p === 0 ? order : 0);
    const k = r.u(pbits);
    if (k === escape) {
      const raw = r.u(5);
      for (let j = 0; j < count; j++) s[i++] = raw ? r.s(raw) : 0;
    } else {
      for (let j = 0; j < count; j++) {
        // A quotient past 2^32 / 2^k cannot be a valid 32-bit residual: refuse instead of looping on zeros.
        const q = r.unary(Math.ceil(2 ** (33 - k)));
        const u = q * 2 ** k + r.u(k);
        const v = u % 2 === 0 ? u / 2 : -(u + 1) / 2;
        if (v < -2147483648 || v > 2147483647) throw new FormatError(name, 'FLAC residual outside 32 bits');
        s[i++] = v;
      }
    }
  }
}

/** v when it fits a signed `bps`-bit sample, else a FormatError (an Int32Array would wrap it silently). */
function inBits(v: number, bps: number, name: string): number {
  if (v < -(2 ** (bps - 1)) || v > 2 ** (bps - 1) - 1)
    throw new FormatError(name, `FLAC predicted sample ${v} outside the subframe's ${bps} bits`);
  return v;
}

function fixedPredict(s: Int32Array, size: number, order: number, bps: number, name: string): void {
  for (let i = order; i < size; i++) {
    let v = s[i];
    if (order === 1) v += s[i - 1];
    else if (order === 2) v += 2 * s[i - 1] - s[i - 2];
    else if (order === 3) v += 3 * s[i - 1] - 3 * s[i - 2] + s[i - 3];
    else if (order === 4) v += 4 * s[i - 1] - 6 * s[i - 2] + 4 * s[i - 3] - s[i - 4];
    s[i] = inBits(v, bps, name);
  }
}

/** Undoes left/side (8), side/right (9) and mid/side (10) stereo coding. */
function decorrelate(b: Int32Array[], assign: number, size: number): void {
  if (assign < 8) return;
  const a = b[0],
    c = b[1];
  for (let i = 0; i < size; i++) {
    if (assign === 8) c[i] = a[i] - c[i];
    else if (assign === 9) a[i] = a[i] + c[i];
    else {
      const mid = a[i] * 2 + (c[i] & 1);
      a[i] = (mid + c[i]) >> 1;
      c[i] = (mid - c[i]) >> 1;
    }
  }
}
