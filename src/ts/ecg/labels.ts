// Training/evaluation targets — the single source of truth shared by the training
// pipeline (tools/train) and evaluation: per-sample paint, per-frame majority labels,
// labelled-range masking, soft-T targets and boundary regression targets.
import {
  CLASS_OTHER,
  IGNORE,
  WAVE_CLASS,
  BOUNDARY_KEYS,
  allBoundarySamples,
  type AnnotatedWave,
  type Boundaries,
} from './waves.js';

export const SAMPLES_PER_FRAME = 5; // 20 ms at 250 Hz
export const N_CLASSES = 4;
export const N_BOUNDARIES = 6;
export const LABEL_MARGIN_SAMPLES = 25; // 100 ms at 250 Hz
export const REG_RADIUS_SAMPLES = 25; // ±5 frames

/**
 * Per-sample classes: OTHER, then P spans, then QRS, then T painted over each other
 * (later paint wins, specification §3.2). Only waves with both ends annotated are painted.
 */
export function paintSamples(n: number, waves: AnnotatedWave[]): Uint8Array {
  const lab = new Uint8Array(n); // CLASS_OTHER = 0
  for (const name of ['P', 'QRS', 'T'] as const) {
    for (const w of waves) {
      if (w.wave !== name || w.onset === null || w.offset === null) continue;
      const a = Math.max(0, w.onset),
        b = Math.min(n - 1, w.offset);
      for (let s = a; s <= b; s++) lab[s] = WAVE_CLASS[name];
    }
  }
  return lab;
}

/** [lo, hi): first boundary − margin .. last boundary + margin (inclusive), clipped (specification §4). */
export function labelledRange(b: Boundaries, n: number, margin = LABEL_MARGIN_SAMPLES): [number, number] {
  const all = allBoundarySamples(b);
  if (all.length === 0) return [0, 0];
  return [Math.max(0, all[0] - margin), Math.min(n, all[all.length - 1] + margin + 1)];
}

/** Marks samples outside [lo, hi) as IGNORE (in place). */
export function maskOutside(lab: Uint8Array, lo: number, hi: number): Uint8Array {
  for (let s = 0; s < lab.length; s++) if (s < lo || s >= hi) lab[s] = IGNORE;
  return lab;
}

/**
 * Frame label = majority class of the frame's samples, IGNORE samples not voting;
 * ties go to the smallest class id; an all-IGNORE frame stays IGNORE.
 * nFrames = floor(n / spf).
 */
export function frameLabels(sampleLabels: Uint8Array, spf = SAMPLES_PER_FRAME): Uint8Array {
  const nf = Math.floor(sampleLabels.length / spf);
  const out = new Uint8Array(nf);
  const votes = new Int32Array(N_CLASSES);
  for (let f = 0; f < nf; f++) {
    for (let c = 0; c < N_CLASSES; c++) votes[c] = 0;
    let any = false;
    for (let k = 0; k < spf; k++) {
      const c = sampleLabels[f * spf + k];
      if (c !== IGNORE && c < N_CLASSES) {
        votes[c]++;
        any = true;
      }
    }
    if (!any) {
      out[f] = IGNORE;
      continue;
    }
    let best = 0;
    for (let c = 1; c < N_CLASSES; c++) if (votes[c] > votes[best]) best = c;
    out[f] = best;
  }
  return out;
}

/**
 * Soft targets (specification §3.3, radius 1): one-hot rows, IGNORE rows all zero; at a
 * transition where one side is T (neither IGNORE), the two straddling frames get
 * α on their own class and 1 − α on the other.
 */
export function softTargets(frames: Uint8Array, alpha = 0.9, tClass = 3): Float32Array {
  const nf = frames.length;
  const out = new Float32Array(nf * N_CLASSES);
  for (let f = 0; f < nf; f++) if (frames[f] !== IGNORE) out[f * N_CLASSES + frames[f]] = 1;
  if (alpha >= 1) return out;
  for (let f = 0; f + 1 < nf; f++) {
    const a = frames[f],
      b = frames[f + 1];
    if (a === b || a === IGNORE || b === IGNORE || (a !== tClass && b !== tClass)) continue;
    out[f * N_CLASSES + a] = alpha;
    out[f * N_CLASSES + b] = 1 - alpha;
    out[(f + 1) * N_CLASSES + a] = 1 - alpha;
    out[(f + 1) * N_CLASSES + b] = alpha;
  }
  return out;
}

/**
 * Regression targets (specification §1.5, with one deliberate difference): for frame f and
 * boundary kind k, target = b − spf·f for the nearest annotated boundary b of kind k
 * with |b − spf·f| ≤ radius (first found on ties); mask 0 where none or where the frame
 * is IGNORE. Boundaries are the exact annotated samples (onset = first sample of the wave,
 * offset = its last sample), not snapped to frame edges, so the head learns sub-frame
 * position. The decoder applies it as spf·f + reg[f] for the frame it reads (see decode),
 * which removes the upstream +16 ms bias on offsets.
 */
export function regressionTargets(
  b: Boundaries,
  frames: Uint8Array,
  spf = SAMPLES_PER_FRAME,
  radius = REG_RADIUS_SAMPLES,
): { target: Float32Array; mask: Uint8Array } {
  const nf = frames.length;
  const target = new Float32Array(nf * N_BOUNDARIES);
  const mask = new Uint8Array(nf * N_BOUNDARIES);
  BOUNDARY_KEYS.forEach((key, k) => {
    const list = b[key];
    for (let f = 0; f < nf; f++) {
      if (frames[f] === IGNORE) continue;
      const ref = spf * f;
      let best = Infinity,
        bestOff = 0;
      for (const s of list) {
        const d = Math.abs(s - ref);
        if (d <= radius && d < best) {
          best = d;
          bestOff = s - ref;
        }
      }
      if (best !== Infinity) {
        target[f * N_BOUNDARIES + k] = bestOff;
        mask[f * N_BOUNDARIES + k] = 1;
      }
    }
  });
  return { target, mask };
}

export { CLASS_OTHER };
