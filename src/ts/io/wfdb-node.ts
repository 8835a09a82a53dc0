// Path-based WFDB loading for Node (the parsers themselves take bytes and work in browsers).
import { readFileSync, existsSync, statSync } from 'node:fs';
import { readRange } from './read-range.js';
import { readRegularFile, readLatin1File, MAX_ANNOTATION_FILE_BYTES } from './read-file.js';

/** Largest signal file read whole (2 GiB − 1: a Node Buffer's limit); longer recordings need a partial read. */
export const MAX_SIGNAL_FILE_BYTES = 2 ** 31 - 1;
import { dirname, join, basename } from 'node:path';
import { FormatError } from '../errors.js';
import {
  parseWfdbHeader,
  parseWfdbMultiSegmentHeader,
  isMultiSegmentHeader,
  type WfdbHeader,
  type WfdbMultiSegmentHeader,
} from './wfdb-header.js';
import { decodeWfdbSignals, type WfdbRecord, type WfdbSignal } from './wfdb-signal.js';
import { planWfdbPart, assembleWfdbPart, type WfdbReadOptions } from './wfdb-part.js';
import { parseWfdbAnnotationFile, inRecordSamples, type Annotation } from './wfdb-annotation.js';

/** A part of a record: frames [from, to) (samples at the header's frame rate) and the signals wanted. */
export type { WfdbReadOptions } from './wfdb-part.js';
export interface WfdbPartialRecord extends WfdbRecord {
  /** First frame of the part that was read. */
  from: number;
  /** Bytes read from the signal files. */
  bytesRead: number;
}

/**
 * `path` is the record's path without extension, or its `.hea` file. With `{ from, to, channels }` only that part is
 * decoded, and for formats whose frames are whole bytes (16, 24, 32, 61, 80, 160; 212 with an even number of samples
 * per frame; 310/311 with a multiple of 3; no skew) only its bytes are read: a 10-s excerpt of a 24-hour Holter reads
 * 10 s of data. Other layouts are read whole and then cut. Header checksums describe the whole record, so a part is not
 * checked against them.
 */
export function readWfdbRecord(path: string, opts?: WfdbReadOptions): WfdbPartialRecord {
  const base = path.replace(/\.hea$/, '');
  const hea = base + '.hea';
  if (!existsSync(hea)) throw new FormatError(hea, 'header file not found');
  const text = readLatin1File(hea, 'header');
  if (isMultiSegmentHeader(text)) return readMultiSegment(base, parseWfdbMultiSegmentHeader(text, hea), opts ?? {});
  const header = parseWfdbHeader(text, hea);
  const fileOf = (name: string) => {
    const p = join(dirname(base), basename(name));
    if (!existsSync(p)) throw new FormatError(p, 'signal file named by the header not found');
    const st = statSync(p);
    if (!st.isFile()) throw new FormatError(p, 'the signal file named by the header is not a regular file');
    return { p, size: st.size };
  };
  const names = header.signals.map((s) => s.fileName).filter((n, i, a) => a.indexOf(n) === i);
  if (!opts) {
    const files: Record<string, Uint8Array> = Object.create(null);
    let bytesRead = 0;
    for (const name of names) {
      const { p, size } = fileOf(name);
      if (size > MAX_SIGNAL_FILE_BYTES)
        throw new FormatError(p, `signal file of ${size} bytes; at most ${MAX_SIGNAL_FILE_BYTES} are read at once`);
      files[name] = new Uint8Array(readFileSync(p));
      bytesRead += size;
    }
    return { ...decodeWfdbSignals(header, files), from: 0, bytesRead };
  }
  return readPart(header, names, fileOf, opts);
}

function readPart(
  header: WfdbHeader,
  names: string[],
  fileOf: (name: string) => { p: string; size: number },
  opts: WfdbReadOptions,
): WfdbPartialRecord {
  const found = names.map(fileOf);
  const sizes: Record<string, number> = Object.create(null);
  names.forEach((n, i) => (sizes[n] = found[i].size));
  const plan = planWfdbPart(header, sizes, opts);
  const files: Record<string, Uint8Array> = Object.create(null);
  let bytesRead = 0;
  plan.names.forEach((name, i) => {
    const r = plan.ranges[i],
      f = found[i];
    if (!r && f.size > MAX_SIGNAL_FILE_BYTES)
      throw new FormatError(f.p, `signal file of ${f.size} bytes; its layout needs a whole read`);
    files[name] = r ? readRange(f.p, r.at, r.n) : new Uint8Array(readFileSync(f.p));
    bytesRead += files[name].length;
  });
  return { ...assembleWfdbPart(header, plan, files), bytesRead };
}

