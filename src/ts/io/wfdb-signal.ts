// WFDB signal (.dat) decoding: the sample stream of one file, de-interleaved into
// the signals the header assigns to it, converted to physical units.
//
// Formats: 8 (first differences), 16 (LE i16), 24 (LE i24), 32 (LE i32), 61 (BE i16), 80 (offset-binary u8),
// 160 (offset-binary u16), 212 (two 12-bit samples in 3 bytes), 310 (three 10-bit
// samples in two LE 16-bit words), 311 (three 10-bit samples in one LE 32-bit word).
// Packed formats pack consecutive samples of the interleaved stream, whatever signal they belong to.
// 508/516/524: the file is a FLAC stream (io/flac.ts) of 8/16/24-bit samples whose channels are the file's signals
// (at most 8, all with the same samples per frame; channel c holds signal c's samples in time order).
// A frame of a file holds, signal after signal, each signal's samples per frame ("16x2": two): a signal of
// s samples per frame has s × the record's frame rate (multi-frequency records; the signals come out
// frame-expanded, each at its own rate, `fs` per signal). A skew of k frames ("16:3") means the signal's sample t
// is stored in frame t + k; the last k samples, never stored, read as the format's invalid value (NaN).
import { FormatError } from '../errors.js';
import { decodeFlac } from './flac.js';
import { isInt, fillRange } from '../es5.js';
import type { WfdbHeader, WfdbSignalSpec } from './wfdb-header.js';

export interface WfdbSignal {
  name: string;
  /** This signal's rate: the record's frame rate × its samples per frame. */
  fs: number;
  units: string;
  gain: number;
  baseline: number;
  digital: Int32Array;
  physical: Float64Array;
}

export interface WfdbRecord {
  header: WfdbHeader;
  /** The frame rate (the header's sampling frequency); each signal's own rate is signals[i].fs. */
  fs: number;
  /** Frames; a signal of s samples per frame holds s × nSamples samples. */
  nSamples: number;
  signals: WfdbSignal[];
  /** Header facts the data contradict (checksum, initial value): reported, not refused, as rdsamp reads such records
   *  (the CinC 2017 records publish checksum 0). Empty when everything agrees. */
  warnings: string[];
}

/** Reserved value per format that marks an invalid sample (WFDB's WFDB_INVALID_SAMPLE for each width). */
export const INVALID_SAMPLE: { [format: number]: number } = {
  16: -32768,
  24: -8388608,
  32: -2147483648,
  61: -32768,
  160: -32768,
  212: -2048,
  80: -128,
  310: -512,
  311: -512,
  508: -128,
  516: -32768,
  524: -8388608,
};

/** FLAC formats: the format minus 500 is the largest sample width the stream may use. */
const isFlac = (format: number): boolean => format === 508 || format === 516 || format === 524;
/** Samples per signal decoded from a FLAC file whose header does not give the record length (docs/limits.md). */
export const MAX_FLAC_SAMPLES = 2 ** 28;

const signExtend = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);

/** Samples of a multi-frequency signal per frame at most (bounds the de-interleaving work per frame). */
export const MAX_SAMPLES_PER_FRAME = 1024;

/** The stored samples moved `by` earlier; the last `by` samples (never stored) become `invalid`. */
function unskew(stored: Int32Array, by: number, invalid: number): Int32Array {
  const d = new Int32Array(stored.length);
  fillRange(d, invalid);
  d.set(stored.subarray(Math.min(by, stored.length)));
  return d;
}

/**
 * The signals `idx` of one FLAC signal file into `digital`; returns the record length (frames), checked against
 * the header's when it gives one.
 */
function readFlacFile(
  header: WfdbHeader,
  idx: number[],
  fileName: string,
  bytes: Uint8Array,
  nSamples: number | null,
  digital: Int32Array[],
): number {
  const spec0 = header.signals[idx[0]];
  const spf = spec0.samplesPerFrame;
  if (idx.length > 8) throw new FormatError(fileName, `${idx.length} signals in one FLAC file (at most 8)`);
  for (const i of idx)
    if (header.signals[i].samplesPerFrame !== spf)
      throw new FormatError(fileName, 'every signal of a FLAC file must have the same samples per frame');
  if (spec0.byteOffset !== 0) throw new FormatError(fileName, 'a byte offset in a FLAC signal file is not supported');
  const want = nSamples ? nSamples * spf : MAX_FLAC_SAMPLES;
  const flac = decodeFlac(bytes, want, fileName);
  if (flac.channels !== idx.length)
    throw new FormatError(fileName, `FLAC stream has ${flac.channels} channels for ${idx.length} signals`);
  if (flac.bitsPerSample > spec0.format - 500)
    throw new FormatError(fileName, `FLAC samples of ${flac.bitsPerSample} bits in format ${spec0.format}`);
  const available = Math.floor(flac.samples[0].length / spf);
  if (nSamples && available < nSamples)
    throw new FormatError(
      fileName,
      `truncated: header announces ${nSamples} samples per signal, file holds ${available}`,
    );
  const frames = nSamples || available;
  idx.forEach((sig, c) => (digital[sig] = flac.samples[c].subarray(0, frames * spf)));
  return frames;
}

