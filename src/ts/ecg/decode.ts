// Per-frame model outputs → wave boundaries (the benchmark decoder, specification §2.5),
// with one deliberate difference in how the regression head is applied (see `refine`).
import { emptyBoundaries, BOUNDARY_KEYS, type Boundaries, type BoundaryKey } from './waves.js';
import { SAMPLES_PER_FRAME, N_CLASSES, N_BOUNDARIES, REG_RADIUS_SAMPLES } from './labels.js';
import { fillRange, rne } from '../es5.js';

export const MIN_WAVE_FRAMES = 3; // 60 ms
export const MERGE_GAP_FRAMES = 10; // 200 ms
// QRS runs are treated differently from the original (README, deviations): a QRS run of a single frame is kept
// (the model marks ectopic, paced and noisy beats with short runs; erasing them lost 2–20 % of the beats of
// MIT-BIH records 106, 107, 203), and two QRS runs are joined only across a gap of fewer than 7 frames
// (140 ms) — 200 ms joined consecutive beats of fast ventricular rhythms into one.
export const MIN_QRS_FRAMES = 1;
export const MERGE_GAP_QRS_FRAMES = 7;
const QRS_CLASS = 2;

/** Per-frame argmax of [frames × 4] logits (first maximum wins ties). */
export function argmaxFrames(logits: ArrayLike<number>, nFrames: number, nClasses = N_CLASSES): Uint8Array {
  const out = new Uint8Array(nFrames);
  for (let f = 0; f < nFrames; f++) {
    let best = 0,
      bv = logits[f * nClasses];
    for (let c = 1; c < nClasses; c++) {
      const v = logits[f * nClasses + c];
      if (v > bv) {
        bv = v;
        best = c;
      }
    }
    out[f] = best;
  }
  return out;
}

/**
 * Clean-up (specification §2.5): pass 1 overwrites every run shorter than `minFrames` (except a
 * run starting at frame 0) with the label of the frame before it; pass 2 extends a wave run
 * over a gap of fewer than `mergeFrames` frames when the same wave resumes after the gap.
 * QRS runs use MIN_QRS_FRAMES and MERGE_GAP_QRS_FRAMES instead (when smaller than the arguments).
 */
export function postProcessFrames(
  frames: Uint8Array,
  minFrames = MIN_WAVE_FRAMES,
  mergeFrames = MERGE_GAP_FRAMES,
): Uint8Array {
  const fr = new Uint8Array(frames),
    n = fr.length;
  for (let i = 0; i < n;) {
    let j = i;
    while (j < n && fr[j] === fr[i]) j++;
    const min = fr[i] === QRS_CLASS ? Math.min(minFrames, MIN_QRS_FRAMES) : minFrames;
    if (j - i < min && i > 0) fillRange(fr, fr[i - 1], i, j);
    i = j;
  }
  for (let i = 0; i < n;) {
    const c = fr[i];
    let j = i;
    while (j < n && fr[j] === c) j++;
    if (j >= n) break;
    if (c !== 0) {
      let found = -1;
      const gap = c === QRS_CLASS ? Math.min(mergeFrames, MERGE_GAP_QRS_FRAMES) : mergeFrames;
      for (let k = j; k < n && k - j < gap; k++)
        if (fr[k] === c) {
          found = k;
          break;
        }
      if (found >= 0) {
        fillRange(fr, c, j, found);
        i = found;
        continue;
      }
    }
    i = j;
  }
  return fr;
}

/** A boundary and the frame whose regression output refines it. */
export interface FrameBoundary {
  key: BoundaryKey;
  sample: number;
  frame: number;
}

const ON: Record<number, BoundaryKey> = { 1: 'P_on', 2: 'QRS_on', 3: 'T_on' };
const OFF: Record<number, BoundaryKey> = { 1: 'P_off', 2: 'QRS_off', 3: 'T_off' };

/**
 * Frame-edge boundaries: an onset is the first sample of a wave's first frame, an offset the last sample of its last
 * frame.
 */