/** A multi-segment read's null-segment fill (NaN, no bytes behind it) at most this multiple of its real samples. */
const MAX_NULL_FILL = 4;

/** Samples of one signal a multi-segment read may produce (2^28, about 6 days at 500 Hz). */
export const MAX_MULTI_SEGMENT_SAMPLES = 1 << 28;

/**
 * A multi-segment record, stitched: the segments overlapping [from, to) are read (each with a partial read), their
 * signals placed by name into the record's signals; a null segment ('~') or a segment without a signal leaves NaN
 * there (digital: the format's invalid value of the first segment). Fixed layout: the signals are the first real
 * segment's; variable layout: the layout segment's. `digital` keeps each segment's own values (gains may differ
 * between segments); `physical` is comparable throughout.
 */
function readMultiSegment(base: string, mh: WfdbMultiSegmentHeader, opts: WfdbReadOptions): WfdbPartialRecord {
  const where = `${base}.hea`;
  const segPath = (name: string) => join(dirname(base), basename(name));
  /** A segment's header: it must exist and be a single-segment record (no recursion). */
  const segmentHeader = (name: string): WfdbHeader => {
    const hea = segPath(name) + '.hea';
    if (!existsSync(hea)) throw new FormatError(hea, 'segment header named by the record not found');
    const text = readLatin1File(hea, 'segment header');
    if (isMultiSegmentHeader(text)) throw new FormatError(hea, 'a segment must be a single-segment record');
    return parseWfdbHeader(text, hea);
  };
  let segments = mh.segments;
  let layout: WfdbHeader | null = null;
  if (segments[0].nSamples === 0 && segments[0].name !== '~') {
    const p = segPath(segments[0].name) + '.hea';
    if (!existsSync(p)) throw new FormatError(p, 'layout header named by the record not found');
    layout = parseWfdbHeader(readLatin1File(p, 'layout header'), p);
    segments = segments.slice(1);
  }
  const real = segments.find((sg) => sg.name !== '~');
  const names: string[] = [];
  const specs: { units: string; gain: number; baseline: number; spf: number }[] = [];
  const template = layout ?? (real ? segmentHeader(real.name) : null);
  if (!template) throw new FormatError(where, 'no segment holds a signal');
  template.signals.forEach((sg, i) => {
    names.push(sg.description || `signal${i}`);
    specs.push({ units: sg.units, gain: sg.gain, baseline: sg.baseline, spf: sg.samplesPerFrame });
  });
  const total = segments.reduce((a, sg) => a + sg.nSamples, 0);
  if (mh.nSamples !== null && mh.nSamples !== total)
    throw new FormatError(where, `record length ${mh.nSamples} ≠ the segments' ${total} samples`);
  const from = opts.from ?? 0;
  const to = Math.min(opts.to ?? total, total);
  if (!(Number.isInteger(from) && from >= 0)) throw new FormatError(where, `from ${from}: a frame index ≥ 0`);
  if (!(Number.isInteger(to) && to >= from))
    throw new FormatError(where, `to ${opts.to}: a frame index ≥ from (${from})`);
  if (to - from > MAX_MULTI_SEGMENT_SAMPLES)
    throw new FormatError(where, `${to - from} samples in one read (limit ${MAX_MULTI_SEGMENT_SAMPLES}); read a part`);
  const channels = opts.channels ?? names.map((_, i) => i);
  for (const c of channels)
    if (!(Number.isInteger(c) && c >= 0 && c < names.length)) throw new FormatError(where, `no signal ${c}`);
  const n = to - from;
  // Memory follows the data: the NaN filled into null segments ('~', no bytes) may be at most a multiple of the
  // samples real segments hold in [from, to), plus a minute — a 60-byte header must not allocate gigabytes.
  let inReal = 0;
  for (let at = 0, k = 0; k < segments.length; at += segments[k].nSamples, k++)
    if (segments[k].name !== '~') inReal += Math.max(0, Math.min(to, at + segments[k].nSamples) - Math.max(from, at));
  if (n > MAX_NULL_FILL * inReal + 60 * mh.fs)
    throw new FormatError(
      where,
      `${n} samples per signal asked for, ${inReal} of them in real segments: the rest are null segments; read a part`,
    );
  const invalid = -32768;
  // The real segments' parts first (each read bounded by its own files' bytes), the output only after them: what is
  // allocated follows what was read, not what the headers claim.
  let at = 0;
  let bytesRead = 0;
  const warnings: string[] = [];
  const parts: { a: number; b: number; part: WfdbPartialRecord }[] = [];
  for (const sg of segments) {
    const a = Math.max(from, at);
    const b = Math.min(to, at + sg.nSamples);
    if (sg.name !== '~' && b > a) {
      segmentHeader(sg.name);
      const part = readWfdbRecord(segPath(sg.name), { from: a - at, to: b - at });
      if (part.fs !== mh.fs)
        throw new FormatError(where, `segment ${sg.name} is at ${part.fs} Hz, the record at ${mh.fs}`);
      bytesRead += part.bytesRead;
      for (const w of part.warnings) warnings.push(`segment ${sg.name}: ${w}`);
      parts.push({ a, b, part });
    }
    at += sg.nSamples;
  }
  // a signal of spf samples per frame (multi-frequency) holds spf samples for each frame of the record
  const out: WfdbSignal[] = channels.map((c) => ({
    name: names[c],
    fs: mh.fs * specs[c].spf,
    units: specs[c].units,
    gain: specs[c].gain,
    baseline: specs[c].baseline,
    digital: new Int32Array(n * specs[c].spf).fill(invalid), // [n · spf]
    physical: new Float64Array(n * specs[c].spf).fill(NaN), // [n · spf]
  }));
  for (const { a, b, part } of parts)
    out.forEach((o, k) => {
      const spf = specs[channels[k]].spf;
      const sig = part.signals.find((x) => x.name === o.name);
      if (!sig) return; // this segment lacks the signal (variable layout): NaN stays
      if (sig.fs !== o.fs)
        throw new FormatError(where, `signal ${o.name}: ${sig.fs} Hz in a segment, ${o.fs} Hz in the record`);
      o.digital.set(sig.digital.subarray(0, (b - a) * spf), (a - from) * spf);
      o.physical.set(sig.physical.subarray(0, (b - a) * spf), (a - from) * spf);
    });
  const header: WfdbHeader = {
    ...template,
    recordName: mh.recordName,
    nSamples: total,
    fs: mh.fs,
    comments: mh.comments,
  };
  return { header, fs: mh.fs, nSamples: n, signals: out, from, bytesRead, warnings };
}

