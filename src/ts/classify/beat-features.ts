// Features of each beat for the learned beat classifier, computed from what the delineation gives.
// Inter-patient by design: every feature is relative to the recording itself — the beat's shape next
// to the recording's dominant beat (a median template), its RR next to the local RR rhythm — so the
// classifier judges "unlike this person's usual beat, early" rather than absolute shapes of people
// it was trained on (de Chazal et al. 2004 and later inter-patient work rely on the same normalisation).
//
// Per beat (BEAT_FEATURES numbers, float32, in this order):
//   morph[48]    the signal at R − 160 ms … R + 216 ms every 8 ms (linear interpolation at the
//                recording's rate), minus its median, divided by the template block's QRS amplitude
//   diff[48]     morph − template: the template is the element-wise median of the morphs of the beats in
//                the beat's block (TEMPLATE_BLOCK beats, taken from the block and its neighbours)
//   scalars[18]  RR features, QRS width, P wave, pacer spike, similarity to the template (see SCALARS)
// The cost is linear in the number of beats (templates: one median per block and morph sample).
import type { ClassifyInput } from './classifier.js';
import { toFloat64 } from '../es5.js';

export const MORPH_FROM_MS = -160;
export const MORPH_STEP_MS = 8;
export const MORPH_N = 48;
export const SCALARS = [
  'preRR',
  'postRR',
  'localRR',
  'preRR/local',
  'postRR/local',
  'preRR/postRR',
  'preRR/recordRR',
  'localRR/recordRR',
  'qrsWidth',
  'qrsWidth/median',
  'hasP',
  'pr',
  'spike',
  'corr',
  'rmsDiff',
  'amplitude',
  'localRRcv',
  'preRR/localMedian',
] as const;
export const BEAT_FEATURES = 2 * MORPH_N + SCALARS.length;
const TEMPLATE_BLOCK = 64; // beats per template block; the template uses the block and half a block each side
const LOCAL_RR_BEATS = 8; // beats each side for the local RR mean

