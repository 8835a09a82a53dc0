// EDF, EDF+ and BDF recordings (Holter, sleep and ambulatory recorders): a pure reader over bytes, so it runs in
// browsers and workers too (io/edf-node.ts reads only the bytes a partial read needs).
//
// Layout (EDF specification, Kemp et al. 1992; EDF+, Kemp & Olivan 2003): a 256-byte ASCII header, then 256 bytes
// per signal (fields stored signal after signal: label 16, transducer 80, physical dimension 8, physical min 8,
// physical max 8, digital min 8, digital max 8, prefiltering 80, samples per data record 8, reserved 32), then the
// data records: each holds, signal after signal, its samples as 16-bit little-endian integers (BDF: 24-bit).
//   physical = bitvalue · (offset + digital), bitvalue = (physMax − physMin) / (digMax − digMin),
//   offset = physMax / bitvalue − digMax — EDFlib's formula, in its order of operations on the same header doubles,
//   so every physical value is the one EDFlib returns, bit for bit
//   rate of a signal = samples per data record / record duration (signals can differ)
// EDF+ ("EDF+C" continuous, "EDF+D" discontinuous in the reserved field; BDF+ the same with "BDF+C"/"BDF+D" and
// "BDF Annotations") adds one or more annotation signals whose bytes are time-stamped annotation lists (TALs):
// "+onset[\x15duration]\x14text\x14…\x14\x00", texts in UTF-8; the first TAL of each record's first annotation signal
// gives the record's start time. Records are placed on the timeline by it (EDF+D: gaps between them read as NaN; an
// overlap or a negative start is refused; EDF+C: consecutive records must be one record duration apart).
// Every size is checked against the header and the file before anything is allocated (docs/limits.md).
import { isInt, fillRange } from '../es5.js';
import { FormatError } from '../errors.js';

export const MAX_EDF_SIGNALS = 4096;
/** Samples of one signal in one read (whole or partial): 2^28, about 6 days at 500 Hz. */
export const MAX_EDF_SAMPLES = 1 << 28;
/** Bytes of data records one read takes (2 GiB − 1: a Node Buffer's limit). */
export const MAX_EDF_READ_BYTES = 2 ** 31 - 1;
/** Annotations kept from one read (each costs an object): 1,000,000. */
export const MAX_EDF_ANNOTATIONS = 1000000;
/** One read's timeline (NaN-filled gaps of an EDF+D) may be at most this multiple of the samples present, plus an
 *  hour: a record stamped days later must not allocate gigabytes of NaN. */
