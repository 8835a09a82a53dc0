// Interpretable beat and rhythm rules of the layered codec. Thresholds:
//  pacer spike  (only for input at ≥ 500 Hz): a sample-to-sample jump ≥ 0.4 mV that is ≥ 12× the
//               median |jump| of the signal and reverses within 4 ms; a spike ≤ 100 ms before a QRS
//               onset makes that beat paced.
//  beat         paced (spike) > VPC (QRS ≥ 120 ms or RR < 80 % of the median RR, and no P in the
//               300 ms before the QRS) > sinus (a P before it) > unknown.
//  rhythm       over the beats of a window, first rule that fires:
//               paced (≥ 50 % paced beats) > ventricular (a run of ≥ 3 VPCs) > AFib (afib.ts, the
//               original's RR detector) > AV block (median PR > 200 ms, or ≥ 2 P waves with no QRS
//               within 400 ms) > BBB (median QRS ≥ 120 ms and P before ≥ 50 % of beats) > sinus.
import type { Wave, Beat } from '../ecg/beats.js';
import { BEAT, RHYTHM } from './classes.js';
import { afibScore, type AfibResult } from './afib.js';

export function detectPacerSpikes(x: ArrayLike<number>, fs: number): number[] {
  if (fs < 500 || x.length < 3) return [];
  const d = new Float64Array(x.length - 1);
  for (let i = 1; i < x.length; i++) d[i - 1] = x[i] - x[i - 1];
  const abs = Array.from(d, Math.abs).sort((a, b) => a - b);
  const thr = Math.max(0.4, 12 * abs[abs.length >> 1]);
  const back = Math.max(1, Math.round(0.004 * fs));
  const out: number[] = [];
  for (let i = 0; i < d.length; i++) {
    if (Math.abs(d[i]) < thr) continue;
    let rev = false;
    for (let k = 1; k <= back && i + k < d.length; k++) if (Math.sign(d[i + k]) === -Math.sign(d[i]) && Math.abs(d[i + k]) >= 0.5 * thr) rev = true;
    if (rev && (!out.length || i - out[out.length - 1] > back * 4)) out.push(i + 1);
  }
  return out;
}

export function classifyBeats(beats: Beat[], waves: Wave[], fs: number, spikes: number[]): number[] {
  const ms = (s: number) => (s * 1000) / fs;
  const rr = beats.slice(1).map((b, i) => ms(b.qrs.onset - beats[i].qrs.onset)).sort((a, b) => a - b);
  const medRR = rr.length ? rr[rr.length >> 1] : 0;
  const ps = waves.filter((w) => w.wave === 'P');
  return beats.map((b, i) => {
    const on = b.qrs.onset;
    if (spikes.some((s) => s <= on && ms(on - s) <= 100)) return BEAT.PACED;
    const wide = ms(b.qrs.offset - b.qrs.onset) >= 120;
    const premature = i > 0 && medRR > 0 && ms(on - beats[i - 1].qrs.onset) < 0.8 * medRR;
    const pBefore = ps.some((p) => p.onset < on && ms(on - p.onset) <= 300);
    if ((wide || premature) && !pBefore) return BEAT.VPC; // a wide beat after a P is conducted (e.g. BBB)
    if (b.p) return BEAT.SINUS;
    return BEAT.UNKNOWN;
  });
}

export interface RhythmResult { rhythm: number; afib: AfibResult; reason: string }

export function classifyRhythm(beats: Beat[], beatClass: number[], waves: Wave[], fs: number): RhythmResult {
  const ms = (s: number) => (s * 1000) / fs;
  const afib = afibScore(beats.map((b) => b.qrs.onset), beats.map((b) => ms(b.qrs.offset - b.qrs.onset)), fs);
  const n = beats.length;
  if (n && beatClass.filter((c) => c === BEAT.PACED).length >= 0.5 * n) return { rhythm: RHYTHM.PACED, afib, reason: 'paced beats' };
  let run = 0;
  for (const c of beatClass) { run = c === BEAT.VPC ? run + 1 : 0; if (run >= 3) return { rhythm: RHYTHM.VENTRICULAR, afib, reason: 'run of ≥ 3 VPCs' }; }
  if (afib.isAfib) return { rhythm: RHYTHM.AFIB, afib, reason: afib.reason };
  const prs = beats.filter((b) => b.p).map((b) => ms(b.qrs.onset - b.p!.onset)).sort((a, b) => a - b);
  const qrsOn = beats.map((b) => b.qrs.onset);
  const blocked = waves.filter((w) => w.wave === 'P' && !qrsOn.some((q) => q > w.offset && ms(q - w.onset) <= 400)).length;
  if ((prs.length && prs[prs.length >> 1] > 200) || blocked >= 2) return { rhythm: RHYTHM.AVB, afib, reason: blocked >= 2 ? 'P waves without QRS' : 'PR > 200 ms' };
  const qrsW = beats.map((b) => ms(b.qrs.offset - b.qrs.onset)).sort((a, b) => a - b);
  if (n && qrsW[n >> 1] >= 120 && prs.length >= 0.5 * n) return { rhythm: RHYTHM.BBB, afib, reason: 'sustained QRS ≥ 120 ms with P waves' };
  return { rhythm: RHYTHM.SINUS, afib, reason: 'default' };
}
