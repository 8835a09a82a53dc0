// LUDB (Lobachevsky University ECG Database): 10-s 12-lead records at 500 Hz with
// per-lead wave annotations. Loads a record-lead as a 250-Hz window with its
// ground truth, the way training and the LUDB protocol (specification §4) need it.
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
  signal250: Float64Array; // mV, 250 Hz
  waves: AnnotatedWave[]; // sample positions at 250 Hz (annotation // 2)
  boundaries: Boundaries; // at 250 Hz
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
    const half = (s: number) => s >> 1; // 500 → 250 Hz: annotation // 2 (specification §4)
    const waves = wavesFromAnnotations(anns).map((w) => ({
      wave: w.wave,
      peak: half(w.peak),
      onset: w.onset === null ? null : half(w.onset),
      offset: w.offset === null ? null : half(w.offset),
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

export interface LudbDiagnosis {
  rhythm: string; // first line of "Rhythms"
  conduction: string; // "Conduction abnormalities", lines joined by ' | '
  extrasystoles: boolean; // any "Extrasystolies" entry
  paced: boolean; // "Cardiac pacing" names a pacemaker
  /** The record's class among the rhythm layer's six (see ludbRhythmClass). */
  rhythmClass: 'sinus' | 'avb' | 'paced' | 'afib' | 'bbb' | 'ventricular';
}

/**
 * The rhythm class of a LUDB diagnosis, first rule that applies: a pacemaker → paced; atrial
 * fibrillation or flutter → afib; any AV block → avb; complete left or right bundle branch block → bbb;
 * otherwise sinus (LUDB has no ventricular rhythm record).
 */
export function ludbRhythmClass(rhythm: string, conduction: string, paced: boolean): LudbDiagnosis['rhythmClass'] {
  const rh = rhythm.toLowerCase();
  const cond = conduction.toLowerCase().replace(/incomplete/g, 'partial');
  if (paced) return 'paced';
  if (rh.startsWith('atrial fibrillation') || rh.startsWith('atrial flutter')) return 'afib';
  if (/av block|av-block/.test(cond)) return 'avb';
  if (/complete (left|right) bundle branch block/.test(cond)) return 'bbb';
  return 'sinus';
}

/** Diagnoses per record id from ludb.csv ({} when the file is absent). */
export function ludbDiagnoses(dir: string): Record<string, LudbDiagnosis> {
  const f = join(dir, 'ludb.csv');
  if (!existsSync(f)) return {};
  const rows = parseCsvRecords(readFileSync(f, 'utf8'));
  const col = (name: string) => rows[0].indexOf(name);
  const cell = (r: string[], name: string) =>
    (r[col(name)] ?? '')
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .join(' | ');
  const out: Record<string, LudbDiagnosis> = {};
  for (const r of rows.slice(1)) {
    const rhythm = (r[col('Rhythms')] ?? '').split('\n')[0].trim();
    const conduction = cell(r, 'Conduction abnormalities');
    const paced = /pacemaker/i.test(cell(r, 'Cardiac pacing'));
    out[r[0].trim()] = {
      rhythm,
      conduction,
      extrasystoles: cell(r, 'Extrasystolies') !== '',
      paced,
      rhythmClass: ludbRhythmClass(rhythm, conduction, paced),
    };
  }
  return out;
}