const MAX_TIMELINE_PER_SAMPLE = 4;

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
  format: 'EDF' | 'EDF+C' | 'EDF+D' | 'BDF' | 'BDF+C' | 'BDF+D';
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
      isAnnotations: label === (bdf ? 'BDF Annotations' : 'EDF Annotations'),
    };
    if (!(s.samplesPerRecord >= 1 && s.samplesPerRecord <= MAX_EDF_SAMPLES))
      throw new FormatError(file, `${where}: ${s.samplesPerRecord} samples per record`);
    if (!s.isAnnotations && !(s.digMax > s.digMin)) throw new FormatError(file, `${where}: digital maximum ≤ minimum`);
    if (!s.isAnnotations && s.physMax === s.physMin)
      throw new FormatError(file, `${where}: physical maximum = minimum`);
    if (!s.isAnnotations) {
      const bitvalue = (s.physMax - s.physMin) / (s.digMax - s.digMin);
      if (!(isFinite(bitvalue) && isFinite(s.physMax / bitvalue - s.digMax)))
        throw new FormatError(file, `${where}: physical range ${s.physMin}..${s.physMax} gives no finite scale`);
    }
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
  const kind = bdf ? 'BDF' : 'EDF';
  const tag = reserved.slice(0, 5);
  const plus = tag === `${kind}+C` || tag === `${kind}+D` ? (tag as EdfHeader['format']) : null;
  return {
    format: plus ?? kind,
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

/** Whether the file is EDF+/BDF+ with annotation signals (time from TALs), and whether it is discontinuous. */
export const isPlus = (h: EdfHeader) => h.format.indexOf('+') > 0;
export const isDiscontinuous = (h: EdfHeader) => h.format === 'EDF+D' || h.format === 'BDF+D';

/** `from`/`to` checked: absent, or finite seconds; `channels` checked: distinct signal indices. */
function checkOptions(h: EdfHeader, opts: EdfReadOptions, file: string): void {
  for (const k of ['from', 'to'] as const) {
    const v = opts[k];
    if (v !== undefined && !(typeof v === 'number' && isFinite(v)))
      throw new FormatError(file, `${k}: ${String(v)} is not a finite number of seconds`);
  }
  if (opts.channels !== undefined) {
    const nData = h.signals.filter((s) => !s.isAnnotations).length;
    if (!(opts.channels instanceof Array)) throw new FormatError(file, 'channels: an array of signal indices');
    const seen: { [k: number]: 1 } = {};
    for (const c of opts.channels) {
      if (!(isInt(c) && c >= 0 && c < nData)) throw new FormatError(file, `no signal ${c}`);
      if (seen[c]) throw new FormatError(file, `signal ${c} listed twice in channels`);
      seen[c] = 1;
    }
  }
}

/**
 * Data records [first, last) a read of [from, to) seconds needs. `firstOnsetS`: the first record's start (EDF+C:
 * its time-keeping TAL, see edfFirstOnset; else 0). EDF+D: all records, since each one's time is in its TAL.
 * Refuses, before anything is read, a read whose samples per signal exceed MAX_EDF_SAMPLES.
 */
export function edfRecordRange(
  h: EdfHeader,
  opts: EdfReadOptions = {},
  firstOnsetS = 0,
  file = 'recording.edf',
): [number, number] {
  checkOptions(h, opts, file);
  let a = 0,
    b = h.nRecords;
  if (!isDiscontinuous(h) && h.recordDuration > 0) {
    const from = Math.max(firstOnsetS, opts.from ?? 0);
    const to = Math.min(firstOnsetS + h.nRecords * h.recordDuration, opts.to ?? Infinity);
    if (!(to > from)) return [0, 0];
    a = Math.floor((from - firstOnsetS) / h.recordDuration + 1e-9);
    b = Math.min(h.nRecords, Math.ceil((to - firstOnsetS) / h.recordDuration - 1e-9));
  }
  if ((b - a) * h.recordBytes > MAX_EDF_READ_BYTES)
    throw new FormatError(
      file,
      `${(b - a) * h.recordBytes} bytes in one read (limit ${MAX_EDF_READ_BYTES}); read a part`,
    );
  for (const s of h.signals)
    if (!s.isAnnotations && (b - a) * s.samplesPerRecord > MAX_EDF_SAMPLES)
      throw new FormatError(
        file,
        `${s.label}: ${(b - a) * s.samplesPerRecord} samples in one read (limit ${MAX_EDF_SAMPLES}); read a part`,
      );
  return [a, b];
}

/** Byte offset of each signal inside a data record. */
function signalOffsets(h: EdfHeader): number[] {
  const offsets: number[] = [];
  let o = 0;
  for (const s of h.signals) {
    offsets.push(o);
    o += s.samplesPerRecord * h.sampleBytes;
  }
  return offsets;
}

/** Where the annotation signals' bytes lie in one data record: [offset, length] each, in signal order. */
export function annotationSlices(h: EdfHeader): [number, number][] {
  const offsets = signalOffsets(h);
  const out: [number, number][] = [];
  h.signals.forEach((s, i) => {
    if (s.isAnnotations) out.push([offsets[i], s.samplesPerRecord * h.sampleBytes]);
  });
  return out;
}

/**
 * Where the timeline starts for an EDF+C/BDF+C read: the time-keeping TAL of record 0, read through
 * `slice(record, offset, length)` (only that annotation signal's bytes); 0 for plain EDF/BDF and EDF+D.
 */
export function edfFirstOnset(
  h: EdfHeader,
  slice: (record: number, offset: number, length: number) => Uint8Array,
  file: string,
): number {
  const sl = annotationSlices(h);
  if (!isPlus(h) || isDiscontinuous(h) || !sl.length || h.nRecords < 1) return 0;
  const tals = parseTals(slice(0, sl[0][0], sl[0][1]), file);
  if (!tals.length) throw new FormatError(file, 'record 0: no time-keeping TAL');
  return tals[0].onsetS;
}

/**
 * Decodes the signals over [from, to) seconds from `records`, the bytes of data records [first, last) (see
 * edfRecordRange; the whole data section for a full read). `otherAnnotations`: TALs of records outside [first, last)
 * (a partial read), whose annotations in [from, to) are returned too.
 */
export function decodeEdfRecords(
  h: EdfHeader,
  records: Uint8Array,
  first: number,
  file: string,
  opts: EdfReadOptions = {},
  otherAnnotations: EdfAnnotation[] = [],
): EdfRecording {
  checkOptions(h, opts, file);
  const n = Math.floor(records.length / h.recordBytes);
  if (records.length !== n * h.recordBytes) throw new FormatError(file, 'data records do not end on a record boundary');
  const dataIdx = h.signals.map((_, i) => i).filter((i) => !h.signals[i].isAnnotations);
  const wanted = opts.channels ?? dataIdx.map((_, k) => k);
  const offsets = signalOffsets(h);
  const slices = annotationSlices(h);
  const plus = isPlus(h) && slices.length > 0;
  // Record start times: EDF+/BDF+ from each record's time-keeping TAL, plain EDF/BDF from its position.
  const starts: number[] = [];
  const annotations: EdfAnnotation[] = [];
  const keep = (t: EdfAnnotation) => {
    if (annotations.length >= MAX_EDF_ANNOTATIONS)
      throw new FormatError(file, `more than ${MAX_EDF_ANNOTATIONS} annotations in one read`);
    annotations.push(t);
  };
  for (let r = 0; r < n; r++) {
    let start = (first + r) * h.recordDuration;
    slices.forEach(([off, len], k) => {
      const at = r * h.recordBytes + off;
      const tals = parseTals(records.subarray(at, at + len), file);
      let from = 0;
      if (plus && k === 0) {
        if (!tals.length) throw new FormatError(file, `record ${first + r}: no time-keeping TAL`);
        start = tals[0].onsetS;
        from = 1; // the time-keeping TAL itself is not an annotation (its texts, if any, are)
        for (const text of tals[0].texts) keep({ onsetS: tals[0].onsetS, durationS: tals[0].durationS, text });
      }
      for (let i = from; i < tals.length; i++)
        for (const text of tals[i].texts) keep({ onsetS: tals[i].onsetS, durationS: tals[i].durationS, text });
    });
    if (plus && r > 0) {
      const gap = start - starts[r - 1];
      if (isDiscontinuous(h) && gap < h.recordDuration - 1e-9)
        throw new FormatError(
          file,
          `record ${first + r} starts at ${start} s, inside record ${first + r - 1} (${starts[r - 1]} s + ` +
            `${h.recordDuration} s): EDF+D records must not overlap`,
        );
      if (!isDiscontinuous(h) && Math.abs(gap - h.recordDuration) > 1e-6)
        throw new FormatError(
          file,
          `record ${first + r} starts at ${start} s, ${gap} s after the one before: an ${h.format} file is ` +
            `continuous (records ${h.recordDuration} s apart)`,
        );
    }
    if (plus && start < 0)
      throw new FormatError(file, `record ${first + r} starts at ${start} s, before the recording`);
    starts.push(start);
  }
  for (const t of otherAnnotations) keep(t);
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
    const present = n * s.samplesPerRecord;
    if (len > MAX_EDF_SAMPLES || len > MAX_TIMELINE_PER_SAMPLE * present + 3600 * s.fs)
      throw new FormatError(
        file,
        `${s.label}: ${len} samples of timeline for ${present} samples of data (gaps between records); ` +
          'read a part with { from, to }',
      );
    const out = new Float64Array(len); // [len] physical units; NaN where no record covers a sample
    fillRange(out, NaN);
    const bitvalue = (s.physMax - s.physMin) / (s.digMax - s.digMin);
    const offset = s.physMax / bitvalue - s.digMax;
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
        out[t] = bitvalue * (offset + d);
      }
    }
    return { name: s.label, fs: s.fs, unit: s.unit, physical: out };
  });
  const inSpan = annotations.filter((a) => a.onsetS >= fromS && a.onsetS < toS);
  inSpan.sort((p, q) => p.onsetS - q.onsetS);
  return { header: h, signals, fromS, annotations: inSpan };
}

