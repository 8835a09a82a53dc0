// Whole-file reads with a check first (Node): the path must name a regular file (not a directory, a device such as
// /dev/zero, a FIFO or a socket, also behind a symlink) no larger than the caller's budget; then exactly the size
// the open file reports is read, so a file that grows while it is read cannot make the read endless.
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { FormatError } from '../errors.js';
import { latin1 } from './latin1.js';

/** Budget of a text header (WFDB .hea, layout and segment headers): 16 MiB. */
export const MAX_HEADER_FILE_BYTES = 16 * 1024 * 1024;
/** Budget of an annotation file read whole: 1 GiB. */
export const MAX_ANNOTATION_FILE_BYTES = 1024 * 1024 * 1024;

/** Throws unless `path` names a regular file (symlinks followed); returns its size. */
export function regularFile(path: string, what: string): number {
  let st;
  try {
    st = statSync(path);
  } catch {
    throw new FormatError(path, `${what} not found`);
  }
  if (st.isDirectory()) throw new FormatError(path, `the ${what} is a directory`);
  if (!st.isFile()) throw new FormatError(path, `the ${what} is not a regular file (a device, FIFO or socket)`);
  return st.size;
}

/** A regular file's bytes; `what` names it in errors ('header', 'annotation file', …). */
export function readRegularFile(path: string, what: string, maxBytes: number): Uint8Array {
  const st = { size: regularFile(path, what) };
  if (st.size > maxBytes) throw new FormatError(path, `the ${what} is ${st.size} bytes (at most ${maxBytes})`);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (e) {
    throw new FormatError(path, `cannot open the ${what}: ${(e as Error).message}`);
  }
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) throw new FormatError(path, `the ${what} is ${size} bytes (at most ${maxBytes})`);
    const buf = new Uint8Array(size);
    let got = 0;
    while (got < size) {
      const n = readSync(fd, buf, got, size - got, got);
      if (n <= 0) break;
      got += n;
    }
    return got === size ? buf : buf.subarray(0, got);
  } finally {
    closeSync(fd);
  }
}

/** A regular file as Latin-1 text (how WFDB reads headers). */
export function readLatin1File(path: string, what: string, maxBytes = MAX_HEADER_FILE_BYTES): string {
  return latin1(readRegularFile(path, what, maxBytes));
}
