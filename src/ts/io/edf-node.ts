// EDF/EDF+/BDF from a file (Node), reading only what a read needs: the header, then the byte span of the data
// records that cover [from, to) — a 10-s excerpt of a 24-hour Holter reads a few kilobytes.
import { closeSync, fstatSync, openSync } from 'node:fs';
import { readAt } from './read-range.js';
import {
  parseEdfHeader,
  edfRecordRange,
  decodeEdfRecords,
  MAX_EDF_SIGNALS,
  type EdfRecording,
  type EdfReadOptions,
} from './edf.js';

export interface EdfFileRead extends EdfRecording {
  /** Bytes read from the file (header and the needed records). */
  bytesRead: number;
}

export function readEdfFile(path: string, opts: EdfReadOptions = {}): EdfFileRead {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let bytesRead = 0;
    const read = (at: number, n: number) => {
      bytesRead += n;
      return readAt(fd, path, at, n);
    };
    const fixed = read(0, Math.min(256, size));
    const ns = Number(String.fromCharCode(...Array.from(fixed.subarray(252, 256))).trim());
    // A bad count: parseEdfHeader's error names the field.
    if (!(Number.isInteger(ns) && ns >= 1 && ns <= MAX_EDF_SIGNALS)) parseEdfHeader(fixed, path, size);
    const headerBytes = 256 * (ns + 1);
    const head = new Uint8Array(Math.min(headerBytes, size));
    head.set(fixed);
    if (head.length > 256) head.set(read(256, head.length - 256), 256);
    const h = parseEdfHeader(head, path, size);
    const [a, b] = edfRecordRange(h, opts);
    const records = read(h.headerBytes + a * h.recordBytes, (b - a) * h.recordBytes);
    return { ...decodeEdfRecords(h, records, a, path, opts), bytesRead };
  } finally {
    closeSync(fd);
  }
}
