// WFDB signal (.dat) decoding: the sample stream of one file, de-interleaved into
// the signals the header assigns to it, converted to physical units.
//
// Formats: 8 (first differences), 16 (LE i16), 61 (BE i16), 80 (offset-binary u8),
// 160 (offset-binary u16), 212 (two 12-bit samples in 3 bytes), 310 (three 10-bit
// samples in two LE 16-bit words), 311 (three 10-bit samples in one LE 32-bit word).
// Packed formats pack consecutive samples of the interleaved stream, whatever signal they belong to.
import { FormatError } from '../errors.js';
import type { WfdbHeader, WfdbSignalSpec } from './wfdb-header.js';

export interface WfdbSignal {
  name: string;
  units: string;
  gain: number;
  baseline: number;
  digital: Int32Array;
  physical: Float64Array;
}

export interface WfdbRecord {
  header: WfdbHeader;
  fs: number;
  nSamples: number;
  signals: WfdbSignal[];
}

/** Reserved value per format that marks an invalid sample (WFDB's WFDB_INVALID_SAMPLE for each width). */
export const INVALID_SAMPLE: { [format: number]: number } = {
  16: -32768,
  61: -32768,
  160: -32768,
  212: -2048,
  80: -128,
  310: -512,
  311: -512,
};

const signExtend = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);

/** Number of whole samples a byte count holds for one format. */
function samplesIn(format: number, nBytes: number): number {
  switch (format) {
    case 8:
    case 80:
      return nBytes;
    case 16:
    case 61:
    case 160:
      return Math.floor(nBytes / 2);
    case 212:
      return Math.floor((nBytes * 2) / 3);
    case 310:
    case 311:
      return Math.floor(nBytes / 4) * 3 + (format === 310 ? [0, 0, 1, 1][nBytes % 4] : [0, 1, 1, 2][nBytes % 4]);
    default:
      return 0;
  }
}

/** Decodes `count` samples (interleaved stream order) of one format. */
function decodeStream(format: number, b: Uint8Array, count: number, out: Int32Array): void {
  switch (format) {
    case 16:
      for (let i = 0; i < count; i++) out[i] = signExtend(b[2 * i] | (b[2 * i + 1] << 8), 16);
      break;
    case 61:
      for (let i = 0; i < count; i++) out[i] = signExtend((b[2 * i] << 8) | b[2 * i + 1], 16);
      break;
    case 80:
      for (let i = 0; i < count; i++) out[i] = b[i] - 128;
      break;
    case 160:
      for (let i = 0; i < count; i++) out[i] = (b[2 * i] | (b[2 * i + 1] << 8)) - 32768;
      break;
    case 8:
      for (let i = 0; i < count; i++) out[i] = signExtend(b[i], 8);
      break; // differences, integrated by the caller
    case 212:
      for (let i = 0; i < count; i++) {
        const o = 3 * (i >> 1);
        out[i] =
          (i & 1) === 0
            ? signExtend(b[o] | ((b[o + 1] & 0x0f) << 8), 12)
            : signExtend(b[o + 2] | ((b[o + 1] & 0xf0) << 4), 12);
      }
      break;
    case 310:
      for (let i = 0; i < count; i++) {
        const o = 4 * Math.floor(i / 3),
          k = i % 3;
        const w0 = b[o] | (b[o + 1] << 8),
          w1 = (b[o + 2] ?? 0) | ((b[o + 3] ?? 0) << 8);
        const v =
          k === 0 ? (w0 >> 1) & 0x3ff : k === 1 ? (w1 >> 1) & 0x3ff : ((w0 >> 11) & 0x1f) | (((w1 >> 11) & 0x1f) << 5);
        out[i] = signExtend(v, 10);
      }
      break;
    case 311:
      for (let i = 0; i < count; i++) {
        const o = 4 * Math.floor(i / 3),
          k = i % 3;
        const w = (b[o] | (b[o + 1] << 8) | ((b[o + 2] ?? 0) << 16) | ((b[o + 3] ?? 0) << 24)) >>> 0;
        out[i] = signExtend((w >>> (10 * k)) & 0x3ff, 10);
      }
      break;
    default:
      throw new Error(`format ${format}`);
  }
}

/**
 * Decodes the signals of a record. `files` maps each .dat file name in the header to its bytes.
 * Checksums and initial values in the header are verified; a mismatch is a FormatError.
 */
