// Ranged file reads (Node): the partial readers (WFDB, EDF) read only the bytes a part of a recording needs.
import { closeSync, openSync, readSync } from 'node:fs';
import { FormatError } from '../errors.js';

/** `n` bytes of a file from byte `at`; a FormatError names the file when it is shorter. */
export function readRange(path: string, at: number, n: number): Uint8Array {
  const fd = openSync(path, 'r');
  try {
    return readAt(fd, path, at, n);
  } finally {
    closeSync(fd);
  }
}

/** `n` bytes of an open file from byte `at` (a FormatError when the file is shorter). */
export function readAt(fd: number, path: string, at: number, n: number): Uint8Array {
  const buf = new Uint8Array(n);
  const got = n ? readSync(fd, buf, 0, n, at) : 0;
  if (got !== n) throw new FormatError(path, `truncated: ${n} bytes wanted from byte ${at}, ${got} there`);
  return buf;
}