/**
 * Bytes of one frame of a file whose signals are `sigs` (one format), when frames are whole bytes — so a part of
 * the record is a byte range; 0 when they are not (format 8's differences, 212/310/311 packs across frames).
 */
export function frameBytes(sigs: WfdbSignalSpec[]): number {
  const perFrame = sigs.reduce((a, s) => a + s.samplesPerFrame, 0);
  const width: { [format: number]: number } = { 16: 2, 24: 3, 32: 4, 61: 2, 80: 1, 160: 2 };
  const format = sigs[0].format;
  if (width[format]) return perFrame * width[format];
  if (format === 212 && perFrame % 2 === 0) return (perFrame / 2) * 3;
  if ((format === 310 || format === 311) && perFrame % 3 === 0) return (perFrame / 3) * 4;
  return 0;
}

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
    case 24:
      return Math.floor(nBytes / 3);
    case 32:
      return Math.floor(nBytes / 4);
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
    case 24:
      for (let i = 0; i < count; i++) out[i] = signExtend(b[3 * i] | (b[3 * i + 1] << 8) | (b[3 * i + 2] << 16), 24);
      break;
    case 32:
      for (let i = 0; i < count; i++)
        out[i] = b[4 * i] | (b[4 * i + 1] << 8) | (b[4 * i + 2] << 16) | (b[4 * i + 3] << 24);
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
 * Checksums and initial values in the header are verified; a mismatch is a warning on the result (rdsamp reads such
 * records too), never a silent pass.
 */
export function decodeWfdbSignals(header: WfdbHeader, files: Record<string, Uint8Array>): WfdbRecord {
  // Grouped by file name in two parallel lists (not an object keyed by names from the header, which would treat
  // '__proto__' or 'constructor' as its own members; no Map, so ES5 engines can run the reader).
  const order: string[] = [];
  const groups: number[][] = [];
  header.signals.forEach((s, i) => {
    if (s.format === 0) throw new FormatError(s.fileName, `signal ${i}: format 0 has no samples (a layout header?)`);
    if (!(isInt(s.samplesPerFrame) && s.samplesPerFrame >= 1 && s.samplesPerFrame <= MAX_SAMPLES_PER_FRAME))
      throw new FormatError(
        s.fileName,
        `signal ${i}: ${s.samplesPerFrame} samples per frame (1 to ${MAX_SAMPLES_PER_FRAME})`,
      );
    if (!(isInt(s.skew) && s.skew >= 0)) throw new FormatError(s.fileName, `signal ${i}: skew ${s.skew}`);
    let g = order.indexOf(s.fileName);
    if (g < 0) {
      g = order.length;
      order.push(s.fileName);
      groups.push([]);
    }
    groups[g].push(i);
  });
  const digital: Int32Array[] = new Array(header.nSignals);
  let nSamples = header.nSamples;
  for (let g = 0; g < order.length; g++) {
    const fileName = order[g],
      idx = groups[g];
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
    if (isFlac(spec0.format)) {
      nSamples = readFlacFile(header, idx, fileName, bytes, nSamples, digital);
      continue;
    }
    if (spec0.byteOffset > bytes.length)
      throw new FormatError(fileName, `byte offset ${spec0.byteOffset} is past the end (${bytes.length} bytes)`);
    const body = bytes.subarray(spec0.byteOffset);
    // One frame of this file: each of its signals' samples per frame, signal after signal.
    const perFrame = idx.reduce((a, i) => a + header.signals[i].samplesPerFrame, 0);
    const available = Math.floor(samplesIn(spec0.format, body.length) / perFrame); // whole frames in the file
    if (nSamples === null || nSamples === 0) nSamples = available;
    else if (available < nSamples) {
      throw new FormatError(
        fileName,
        `truncated: header announces ${nSamples} samples per signal, file holds ${available}`,
      );
    }
    const frames = nSamples as number;
    const stream = new Int32Array(frames * perFrame); // [frames, perFrame] the file's samples in stream order
    decodeStream(spec0.format, body, stream.length, stream);
    let at = 0; // this signal's first sample within a frame
    for (const sig of idx) {
      const spf = header.signals[sig].samplesPerFrame;
      const d = new Int32Array(frames * spf); // [frames · spf] the signal as stored, at its own rate
      for (let f = 0; f < frames; f++) for (let k = 0; k < spf; k++) d[f * spf + k] = stream[f * perFrame + at + k];
      digital[sig] = d;
      at += spf;
    }
  }
  const n = nSamples ?? 0;
  const warnings: string[] = [];
  const signals = header.signals.map((s, i) => {
    let d = digital[i];
    if (s.format === 8) {
      // Format 8 stores first differences from the initial value.
      let acc = s.initialValue ?? 0;
      for (let t = 0; t < d.length; t++) {
        acc += d[t];
        d[t] = acc;
      }
    }
    if (s.initialValue !== null && d.length > 0 && d[0] !== s.initialValue)
      warnings.push(
        `${s.fileName}: signal ${i} (${s.description || 'unnamed'}): first sample ${d[0]} differs from the ` +
          `header's initial value ${s.initialValue}`,
      );
    if (s.checksum !== null) {
      let sum = 0;
      for (let t = 0; t < d.length; t++) sum = (sum + d[t]) & 0xffff;
      const want = s.checksum & 0xffff;
      if (sum !== want)
        warnings.push(
          `${s.fileName}: signal ${i} (${s.description || 'unnamed'}): checksum ${signExtend(sum, 16)} differs ` +
            `from the header's ${s.checksum}`,
        );
    }
    // Skew: sample t was stored in frame t + skew (checked above as stored); the never-stored tail is invalid.
    if (s.skew) d = unskew(d, s.skew * s.samplesPerFrame, INVALID_SAMPLE[s.format] ?? 0);
    // The format's reserved "invalid sample" value (a gap: lead off, no data) becomes NaN in physical units,
    // as PhysioNet's readers do; the digital values keep it (the delineation API bridges or reports gaps).
    const invalid = INVALID_SAMPLE[s.format];
    const phys = new Float64Array(d.length);
    for (let t = 0; t < d.length; t++) phys[t] = d[t] === invalid ? NaN : (d[t] - s.baseline) / s.gain;
    return {
      name: s.description || `signal${i}`,
      fs: header.fs * s.samplesPerFrame,
      units: s.units,
      gain: s.gain,
      baseline: s.baseline,
      digital: d,
      physical: phys,
    };
  });
  return { header, fs: header.fs, nSamples: n, signals, warnings };
}