export function decodeWfdbSignals(header: WfdbHeader, files: Record<string, Uint8Array>): WfdbRecord {
  // Keyed by file names from the header: a Map, since a plain object would treat '__proto__' or
  // 'constructor' as its own members.
  const byFile = new Map<string, number[]>();
  const order: string[] = [];
  header.signals.forEach((s, i) => {
    if (s.samplesPerFrame !== 1)
      throw new FormatError(s.fileName, `signal ${i}: ${s.samplesPerFrame} samples per frame is not supported`);
    if (s.skew !== 0) throw new FormatError(s.fileName, `signal ${i}: skew is not supported`);
    if (!byFile.has(s.fileName)) {
      byFile.set(s.fileName, []);
      order.push(s.fileName);
    }
    (byFile.get(s.fileName) as number[]).push(i);
  });
  const digital: Int32Array[] = new Array(header.nSignals);
  let nSamples = header.nSamples;
  for (const fileName of order) {
    const idx = byFile.get(fileName) as number[];
    const spec0: WfdbSignalSpec = header.signals[idx[0]];
    for (const i of idx) {
      const s = header.signals[i];
      if (s.format !== spec0.format || s.byteOffset !== spec0.byteOffset) {
        throw new FormatError(
          fileName,
          `signals ${idx[0]} and ${i} share the file but differ in format or byte offset`,
        );
      }
    }
    const bytes = Object.prototype.hasOwnProperty.call(files, fileName) ? files[fileName] : undefined;
    if (!(bytes instanceof Uint8Array)) throw new FormatError(fileName, 'signal file is missing');
    if (spec0.byteOffset > bytes.length)
      throw new FormatError(fileName, `byte offset ${spec0.byteOffset} is past the end (${bytes.length} bytes)`);
    const body = bytes.subarray(spec0.byteOffset);
    const available = Math.floor(samplesIn(spec0.format, body.length) / idx.length);
    if (nSamples === null || nSamples === 0) nSamples = available;
    else if (available < nSamples) {
      throw new FormatError(
        fileName,
        `truncated: header announces ${nSamples} samples per signal, file holds ${available}`,
      );
    }
    const stream = new Int32Array(nSamples * idx.length);
    decodeStream(spec0.format, body, stream.length, stream);
    idx.forEach((sig, j) => {
      const d = new Int32Array(nSamples as number);
      for (let t = 0; t < d.length; t++) d[t] = stream[t * idx.length + j];
      digital[sig] = d;
    });
  }
  const n = nSamples ?? 0;
  const signals = header.signals.map((s, i) => {
    const d = digital[i];
    if (s.format === 8) {
      // Format 8 stores first differences from the initial value.
      let acc = s.initialValue ?? 0;
      for (let t = 0; t < d.length; t++) {
        acc += d[t];
        d[t] = acc;
      }
    }
    if (s.initialValue !== null && d.length > 0 && d[0] !== s.initialValue) {
      throw new FormatError(
        s.fileName,
        `signal ${i} (${s.description || 'unnamed'}): first sample ${d[0]} differs from the ` +
          `header's initial value ${s.initialValue}`,
      );
    }
    if (s.checksum !== null) {
      let sum = 0;
      for (let t = 0; t < d.length; t++) sum = (sum + d[t]) & 0xffff;
      const want = s.checksum & 0xffff;
      if (sum !== want)
        throw new FormatError(
          s.fileName,
          `signal ${i} (${s.description || 'unnamed'}): checksum ${signExtend(sum, 16)} differs ` +
            `from the header's ${s.checksum}`,
        );
    }
    // The format's reserved "invalid sample" value (a gap: lead off, no data) becomes NaN in physical units,
    // as PhysioNet's readers do; the digital values keep it (the delineation API bridges or reports gaps).
    const invalid = INVALID_SAMPLE[s.format];
    const phys = new Float64Array(d.length);
    for (let t = 0; t < d.length; t++) phys[t] = d[t] === invalid ? NaN : (d[t] - s.baseline) / s.gain;
    return {
      name: s.description || `signal${i}`,
      units: s.units,
      gain: s.gain,
      baseline: s.baseline,
      digital: d,
      physical: phys,
    };
  });
  return { header, fs: header.fs, nSamples: n, signals };
}
