// Wave boundaries from annotation lists: a peak symbol (p, a beat symbol, t)
// with the '(' just before it as onset and the ')' just after it as offset.
import type { Annotation } from '../io/wfdb-annotation.js';
import { isBeatSymbol } from '../io/wfdb-annotation.js';

export type WaveName = 'P' | 'QRS' | 'T';
export const WAVE_NAMES: WaveName[] = ['P', 'QRS', 'T'];
/** Frame classes: 0 other, 1 P, 2 QRS, 3 T. 255 = ignore (outside the labelled range). */
export const CLASS_OTHER = 0,
  CLASS_P = 1,
  CLASS_QRS = 2,
  CLASS_T = 3,
  IGNORE = 255;
export const WAVE_CLASS: Record<WaveName, number> = { P: CLASS_P, QRS: CLASS_QRS, T: CLASS_T };

export interface AnnotatedWave {
  wave: WaveName;
  onset: number | null;
  peak: number;
  offset: number | null;
}

/** The six boundary kinds, in the order of the model's regression head. */
export const BOUNDARY_KEYS = ['P_on', 'P_off', 'QRS_on', 'QRS_off', 'T_on', 'T_off'] as const;
export type BoundaryKey = (typeof BOUNDARY_KEYS)[number];
export type Boundaries = Record<BoundaryKey, number[]>;

export const emptyBoundaries = (): Boundaries => ({
  P_on: [],
  P_off: [],
  QRS_on: [],
  QRS_off: [],
  T_on: [],
  T_off: [],
});

function waveOf(a: Annotation): WaveName | null {
  if (a.symbol === 'p') return 'P';
  if (a.symbol === 't') return 'T';
  if (isBeatSymbol(a)) return 'QRS';
  return null;
}

export function wavesFromAnnotations(anns: Annotation[]): AnnotatedWave[] {
  const out: AnnotatedWave[] = [];
  for (let i = 0; i < anns.length; i++) {
    const w = waveOf(anns[i]);
    if (!w) continue;
    const prev = anns[i - 1],
      next = anns[i + 1];
    out.push({
      wave: w,
      onset: prev && prev.symbol === '(' ? prev.sample : null,
      peak: anns[i].sample,
      offset: next && next.symbol === ')' ? next.sample : null,
    });
  }
  return out;
}

/** Boundary lists (sorted) of annotated waves, positions mapped by `map` (e.g. 500 → 250 Hz: s => s >> 1). */
export function boundariesOf(waves: AnnotatedWave[], map: (s: number) => number = (s) => s): Boundaries {
  const b = emptyBoundaries();
  for (const w of waves) {
    if (w.onset !== null) b[`${w.wave}_on` as BoundaryKey].push(map(w.onset));
    if (w.offset !== null) b[`${w.wave}_off` as BoundaryKey].push(map(w.offset));
  }
  for (const k of BOUNDARY_KEYS) b[k].sort((x, y) => x - y);
  return b;
}

/** All boundary samples of every kind, sorted. */
export function allBoundarySamples(b: Boundaries): number[] {
  const all: number[] = [];
  for (const k of BOUNDARY_KEYS) all.push(...b[k]);
  return all.sort((x, y) => x - y);
}
