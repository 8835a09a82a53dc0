// Features of one rhythm window (typically 10 s) for the learned rhythm classifier: RR statistics, the
// original's AFib rule (its decision and its three triggers, specification §6.6, kept as a vote), P-wave and
// PR evidence for AV block, QRS width for bundle branch block, and the beat classifier's labels
// (fractions of each type, the longest VPC run) for ventricular and paced rhythms.
import { afibScore, type AfibResult } from './afib.js';
import type { ClassifyInput, BeatLabel } from './classifier.js';
import { BEAT } from './classes.js';

export const RHYTHM_SCALARS = [
  'beatsPerSecond',
  'meanRR',
  'rrCv',
  'rmssd/meanRR',
  'bigSteps',
  'afib',
  'afibMain',
  'afibSafety',
  'afibVetoed',
  'pFraction',
  'medianPR',
  'longPRFraction',
  'medianQrs',
  'wideFraction',
  'blockedP',
  'pPerBeat',
  'sinus',
  'sveb',
  'vpc',
  'paced',
  'unknown',
  'vpcRun',
  'spikesPerBeat',
] as const;
export const RHYTHM_FEATURES = RHYTHM_SCALARS.length;

/** RHYTHM_FEATURES numbers (float32) for the beats and waves of `input` (one window) and their labels. */
export function rhythmFeatures(input: ClassifyInput, labels: BeatLabel[], afib: AfibResult): Float32Array {
  const { fs, delineation: d, spikes, x } = input;
  const f = new Float32Array(RHYTHM_FEATURES);
  const n = d.beats.length;
  const durS = Math.max(1, x.length / fs);
  const rr: number[] = [];
  for (let i = 1; i < n; i++) rr.push((d.beats[i].qrs.onset - d.beats[i - 1].qrs.onset) / fs);
  const mean = rr.length ? rr.reduce((a, b) => a + b, 0) / rr.length : 0;
  let v = 0,
    ss = 0,
    big = 0;
  for (let i = 0; i < rr.length; i++) {
    v += (rr[i] - mean) * (rr[i] - mean);
    if (i > 0) {
      const dd = rr[i] - rr[i - 1];
      ss += dd * dd;
      if (Math.abs(dd) > 0.05) big++;
    }
  }
  const ms = (s: number) => s / fs;
  const withP = d.beats.filter((b) => b.p);
  const prs = withP.map((b) => ms(b.qrs.onset - b.p!.onset)).sort((a, b) => a - b);
  const widths = d.beats.map((b) => ms(b.qrs.offset - b.qrs.onset)).sort((a, b) => a - b);
  const ps = d.waves.filter((w) => w.wave === 'P');
  const qrsOn = d.beats.map((b) => b.qrs.onset);
  const blocked = ps.filter((w) => !qrsOn.some((q) => q > w.offset && ms(q - w.onset) <= 0.4)).length;
  // The beat model's own classes (before the AFib refinement of learned-classifier.ts), as in training.
  const clsOf = (l: BeatLabel) => (l.modelCls === undefined ? l.cls : l.modelCls);
  const frac = (cls: number) => (n ? labels.filter((l) => clsOf(l) === cls).length / n : 0);
  let run = 0,
    longest = 0;
  for (const l of labels) {
    run = clsOf(l) === BEAT.VPC ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const vals = [
    n / durS,
    mean,
    mean > 0 ? Math.sqrt(v / rr.length) / mean : 0,
    mean > 0 && rr.length > 1 ? Math.sqrt(ss / (rr.length - 1)) / mean : 0,
    rr.length > 1 ? big / (rr.length - 1) : 0,
    afib.isAfib ? 1 : 0,
    afib.mainFire ? 1 : 0,
    afib.safetyFire ? 1 : 0,
    afib.vetoed ? 1 : 0,
    n ? withP.length / n : 0,
    prs.length ? prs[prs.length >> 1] * 5 : 0,
    n ? prs.filter((p) => p > 0.2).length / n : 0,
    n ? widths[n >> 1] * 10 : 0,
    n ? widths.filter((w) => w >= 0.12).length / n : 0,
    n ? blocked / n : 0,
    n ? ps.length / n : 0,
    frac(BEAT.SINUS),
    frac(BEAT.SVEB),
    frac(BEAT.VPC),
    frac(BEAT.PACED),
    frac(BEAT.UNKNOWN),
    Math.min(longest, 10) / 3,
    n ? Math.min(spikes.length / n, 2) : 0,
  ];
  for (let i = 0; i < RHYTHM_FEATURES; i++) f[i] = vals[i] === vals[i] ? Math.max(-8, Math.min(8, vals[i])) : 0;
  return f;
}

/** The original's AFib rule over the window's beats (QRS onsets, QRS widths in ms). */
export function windowAfib(input: ClassifyInput): AfibResult {
  const { fs, delineation: d } = input;
  const widths = d.beats.map((b) => ((b.qrs.offset - b.qrs.onset) * 1000) / fs);
  return afibScore(
    d.beats.map((b) => b.qrs.onset),
    widths,
    fs,
  );
}
