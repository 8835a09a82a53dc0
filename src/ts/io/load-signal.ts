// Reads one lead of a recording from a file (Node): WFDB header (.hea), EDF/EDF+/BDF, CSV or .npy — one entry per
// format in
// SIGNAL_FORMATS.
import { existsSync, statSync } from 'node:fs';

/** Largest CSV/.npy file read (whole, into memory). */
export const MAX_TEXT_FILE_BYTES = 512 * 1024 * 1024;
import { FormatError, SignalError } from '../errors.js';
import { readWfdbRecord } from './wfdb-node.js';
import { readRegularFile } from './read-file.js';
import { readEdfFile } from './edf-node.js';
import { parseCsv } from './csv.js';
import { parseNpy, npyColumn, npyLeadNames } from './npy.js';

export interface LoadedSignal {
  signal: Float64Array;
  fs: number;
  lead: string;
  leads: string[];
  /** What the file's own header facts contradict (a WFDB checksum, an initial value): read anyway, reported here. */
  warnings: string[];
}
export interface LoadedLeads {
  signals: Float64Array[];
  fs: number;
  leads: string[];
}

/** Every lead of a recording (WFDB header, CSV or .npy); CSV/.npy need `fs`. */
export function loadAllLeads(path: string, opts: { fs?: number } = {}): LoadedLeads {
  const first = loadSignalFile(path, { fs: opts.fs, lead: '0' });
  const signals = [first.signal];
  for (let i = 1; i < first.leads.length; i++)
    signals.push(loadSignalFile(path, { fs: opts.fs, lead: String(i) }).signal);
  return { signals, fs: first.fs, leads: first.leads };
}

/** `lead`: a lead name (case-insensitive) or a 0-based index; default: lead "ii" if present, else the first. */
export function loadSignalFile(path: string, opts: { lead?: string; fs?: number } = {}): LoadedSignal {
  if (!existsSync(path) && !existsSync(path + '.hea')) throw new FormatError(path, 'file not found');
  const st = existsSync(path) ? statSync(path) : null; // null: a WFDB record named without its .hea
  if (st && st.isDirectory())
    throw new FormatError(path, 'a directory: give a recording (.hea, .edf, .bdf, .csv or .npy)');
  if (st && !st.isFile()) throw new FormatError(path, 'not a regular file (a device, FIFO or socket)');
  if (st && st.size > MAX_TEXT_FILE_BYTES && !/\.hea$/i.test(path))
    throw new FormatError(
      path,
      `${st.size} bytes; CSV/.npy files are read whole, at most ${MAX_TEXT_FILE_BYTES} bytes`,
    );
  const pick = (names: string[]): number => {
    if (opts.lead === undefined) {
      const i = names.findIndex((n) => n.toLowerCase() === 'ii');
      return i >= 0 ? i : 0;
    }
    if (/^\d+$/.test(opts.lead)) {
      const i = Number(opts.lead);
      if (i >= names.length)
        throw new FormatError(path, `lead index ${i} out of range (${names.length} leads: ${names.join(', ')})`);
      return i;
    }
    const i = names.findIndex((n) => n.toLowerCase() === String(opts.lead).toLowerCase());
    if (i < 0) throw new FormatError(path, `no lead '${opts.lead}' (leads: ${names.join(', ')})`);
    return i;
  };
  path = resolveWfdbCompanion(path);
  const format = SIGNAL_FORMATS.find((f) => f.matches(path));
  if (!format) throw new FormatError(path, 'unknown file type');
  if (format.needsFs && opts.fs === undefined)
    throw new SignalError(`${path}: the sampling rate is not stored in ${format.name} files; give it with --fs`);
  const file = format.open(path, opts.fs);
  const i = pick(file.names);
  const fs = file.rate(i);
  if (!format.needsFs && opts.fs !== undefined && opts.fs !== fs)
    throw new SignalError(`--fs ${opts.fs} contradicts the header's ${fs} Hz`);
  return { signal: file.lead(i), fs, lead: file.names[i], leads: file.names, warnings: file.warnings ?? [] };
}

