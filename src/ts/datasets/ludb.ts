// LUDB (Lobachevsky University ECG Database): 10-s 12-lead records at 500 Hz with
// per-lead wave annotations. Loads a record-lead as a 250-Hz window with its
// ground truth, the way training and the LUDB protocol (reference §4) need it.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWfdbRecord, readWfdbAnnotations } from '../io/wfdb-node.js';
import { parseCsvRecords } from '../io/csv.js';
import { resample } from '../dsp/resample.js';
import { wavesFromAnnotations, boundariesOf, type AnnotatedWave, type Boundaries } from '../ecg/waves.js';
import { FormatError } from '../errors.js';

export const LUDB_LEADS = ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'];

export interface LudbWindow {
  record: string;
  lead: string;
  signal250: Float64Array;     // mV, 250 Hz
  waves: AnnotatedWave[];      // sample positions at 250 Hz (annotation // 2)
  boundaries: Boundaries;      // at 250 Hz
}

export function listRecords(dir: string): string[] {
  const f = join(dir, 'RECORDS');
  if (!existsSync(f)) throw new FormatError(f, 'RECORDS file not found (is this a WFDB database directory?)');
  return readFileSync(f, 'latin1').split(/\s+/).filter(Boolean);
}

export function loadLudbLeads(dir: string, record: string, leads: string[] = LUDB_LEADS): LudbWindow[] {
  const rec = readWfdbRecord(join(dir, record));
  return leads.map((lead) => {
    const sig = rec.signals.find((s) => s.name.toLowerCase() === lead.toLowerCase());
    if (!sig) throw new FormatError(join(dir, record + '.hea'), `no lead '${lead}'`);
    const anns = readWfdbAnnotations(join(dir, record), lead.toLowerCase(), rec.nSamples);
    const half = (s: number) => s >> 1; // 500 → 250 Hz: annotation // 2 (reference §4)
    const waves = wavesFromAnnotations(anns).map((w) => ({
      wave: w.wave, peak: half(w.peak),
      onset: w.onset === null ? null : half(w.onset), offset: w.offset === null ? null : half(w.offset),
    }));
    return { record, lead, signal250: resample(sig.physical, rec.fs, 250), waves, boundaries: boundariesOf(waves) };
  });
}

/** First line of LUDB's "Rhythms" diagnosis per record id (from ludb.csv). */
export function ludbRhythms(dir: string): Record<string, string> {
  const f = join(dir, 'ludb.csv');
  if (!existsSync(f)) return {};
  const rows = parseCsvRecords(readFileSync(f, 'utf8'));
  const col = rows[0].indexOf('Rhythms');
  const out: Record<string, string> = {};
  for (const r of rows.slice(1)) out[r[0].trim()] = (r[col] ?? '').split('\n')[0].trim();
  return out;
}