export function extractBoundaries(frames: Uint8Array, spf = SAMPLES_PER_FRAME): FrameBoundary[] {
  const out: FrameBoundary[] = [];
  let prev = 0;
  for (let f = 0; f <= frames.length; f++) {
    const cur = f < frames.length ? frames[f] : 0;
    if (cur === prev) continue;
    if (OFF[prev]) out.push({ key: OFF[prev], sample: spf * f - 1, frame: f - 1 });
    if (ON[cur]) out.push({ key: ON[cur], sample: spf * f, frame: f });
    prev = cur;
  }
  return out;
}

/**
 * Regression refinement of one boundary. The head was trained (src/ts/ecg/labels.ts) to predict, for
 * frame f, the boundary's offset from the frame's first sample spf·f, so a boundary read from frame f
 * lands at spf·f + reg[f]. (Upstream adds the offset to the frame-edge sample instead, which puts
 * offsets ~16 ms late; we do not reproduce that.) Offsets are clamped to the trained radius and the
 * result to the window; a NaN offset keeps the frame-edge sample.
 */
export function refineOne(b: FrameBoundary, reg: ArrayLike<number>, nSamples: number, spf = SAMPLES_PER_FRAME): number {
  let r = reg[b.frame * N_BOUNDARIES + BOUNDARY_KEYS.indexOf(b.key)];
  if (r !== r) return b.sample;
  r = Math.max(-REG_RADIUS_SAMPLES, Math.min(REG_RADIUS_SAMPLES, r));
  return Math.max(0, Math.min(nSamples - 1, spf * b.frame + rne(r)));
}

/** Refined boundary lists (sorted) of frame-edge boundaries. */
export function refine(
  bds: FrameBoundary[],
  reg: ArrayLike<number>,
  nSamples: number,
  spf = SAMPLES_PER_FRAME,
): Boundaries {
  const out = emptyBoundaries();
  for (const b of bds) out[b.key].push(refineOne(b, reg, nSamples, spf));
  for (const k of BOUNDARY_KEYS) out[k].sort((a, b) => a - b);
  return out;
}

export interface DecodedWave {
  wave: 'P' | 'QRS' | 'T';
  onset: number;
  offset: number;
}
const WAVE_OF: Record<string, 'P' | 'QRS' | 'T'> = { P_on: 'P', QRS_on: 'QRS', T_on: 'T' };

/**
 * Full decode of one window into waves (onset/offset pairs, in time order): argmax → clean-up →
 * frame-edge boundaries → regression refinement (when `reg` is given). A refined offset never
 * precedes its onset.
 */
export function decodeWaves(
  logits: ArrayLike<number>,
  reg: ArrayLike<number> | null,
  nFrames: number,
  spf = SAMPLES_PER_FRAME,
): DecodedWave[] {
  const bds = extractBoundaries(postProcessFrames(argmaxFrames(logits, nFrames)), spf);
  const n = nFrames * spf;
  const at = (b: FrameBoundary) => (reg ? refineOne(b, reg, n, spf) : b.sample);
  const out: DecodedWave[] = [];
  for (let i = 0; i + 1 < bds.length; i++) {
    const on = bds[i];
    if (!WAVE_OF[on.key]) continue;
    const off = bds[i + 1];
    const a = at(on),
      b = at(off);
    out.push({ wave: WAVE_OF[on.key], onset: a, offset: Math.max(a, b) });
    i++;
  }
  return out;
}

/** Boundary lists of decoded waves (sorted). */
export function wavesToBoundaries(waves: DecodedWave[]): Boundaries {
  const out = emptyBoundaries();
  for (const w of waves) {
    out[`${w.wave}_on` as BoundaryKey].push(w.onset);
    out[`${w.wave}_off` as BoundaryKey].push(w.offset);
  }
  for (const k of BOUNDARY_KEYS) out[k].sort((a, b) => a - b);
  return out;
}

/** Full decode of one window into the six boundary lists (the benchmark decoder's output form). */
export function decodeWindow(logits: ArrayLike<number>, reg: ArrayLike<number> | null, nFrames: number): Boundaries {
  return wavesToBoundaries(decodeWaves(logits, reg, nFrames));
}
