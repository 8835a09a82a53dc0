// EDF/EDF+/BDF from a file (Node), reading only what a read needs: the header, then the byte span of the data
// records that cover [from, to) — a 10-s excerpt of a 24-hour Holter reads a few kilobytes.
import { closeSync, fstatSync, openSync } from 'node:fs';
import { readAt } from './read-range.js';
import { regularFile } from './read-file.js';
import {
  parseEdfHeader,
  edfRecordRange,
  decodeEdfRecords,
  edfHeaderBytes,
  type EdfRecording,
  type EdfReadOptions,
} from './edf.js';

export interface EdfFileRead extends EdfRecording {
  /** Bytes read from the file (header and the needed records). */
  bytesRead: number;
}

export function readEdfFile(path: string, opts: EdfReadOptions = {}): EdfFileRead {
  regularFile(path, 'EDF file'); // before opening: opening a FIFO for reading would wait for a writer
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    let bytesRead = 0;
    const read = (at: number, n: number) => {
      bytesRead += n;
      return readAt(fd, path, at, n);
    };
    const fixed = read(0, Math.min(256, size));
    const head = new Uint8Array(edfHeaderBytes(fixed, path, size));
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