/** Every annotation of records [a, b) read from their annotation slices (`slice(record, offset, length)`). */
export function annotationsOfRecords(
  h: EdfHeader,
  a: number,
  b: number,
  slice: (record: number, offset: number, length: number) => Uint8Array,
  file: string,
): EdfAnnotation[] {
  const out: EdfAnnotation[] = [];
  const slices = annotationSlices(h);
  // the time-keeping TAL has no texts (unless it carries annotations too): only texts become annotations
  for (let r = a; r < b; r++)
    for (const [off, len] of slices)
      for (const t of parseTals(slice(r, off, len), file))
        for (const text of t.texts) {
          if (out.length >= MAX_EDF_ANNOTATIONS)
            throw new FormatError(file, `more than ${MAX_EDF_ANNOTATIONS} annotations in one read`);
          out.push({ onsetS: t.onsetS, durationS: t.durationS, text });
        }
  return out;
}

/** A whole EDF/EDF+/BDF file in memory (browsers; Node reads partially with io/edf-node.ts). */
export function decodeEdf(bytes: Uint8Array, file = 'recording.edf', opts: EdfReadOptions = {}): EdfRecording {
  const h = parseEdfHeader(bytes, file);
  const rec = (r: number) => bytes.subarray(h.headerBytes + r * h.recordBytes, h.headerBytes + (r + 1) * h.recordBytes);
  const slice = (r: number, off: number, len: number) => rec(r).subarray(off, off + len);
  const [a, b] = edfRecordRange(h, opts, edfFirstOnset(h, slice, file), file);
  const at = h.headerBytes + a * h.recordBytes;
  const others =
    isPlus(h) && (a > 0 || b < h.nRecords)
      ? annotationsOfRecords(h, 0, a, slice, file).concat(annotationsOfRecords(h, b, h.nRecords, slice, file))
      : [];
  return decodeEdfRecords(h, bytes.subarray(at, at + (b - a) * h.recordBytes), a, file, opts, others);
}

