// EDF, EDF+ and BDF recordings (Holter, sleep and ambulatory recorders): a pure reader over bytes, so it runs in
// browsers and workers too (io/edf-node.ts reads only the bytes a partial read needs).
//
// Layout (EDF specification, Kemp et al. 1992; EDF+, Kemp & Olivan 2003): a 256-byte ASCII header, then 256 bytes
// per signal (fields stored signal after signal: label 16, transducer 80, physical dimension 8, physical min 8,
// physical max 8, digital min 8, digital max 8, prefiltering 80, samples per data record 8, reserved 32), then the
// data records: each holds, signal after signal, its samples as 16-bit little-endian integers (BDF: 24-bit).
//   physical = (digital − digMin) · gain + physMin, gain = (physMax − physMin) / (digMax − digMin) (in this order)
//   rate of a signal = samples per data record / record duration (signals can differ)
// EDF+ ("EDF+C" continuous, "EDF+D" discontinuous in the reserved field) adds an "EDF Annotations" signal whose bytes
// are time-stamped annotation lists (TALs): "+onset[\x15duration]\x14text\x14…\x14\x00"; the first TAL of each record
// gives the record's start time (EDF+D places records on the timeline by it; gaps between them read as NaN).
// Every size is checked against the header and the file before anything is allocated (docs/limits.md).
import { isInt, fillRange } from '../es5.js';
import { FormatError } from '../errors.js';

export const MAX_EDF_SIGNALS = 4096;
/** Samples of one signal in one read (whole or partial): 2^28, about 6 days at 500 Hz. */
export const MAX_EDF_SAMPLES = 1 << 28;
const ANNOTATION_LABEL = 'EDF Annotations';

export interface EdfSignalHeader {
  label: string;
  transducer: string;
  unit: string;
  physMin: number;
  physMax: number;
  digMin: number;
  digMax: number;
  prefiltering: string;
  samplesPerRecord: number;
  /** samplesPerRecord / record duration (Hz); 0 for the annotation signal of an annotation-only file. */
  fs: number;
  isAnnotations: boolean;
}
export interface EdfHeader {
  format: 'EDF' | 'EDF+C' | 'EDF+D' | 'BDF';
  patient: string;
  recording: string;
  startDate: string;
  startTime: string;
  headerBytes: number;
  /** Data records in the file (a header's −1, "still recording", is replaced by what the file size holds). */
  nRecords: number;
  recordDuration: number;
  signals: EdfSignalHeader[];
  /** Bytes of one data record, all signals. */
  recordBytes: number;
  sampleBytes: 2 | 3;
}
export interface EdfAnnotation {
  onsetS: number;
  durationS: number | null;
  text: string;
}
export interface EdfReadOptions {
  /** Seconds from the recording start (default 0) and the end (exclusive; default: the end). */
  from?: number;
  to?: number;
  /** Signal indices (of the non-annotation signals) to decode; default all. */
  channels?: number[];
}
export interface EdfRecording {
  header: EdfHeader;
  /** The decoded non-annotation signals over [from, to) (NaN where an EDF+D record is missing). */
  signals: { name: string; fs: number; unit: string; physical: Float64Array }[];
  /** Start of the decoded span, in seconds from the recording start. */
  fromS: number;
  annotations: EdfAnnotation[];
}

const ascii = (b: Uint8Array, at: number, n: number) => {
  let s = '';
  for (let i = 0; i < n; i++) s += String.fromCharCode(b[at + i]);
  return s.trim();
};

