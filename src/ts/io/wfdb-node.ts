// Path-based WFDB loading for Node (the parsers themselves take bytes and work in browsers).
import { readFileSync, existsSync } from 'node:fs';
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
  const header = parseWfdbHeader(readFileSync(hea, 'latin1'), hea);
  const files: Record<string, Uint8Array> = {};
  for (const s of header.signals) {
    if (files[s.fileName]) continue;
    const p = join(dirname(base), basename(s.fileName));
    if (!existsSync(p)) throw new FormatError(p, 'signal file named by the header not found');
    files[s.fileName] = new Uint8Array(readFileSync(p));
  }
  return decodeWfdbSignals(header, files);
}

export function readWfdbAnnotations(path: string, ext: string, nSamples?: number): Annotation[] {
  const p = path.replace(/\.hea$/, '') + '.' + ext;
  if (!existsSync(p)) throw new FormatError(p, 'annotation file not found');
  return parseWfdbAnnotations(new Uint8Array(readFileSync(p)), p, nSamples);
}
