// QTDB (PhysioNet QT Database): 15-min two-lead Holter excerpts at 250 Hz with sparse
// manual boundaries (q1c: ~30 beats per record). Provides the densest-window and
// T-subset rules of the QTDB protocol (specification §4) and the training windows (specification §3.1).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readWfdbRecord, readWfdbAnnotations } from '../io/wfdb-node.js';
import type { WfdbRecord } from '../io/wfdb-signal.js';
import type { Annotation } from '../io/wfdb-annotation.js';
import {
  wavesFromAnnotations,
  boundariesOf,
  allBoundarySamples,
  type AnnotatedWave,
  type Boundaries,
} from '../ecg/waves.js';

export const QTDB_WINDOW = 2500;

export interface QtdbRecord {
  record: string;
  rec: WfdbRecord;
  q1c: Annotation[];
  waves: AnnotatedWave[]; // q1c waves (optionally merged with pu0, see mergePu0)
}

export function hasQ1c(dir: string, record: string): boolean {
  return existsSync(join(dir, record + '.q1c'));
}

export function loadQtdbRecord(dir: string, record: string, mergePu0 = false): QtdbRecord {
  const rec = readWfdbRecord(join(dir, record));
  const q1c = readWfdbAnnotations(join(dir, record), 'q1c', rec.nSamples);
  let waves = wavesFromAnnotations(q1c);
  if (mergePu0 && existsSync(join(dir, record + '.pu0'))) {
    waves = mergeMissingOnsets(
      waves,
      wavesFromAnnotations(readWfdbAnnotations(join(dir, record), 'pu0', rec.nSamples)),
    );
  }
  return { record, rec, q1c, waves };
}

/**
 * q1c often marks a T (or P) peak and offset without its onset. Training takes the onset
 * from the automatic pu0 annotation of the same wave: the pu0 wave of the same kind whose
 * peak is nearest, within 100 samples (400 ms), if its onset precedes the q1c peak.
 */
export function mergeMissingOnsets(manual: AnnotatedWave[], auto: AnnotatedWave[]): AnnotatedWave[] {
  return manual.map((w) => {
    if (w.onset !== null || w.wave === 'QRS') return w;
    let best: AnnotatedWave | null = null;
    for (const a of auto) {
      if (a.wave !== w.wave || a.onset === null || a.onset >= w.peak) continue;
      if (Math.abs(a.peak - w.peak) <= 100 && (!best || Math.abs(a.peak - w.peak) < Math.abs(best.peak - w.peak)))
        best = a;
    }
    return best ? { ...w, onset: best.onset } : w;
  });
}

/**
 * Densest 2500-sample window of the annotation samples: start = max(0, a − 1250) for each a, first best wins, end
 * clamped.
 */
export function densestWindow(annSamples: number[], nSamples: number, win = QTDB_WINDOW): number {
  let bestStart = 0,
    bestCount = -1;
  const sorted = annSamples.slice().sort((a, b) => a - b);
  for (const a of annSamples) {
    let start = Math.max(0, a - win / 2);
    if (start + win > nSamples) start = Math.max(0, nSamples - win);
    let c = 0;
    for (const s of sorted) if (s >= start && s < start + win) c++;
    if (c > bestCount) {
      bestCount = c;
      bestStart = start;
    }
  }
  return bestStart;
}

/** Boundaries inside [start, start + win), re-based to the window. */
export function windowBoundaries(waves: AnnotatedWave[], start: number, win = QTDB_WINDOW): Boundaries {
  const inside = (s: number | null) => (s !== null && s >= start && s < start + win ? s - start : null);
  const b = boundariesOf(
    waves.map((w) => ({ wave: w.wave, peak: w.peak - start, onset: inside(w.onset), offset: inside(w.offset) })),
  );
  return b;
}

/** Re-based waves overlapping the window (ends outside it become null). */
export function windowWaves(waves: AnnotatedWave[], start: number, win = QTDB_WINDOW): AnnotatedWave[] {
  const inside = (s: number | null) => (s !== null && s >= start && s < start + win ? s - start : null);
  return waves
    .filter((w) => (w.onset ?? w.peak) < start + win && (w.offset ?? w.peak) >= start)
    .map((w) => ({ wave: w.wave, peak: w.peak - start, onset: inside(w.onset), offset: inside(w.offset) }));
}

/** The protocol's window for one record: densest window of every q1c annotation sample. */
export function protocolWindow(q: QtdbRecord): { start: number; boundaries: Boundaries; tRatio: number } {
  const start = densestWindow(
    q.q1c.map((a) => a.sample),
    q.rec.nSamples,
  );
  const b = windowBoundaries(q.waves, start);
  const tRatio = b.QRS_on.length === 0 ? 0 : b.T_on.length / b.QRS_on.length;
  return { start, boundaries: b, tRatio };
}

/** Clusters of annotation samples: a gap of more than 12,500 samples (50 s) starts a new one. */
export function annotationClusters(samples: number[], gap = 12500): [number, number][] {
  const s = samples.slice().sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (const v of s) {
    if (out.length && v - out[out.length - 1][1] <= gap) out[out.length - 1][1] = v;
    else out.push([v, v]);
  }
  return out;
}

export { allBoundarySamples };
