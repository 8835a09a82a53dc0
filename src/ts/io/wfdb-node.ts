// Path-based WFDB loading for Node (the parsers themselves take bytes and work in browsers).
import { readFileSync, existsSync, statSync } from 'node:fs';

/** Largest signal file read whole (2 GiB − 1: a Node Buffer's limit); longer recordings need a partial read. */
export const MAX_SIGNAL_FILE_BYTES = 2 ** 31 - 1;
import { dirname, join, basename } from 'node:path';
import { FormatError } from '../errors.js';
import { parseWfdbHeader } from './wfdb-header.js';
import { decodeWfdbSignals, type WfdbRecord } from './wfdb-signal.js';
import { parseWfdbAnnotations, type Annotation } from './wfdb-annotation.js';

/** `path` is the record's path without extension, or its `.hea` file. */
export function readWfdbRecord(path: string): WfdbRecord {
  const base = path.replace(/\.hea$/, '');
  const hea = base + '.hea';
  if (!existsSync(hea)) throw new FormatError(hea, 'header file not found');
  if (!statSync(hea).isFile()) throw new FormatError(hea, 'not a file');
  const header = parseWfdbHeader(readFileSync(hea, 'latin1'), hea);
  const files: Record<string, Uint8Array> = Object.create(null);
  for (const s of header.signals) {
    if (Object.prototype.hasOwnProperty.call(files, s.fileName)) continue;
    const p = join(dirname(base), basename(s.fileName));
    if (!existsSync(p)) throw new FormatError(p, 'signal file named by the header not found');
    const st = statSync(p);
    if (!st.isFile()) throw new FormatError(p, 'the signal file named by the header is not a regular file');
    if (st.size > MAX_SIGNAL_FILE_BYTES)
      throw new FormatError(p, `signal file of ${st.size} bytes; at most ${MAX_SIGNAL_FILE_BYTES} are read at once`);
    files[s.fileName] = new Uint8Array(readFileSync(p));
  }
  return decodeWfdbSignals(header, files);
}

export function readWfdbAnnotations(path: string, ext: string, nSamples?: number): Annotation[] {
  const p = path.replace(/\.hea$/, '') + '.' + ext;
  if (!existsSync(p)) throw new FormatError(p, 'annotation file not found');
  return parseWfdbAnnotations(new Uint8Array(readFileSync(p)), p, nSamples);
}
