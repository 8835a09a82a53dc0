// MIT-BIH Arrhythmia Database: 30-minute two-lead records at 360 Hz with beat-by-beat
// reference annotations (beat symbol at the QRS fiducial point) and rhythm changes
// (`+` annotations whose aux text names the rhythm, e.g. "(AFIB").
import { join } from 'node:path';
import { readWfdbRecord, readWfdbAnnotations } from '../io/wfdb-node.js';
import type { WfdbRecord } from '../io/wfdb-signal.js';
import { FormatError } from '../errors.js';

/** Beat symbols scored by ANSI/AAMI EC57 QRS detection (every beat label). */
export const BEAT_SYMBOLS = 'NLRBAaJSVrFejnE/fQ?';

export { aamiOfSymbol as aamiClass } from '../classify/beat-types.js';

/**
 * Development splits of DS1 (+ paced 102 and 107), by record. `devA` selects the epoch,
 * `devB` is never used for any choice and gives the unbiased development number;
 * everything else is training data. DS2 and paced 104/217 are not part of this project's data.
 */
export const MITDB_SPLIT = {
  devA: ['102', '106', '119', '209', '220'],
  devB: ['108', '114', '201', '215'],
};

export interface MitdbBeat {
  sample: number;
  symbol: string;
}
export interface RhythmSpan {
  start: number;
  end: number;
  rhythm: string;
}

export interface MitdbRecord {
  record: string;
  rec: WfdbRecord;
  beats: MitdbBeat[]; // every beat annotation, sample at the record's fs
  rhythms: RhythmSpan[]; // half-open spans [start, end) with the aux text without '(' (e.g. 'AFIB', 'N')
  unreadable: Array<[number, number]>; // ventricular flutter spans ('[' … ']') where no beats are annotated
}

export function loadMitdbRecord(dir: string, record: string): MitdbRecord {
  const base = join(dir, record);
  const rec = readWfdbRecord(base);
  // annotations at or past the last sample (SVDB 860 has one at its length) describe no sample: left out
  const anns = readWfdbAnnotations(base, 'atr').filter((a) => a.sample < rec.nSamples);
  const beats: MitdbBeat[] = [];
  const rhythms: RhythmSpan[] = [];
  const unreadable: Array<[number, number]> = [];
  let flutterStart = -1;
  for (const a of anns) {
    if (a.symbol && BEAT_SYMBOLS.indexOf(a.symbol) >= 0) beats.push({ sample: a.sample, symbol: a.symbol });
    else if (a.symbol === '+' && a.aux.startsWith('(')) {
      if (rhythms.length) rhythms[rhythms.length - 1].end = a.sample;
      rhythms.push({ start: a.sample, end: rec.nSamples, rhythm: a.aux.slice(1).replace(/\0.*$/, '').trim() });
    } else if (a.symbol === '[') flutterStart = a.sample;
    else if (a.symbol === ']' && flutterStart >= 0) {
      unreadable.push([flutterStart, a.sample + 1]);
      flutterStart = -1;
    }
  }
  if (flutterStart >= 0) unreadable.push([flutterStart, rec.nSamples]);
  return { record, rec, beats, rhythms, unreadable };
}

/** Index of the signal named `lead` (case-insensitive) or given as a 0-based index; default signal 0. */
export function leadIndex(rec: WfdbRecord, lead?: string, name = 'record'): number {
  if (lead === undefined || lead === '') return 0;
  if (/^\d+$/.test(lead)) {
    const i = Number(lead);
    if (i < rec.signals.length) return i;
  } else {
    const i = rec.signals.findIndex((s) => s.name.toLowerCase() === lead.toLowerCase());
    if (i >= 0) return i;
  }
  throw new FormatError(name, `no lead '${lead}' (have ${rec.signals.map((s) => s.name).join(', ')})`);
}
