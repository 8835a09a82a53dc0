// WFDB header (.hea) parser: the record line and one line per signal.
// Layout follows the WFDB "header(5)" format; fields we do not use are still
// validated so that a damaged header is reported instead of misread.
import { isInt } from '../es5.js';
import { FormatError } from '../errors.js';

export interface WfdbSignalSpec {
  fileName: string;
  format: number;
  samplesPerFrame: number;
  skew: number;
  byteOffset: number;
  gain: number; // ADC units per physical unit (200 when the header leaves it 0 or out)
  baseline: number; // ADC value of physical zero
  units: string;
  adcResolution: number;
  adcZero: number;
  initialValue: number | null;
  checksum: number | null;
  blockSize: number;
  description: string;
}

export interface WfdbHeader {
  recordName: string;
  nSignals: number;
  fs: number;
  nSamples: number | null;
  signals: WfdbSignalSpec[];
  comments: string[];
}

export const SUPPORTED_FORMATS = [8, 16, 24, 32, 61, 80, 160, 212, 310, 311, 508, 516, 524];

function num(file: string, line: number, what: string, s: string, integer = true): number {
  const v = Number(s);
  if (s === '' || !isFinite(v) || (integer && !isInt(v))) {
    throw new FormatError(file, `line ${line}: bad ${what} '${s}'`);
  }
  return v;
}

/** A header's comment texts and its other non-empty lines (with line numbers); an empty header is refused. */
function headerLines(text: string, file: string): { comments: string[]; lines: { no: number; text: string }[] } {
  const comments: string[] = [];
  const lines: { no: number; text: string }[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const t = raw.trim();
    if (t.charAt(0) === '#') comments.push(t.slice(1).trim());
    else if (t !== '') lines.push({ no: i + 1, text: t });
  });
  if (lines.length === 0) throw new FormatError(file, 'empty header');
  return { comments, lines };
}

/** Whether a header's record line names segments ("name/segments …"): a multi-segment record. */
export function isMultiSegmentHeader(text: string): boolean {
  for (const raw of text.split(/\r?\n/)) {
    const t = raw.trim();
    if (t !== '' && t.charAt(0) !== '#') return t.split(/\s+/)[0].indexOf('/') >= 0;
  }
  return false;
}

export function parseWfdbHeader(text: string, file = 'header'): WfdbHeader {
  const { comments, lines } = headerLines(text, file);
  const rec = lines[0].text.split(/\s+/);
  const recordName = rec[0].split('/')[0];
  if (rec[0].indexOf('/') >= 0)
    throw new FormatError(file, 'a multi-segment record: read it with readWfdbRecord (parseWfdbMultiSegmentHeader)');
  if (rec.length < 2) throw new FormatError(file, `line ${lines[0].no}: record line needs a signal count`);
  const nSignals = num(file, lines[0].no, 'signal count', rec[1]);
  // The count is checked against the lines that follow before anything is sized by it.
  if (!(nSignals >= 1)) throw new FormatError(file, `the record has no signals (signal count ${rec[1]})`);
  let fs = 250;
  if (rec.length > 2) {
    const m = /^([0-9.eE+-]+)(\/[0-9.eE+-]+)?(\([0-9.eE+-]+\))?$/.exec(rec[2]);
    if (!m) throw new FormatError(file, `line ${lines[0].no}: bad sampling frequency '${rec[2]}'`);
    fs = num(file, lines[0].no, 'sampling frequency', m[1], false);
  }
  if (!(fs > 0)) throw new FormatError(file, `sampling frequency must be positive, got ${fs}`);
  const nSamples = rec.length > 3 ? num(file, lines[0].no, 'sample count', rec[3]) : null;
  if (nSamples !== null && nSamples < 0) throw new FormatError(file, 'negative sample count');
  if (lines.length - 1 < nSignals) {
    throw new FormatError(
      file,
      `record line announces ${nSignals} signals but ${lines.length - 1} signal lines follow`,
    );
  }
  const signals: WfdbSignalSpec[] = [];
  for (let s = 0; s < nSignals; s++) {
    const { no, text: lt } = lines[1 + s];
    const f = lt.split(/\s+/);
    if (f.length < 2) throw new FormatError(file, `line ${no}: signal line needs a file name and a format`);
    const fm = /^(\d+)(x\d+)?(:\d+)?(\+\d+)?$/.exec(f[1]);
    if (!fm) throw new FormatError(file, `line ${no}: bad format field '${f[1]}'`);
    const format = Number(fm[1]);
    // Format 0 is a signal without samples: the '~' signals of a multi-segment record's layout header.
    if (SUPPORTED_FORMATS.indexOf(format) < 0 && !(format === 0 && f[0] === '~')) {
      throw new FormatError(
        file,
        `line ${no}: unknown or unsupported signal format ${format} (supported: ${SUPPORTED_FORMATS.join(', ')})`,
      );
    }
    let gain = 200,
      baseline: number | null = null,
      units = 'mV';
    if (f.length > 2) {
      const gm = /^([0-9.eE+-]+)(\(([-0-9]+)\))?(\/(\S+))?$/.exec(f[2]);
      if (!gm) throw new FormatError(file, `line ${no}: bad gain field '${f[2]}'`);
      gain = num(file, no, 'gain', gm[1], false);
      if (gain === 0) gain = 200;
      if (gm[3] !== undefined) baseline = num(file, no, 'baseline', gm[3]);
      if (gm[5] !== undefined) units = gm[5];
    }
    const adcResolution = f.length > 3 ? num(file, no, 'ADC resolution', f[3]) : 0;
    const adcZero = f.length > 4 ? num(file, no, 'ADC zero', f[4]) : 0;
    const initialValue = f.length > 5 ? num(file, no, 'initial value', f[5]) : null;
    const checksum = f.length > 6 ? num(file, no, 'checksum', f[6]) : null;
    const blockSize = f.length > 7 ? num(file, no, 'block size', f[7]) : 0;
    signals.push({
      fileName: f[0],
      format,
      samplesPerFrame: fm[2] ? Number(fm[2].slice(1)) : 1,
      skew: fm[3] ? Number(fm[3].slice(1)) : 0,
      byteOffset: fm[4] ? Number(fm[4].slice(1)) : 0,
      gain,
      baseline: baseline === null ? adcZero : baseline,
      units,
      adcResolution,
      adcZero,
      initialValue,
      checksum,
      blockSize,
      description: f.slice(8).join(' '),
    });
  }
  return { recordName, nSignals, fs, nSamples, signals, comments };
}