/** The header (fixed part and signal headers) from the first bytes of the file; `fileBytes` = the whole size. */
export function parseEdfHeader(b: Uint8Array, file: string, fileBytes: number = b.length): EdfHeader {
  if (b.length < 256) throw new FormatError(file, `${b.length} bytes: shorter than an EDF header (256 bytes)`);
  const bdf = b[0] === 0xff && ascii(b, 1, 7) === 'BIOSEMI';
  if (!bdf && ascii(b, 0, 8) !== '0') throw new FormatError(file, 'not an EDF/BDF file (version field)');
  const num = (at: number, n: number, what: string, integer = false) => {
    const t = ascii(b, at, n);
    const v = Number(t);
    if (t === '' || !isFinite(v) || (integer && !isInt(v)))
      throw new FormatError(file, `${what} '${t}' is not a${integer ? 'n integer' : ' number'}`);
    return v;
  };
  const headerBytes = num(184, 8, 'header size', true);
  const reserved = ascii(b, 192, 44);
  let nRecords = num(236, 8, 'number of data records', true);
  const recordDuration = num(244, 8, 'data record duration');
  const ns = num(252, 4, 'number of signals', true);
  if (!(ns >= 1 && ns <= MAX_EDF_SIGNALS)) throw new FormatError(file, `${ns} signals (1 to ${MAX_EDF_SIGNALS})`);
  if (headerBytes !== 256 * (ns + 1))
    throw new FormatError(file, `header size ${headerBytes} does not match ${ns} signals (${256 * (ns + 1)} bytes)`);
  if (b.length < headerBytes) throw new FormatError(file, `truncated header: ${b.length} of ${headerBytes} bytes`);
  if (!(recordDuration >= 0)) throw new FormatError(file, `data record duration ${recordDuration} s`);
  const field = (offset: number, width: number, i: number) => 256 + offset * ns + width * i;
  const signals: EdfSignalHeader[] = [];
  const sampleBytes: 2 | 3 = bdf ? 3 : 2;
  let recordBytes = 0;
  for (let i = 0; i < ns; i++) {
    const label = ascii(b, field(0, 16, i), 16);
    const where = `signal ${i} (${label || 'unnamed'})`;
    const s: EdfSignalHeader = {
      label,
      transducer: ascii(b, field(16, 80, i), 80),
      unit: ascii(b, field(96, 8, i), 8),
      physMin: num(field(104, 8, i), 8, `${where}: physical minimum`),
      physMax: num(field(112, 8, i), 8, `${where}: physical maximum`),
      digMin: num(field(120, 8, i), 8, `${where}: digital minimum`, true),
      digMax: num(field(128, 8, i), 8, `${where}: digital maximum`, true),
      prefiltering: ascii(b, field(136, 80, i), 80),
      samplesPerRecord: num(field(216, 8, i), 8, `${where}: samples per record`, true),
      fs: 0,
      isAnnotations: label === ANNOTATION_LABEL,
    };
    if (!(s.samplesPerRecord >= 1 && s.samplesPerRecord <= MAX_EDF_SAMPLES))
      throw new FormatError(file, `${where}: ${s.samplesPerRecord} samples per record`);
    if (!s.isAnnotations && !(s.digMax > s.digMin)) throw new FormatError(file, `${where}: digital maximum ≤ minimum`);
    if (!s.isAnnotations && s.physMax === s.physMin)
      throw new FormatError(file, `${where}: physical maximum = minimum`);
    s.fs = recordDuration > 0 ? s.samplesPerRecord / recordDuration : 0;
    if (!s.isAnnotations && !(s.fs > 0)) throw new FormatError(file, `${where}: no sampling rate (record duration 0)`);
    recordBytes += s.samplesPerRecord * sampleBytes;
    signals.push(s);
  }
  const fit = Math.floor((fileBytes - headerBytes) / recordBytes);
  if (nRecords === -1) nRecords = fit; // written while recording: the file size says how many
  if (!(nRecords >= 0)) throw new FormatError(file, `${nRecords} data records`);
  if (nRecords > fit)
    throw new FormatError(file, `truncated: header announces ${nRecords} data records, file holds ${fit}`);
  const plus = reserved.slice(0, 5) === 'EDF+C' ? 'EDF+C' : reserved.slice(0, 5) === 'EDF+D' ? 'EDF+D' : null;
  return {
    format: bdf ? 'BDF' : (plus ?? 'EDF'),
    patient: ascii(b, 8, 80),
    recording: ascii(b, 88, 80),
    startDate: ascii(b, 168, 8),
    startTime: ascii(b, 176, 8),
    headerBytes,
    nRecords,
    recordDuration,
    signals,
    recordBytes,
    sampleBytes,
  };
}

/** Data records [first, last) a read of [from, to) seconds needs (EDF+D: all, since time comes from the TALs). */
/**
 * Bytes of the whole header, from its first 256 bytes (the signal count field): what a partial reader reads next.
 * A bad count throws parseEdfHeader's error naming the field; the size is bounded by the file.
 */
export function edfHeaderBytes(fixed: Uint8Array, file: string, fileBytes: number): number {
  let field = '';
  for (let i = 252; i < 256 && i < fixed.length; i++) field += String.fromCharCode(fixed[i]);
  const ns = Number(field.trim());
  if (!(field.trim() !== '' && isInt(ns) && ns >= 1 && ns <= MAX_EDF_SIGNALS)) parseEdfHeader(fixed, file, fileBytes);
  return Math.min(256 * (ns + 1), fileBytes);
}

export function edfRecordRange(h: EdfHeader, opts: EdfReadOptions = {}): [number, number] {
  if (h.format === 'EDF+D' || !(h.recordDuration > 0)) return [0, h.nRecords];
  const from = Math.max(0, opts.from ?? 0);
  const to = Math.min(h.nRecords * h.recordDuration, opts.to ?? Infinity);
  if (!(to > from)) return [0, 0];
  return [Math.floor(from / h.recordDuration), Math.min(h.nRecords, Math.ceil(to / h.recordDuration))];
}

/**
 * Decodes the signals over [from, to) seconds from `records`, the bytes of data records [first, last) (see
 * edfRecordRange; the whole data section for a full read).
 */
