// `openecg beats <file> [--lead ii] [--fs N] [--format json|csv]`: one row per beat with its R peak, QRS
// onset/offset (samples at the file's rate, and seconds), beat type from the beat layer and its AAMI class.
import { Inference } from '../inference.js';
import { loadSignalFile } from '../io/load-signal.js';
import { OpenEcgError } from '../errors.js';
import { fsArg, leadArg, inferenceFor } from './options.js';
import type { Args } from './args.js';

export interface BeatRow {
  r: number;
  t: number;
  qrsOnset: number;
  qrsOffset: number;
  type: string;
  aami: string;
}

export function beatsOf(det: Inference, signal: ArrayLike<number>, fs: number): BeatRow[] {
  const c = det.classify(signal, { fs });
  return c.delineation.beats.map((b, i) => {
    const { r, type, aami } = c.labels[i];
    return { r, t: Math.round((r / fs) * 1e6) / 1e6, qrsOnset: b.qrs.onset, qrsOffset: b.qrs.offset, type, aami };
  });
}

export function beatsCommand(a: Args): number {
  const file = a._[1];
  if (!file) throw new OpenEcgError("beats: give a recording (see 'openecg beats --help')");
  const format = String(a.format ?? 'json');
  if (format !== 'json' && format !== 'csv') throw new OpenEcgError(`unknown --format '${format}' (json or csv)`);
  if (a.lead === 'all') throw new OpenEcgError('beats describes one lead: give --lead <name|index>');
  const { signal, fs: rate, lead } = loadSignalFile(file, { lead: leadArg(a), fs: fsArg(a) });
  const det = inferenceFor(a);
  const beats = beatsOf(det, signal, rate);
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
