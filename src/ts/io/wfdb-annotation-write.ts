// WFDB annotation writer (MIT format), the inverse of wfdb-annotation.ts: what rdann, wfdb-python and bxb read.
// Per annotation: a 16-bit little-endian word (code << 10 | time step); a step outside 0..1023 is written
// as SKIP (59) with the 32-bit step (high half first) and a zero step in the annotation word; SUB (61), CHN
// (62) and NUM (60) follow only when they differ from 0 (SUB) or from the previous annotation's value (CHN,
// NUM), as WFDB's putann does; AUX (63) carries up to 255 bytes, padded to an even length. The file ends
// with 0/0.
import { OpenEcgError } from '../errors.js';

export interface AnnotationOut {
  sample: number;
  code: number; // 1..49
  subtype?: number; // -128..127
  chan?: number; // 0..255
  num?: number; // -128..127
  aux?: string; // Latin-1 text, at most 255 bytes
}

/** Standard WFDB codes of the beat labels openecg writes. */
export const WFDB_CODE = { N: 1, V: 5, F: 6, A: 8, Q: 13, PACE: 12, RHYTHM: 28, NOTE: 22 } as const;

/** Encodes annotations (sorted by sample, then chan) as MIT-format bytes. */
export function encodeWfdbAnnotations(anns: AnnotationOut[]): Uint8Array {
  const words: number[] = [];
  let time = 0,
    chan = 0,
    num = 0;
  anns.forEach((a, k) => {
    if (!Number.isInteger(a.code) || a.code < 1 || a.code > 49)
      throw new OpenEcgError(`annotation ${k}: code ${a.code} is not 1..49`);
    if (!Number.isInteger(a.sample) || a.sample < 0 || a.sample > 0x7fffffff)
      throw new OpenEcgError(`annotation ${k}: sample ${a.sample} is not an integer in 0..2^31-1`);
    const step = a.sample - time;
    if (step < 0) throw new OpenEcgError(`annotation ${k}: samples must not decrease (${a.sample} after ${time})`);
    if (step > 1023) {
      words.push(59 << 10, (step >>> 16) & 0xffff, step & 0xffff);
      words.push(a.code << 10);
    } else words.push((a.code << 10) | step);
    time = a.sample;
    const sub = a.subtype ?? 0,
      c = a.chan ?? 0,
      n = a.num ?? 0;
    for (const [what, v, lo, hi] of [
      ['subtype', sub, -128, 127],
      ['chan', c, 0, 255],
      ['num', n, -128, 127],
    ] as Array<[string, number, number, number]>)
      if (!Number.isInteger(v) || v < lo || v > hi)
        throw new OpenEcgError(`annotation ${k}: ${what} ${v} out of range`);
    if (sub !== 0) words.push((61 << 10) | (sub & 0xff));
    if (c !== chan) words.push((62 << 10) | c);
    if (n !== num) words.push((60 << 10) | (n & 0xff));
    chan = c;
    num = n;
    if (a.aux) {
      const bytes: number[] = [];
      for (let i = 0; i < a.aux.length; i++) {
        const ch = a.aux.charCodeAt(i);
        if (ch > 255 || ch === 0) throw new OpenEcgError(`annotation ${k}: aux text must be Latin-1 without NUL`);
        bytes.push(ch);
      }
      if (bytes.length > 255) throw new OpenEcgError(`annotation ${k}: aux text longer than 255 bytes`);
      words.push((63 << 10) | bytes.length);
      for (let i = 0; i < bytes.length; i += 2) words.push(bytes[i] | ((bytes[i + 1] ?? 0) << 8));
    }
  });
  words.push(0);
  const out = new Uint8Array(words.length * 2);
  words.forEach((w, i) => {
    out[2 * i] = w & 0xff;
    out[2 * i + 1] = w >> 8;
  });
  return out;
}
