// WFDB annotation reader (MIT format). Each 16-bit little-endian word holds a
// 6-bit code A and a 10-bit field I. Codes 1..49 are annotations (I = time step);
// 59 SKIP (a 32-bit step follows, high half first), 60 NUM, 61 SUB, 62 CHN, 63 AUX
// (I bytes follow, padded to even) modify the annotation just read; code 0 with I > 0 is NOTQRS (a
// non-beat record, e.g. label definitions); 0/0 ends the file.
// File metadata, written by WFDB writers as NOTE (22) annotations at sample 0 whose text begins with '## ', is read
// and not returned as annotations: '## time resolution: F' (annotation times count ticks of F Hz, not record
// samples) and a table of custom labels between '## annotation type definitions' and '## end of definitions',
// one NOTE per code with the text 'code mnemonic description'; the mnemonics then name those codes.
import { FormatError } from '../errors.js';

export interface Annotation {
  sample: number;
  symbol: string;
  code: number;
  subtype: number;
  chan: number;
  num: number;
  aux: string;
}

// Mnemonics of the standard annotation codes (index = code).
const SYMBOLS: string[] = [
  ' ',
  'N',
  'L',
  'R',
  'a',
  'V',
  'F',
  'J',
  'A',
  'S',
  'E',
  'j',
  '/',
  'Q',
  '~',
  ' ',
  '|',
  ' ',
  's',
  'T',
  '*',
  'D',
  '"',
  '=',
  'p',
  'B',
  '^',
  't',
  '+',
  'u',
  '?',
  '!',
  '[',
  ']',
  'e',
  'n',
  '@',
  'x',
  'f',
  '(',
  ')',
  'r',
  ' ',
  ' ',
  ' ',
  ' ',
  ' ',
  ' ',
  ' ',
  ' ',
];

/** Beat (QRS) annotation codes. */
const BEAT_CODES = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 34, 35, 38, 41];
export const isBeatSymbol = (a: Annotation): boolean => BEAT_CODES.indexOf(a.code) >= 0;

/** A custom annotation label defined in the file's header. */
export interface AnnotationLabel {
  code: number;
  symbol: string;
  description: string;
}

export interface AnnotationFile {
  annotations: Annotation[];
  /** Ticks per second of the annotation times when the file states one ('## time resolution'), else null. */
  timeResolution: number | null;
  labels: AnnotationLabel[];
}

/** The annotations of a file (sample numbers as stored); see parseWfdbAnnotationFile for its metadata. */
export function parseWfdbAnnotations(bytes: Uint8Array, file = 'annotations', nSamples?: number): Annotation[] {
  return parseWfdbAnnotationFile(bytes, file, nSamples).annotations;
}

/**
 * Annotations with the file's metadata (time resolution, custom labels; the labels already name their codes).
 * nSamples: the record length in the annotation times' units; an annotation at or past it is a FormatError.
 */