/**
 * WFDB's mean of a frame's samples (meansamp in its signal.c): floor((Σ + ⌊n/2⌋) / n) — the mean rounded to the
 * nearest integer, halfway cases up; any invalid sample makes the mean invalid (null).
 */
function meanSample(d: Int32Array, p: Float64Array, at: number, n: number): number | null {
  let sum = Math.floor(n / 2);
  for (let k = 0; k < n; k++) {
    if (p[at + k] !== p[at + k]) return null; // NaN: an invalid sample
    sum += d[at + k];
  }
  return Math.floor(sum / n);
}

/** Physical value of a digital one, as WFDB's aduphys and rdsamp compute it: (v − baseline) / gain. */
const physicalOf = (s: WfdbSignal, v: number): number => (v - s.baseline) / s.gain;

/**
 * The frame-averaged view of a multi-frequency record, as rdsamp reads it (getvec's default mode): every signal at
 * the frame rate, each digital value the WFDB mean of the signal's samples in that frame (meanSample), each physical
 * value computed from that mean; invalid where any sample of the frame is. Signals with one sample per frame are
 * returned as they are.
 */
export function frameAveraged(rec: WfdbRecord): WfdbRecord {
  const signals = rec.signals.map((s) => {
    const spf = Math.round(s.fs / rec.fs);
    if (spf <= 1) return s;
    const n = Math.floor(s.physical.length / spf);
    const physical = new Float64Array(n); // [frames]
    const digital = new Int32Array(n); // [frames]
    for (let f = 0; f < n; f++) {
      const m = meanSample(s.digital, s.physical, f * spf, spf);
      digital[f] = m === null ? -32768 : m; // WFDB_INVALID_SAMPLE
      physical[f] = m === null ? NaN : physicalOf(s, m);
    }
    return { ...s, fs: rec.fs, physical, digital };
  });
  return { ...rec, signals };
}

/**
 * The high-resolution view (rdsamp -H, getvec in WFDB_HIGHRES mode): every signal at the record's highest rate
 * (the frame rate × the largest samples per frame), slower signals repeated (zero-order hold) with WFDB's index
 * progression: for a signal of sf samples per frame out of spfMax, the k-th output of a frame takes sample
 * ⌊(k · sf) / spfMax⌋ — the counter WFDB advances by sf and wraps at spfMax.
 */
export function highResolution(rec: WfdbRecord): WfdbRecord {
  const spfOf = (s: WfdbSignal) => Math.max(1, Math.round(s.fs / rec.fs));
  const spfMax = rec.signals.reduce((m, s) => Math.max(m, spfOf(s)), 1);
  if (spfMax === 1) return rec;
  const signals = rec.signals.map((s) => {
    const sf = spfOf(s);
    if (sf === spfMax) return s;
    const frames = Math.floor(s.physical.length / sf);
    const physical = new Float64Array(frames * spfMax); // [frames · spfMax]
    const digital = new Int32Array(frames * spfMax); // [frames · spfMax]
    for (let f = 0; f < frames; f++) {
      let index = 0,
        count = -spfMax;
      for (let k = 0; k < spfMax; k++) {
        if (k > 0) {
          count += sf;
          if (count >= 0) {
            index++;
            count -= spfMax;
          }
        }
        digital[f * spfMax + k] = s.digital[f * sf + index];
        physical[f * spfMax + k] = s.physical[f * sf + index];
      }
    }
    return { ...s, fs: rec.fs * spfMax, physical, digital };
  });
  return { ...rec, signals };
}