/**
 * A record's annotations in its sample numbers. A file that states its own time resolution is converted with the
 * record header's frame rate (the header must then exist); nSamples (record length) bounds the converted times.
 */
export function readWfdbAnnotations(path: string, ext: string, nSamples?: number): Annotation[] {
  const base = path.replace(/\.hea$/, '');
  const p = base + '.' + ext;
  if (!existsSync(p)) throw new FormatError(p, 'annotation file not found');
  const f = parseWfdbAnnotationFile(readRegularFile(p, 'annotation file', MAX_ANNOTATION_FILE_BYTES), p);
  let anns = f.annotations;
  if (f.timeResolution !== null) {
    if (!existsSync(base + '.hea'))
      throw new FormatError(p, `times are in ticks of ${f.timeResolution} Hz; the record header is needed`);
    anns = inRecordSamples(f, readRecordFs(base + '.hea'));
  }
  if (nSamples !== undefined) {
    const past = anns.filter((x) => x.sample >= nSamples)[0];
    if (past)
      throw new FormatError(
        p,
        `annotation '${past.symbol}' at sample ${past.sample} is past the end of the record (${nSamples} samples)`,
      );
  }
  return anns;
}

/** The frame rate on a header's record line (single- or multi-segment). */
function readRecordFs(hea: string): number {
  const line = readLatin1File(hea, 'header')
    .split(/\r?\n/)
    .find((l) => l.trim() !== '' && l.trim()[0] !== '#');
  const fs = line ? parseFloat(line.trim().split(/\s+/)[2] ?? '') : NaN;
  return fs > 0 ? fs : 250; // WFDB's default frame rate when the header gives none
}