export function parseWfdbAnnotationFile(bytes: Uint8Array, file = 'annotations', nSamples?: number): AnnotationFile {
  const out: Annotation[] = [];
  let time = 0,
    chan = 0,
    num = 0,
    pos = 0;
  const word = (p: number) => bytes[p] | (bytes[p + 1] << 8);
  let ended = false;
  while (pos + 1 < bytes.length) {
    const w = word(pos);
    pos += 2;
    const a = w >> 10,
      i = w & 0x3ff;
    if (a === 0 && i === 0) {
      ended = true;
      break;
    }
    if (a === 59) {
      if (pos + 4 > bytes.length) throw new FormatError(file, `truncated SKIP at byte ${pos - 2}`);
      const hi = word(pos),
        lo = word(pos + 2);
      pos += 4;
      time += (hi << 16) | lo | 0;
    } else if (a === 60) {
      if (out.length === 0) throw new FormatError(file, `NUM before any annotation at byte ${pos - 2}`);
      num = signExt8(i);
      out[out.length - 1].num = num;
    } else if (a === 61) {
      if (out.length === 0) throw new FormatError(file, `SUB before any annotation at byte ${pos - 2}`);
      out[out.length - 1].subtype = signExt8(i);
    } else if (a === 62) {
      if (out.length === 0) throw new FormatError(file, `CHN before any annotation at byte ${pos - 2}`);
      chan = i & 0xff;
      out[out.length - 1].chan = chan;
    } else if (a === 63) {
      if (pos + i > bytes.length) throw new FormatError(file, `truncated AUX string at byte ${pos - 2}`);
      if (out.length === 0) throw new FormatError(file, `AUX before any annotation at byte ${pos - 2}`);
      let s = '';
      for (let k = 0; k < i; k++) {
        const c = bytes[pos + k];
        if (c === 0) break;
        s += String.fromCharCode(c);
      }
      out[out.length - 1].aux = s;
      pos += i + (i & 1);
    } else if (a === 0) {
      // NOTQRS (code 0 with a non-zero step): a non-beat annotation, e.g. the carrier of label definitions.
      time += i;
      out.push({ sample: time, symbol: '', code: 0, subtype: 0, chan, num, aux: '' });
    } else if (a >= 1 && a <= 49) {
      time += i;
      if (time < 0) throw new FormatError(file, `annotation ${out.length} at negative sample ${time}`);
      out.push({ sample: time, symbol: SYMBOLS[a] ?? '?', code: a, subtype: 0, chan, num, aux: '' });
    } else {
      throw new FormatError(file, `unknown annotation code ${a} at byte ${pos - 2}`);
    }
  }
  if (!ended && bytes.length > 0 && pos < bytes.length) throw new FormatError(file, 'odd trailing byte');
  // File metadata is not an annotation: NOTQRS records, the '## ' NOTEs at sample 0 and the label table.
  let timeResolution: number | null = null;
  const labels: AnnotationLabel[] = [];
  const kept: Annotation[] = [];
  let inTable = false;
  for (const x of out) {
    if (x.code === 0) continue;
    const meta = x.sample === 0 && x.code === 22;
    if (meta && x.aux.slice(0, 3) === '## ') {
      const text = x.aux.slice(3).trim();
      if (text === 'annotation type definitions') inTable = true;
      else if (text === 'end of definitions') inTable = false;
      else if (text.slice(0, 16) === 'time resolution:') {
        const f = Number(text.slice(16).trim());
        if (!(f >= 1e-6 && f < 1e12))
          throw new FormatError(file, `time resolution '${text.slice(16, 40).trim()}' (1e-6 to 1e12 Hz)`);
        timeResolution = f;
      }
      continue;
    }
    if (meta && inTable) {
      const m = /^(\d{1,2}) (\S{1,16})(?: ([\s\S]*))?$/.exec(x.aux);
      if (!m || Number(m[1]) < 1 || Number(m[1]) > 49)
        throw new FormatError(file, `label definition '${x.aux.slice(0, 40)}' (want 'code mnemonic description')`);
      labels.push({ code: Number(m[1]), symbol: m[2], description: m[3] ?? '' });
      continue;
    }
    kept.push(x);
  }
  if (inTable) throw new FormatError(file, "label table without '## end of definitions'");
  for (const x of kept) for (const l of labels) if (x.code === l.code) x.symbol = l.symbol;
  out.length = 0;
  for (const x of kept) out.push(x);
  if (nSamples !== undefined) {
    const past = out.filter((x) => x.sample >= nSamples)[0];
    if (past)
      throw new FormatError(
        file,
        `annotation '${past.symbol}' at sample ${past.sample} is past the end of the record (${nSamples} samples)`,
      );
  }
  return { annotations: out, timeResolution, labels };
}

/** NUM and SUB are signed 8-bit fields (WFDB's signed char), CHN an unsigned one. */
function signExt8(v: number): number {
  return ((v & 0xff) << 24) >> 24;
}

/**
 * Annotation times in record samples: a file with a time resolution F counts ticks of F Hz, so at frame rate fs
 * sample = round(tick · fs / F) (as WFDB's reader converts). Files without one are returned as they are.
 */
export function inRecordSamples(f: AnnotationFile, fs: number): Annotation[] {
  const r = f.timeResolution;
  if (r === null || r === fs) return f.annotations;
  return f.annotations.map((a) => {
    const sample = Math.round((a.sample * fs) / r);
    if (!(sample >= 0 && sample <= 9007199254740991))
      throw new FormatError('annotations', `tick ${a.sample} at ${r} Hz is no sample of a ${fs}-Hz record`);
    return { ...a, sample };
  });
}