/** One time-stamped annotation list: onset, duration (null when absent), its texts (none for a time-keeping TAL). */
export interface Tal {
  onsetS: number;
  durationS: number | null;
  texts: string[];
}

const ONSET = /^[+-][0-9]+(\.[0-9]*)?$/;
const DURATION = /^[0-9]+(\.[0-9]*)?$/;

/**
 * The TALs of one record's annotation bytes: "+onset[\x15duration]\x14text\x14…\x14\x00". Numbers in the EDF+ syntax
 * only (a sign then digits for the onset, digits for the duration: 'abc', '1e3', a negative duration are refused);
 * texts decoded as UTF-8 (EDF+ specification, section 2.2.2).
 */
export function parseTals(b: Uint8Array, file: string): Tal[] {
  const out: Tal[] = [];
  let i = 0;
  while (i < b.length && b[i] !== 0) {
    let j = i;
    while (j < b.length && b[j] !== 0) j++; // a TAL ends with \x14\x00
    // fields split on 0x14 (texts) and, in the first, 0x15 (duration): ASCII bytes, never inside a UTF-8 sequence
    const fields: Uint8Array[] = [];
    let f = i;
    for (let k = i; k <= j; k++)
      if (k === j || b[k] === 0x14) {
        fields.push(b.subarray(f, k));
        f = k + 1;
      }
    const head = utf8(fields[0]);
    const cut = head.indexOf('\x15');
    const onsetText = cut >= 0 ? head.slice(0, cut) : head;
    const durText = cut >= 0 ? head.slice(cut + 1) : '';
    if (!ONSET.test(onsetText)) throw new FormatError(file, `bad annotation onset '${printableText(onsetText)}'`);
    if (durText !== '' && !DURATION.test(durText))
      throw new FormatError(file, `bad annotation duration '${printableText(durText)}'`);
    const texts: string[] = [];
    // fields after the head: the texts, then the empty field before the closing \x00
    for (let k = 1; k < fields.length - 1; k++) if (fields[k].length) texts.push(utf8(fields[k]));
    out.push({ onsetS: Number(onsetText), durationS: durText === '' ? null : Number(durText), texts });
    i = j + 1;
  }
  return out;
}

const printableText = (t: string) => t.slice(0, 40).replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');

/** UTF-8 bytes → text (ES5: no TextDecoder in Duktape); a malformed sequence becomes U+FFFD. */
export function utf8(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length;) {
    const c = b[i];
    let cp = 0xfffd,
      n = 1;
    if (c < 0x80) cp = c;
    else if (c >= 0xc2 && c < 0xe0) n = 2;
    else if (c >= 0xe0 && c < 0xf0) n = 3;
    else if (c >= 0xf0 && c < 0xf5) n = 4;
    if (n > 1) {
      let v = c & (0x7f >> n);
      let ok = i + n <= b.length;
      for (let k = 1; ok && k < n; k++) {
        const d = b[i + k];
        if ((d & 0xc0) !== 0x80) ok = false;
        else v = (v << 6) | (d & 0x3f);
      }
      const min = n === 2 ? 0x80 : n === 3 ? 0x800 : 0x10000;
      if (ok && v >= min && v <= 0x10ffff && !(v >= 0xd800 && v < 0xe000)) cp = v;
      else n = 1;
    }
    if (cp < 0x10000) s += String.fromCharCode(cp);
    else s += String.fromCharCode(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
    i += n;
  }
  return s;
}