/** nBeats × BEAT_FEATURES, row-major. `rPeaks[i]` is the R peak of delineation beat i. */
export function beatFeatures(input: ClassifyInput, rPeaks: number[]): Float32Array {
  const { x, fs, delineation: d, spikes } = input;
  const n = d.beats.length;
  const out = new Float32Array(n * BEAT_FEATURES); // [nBeats, BEAT_FEATURES]
  if (!n) return out;
  const morph = new Float64Array(n * MORPH_N); // [nBeats, MORPH_N] before amplitude scaling
  for (let i = 0; i < n; i++) sampleMorph(x, fs, rPeaks[i], morph.subarray(i * MORPH_N, (i + 1) * MORPH_N));
  // Templates per block: median morph and its QRS amplitude (peak-to-peak over R ± 56 ms).
  const nBlocks = Math.ceil(n / TEMPLATE_BLOCK);
  const templates = new Float64Array(nBlocks * MORPH_N); // [nBlocks, MORPH_N]
  const amps = new Float64Array(nBlocks); // [nBlocks]
  const column = new Float64Array(2 * TEMPLATE_BLOCK); // one morph sample over the block's beats
  for (let k = 0; k < nBlocks; k++) {
    const a = Math.max(0, k * TEMPLATE_BLOCK - TEMPLATE_BLOCK / 2);
    const b = Math.min(n, (k + 1) * TEMPLATE_BLOCK + TEMPLATE_BLOCK / 2);
    for (let j = 0; j < MORPH_N; j++) {
      for (let i = a; i < b; i++) column[i - a] = morph[i * MORPH_N + j];
      templates[k * MORPH_N + j] = medianOf(column.subarray(0, b - a));
    }
    amps[k] = Math.max(qrsAmplitude(templates.subarray(k * MORPH_N, (k + 1) * MORPH_N)), 1e-3);
  }
  const rr = new Float64Array(n + 1); // rr[i] = R[i] − R[i−1] in s, for 1 ≤ i < n
  for (let i = 1; i < n; i++) rr[i] = (rPeaks[i] - rPeaks[i - 1]) / fs;
  const widths = d.beats.map((b) => (b.qrs.offset - b.qrs.onset + 1) / fs);
  const recordRR = medianOf(toFloat64(rr.subarray(1, n))) || 0.8;
  const medWidth = medianOf(toFloat64(widths)) || 0.1;
  let spikeAt = 0;
  const local2 = new Float64Array(2 * LOCAL_RR_BEATS + 1); // scratch: the local RRs
  for (let i = 0; i < n; i++) {
    const row = out.subarray(i * BEAT_FEATURES, (i + 1) * BEAT_FEATURES);
    const k = Math.floor(i / TEMPLATE_BLOCK);
    const tpl = templates.subarray(k * MORPH_N, (k + 1) * MORPH_N);
    const amp = amps[k];
    let dot = 0,
      mm = 0,
      tt = 0,
      ms = 0,
      ts = 0,
      diff2 = 0;
    for (let j = 0; j < MORPH_N; j++) {
      const m = morph[i * MORPH_N + j] / amp;
      const t = tpl[j] / amp;
      row[j] = m;
      row[MORPH_N + j] = m - t;
      ms += m;
      ts += t;
    }
    ms /= MORPH_N;
    ts /= MORPH_N;
    for (let j = 0; j < MORPH_N; j++) {
      const m = row[j] - ms,
        t = tpl[j] / amp - ts;
      dot += m * t;
      mm += m * m;
      tt += t * t;
      diff2 += row[MORPH_N + j] * row[MORPH_N + j];
    }
    let sum = 0,
      sum2 = 0,
      cnt = 0;
    for (let j = Math.max(1, i - LOCAL_RR_BEATS); j <= Math.min(n - 1, i + LOCAL_RR_BEATS); j++) {
      sum += rr[j];
      sum2 += rr[j] * rr[j];
      local2[cnt++] = rr[j];
    }
    const local = cnt ? sum / cnt : recordRR;
    const localCv = cnt > 1 ? Math.sqrt(Math.max(0, sum2 / cnt - local * local)) / local : 0;
    const localMedian = cnt ? medianOf(local2.subarray(0, cnt)) : recordRR;
    const pre = i > 0 ? rr[i] : local;
    const post = i + 1 < n ? rr[i + 1] : local;
    const b = d.beats[i];
    const on = b.qrs.onset;
    while (spikeAt < spikes.length && spikes[spikeAt] < on - 0.1 * fs) spikeAt++;
    const spike = spikeAt < spikes.length && spikes[spikeAt] <= on + 0.03 * fs ? 1 : 0;
    const s = 2 * MORPH_N;
    row[s + 0] = pre;
    row[s + 1] = post;
    row[s + 2] = local;
    row[s + 3] = pre / local;
    row[s + 4] = post / local;
    row[s + 5] = pre / post;
    row[s + 6] = pre / recordRR;
    row[s + 7] = local / recordRR;
    row[s + 8] = widths[i] * 10; // ~1 for 100 ms
    row[s + 9] = widths[i] / medWidth;
    row[s + 10] = b.p ? 1 : 0;
    row[s + 11] = b.p ? ((on - b.p.onset) / fs) * 5 : 0; // ~1 for 200 ms
    row[s + 12] = spike;
    row[s + 13] = mm > 0 && tt > 0 ? dot / Math.sqrt(mm * tt) : 0;
    row[s + 14] = Math.sqrt(diff2 / MORPH_N);
    row[s + 15] = qrsAmplitude(row.subarray(0, MORPH_N));
    row[s + 16] = localCv * 10; // ~1 for a CV of 0.1 (sinus arrhythmia), ≥ 2 in AFib
    row[s + 17] = pre / localMedian;
  }
  // Bound the inputs: RR ratios and amplitudes of a noisy or broken recording stay finite and moderate.
  for (let i = 0; i < out.length; i++) {
    const v = out[i];
    out[i] = v !== v ? 0 : v > 8 ? 8 : v < -8 ? -8 : v;
  }
  return out;
}

/** The recording at R + MORPH_FROM_MS + j·MORPH_STEP_MS (linear interpolation, edges held), minus its median. */
function sampleMorph(x: Float64Array, fs: number, r: number, dst: Float64Array): void {
  const last = x.length - 1;
  for (let j = 0; j < MORPH_N; j++) {
    const t = r + ((MORPH_FROM_MS + j * MORPH_STEP_MS) * fs) / 1000;
    const c = t <= 0 ? 0 : t >= last ? last : t;
    const i0 = Math.floor(c);
    const f = c - i0;
    dst[j] = i0 >= last ? x[last] : x[i0] + f * (x[i0 + 1] - x[i0]);
  }
  const med = medianOf(toFloat64(dst));
  for (let j = 0; j < MORPH_N; j++) dst[j] -= med;
}

/** Peak-to-peak of a morph over R ± 56 ms (samples 13 … 27 of the 8-ms grid; R is sample 20). */
function qrsAmplitude(m: ArrayLike<number>): number {
  const r = -MORPH_FROM_MS / MORPH_STEP_MS;
  let lo = Infinity,
    hi = -Infinity;
  for (let j = r - 7; j <= r + 7; j++) {
    if (m[j] < lo) lo = m[j];
    if (m[j] > hi) hi = m[j];
  }
  return hi - lo;
}

/** Median of finite values; mean of the middle two for an even count; 0 when empty. (A plain-array sort:
 *  TypedArray#sort is ES2015.) */
function medianOf(v: Float64Array): number {
  if (!v.length) return 0;
  const s: number[] = [];
  for (let i = 0; i < v.length; i++) s.push(v[i]);
  s.sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
