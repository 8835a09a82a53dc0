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
  edfFirstOnset,
  annotationsOfRecords,
  isPlus,
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
    const recordAt = (r: number) => h.headerBytes + r * h.recordBytes;
    // annotation bytes of one record (the timeline's start, annotations stored outside the records read)
    const slice = (r: number, off: number, len: number) => read(recordAt(r) + off, len);
    const [a, b] = edfRecordRange(h, opts, edfFirstOnset(h, slice, path), path);
    const records = read(recordAt(a), (b - a) * h.recordBytes);
    const others =
      isPlus(h) && (a > 0 || b < h.nRecords)
        ? annotationsOfRecords(h, 0, a, slice, path).concat(annotationsOfRecords(h, b, h.nRecords, slice, path))
        : [];
    return { ...decodeEdfRecords(h, records, a, path, opts, others), bytesRead };
  } finally {
    closeSync(fd);
  }
}
