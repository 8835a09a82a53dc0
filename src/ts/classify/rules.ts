// Interpretable beat and rhythm rules of the layered codec. Thresholds:
//  pacer spike  the QRS-localised detector of pacer.ts (the default; detectPacerSpikes below is the older
//               whole-signal one, kept for comparison); a spike from 100 ms before to 30 ms after a QRS
//               onset makes that beat paced (the model's onset of a paced QRS can precede the stimulus).
//  beat         paced (spike) > VPC (QRS ≥ 120 ms and no P in the 300 ms before the QRS) > unknown
//               (earlier than 80 % of the median RR with no P: supraventricular, e.g. in AFib) >
//               sinus (a P before it) > unknown.
//  rhythm       over the beats of a window, first rule that fires:
//               paced (≥ 50 % paced beats) > AFib (afib.ts, the original's RR detector; and — our
//               extension — irregular RR by its rules when only its wide-QRS veto stopped it and P
//               waves precede < 30 % of the beats) > ventricular (a run of ≥ 3 VPCs) > AV block
//               (median PR > 200 ms, or ≥ 2 P waves with no QRS within 400 ms) > BBB (median QRS
//               ≥ 120 ms and P before ≥ 50 % of beats) > sinus.
import type { Wave, Beat } from '../ecg/beats.js';
import { BEAT, RHYTHM } from './classes.js';
import { afibScore, type AfibResult } from './afib.js';

const SPIKE_MIN_MV = 0.05,
  SPIKE_NOISE_X = 15;

export function detectPacerSpikes(x: ArrayLike<number>, fs: number): number[] {
  if (fs < 500 || x.length < 5) return [];
  const d = new Float64Array(x.length - 1);
  for (let i = 1; i < x.length; i++) d[i - 1] = x[i] - x[i - 1];
  const abs: number[] = [];
  for (let i = 0; i < d.length; i++) abs.push(Math.abs(d[i]));
  abs.sort((a, b) => a - b);
  const floor = Math.max(SPIKE_MIN_MV, SPIKE_NOISE_X * abs[abs.length >> 1]);
  const out: number[] = [];
  // A spike: two consecutive jumps of opposite sign, each ≥ floor, standing out from the jumps
  // around them (each neighbour ≤ half the smaller one) — a QRS slope or peak spreads over several
  // samples with neighbours of similar size, a stimulus artefact does not.
  for (let i = 1; i + 2 < d.length; i++) {
    const a = d[i],
      b = d[i + 1];
    if (a * b >= 0) continue;
    const m = Math.min(Math.abs(a), Math.abs(b));
    if (m < floor || Math.abs(d[i - 1]) > 0.5 * m || Math.abs(d[i + 2]) > 0.5 * m) continue;
    if (!out.length || i + 1 - out[out.length - 1] > Math.round(0.1 * fs)) out.push(i + 1);
  }
  return out;
}

export function classifyBeats(beats: Beat[], waves: Wave[], fs: number, spikes: number[]): number[] {
  const ms = (s: number) => (s * 1000) / fs;
  const rr = beats
    .slice(1)
    .map((b, i) => ms(b.qrs.onset - beats[i].qrs.onset))
    .sort((a, b) => a - b);
  const medRR = rr.length ? rr[rr.length >> 1] : 0;
  const ps = waves.filter((w) => w.wave === 'P');
  return beats.map((b, i) => {
    const on = b.qrs.onset;
    if (spikes.some((s) => ms(on - s) <= 100 && ms(s - on) <= 30)) return BEAT.PACED;
    const wide = ms(b.qrs.offset - b.qrs.onset) >= 120;
    const premature = i > 0 && medRR > 0 && ms(on - beats[i - 1].qrs.onset) < 0.8 * medRR;
    const pBefore = ps.some((p) => p.onset < on && ms(on - p.onset) <= 300);
    if (wide && !pBefore) return BEAT.VPC; // a wide beat after a P is conducted (e.g. BBB)
    // early and narrow without a P: supraventricular (e.g. AFib), not a VPC
    if (premature && !pBefore) return BEAT.UNKNOWN;
    if (b.p) return BEAT.SINUS;
    return BEAT.UNKNOWN;
  });
}

export interface RhythmResult {
  rhythm: number;
  afib: AfibResult;
  reason: string;
}

export function classifyRhythm(beats: Beat[], beatClass: number[], waves: Wave[], fs: number): RhythmResult {
  const ms = (s: number) => (s * 1000) / fs;
  const afib = afibScore(
    beats.map((b) => b.qrs.onset),
    beats.map((b) => ms(b.qrs.offset - b.qrs.onset)),
    fs,
  );
  const n = beats.length;
  if (n && beatClass.filter((c) => c === BEAT.PACED).length >= 0.5 * n)
    return { rhythm: RHYTHM.PACED, afib, reason: 'paced beats' };
  // AFib (irregularly irregular RR) before the VPC run: AFib with wide QRS (aberrancy, BBB) is
  // irregular, a ventricular rhythm is regular.
  if (afib.isAfib) return { rhythm: RHYTHM.AFIB, afib, reason: afib.reason };
  // Deliberate extension of the original detector: its wide-QRS veto keeps ectopy-driven
  // irregularity from being called AFib, but with P waves before fewer than 30 % of the beats, an
  // irregular rhythm of wide beats is AFib with aberrant conduction / BBB, not a VPC run.
  if (
    afib.vetoed &&
    beats.filter((b) => b.p).length < 0.3 * n &&
    afibScore(
      beats.map((b) => b.qrs.onset),
      beats.map(() => 0),
      fs,
    ).mainFire
  ) {
    return { rhythm: RHYTHM.AFIB, afib, reason: 'irregular RR without P waves (wide QRS)' };
  }
  let run = 0;
  for (const c of beatClass) {
    run = c === BEAT.VPC ? run + 1 : 0;
    if (run >= 3) return { rhythm: RHYTHM.VENTRICULAR, afib, reason: 'run of ≥ 3 VPCs' };
  }
  const prs = beats
    .filter((b) => b.p)
    .map((b) => ms(b.qrs.onset - b.p!.onset))
    .sort((a, b) => a - b);
  const qrsOn = beats.map((b) => b.qrs.onset);
  const blocked = waves.filter(
    (w) => w.wave === 'P' && !qrsOn.some((q) => q > w.offset && ms(q - w.onset) <= 400),
  ).length;
  if ((prs.length && prs[prs.length >> 1] > 200) || blocked >= 2)
    return { rhythm: RHYTHM.AVB, afib, reason: blocked >= 2 ? 'P waves without QRS' : 'PR > 200 ms' };
  const qrsW = beats.map((b) => ms(b.qrs.offset - b.qrs.onset)).sort((a, b) => a - b);
  if (n && qrsW[n >> 1] >= 120 && prs.length >= 0.5 * n)
    return { rhythm: RHYTHM.BBB, afib, reason: 'sustained QRS ≥ 120 ms with P waves' };
  return { rhythm: RHYTHM.SINUS, afib, reason: 'default' };
}