/** Extensions of the files beside a WFDB header: signal data, annotations (common annotator names), WAVE settings. */
const WFDB_COMPANION =
  /\.(dat|atr|xws|qrs|ecg|ari|ann|man|pu|pu0|pu1|q1c|q2c|qt1|qt2|st|stc|apn|gqrs|wqrs|sqrs|oecg|trigger)$/i;

/**
 * A WFDB companion file (`100.dat`, `100.atr`, `100.xws`) stands for its record when `100.hea` is beside it; without
 * a header it is refused with a message saying what it is (a .dat is not CSV).
 */
export function resolveWfdbCompanion(path: string): string {
  const m = WFDB_COMPANION.exec(path);
  if (!m) return path;
  const hea = path.slice(0, path.length - m[0].length) + '.hea';
  if (existsSync(hea) && statSync(hea).isFile()) return hea;
  const what = /^\.dat$/i.test(m[0])
    ? 'a WFDB signal file'
    : /^\.xws$/i.test(m[0])
      ? 'a WAVE settings file'
      : 'a WFDB annotation file';
  throw new FormatError(path, `${what}, and its record's header ${hea} is not there: give the record's .hea`);
}

/** An opened recording: lead names, each lead's sampling rate, and each lead's samples on demand. */
export interface SignalFile {
  names: string[];
  warnings?: string[];
  rate(i: number): number;
  lead(i: number): Float64Array;
}
/** One file format loadSignalFile reads: the first whose `matches` accepts the path is used. */
export interface SignalFormat {
  name: string;
  /** Whether the format lacks a sampling rate (the caller gives it, --fs). */
  needsFs: boolean;
  matches(path: string): boolean;
  open(path: string, fs: number | undefined): SignalFile;
}

/** The formats, in the order they are tried (docs/architecture.md: adding an input format). */
export const SIGNAL_FORMATS: SignalFormat[] = [
  {
    name: 'WFDB',
    needsFs: false,
    matches: (path) => path.endsWith('.hea') || (!existsSync(path) && existsSync(path + '.hea')),
    open(path) {
      const rec = readWfdbRecord(path);
      return {
        names: rec.signals.map((s) => s.name),
        warnings: rec.warnings,
        rate: (i) => rec.signals[i].fs,
        lead: (i) => rec.signals[i].physical,
      };
    },
  },
  {
    name: 'EDF/BDF',
    needsFs: false,
    matches: (path) => /\.(edf|bdf)$/i.test(path),
    open(path) {
      const head = readEdfFile(path, { to: 0 }); // the header only (no data record)
      const data = head.header.signals.filter((s) => !s.isAnnotations);
      if (!data.length) throw new FormatError(path, 'no signals (an annotation-only EDF+ file)');
      return {
        names: data.map((s) => s.label),
        rate: (i) => data[i].fs,
        lead: (i) => readEdfFile(path, { channels: [i] }).signals[0].physical,
      };
    },
  },
  {
    name: 'CSV/.npy',
    needsFs: true,
    matches: (path) => path.endsWith('.npy'),
    open(path, fs) {
      const a = parseNpy(readRegularFile(path, '.npy file', MAX_TEXT_FILE_BYTES), path);
      return { names: npyLeadNames(a, path), rate: () => fs as number, lead: (i) => npyColumn(a, i, path) };
    },
  },
  {
    name: 'CSV/.npy',
    needsFs: true,
    matches: () => true, // anything else is read as CSV (its parser refuses what is not)
    open(path, fs) {
      const bytes = Buffer.from(readRegularFile(path, 'CSV file', MAX_TEXT_FILE_BYTES));
      if (bytes.subarray(0, 65536).indexOf(0) >= 0)
        throw new FormatError(path, 'a binary file, not CSV text (openecg reads .hea, .edf, .bdf, .csv and .npy)');
      const t = parseCsv(bytes.toString('utf8'), path);
      return { names: t.names, rate: () => fs as number, lead: (i) => t.columns[i] };
    },
  },
];
