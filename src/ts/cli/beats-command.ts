// `openecg beats <file> [--lead ii] [--fs N] [--format json|csv]`: one row per beat with its R peak, QRS
// onset/offset (samples at the file's rate, and seconds), beat type from the beat layer and its AAMI class.
import { printWarnings, printable } from './warnings.js';
import { Inference } from '../inference.js';
import { loadSignalFile } from '../io/load-signal.js';
import { writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { OpenEcgError } from '../errors.js';
import { encodeWfdbAnnotations, WFDB_CODE } from '../io/wfdb-annotation-write.js';
import { fsArg, leadArg, inferenceFor } from './options.js';
import type { Args } from './args.js';
import { progress } from './progress.js';

export interface BeatRow {
  r: number;
  t: number;
  qrsOnset: number;
  qrsOffset: number;
  type: string;
  aami: string;
}

export function beatsOf(
  det: Inference,
  signal: ArrayLike<number>,
  fs: number,
  onProgress?: (done: number, total: number) => void,
): BeatRow[] {
  const c = det.classify(signal, { fs, onProgress });
  return c.delineation.beats.map((b, i) => {
    const { r, type, aami } = c.labels[i];
    return { r, t: Math.round((r / fs) * 1e6) / 1e6, qrsOnset: b.qrs.onset, qrsOffset: b.qrs.offset, type, aami };
  });
}

const AAMI_CODE: Record<string, number> = { N: WFDB_CODE.N, S: WFDB_CODE.A, V: WFDB_CODE.V, F: WFDB_CODE.F };

/** The beats as a WFDB annotation file: one annotation at each R peak, labelled by its AAMI class (S as 'A'). */
export function wfdbBeatAnnotations(beats: BeatRow[]): Uint8Array {
  const sorted = beats
    .map((b) => ({ sample: b.r, code: AAMI_CODE[b.aami] ?? WFDB_CODE.Q }))
    .sort((p, q) => p.sample - q.sample);
  // WFDB keeps one annotation per (time, chan): a second beat on the same sample goes to the next chan
  let last = -1,
    k = 0;
  return encodeWfdbAnnotations(
    sorted.map((x) => ({ ...x, chan: x.sample === last ? ++k : ((last = x.sample), (k = 0)) })),
  );
}

export function beatsCommand(a: Args): number {
  const file = a._[1];
  if (!file) throw new OpenEcgError("beats: give a recording (see 'openecg beats --help')");
  const format = String(a.format ?? 'json');
  if (format !== 'json' && format !== 'csv' && format !== 'wfdb')
    throw new OpenEcgError(`unknown --format '${format}' (json, csv or wfdb)`);
  const annotator = String(a.annotator ?? 'oecg');
  if (!/^[A-Za-z0-9_]{1,32}$/.test(annotator))
    throw new OpenEcgError(`--annotator '${annotator.slice(0, 40)}': letters, digits and _ only`);
  if (a.lead === 'all') throw new OpenEcgError('beats describes one lead: give --lead <name|index>');
  const { signal, fs: rate, lead, warnings } = loadSignalFile(file, { lead: leadArg(a), fs: fsArg(a) });
  printWarnings(warnings);
  const det = inferenceFor(a);
  const bar = progress('beats', !a.quiet);
  const beats = beatsOf(det, signal, rate, (i, n) => bar.tick(i, n));
  bar.end();
  if (format === 'wfdb') {
    const out =
      typeof a.out === 'string' ? a.out : `${basename(file).replace(/\.(hea|edf|bdf|csv|npy)$/i, '')}.${annotator}`;
    writeFileSync(out, wfdbBeatAnnotations(beats));
    process.stderr.write(`wrote ${beats.length} beat annotations to ${printable(out)}\n`);
    return 0;
  }
  if (format === 'json')
    process.stdout.write(JSON.stringify({ fs: rate, lead, classifier: det.classifier.name, beats }) + '\n');
  else
    process.stdout.write(
      'r,t,qrsOnset,qrsOffset,type,aami\n' +
        beats.map((b) => `${b.r},${b.t},${b.qrsOnset},${b.qrsOffset},${b.type},${b.aami}`).join('\n') +
        '\n',
    );
  return 0;
}
