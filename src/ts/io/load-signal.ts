// Reads one lead of a recording from a WFDB header (.hea), CSV or .npy file (Node).
import { readFileSync, existsSync, statSync } from 'node:fs';

/** Largest CSV/.npy file read (whole, into memory). */
export const MAX_TEXT_FILE_BYTES = 512 * 1024 * 1024;
import { FormatError, SignalError } from '../errors.js';
import { readWfdbRecord } from './wfdb-node.js';
import { parseCsv } from './csv.js';
import { parseNpy, npyColumn, npyLeadNames } from './npy.js';

export interface LoadedSignal {
  signal: Float64Array;
  fs: number;
  lead: string;
  leads: string[];
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
  if (existsSync(path) && !statSync(path).isFile())
    throw new FormatError(path, 'not a file (a directory? give a .hea, .csv or .npy file)');
  if (existsSync(path) && statSync(path).size > MAX_TEXT_FILE_BYTES && !/\.hea$/i.test(path)) {
    throw new FormatError(
      path,
      `${statSync(path).size} bytes; CSV/.npy files are read whole, at most ${MAX_TEXT_FILE_BYTES} bytes`,
    );
  }
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
  if (path.endsWith('.hea') || (!existsSync(path) && existsSync(path + '.hea'))) {
    const rec = readWfdbRecord(path);
    const names = rec.signals.map((s) => s.name);
    const i = pick(names);
    if (opts.fs !== undefined && opts.fs !== rec.fs)
      throw new SignalError(`--fs ${opts.fs} contradicts the header's ${rec.fs} Hz`);
    return { signal: rec.signals[i].physical, fs: rec.fs, lead: names[i], leads: names };
  }
  if (opts.fs === undefined)
    throw new SignalError(`${path}: the sampling rate is not stored in CSV/.npy files; give it with --fs`);
  if (path.endsWith('.npy')) {
    const a = parseNpy(new Uint8Array(readFileSync(path)), path);
    const names = npyLeadNames(a, path);
    const i = pick(names);
    return { signal: npyColumn(a, i, path), fs: opts.fs, lead: names[i], leads: names };
  }
  const t = parseCsv(readFileSync(path, 'utf8'), path);
  const i = pick(t.names);
  return { signal: t.columns[i], fs: opts.fs, lead: t.names[i], leads: t.names };
}