export function decodeEdfRecords(
  h: EdfHeader,
  records: Uint8Array,
  first: number,
  file: string,
  opts: EdfReadOptions = {},
): EdfRecording {
  const n = Math.floor(records.length / h.recordBytes);
  if (records.length !== n * h.recordBytes) throw new FormatError(file, 'data records do not end on a record boundary');
  let annIdx = -1;
  for (let i = h.signals.length - 1; i >= 0; i--) if (h.signals[i].isAnnotations) annIdx = i;
  const dataIdx = h.signals.map((_, i) => i).filter((i) => !h.signals[i].isAnnotations);
  const wanted = opts.channels ?? dataIdx.map((_, k) => k);
  for (const c of wanted)
    if (!(isInt(c) && c >= 0 && c < dataIdx.length)) throw new FormatError(file, `no signal ${c}`);
  const offsets: number[] = [];
  let o = 0;
  for (const s of h.signals) {
    offsets.push(o);
    o += s.samplesPerRecord * h.sampleBytes;
  }
  // Record start times: EDF+ from each record's first TAL, plain EDF from its position.
  const starts: number[] = [];
  const annotations: EdfAnnotation[] = [];
  for (let r = 0; r < n; r++) {
    let start = (first + r) * h.recordDuration;
    if (annIdx >= 0) {
      const at = r * h.recordBytes + offsets[annIdx];
      const tals = parseTals(records.subarray(at, at + h.signals[annIdx].samplesPerRecord * h.sampleBytes), file);
      if (h.format === 'EDF+D' || h.format === 'EDF+C') {
        if (!tals.length || tals[0].text !== '')
          throw new FormatError(file, `record ${first + r}: no time-keeping TAL`);
        start = tals[0].onsetS;
      }
      for (const t of tals) if (t.text !== '') annotations.push(t);
    }
    starts.push(start);
  }
  // Loops, not Math.max(...starts): a spread of a million records' starts would overflow the call stack.
  let firstStart = Infinity,
    lastStart = -Infinity;
  for (const t of starts) {
    if (t < firstStart) firstStart = t;
    if (t > lastStart) lastStart = t;
  }
  const spanEnd = n ? lastStart + h.recordDuration : 0;
  const fromS = Math.max(opts.from ?? 0, n ? firstStart : 0);
  const toS = Math.min(opts.to ?? Infinity, spanEnd);
  const signals = wanted.map((k) => {
    const si = dataIdx[k];
    const s = h.signals[si];
    const a0 = Math.round(fromS * s.fs);
    const len = Math.max(0, Math.round(toS * s.fs) - a0);
    if (len > MAX_EDF_SAMPLES)
      throw new FormatError(file, `${s.label}: ${len} samples in one read (limit ${MAX_EDF_SAMPLES})`);
    const out = new Float64Array(len); // [len] physical units; NaN where no record covers a sample
    fillRange(out, NaN);
    const gain = (s.physMax - s.physMin) / (s.digMax - s.digMin);
    for (let r = 0; r < n; r++) {
      const base = r * h.recordBytes + offsets[si];
      const t0 = Math.round(starts[r] * s.fs) - a0; // this record's first sample in the output
      for (let j = 0; j < s.samplesPerRecord; j++) {
        const t = t0 + j;
        if (t < 0 || t >= len) continue;
        const p = base + j * h.sampleBytes;
        const d =
          h.sampleBytes === 2
            ? ((records[p] | (records[p + 1] << 8)) << 16) >> 16
            : ((records[p] | (records[p + 1] << 8) | (records[p + 2] << 16)) << 8) >> 8;
        out[t] = (d - s.digMin) * gain + s.physMin;
      }
    }
    return { name: s.label, fs: s.fs, unit: s.unit, physical: out };
  });
  const inSpan = annotations.filter((a) => a.onsetS >= fromS && a.onsetS < toS);
  return { header: h, signals, fromS, annotations: inSpan };
}

/** A whole EDF/EDF+/BDF file in memory (browsers; Node reads partially with io/edf-node.ts). */
export function decodeEdf(bytes: Uint8Array, file = 'recording.edf', opts: EdfReadOptions = {}): EdfRecording {
  const h = parseEdfHeader(bytes, file);
  const [a, b] = edfRecordRange(h, opts);
  const at = h.headerBytes + a * h.recordBytes;
  return decodeEdfRecords(h, bytes.subarray(at, at + (b - a) * h.recordBytes), a, file, opts);
}

/** Time-stamped annotation lists of one record's annotation bytes. */
export function parseTals(b: Uint8Array, file: string): EdfAnnotation[] {
  const out: EdfAnnotation[] = [];
  let i = 0;
  while (i < b.length && b[i] !== 0) {
    let j = i;
    while (j < b.length && b[j] !== 0) j++; // a TAL ends with \x14\x00
    let tal = '';
    for (let k = i; k < j; k++) tal += String.fromCharCode(b[k]);
    const parts = tal.split('\x14');
    const head = parts[0].split('\x15');
    const onsetS = Number(head[0]);
    if (!/^[+-]/.test(head[0]) || !isFinite(onsetS)) throw new FormatError(file, `bad annotation onset '${head[0]}'`);
    const durationS = head.length > 1 && head[1] !== '' ? Number(head[1]) : null;
    const texts = parts.slice(1, -1);
    if (!texts.length || (texts.length === 1 && texts[0] === '')) out.push({ onsetS, durationS, text: '' });
    else for (const text of texts) out.push({ onsetS, durationS, text });
    i = j + 1;
  }
  return out;
}
