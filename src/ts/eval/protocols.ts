// Evaluation protocols (specification §4): which windows and which ground truth, and how the
// per-window boundary lists are pooled before scoring.
import { loadLudbLeads, listRecords } from '../datasets/ludb.js';
import { hasQ1c, loadQtdbRecord, protocolWindow, QTDB_WINDOW } from '../datasets/qtdb.js';
import { labelledRange } from '../ecg/labels.js';
import { BOUNDARY_KEYS, emptyBoundaries, type Boundaries } from '../ecg/waves.js';
import { scoreBoundaries, type Scores } from './martinez.js';
import { FormatError } from '../errors.js';

export const WINDOW = 2500;
export const EVAL_FS = 250;

export interface EvalWindow {
  id: string; // record id (and lead for multi-lead runs)
  signal: Float64Array; // 2500 samples at 250 Hz
  truth: Boundaries; // window coordinates
  range: [number, number]; // [lo, hi): only boundaries inside are scored
}

export interface ProtocolOptions {
  records?: string[];
  lead?: string;
  minTRatio?: number;
}

function pick(all: string[], wanted?: string[]): string[] {
  if (!wanted || !wanted.length) return all;
  for (const r of wanted) if (all.indexOf(r) < 0) throw new FormatError(r, 'record is not listed in RECORDS');
  return wanted;
}

/** LUDB: every record (lead II by default), 500 → 250 Hz, labelled range ±100 ms. Lead 'all' = the 12 leads. */
export function ludbWindows(dir: string, opts: ProtocolOptions = {}): EvalWindow[] {
  const lead = (opts.lead ?? 'ii').toLowerCase();
  const leads = lead === 'all' ? undefined : [lead];
  const out: EvalWindow[] = [];
  for (const r of pick(listRecords(dir), opts.records)) {
    for (const w of loadLudbLeads(dir, r, leads)) {
      const signal = new Float64Array(WINDOW);
      signal.set(w.signal250.subarray(0, WINDOW));
      out.push({
        id: lead === 'all' ? `${r}/${w.lead}` : r,
        signal,
        truth: w.boundaries,
        range: labelledRange(w.boundaries, WINDOW),
      });
    }
  }
  return out;
}

/** QTDB: records with q1c; densest window; first signal; keep if ≥ 1 QRS onset and T-on/QRS-on ≥ minTRatio (0.8). */
export function qtdbWindows(dir: string, opts: ProtocolOptions = {}): EvalWindow[] {
  const minT = opts.minTRatio ?? 0.8;
  const out: EvalWindow[] = [];
  for (const r of pick(listRecords(dir), opts.records)) {
    if (!hasQ1c(dir, r)) continue;
    const q = loadQtdbRecord(dir, r, false);
    const { start, boundaries, tRatio } = protocolWindow(q);
    if (boundaries.QRS_on.length < 1 || tRatio < minT) continue;
    const signal = new Float64Array(QTDB_WINDOW);
    signal.set(q.rec.signals[0].physical.subarray(start, start + QTDB_WINDOW));
    out.push({ id: r, signal, truth: boundaries, range: [0, QTDB_WINDOW] });
  }
  return out;
}

/** Pools windows into one index space (offset 2500 per window), dropping boundaries outside each window's range. */
export function pool(windows: EvalWindow[], preds: Boundaries[]): { truth: Boundaries; pred: Boundaries } {
  const truth = emptyBoundaries(),
    pred = emptyBoundaries();
  windows.forEach((w, i) => {
    const off = i * WINDOW,
      [lo, hi] = w.range;
    for (const k of BOUNDARY_KEYS) {
      for (const s of w.truth[k]) if (s >= lo && s < hi) truth[k].push(s + off);
      for (const s of preds[i][k]) if (s >= lo && s < hi) pred[k].push(s + off);
    }
  });
  return { truth, pred };
}

export function scoreWindows(windows: EvalWindow[], preds: Boundaries[]): Scores {
  const { truth, pred } = pool(windows, preds);
  return scoreBoundaries(truth, pred, EVAL_FS);
}
