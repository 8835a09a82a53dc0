// Beat detection on top of the boundary model's QRS waves (250-Hz samples): two checks that the per-window
// argmax decoder cannot make because they need the recording's rhythm —
//  1. refractory period: two QRS closer than 260 ms (230 bpm) where one has under 0.3 of the other's evidence
//     (the model's peak QRS probability × the QRS energy of qrs-energy.ts) — a P or T wave or a notch taken for
//     a QRS — keep the stronger; two comparable ones (a fast ventricular run) are both kept;
//  2. search-back: where the next QRS comes later than 1.5 × the median of the last 8 RR intervals, the gap is
//     searched (at least 250 ms from either beat) for the frame of highest QRS probability; it becomes a beat when
//     that probability is ≥ 0.1 and its energy ≥ 0.3 × the median energy of the beats around it (isolated PVCs,
//     low-amplitude or noisy beats the argmax gave to another class). The halves are searched again, so a pause
//     holding several missed beats gets them all.
// Thresholds were chosen on MIT-BIH/SVDB development records with EC57 scoring (eval --protocol ec57); the
// evidence is computed from the model's float32 logits with exp32 and from the signal with double arithmetic,
// so it is the same on every engine.
import { median } from '../dsp/median.js';
import { qrsEnergy } from './qrs-energy.js';
import type { Wave } from './beats.js';

export const REFRACTORY_MS = 260,
  REFRACTORY_RATIO = 0.3,
  SEARCH_GAP_RATIO = 1.5,
  SEARCH_MIN_SEPARATION_MS = 250,
  SEARCH_MIN_PROBABILITY = 0.1,
  SEARCH_MIN_ENERGY = 0.3,
  SEARCH_DEPTH = 6;
const FRAME = 5; // 250-Hz samples per model frame
const RR_HISTORY = 8;

interface Qrs {
  onset: number;
  offset: number;
  centre: number;
}

/**
 * waves250: the model's waves at 250 Hz; qrsProbability: [n250 / 5] the QRS probability of each frame (from the
 * window that owns it); sig250: the 250-Hz signal. Returns the waves with QRS added and removed (P/T unchanged).
 */
export function searchBeats(waves250: Wave[], qrsProbability: Float32Array, sig250: ArrayLike<number>): Wave[] {
  const prob = (f: number) => (f >= 0 && f < qrsProbability.length ? qrsProbability[f] : 0);
  const energy = qrsEnergy(sig250);
  const peakEnergy = (on: number, off: number) => {
    let m = 0;
    for (let i = Math.max(0, on - FRAME); i <= Math.min(energy.length - 1, off + FRAME); i++)
      m = Math.max(m, energy[i]);
    return m;
  };
  const peakProb = (q: Qrs) => {
    let m = 0;
    for (let f = Math.floor(q.onset / FRAME); f <= Math.floor(q.offset / FRAME); f++) m = Math.max(m, prob(f));
    return m;
  };
  let list: Qrs[] = waves250
    .filter((w) => w.wave === 'QRS')
    .map((w) => ({ onset: w.onset, offset: w.offset, centre: (w.onset + w.offset) / 2 }))
    .sort((a, b) => a.centre - b.centre);

  // 1. refractory period, repeated until nothing changes (a removal can bring two others together)
  const evidence = (q: Qrs) => peakProb(q) * peakEnergy(q.onset, q.offset);
  const refractory = (REFRACTORY_MS * 250) / 1000;
  for (let changed = true; changed;) {
    changed = false;
    const out: Qrs[] = [];
    for (const q of list) {
      const last = out[out.length - 1];
      if (last && q.centre - last.centre < refractory) {
        const a = evidence(last),
          b = evidence(q);
        if (b < REFRACTORY_RATIO * a) {
          changed = true;
          continue;
        }
        if (a < REFRACTORY_RATIO * b) {
          out[out.length - 1] = q;
          changed = true;
          continue;
        }
      }
      out.push(q);
    }
    list = out;
  }

  // 2. search-back in long gaps
  const centres = list.map((q) => q.centre / FRAME); // frames
  const rr: number[] = [];
  for (let i = 1; i < centres.length; i++) rr.push(centres[i] - centres[i - 1]);
  const overall = median(rr) ?? Infinity;
  const beatEnergy = list.map((q) => peakEnergy(q.onset, q.offset));
  const sep = Math.round(SEARCH_MIN_SEPARATION_MS / 20);
  const added: Qrs[] = [];
  const search = (a: number, b: number, localRR: number, localEnergy: number, depth: number) => {
    if (depth > SEARCH_DEPTH || b - a < 2 * sep) return;
    let best = -1,
      bp = 0;
    for (let f = Math.ceil(a + sep); f <= b - sep; f++)
      if (prob(f) > bp) {
        bp = prob(f);
        best = f;
      }
    if (best < 0 || bp < SEARCH_MIN_PROBABILITY) return;
    let lo = best,
      hi = best;
    while (lo - 1 > a && prob(lo - 1) > bp / 2) lo--;
    while (hi + 1 < b && prob(hi + 1) > bp / 2) hi++;
    const onset = lo * FRAME,
      offset = hi * FRAME + FRAME - 1;
    if (peakEnergy(onset, offset) < SEARCH_MIN_ENERGY * localEnergy) return;
    added.push({ onset, offset, centre: (onset + offset) / 2 });
    const m = (lo + hi) / 2;
    if (m - a > SEARCH_GAP_RATIO * localRR) search(a, m, localRR, localEnergy, depth + 1);
    if (b - m > SEARCH_GAP_RATIO * localRR) search(m, b, localRR, localEnergy, depth + 1);
  };
  for (let i = 0; i + 1 < centres.length; i++) {
    const prev = rr.slice(Math.max(0, i - RR_HISTORY), i);
    const localRR = prev.length >= 3 ? (median(prev) as number) : overall;
    if (centres[i + 1] - centres[i] <= SEARCH_GAP_RATIO * localRR) continue;
    const localEnergy = median(beatEnergy.slice(Math.max(0, i - RR_HISTORY), i + 2)) as number;
    search(centres[i], centres[i + 1], localRR, localEnergy, 0);
  }
  const qrs = list.concat(added).sort((p, q) => p.centre - q.centre);
  // a P or T wave under an added QRS was the model's reading of that beat: it goes
  const others = waves250.filter(
    (w) => w.wave !== 'QRS' && !added.some((q) => w.onset <= q.offset && q.onset <= w.offset),
  );
  return others
    .concat(qrs.map((q): Wave => ({ wave: 'QRS', onset: q.onset, offset: q.offset })))
    .sort((p, q) => p.onset - q.onset);
}