/** Segments of a multi-segment record at most (bounds the work a header can ask for). */
export const MAX_SEGMENTS = 100_000;
/** Signals of a multi-segment record at most. */
export const MAX_MULTI_SEGMENT_SIGNALS = 4096;

export interface WfdbMultiSegmentHeader {
  recordName: string;
  nSignals: number;
  fs: number;
  nSamples: number | null;
  /** In order; name '~' is a null segment (a gap of nSamples samples). A first segment of 0 samples is the layout. */
  segments: { name: string; nSamples: number }[];
  comments: string[];
}

/**
 * The header of a multi-segment record: "name/segments signals fs samples", then one line per segment "segment
 * samples". Fixed layout: every segment has the record's signals; variable layout: the first segment (0 samples,
 * usually "<name>_layout") lists the record's signals and each segment holds some of them.
 */
export function parseWfdbMultiSegmentHeader(text: string, file = 'header'): WfdbMultiSegmentHeader {
  const { comments, lines } = headerLines(text, file);
  const rec = lines[0].text.split(/\s+/);
  const [recordName, segs] = rec[0].split('/');
  if (segs === undefined) throw new FormatError(file, 'not a multi-segment record (no "/segments" on the record line)');
  const nSegments = num(file, lines[0].no, 'segment count', segs);
  if (!(nSegments >= 1 && nSegments <= MAX_SEGMENTS))
    throw new FormatError(file, `${nSegments} segments (1 to ${MAX_SEGMENTS})`);
  if (rec.length < 3) throw new FormatError(file, `line ${lines[0].no}: record line needs signals and a frequency`);
  const nSignals = num(file, lines[0].no, 'signal count', rec[1]);
  if (!(nSignals >= 1 && nSignals <= MAX_MULTI_SEGMENT_SIGNALS))
    throw new FormatError(file, `signal count ${rec[1]} (1 to ${MAX_MULTI_SEGMENT_SIGNALS})`);
  const fs = num(file, lines[0].no, 'sampling frequency', rec[2].split('/')[0], false);
  if (!(fs > 0)) throw new FormatError(file, `sampling frequency must be positive, got ${fs}`);
  const nSamples = rec.length > 3 ? num(file, lines[0].no, 'sample count', rec[3]) : null;
  if (lines.length - 1 < nSegments)
    throw new FormatError(
      file,
      `record line announces ${nSegments} segments but ${lines.length - 1} segment lines follow`,
    );
  const segments = lines.slice(1, 1 + nSegments).map(({ no, text: t }) => {
    const f = t.split(/\s+/);
    if (f.length < 2) throw new FormatError(file, `line ${no}: a segment line needs a name and a sample count`);
    if (f[0] !== '~' && !/^[A-Za-z0-9_.-]+$/.test(f[0]))
      throw new FormatError(file, `line ${no}: bad segment name '${f[0]}'`);
    const n = num(file, no, 'segment length', f[1]);
    if (n < 0) throw new FormatError(file, `line ${no}: negative segment length`);
    return { name: f[0], nSamples: n };
  });
  return { recordName, nSignals, fs, nSamples, segments, comments };
}
