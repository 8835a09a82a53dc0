// Partial reads from random-access sources without Node: a browser File/Blob (slices are read lazily), or any
// `RangeSource` (an HTTP range reader, a file-system handle). Only the bytes a part needs are read, as in Node:
// the EDF header then the records covering [from, to); a WFDB record's byte range of [from, to) when its frames
// are whole bytes (io/wfdb-part.ts), whole signal files otherwise.
import { FormatError } from '../errors.js';
import {
  parseEdfHeader,
  edfHeaderBytes,
  edfRecordRange,
  decodeEdfRecords,
  edfFirstOnset,
  annotationsOfRecords,
  annotationSlices,
  isPlus,
  isDiscontinuous,
  type EdfReadOptions,
  type EdfRecording,
} from './edf.js';
import { parseWfdbHeader } from './wfdb-header.js';
import { planWfdbPart, assembleWfdbPart, type WfdbReadOptions } from './wfdb-part.js';
import type { WfdbRecord } from './wfdb-signal.js';

/** Random access to bytes: `size` in bytes, `read(at, n)` resolves to exactly n bytes. */
export interface RangeSource {
  size: number;
  read(at: number, n: number): Promise<Uint8Array>;
}

/** A Blob or File as a RangeSource (Blob.slice reads nothing until asked). */
export function blobSource(blob: Blob, name = 'blob'): RangeSource {
  return {
    size: blob.size,
    async read(at, n) {
      const b = new Uint8Array(await blob.slice(at, at + n).arrayBuffer());
      if (b.length !== n)
        throw new FormatError(name, `truncated: ${n} bytes wanted from byte ${at}, ${b.length} there`);
      return b;
    },
  };
}

/** A RangeSource must be { size: a byte count, read(at, n) }: bytes or a Blob given instead are a typed error. */
function checkSource(src: unknown, name: string): asserts src is RangeSource {
  const s = src as RangeSource;
  if (!s || typeof s !== 'object' || typeof s.read !== 'function' || !(Number.isInteger(s.size) && s.size >= 0))
    throw new FormatError(
      name,
      'not a RangeSource ({ size, read(at, n) }): wrap a Blob or File with blobSource(), ' +
        'bytes with blobSource(new Blob([bytes]))',
    );
}

/** Counts the bytes read through a source (what a partial read cost). */
function counted(src: RangeSource): { src: RangeSource; bytes: () => number } {
  let total = 0;
  return {
    src: {
      size: src.size,
      read: (at, n) => {
        total += n;
        return src.read(at, n);
      },
    },
    bytes: () => total,
  };
}

/** EDF/EDF+/BDF part: the header, then the data records that cover [from, to). */
export async function readEdfRanged(
  source: RangeSource,
  opts: EdfReadOptions = {},
  name = 'recording.edf',
): Promise<EdfRecording & { bytesRead: number }> {
  checkSource(source, name);
  const { src, bytes } = counted(source);
  const fixed = await src.read(0, Math.min(256, src.size));
  const head = new Uint8Array(edfHeaderBytes(fixed, name, src.size));
  head.set(fixed);
  if (head.length > 256) head.set(await src.read(256, head.length - 256), 256);
  const h = parseEdfHeader(head, name, src.size);
  const recordAt = (r: number) => h.headerBytes + r * h.recordBytes;
  let onset = 0;
  const first = annotationSlices(h)[0];
  if (first && isPlus(h) && !isDiscontinuous(h) && h.nRecords > 0) {
    const bytes0 = await src.read(recordAt(0) + first[0], first[1]);
    onset = edfFirstOnset(h, () => bytes0, name);
  }
  const [a, b] = edfRecordRange(h, opts, onset, name);
  const records = await src.read(recordAt(a), (b - a) * h.recordBytes);
  // annotations stored in records outside [a, b): their annotation bytes only, record by record
  const outside: number[] = [];
  if (isPlus(h)) for (let r = 0; r < h.nRecords; r++) if (r < a || r >= b) outside.push(r);
  const slices = annotationSlices(h);
  const got: { [key: string]: Uint8Array } = Object.create(null);
  for (const r of outside) for (const [off, len] of slices) got[`${r}:${off}`] = await src.read(recordAt(r) + off, len);
  const others = outside.length
    ? annotationsOfRecords(h, 0, h.nRecords, (r, off) => got[`${r}:${off}`] ?? new Uint8Array(0), name)
    : [];
  return { ...decodeEdfRecords(h, records, a, name, opts, others), bytesRead: bytes() };
}

/**
 * WFDB part from the header text and its signal files as sources (keyed by the file names the header gives).
 * Single-segment records; `from`/`to` are frames.
 */
export async function readWfdbRanged(
  headerText: string,
  files: Record<string, RangeSource>,
  opts: WfdbReadOptions = {},
): Promise<WfdbRecord & { from: number; bytesRead: number }> {
  const header = parseWfdbHeader(headerText, 'header');
  const sizes: Record<string, number> = Object.create(null);
  const sources: Record<string, RangeSource> = Object.create(null);
  let total = 0;
  for (const s of header.signals) {
    const f = files && Object.prototype.hasOwnProperty.call(files, s.fileName) ? files[s.fileName] : undefined;
    if (!f) throw new FormatError(s.fileName, 'signal file named by the header not given');
    checkSource(f, s.fileName);
    sizes[s.fileName] = f.size;
    sources[s.fileName] = f;
  }
  const plan = planWfdbPart(header, sizes, opts);
  const bytes: Record<string, Uint8Array> = Object.create(null);
  for (let i = 0; i < plan.names.length; i++) {
    const name = plan.names[i],
      r = plan.ranges[i];
    bytes[name] = await sources[name].read(r ? r.at : 0, r ? r.n : sizes[name]);
    total += bytes[name].length;
  }
  return { ...assembleWfdbPart(header, plan, bytes), bytesRead: total };
}
