// A part of a single-segment WFDB record — frames [from, to) of some signals — planned as byte ranges and decoded,
// over bytes only, so that Node (io/wfdb-node.ts, file reads) and browsers (io/ranged.ts, Blob slices) read just
// the bytes a part needs. Frames are whole bytes for formats 16, 24, 32, 61, 80, 160, 212 with an even and 310/311
// with a multiple-of-3 number of samples per frame, without skew: then only [from, to) of each file is read; other
// layouts (format 8 differences, packs across frames, skew, FLAC) need whole files and are cut after decoding.
// Header checksums and initial values describe the whole record, so a part is not checked against them.
import { FormatError } from '../errors.js';
import type { WfdbHeader } from './wfdb-header.js';
import { decodeWfdbSignals, frameBytes, type WfdbRecord } from './wfdb-signal.js';

export interface WfdbReadOptions {
  from?: number;
  to?: number;
  channels?: number[];
}

export interface WfdbPartPlan {
  from: number;
  to: number;
  channels: number[];
  /** The signal files, in header order. */
  names: string[];
  /** Per file (names order): the byte range to read, or null when the whole file is needed. */
  ranges: ({ at: number; n: number } | null)[];
}

/** What to read for `opts` of a record whose signal files have the given sizes in bytes. */
export function planWfdbPart(header: WfdbHeader, sizes: Record<string, number>, opts: WfdbReadOptions): WfdbPartPlan {
  const where = header.recordName;
  const names = header.signals.map((s) => s.fileName).filter((n, i, a) => a.indexOf(n) === i);
  const layouts = names.map((name) => {
    const sigs = header.signals.filter((s) => s.fileName === name);
    return { bytes: frameBytes(sigs), offset: sigs[0].byteOffset, skewed: sigs.some((s) => s.skew > 0) };
  });
  // Frames in the record: the header's count, or what the first file holds.
  const l0 = layouts[0];
  const total = header.nSamples ?? (l0.bytes ? Math.floor((sizes[names[0]] - l0.offset) / l0.bytes) : 0);
  const from = opts.from ?? 0;
  const to = Math.min(opts.to ?? total, total);
  if (!(Number.isInteger(from) && from >= 0)) throw new FormatError(where, `from ${from}: a frame index ≥ 0`);
  if (!(Number.isInteger(to) && to >= from))
    throw new FormatError(where, `to ${opts.to}: a frame index ≥ from (${from})`);
  const channels = opts.channels ?? header.signals.map((_, i) => i);
  for (const c of channels)
    if (!(Number.isInteger(c) && c >= 0 && c < header.signals.length)) throw new FormatError(where, `no signal ${c}`);
  const byteWise = layouts.every((l) => l.bytes > 0 && !l.skewed);
  const ranges = layouts.map((l) => (byteWise ? { at: l.offset + from * l.bytes, n: (to - from) * l.bytes } : null));
  return { from, to, channels, names, ranges };
}

/** The part of the plan from the bytes read for it (files[name]: the range, or the whole file when it was null). */
export function assembleWfdbPart(
  header: WfdbHeader,
  plan: WfdbPartPlan,
  files: Record<string, Uint8Array>,
): WfdbRecord & { from: number } {
  const { from, to, channels } = plan;
  if (plan.ranges.every((r) => r !== null)) {
    // Each file's [from, to) decoded as a record of its own (offsets applied; no whole-record checks).
    const part: WfdbHeader = {
      ...header,
      nSamples: to - from,
      signals: header.signals.map((s) => ({ ...s, byteOffset: 0, initialValue: null, checksum: null })),
    };
    const rec = decodeWfdbSignals(part, files);
    return { ...rec, signals: channels.map((c) => rec.signals[c]), from };
  }
  const rec = decodeWfdbSignals(header, files);
  const signals = channels.map((c) => {
    const s = rec.signals[c];
    const spf = header.signals[c].samplesPerFrame;
    return { ...s, digital: s.digital.slice(from * spf, to * spf), physical: s.physical.slice(from * spf, to * spf) };
  });
  return { ...rec, nSamples: to - from, signals, from };
}
