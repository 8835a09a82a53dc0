// A Holter summary of a long recording: what a Holter reader reads first — rhythm episodes with onset and offset,
// ectopy counts per class and per hour, heart rate (minimum, mean, maximum with their times, per hour), pauses, AF
// burden and time-domain HRV on normal-to-normal intervals — from one pass of the report pipeline (beats, their
// classes, the per-window rhythms, per-beat quality). Linear in the number of beats and windows (plus a
// logarithmic lookup per minute).
//
// Definitions, stated once:
//  - beat classes: AAMI N S V F Q of each beat label; 'paced' beats are counted apart;
//  - an RR interval (R to R) is an artefact, left out of every rate, when it is under 0.2 s or over 3 s, or when
//    either beat has quality below 0.5 (ecg/beat-quality.ts); pauses are judged before that filter (≥ 2 s, between
//    two beats of good quality);
//  - NN intervals: both beats N, no artefact; HRV: SDNN (SD of NN), SDANN (SD of the 5-minute NN means), RMSSD
//    (of successive NN differences), pNN50 (share of successive NN differences > 50 ms), in ms (pNN50 in %);
//  - heart rate over minutes: the mean rate of the NN and other non-artefact intervals in each whole minute with
//    at least 10 intervals; minimum and maximum are of those minute rates, with the minute's start;
//  - ventricular runs: consecutive V beats — 2: couplet; ≥ 3: VT when their mean rate is over 100 bpm, else
//    idioventricular rhythm; supraventricular runs: ≥ 3 consecutive S over 100 bpm: SVT;
//  - bigeminy: ≥ 3 cycles of N V in a row (N V N V N V); trigeminy: ≥ 3 cycles of N N V;
//  - AF, paced and ventricular episodes: runs of 10-s rhythm windows of that label (specification §6.3), merged;
//    sinus bradycardia / tachycardia: runs of ≥ 1 minute whose minute rate is < 50 / > 100 bpm in sinus windows;
//  - noise: runs of ≥ 3 consecutive beats of quality < 0.5, and windows of no ECG.
import type { BeatLabel, RhythmLabel } from '../classify/classifier.js';
import type { Beat } from '../ecg/beats.js';
import { lowerBound } from '../dsp/lower-bound.js';

export interface HolterEpisode {
  kind:
    | 'af'
    | 'paced'
    | 'ventricular_rhythm'
    | 'vt'
    | 'idioventricular'
    | 'couplet'
    | 'svt'
    | 'bigeminy'
    | 'trigeminy'
    | 'pause'
    | 'sinus_bradycardia'
    | 'sinus_tachycardia'
    | 'noise';
  startS: number;
  endS: number;
  /** Beats inside (0 for a pause: the two beats around it are not part of it). */
  beats: number;
  /** Mean heart rate inside (bpm), null where it means nothing (a pause, noise). */
  bpm: number | null;
}

export interface HolterHour {
  hour: number;
  startS: number;
  endS: number;
  beats: number;
  byClass: Record<'N' | 'S' | 'V' | 'F' | 'Q' | 'paced', number>;
  bpm: { mean: number | null; min: number | null; max: number | null };
  pauses: number;
}

export interface HolterSummary {
  durationS: number;
  beats: { total: number; byClass: Record<'N' | 'S' | 'V' | 'F' | 'Q' | 'paced', number> };
  /** Share of beats per class (V and S burden), 0..1. */
  burden: { V: number; S: number };
  heartRate: {
    mean: number | null;
    minMinute: { bpm: number; atS: number } | null;
    maxMinute: { bpm: number; atS: number } | null;
    /** Beat-to-beat extremes without artefacts. */
    minBeat: number | null;
    maxBeat: number | null;
  };
  hrv: { sdnnMs: number | null; sdannMs: number | null; rmssdMs: number | null; pnn50: number | null; nnCount: number };
  afBurden: number;
  longestPause: { startS: number; durationS: number } | null;
  episodes: HolterEpisode[];
  /** Count per episode kind. */
  episodeCounts: Record<string, number>;
  hours: HolterHour[];
  /** Per-beat rate for plots: R time (s) and rate (bpm, null for artefacts); and the rate of each 10 s (mean of its
   *  good intervals, null with fewer than 3). */
  trend: { tS: number[]; bpm: (number | null)[]; every10s: (number | null)[] };
  headline: string[];
}

export interface HolterInput {
  fs: number;
  nSamples: number;
  beats: Beat[];
  labels: BeatLabel[];
  /** Per-beat quality 0..1 (ecg/beat-quality.ts). */
  quality: ArrayLike<number>;
  /** The per-window rhythms (kept bands, in order). */
  windows: { keepFrom: number; keepTo: number; rhythm: Pick<RhythmLabel, 'name'> }[];
  ecgFound: boolean;
}

const r1 = (v: number) => Math.round(v * 10) / 10;
const r3 = (v: number) => Math.round(v * 1000) / 1000;
const mean = (a: number[]) => (a.length ? a.reduce((s, v) => s + v, 0) / a.length : NaN);
const sd = (a: number[]) => {
  if (a.length < 2) return NaN;
  const m = mean(a);
  return Math.sqrt(a.reduce((s, v) => s + (v - m) * (v - m), 0) / (a.length - 1));
};
const classOf = (l: BeatLabel): 'N' | 'S' | 'V' | 'F' | 'Q' | 'paced' => (l.type === 'paced' ? 'paced' : l.aami);
const emptyCounts = () => ({ N: 0, S: 0, V: 0, F: 0, Q: 0, paced: 0 });

export function holterSummary(h: HolterInput): HolterSummary {
  const { fs, labels } = h;
  const n = labels.length;
  const t = labels.map((l) => l.r / fs); // [beats] R time, s
  const cls = labels.map(classOf);
  const good = (i: number) => h.quality[i] >= 0.5;
  // RR[i]: from beat i−1 to beat i (s); artefact when implausible or a beat of poor quality
  const rr: number[] = new Array(n).fill(NaN);
  const ok: boolean[] = new Array(n).fill(false);
  for (let i = 1; i < n; i++) {
    rr[i] = t[i] - t[i - 1];
    ok[i] = rr[i] >= 0.2 && rr[i] <= 3 && good(i) && good(i - 1);
  }
  const byClass = emptyCounts();
  for (const c of cls) byClass[c]++;
  const episodes: HolterEpisode[] = [];
  const bpmOf = (a: number, b: number) => {
    // mean rate of the good intervals inside beats a..b
    const v: number[] = [];
    for (let i = a + 1; i <= b; i++) if (ok[i]) v.push(rr[i]);
    return v.length ? Math.round(60 / mean(v)) : null;
  };
  // pauses: an RR gap ≥ 2 s between two beats of good quality (judged before the artefact filter)
  const isPause = (i: number) => rr[i] >= 2 && good(i) && good(i - 1);
  let longest: HolterSummary['longestPause'] = null;
  for (let i = 1; i < n; i++)
    if (isPause(i)) {
      episodes.push({ kind: 'pause', startS: r3(t[i - 1]), endS: r3(t[i]), beats: 0, bpm: null });
      if (!longest || rr[i] > longest.durationS) longest = { startS: r3(t[i - 1]), durationS: r3(rr[i]) };
    }
  // runs of one class
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && cls[j + 1] === cls[i]) j++;
    const len = j - i + 1;
    const rate = bpmOf(i, j);
    const ep = (kind: HolterEpisode['kind']) =>
      episodes.push({ kind, startS: r3(t[i]), endS: r3(t[j]), beats: len, bpm: rate });
    if (cls[i] === 'V') {
      if (len === 2) ep('couplet');
      else if (len >= 3) ep(rate !== null && rate > 100 ? 'vt' : 'idioventricular');
    } else if (cls[i] === 'S' && len >= 3 && rate !== null && rate > 100) ep('svt');
    i = j + 1;
  }
  // bigeminy (N V)×≥3 and trigeminy (N N V)×≥3
  const pattern = (unit: string[], kind: HolterEpisode['kind']) => {
    const L = unit.length;
    for (let i = 0; i + L <= n;) {
      let k = 0;
      while (i + (k + 1) * L <= n && unit.every((c, m) => cls[i + k * L + m] === c)) k++;
      if (k >= 3) {
        const j = i + k * L - 1;
        episodes.push({ kind, startS: r3(t[i]), endS: r3(t[j]), beats: k * L, bpm: bpmOf(i, j) });
        i = j + 1;
      } else i++;
    }
  };
  pattern(['N', 'V'], 'bigeminy');
  pattern(['N', 'N', 'V'], 'trigeminy');
  // noise: ≥ 3 consecutive beats of poor quality
  for (let i = 0; i < n;) {
    if (good(i)) {
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && !good(j + 1)) j++;
    if (j - i + 1 >= 3) episodes.push({ kind: 'noise', startS: r3(t[i]), endS: r3(t[j]), beats: j - i + 1, bpm: null });
    i = j + 1;
  }
  // window rhythms: AF, paced, ventricular, no ECG
  let afS = 0;
  const windowRuns = (pred: (w: HolterInput['windows'][number]) => boolean, kind: HolterEpisode['kind']) => {
    let start = -1,
      end = -1;
    const flush = () => {
      if (start < 0) return;
      const a = lowerBound(n, (k) => t[k], start / fs),
        b = lowerBound(n, (k) => t[k], end / fs) - 1;
      episodes.push({
        kind,
        startS: r3(start / fs),
        endS: r3(end / fs),
        beats: Math.max(0, b - a + 1),
        bpm: kind === 'noise' || b <= a ? null : bpmOf(a, b),
      });
      if (kind === 'af') afS += (end - start) / fs;
      start = -1;
    };
    for (const w of h.windows) {
      if (pred(w)) {
        if (start < 0) start = w.keepFrom;
        end = w.keepTo;
      } else flush();
    }
    flush();
  };
  if (h.ecgFound) {
    windowRuns((w) => w.rhythm.name === 'afib', 'af');
    windowRuns((w) => w.rhythm.name === 'paced', 'paced');
    windowRuns((w) => w.rhythm.name === 'ventricular', 'ventricular_rhythm');
  }
  windowRuns((w) => !h.ecgFound || w.rhythm.name === 'unclassified', 'noise');
  // minute rates; sinus brady/tachycardia of ≥ 1 minute in sinus windows
  const minutes = Math.floor(h.nSamples / fs / 60);
  const minuteBpm: (number | null)[] = [];
  const sinusAt = (s: number) => {
    const k = lowerBound(h.windows.length, (k) => h.windows[k].keepTo / fs, s + 1e-9);
    return k < h.windows.length && h.windows[k].rhythm.name === 'sinus';
  };
  for (let m = 0, i = 1; m < minutes; m++) {
    const v: number[] = [];
    while (i < n && t[i] < (m + 1) * 60) {
      if (t[i] >= m * 60 && ok[i]) v.push(rr[i]);
      i++;
    }
    minuteBpm.push(v.length >= 10 ? r1(60 / mean(v)) : null);
  }
  const sustained = (test: (b: number) => boolean, kind: HolterEpisode['kind']) => {
    for (let m = 0; m < minutes;) {
      const b = minuteBpm[m];
      if (b === null || !test(b) || !sinusAt(m * 60 + 30)) {
        m++;
        continue;
      }
      let e = m;
      while (e + 1 < minutes && minuteBpm[e + 1] !== null && test(minuteBpm[e + 1] as number) && sinusAt(e * 60 + 90))
        e++;
      const a = lowerBound(n, (k) => t[k], m * 60),
        z = lowerBound(n, (k) => t[k], (e + 1) * 60) - 1;
      episodes.push({ kind, startS: m * 60, endS: (e + 1) * 60, beats: Math.max(0, z - a + 1), bpm: bpmOf(a, z) });
      m = e + 1;
    }
  };
  sustained((b) => b < 50, 'sinus_bradycardia');
  sustained((b) => b > 100, 'sinus_tachycardia');
  episodes.sort((p, q) => p.startS - q.startS || p.kind.localeCompare(q.kind));
  // heart rate
  const goodRr: number[] = [];
  for (let i = 1; i < n; i++) if (ok[i]) goodRr.push(rr[i]);
  let minMinute: HolterSummary['heartRate']['minMinute'] = null,
    maxMinute: HolterSummary['heartRate']['maxMinute'] = null;
  minuteBpm.forEach((b, m) => {
    if (b === null) return;
    if (!minMinute || b < minMinute.bpm) minMinute = { bpm: b, atS: m * 60 };
    if (!maxMinute || b > maxMinute.bpm) maxMinute = { bpm: b, atS: m * 60 };
  });
  let minRr = Infinity,
    maxRr = -Infinity;
  for (const v of goodRr) {
    if (v < minRr) minRr = v;
    if (v > maxRr) maxRr = v;
  }
  // HRV on NN intervals
  const nn: number[] = [];
  const nnAt: number[] = [];
  const nnPrev: boolean[] = []; // whether the NN interval before it is the previous interval (for differences)
  for (let i = 1; i < n; i++)
    if (ok[i] && cls[i] === 'N' && cls[i - 1] === 'N') {
      nnPrev.push(nn.length > 0 && nnAt[nnAt.length - 1] === i - 1);
      nn.push(rr[i] * 1000);
      nnAt.push(i);
    }
  const diffs: number[] = [];
  for (let k = 1; k < nn.length; k++) if (nnPrev[k]) diffs.push(nn[k] - nn[k - 1]);
  const fiveMin: number[] = [];
  for (let k = 0, seg = 0; k < nn.length;) {
    const v: number[] = [];
    while (k < nn.length && t[nnAt[k]] < (seg + 1) * 300) v.push(nn[k++]);
    if (v.length >= 50) fiveMin.push(mean(v));
    seg++;
  }
  const fin = (v: number) => (Number.isFinite(v) ? r1(v) : null);
  const hrv = {
    sdnnMs: fin(sd(nn)),
    sdannMs: fiveMin.length >= 2 ? fin(sd(fiveMin)) : null,
    rmssdMs: diffs.length ? fin(Math.sqrt(mean(diffs.map((d) => d * d)))) : null,
    pnn50: diffs.length ? r1((100 * diffs.filter((d) => Math.abs(d) > 50).length) / diffs.length) : null,
    nnCount: nn.length,
  };
  // hours
  const hours: HolterHour[] = [];
  const nHours = Math.ceil(h.nSamples / fs / 3600);
  for (let hr = 0, i = 0; hr < nHours; hr++) {
    const end = Math.min((hr + 1) * 3600, h.nSamples / fs);
    const c = emptyCounts();
    const v: number[] = [];
    let pauses = 0;
    const a = i;
    while (i < n && t[i] < end) {
      c[cls[i]]++;
      if (ok[i]) v.push(rr[i]);
      if (i > 0 && isPause(i)) pauses++;
      i++;
    }
    let lo = Infinity,
      hi = -Infinity;
    for (const b of v) {
      if (b < lo) lo = b;
      if (b > hi) hi = b;
    }
    hours.push({
      hour: hr,
      startS: hr * 3600,
      endS: r3(end),
      beats: i - a,
      byClass: c,
      // the hour's mean rate is 60 / its mean RR (as the recording's); min and max are beat to beat
      bpm: {
        mean: v.length ? Math.round(60 / mean(v)) : null,
        min: v.length ? Math.round(60 / hi) : null,
        max: v.length ? Math.round(60 / lo) : null,
      },
      pauses,
    });
  }
  const episodeCounts: Record<string, number> = {};
  for (const e of episodes) episodeCounts[e.kind] = (episodeCounts[e.kind] ?? 0) + 1;
  const durationS = h.nSamples / fs;
  const summary: HolterSummary = {
    durationS: r3(durationS),
    beats: { total: n, byClass },
    burden: { V: n ? r3(byClass.V / n) : 0, S: n ? r3(byClass.S / n) : 0 },
    heartRate: {
      mean: goodRr.length ? Math.round(60 / mean(goodRr)) : null,
      minMinute,
      maxMinute,
      minBeat: goodRr.length ? Math.round(60 / maxRr) : null,
      maxBeat: goodRr.length ? Math.round(60 / minRr) : null,
    },
    hrv,
    afBurden: durationS > 0 ? r3(afS / durationS) : 0,
    longestPause: longest,
    episodes,
    episodeCounts,
    hours,
    trend: {
      tS: t.map(r3),
      bpm: rr.map((v, i) => (ok[i] ? r1(60 / v) : null)),
      every10s: tenSecondRates(t, rr, ok, durationS),
    },
    headline: [],
  };
  summary.headline = headline(summary, h);
  return summary;
}

/** Mean rate of the good intervals ending in each 10 s of the recording (null with fewer than 3). */
function tenSecondRates(t: number[], rr: number[], ok: boolean[], durationS: number): (number | null)[] {
  const out: (number | null)[] = [];
  const sum = new Float64Array(Math.ceil(durationS / 10) + 1);
  const cnt = new Int32Array(sum.length);
  for (let i = 1; i < t.length; i++)
    if (ok[i]) {
      const k = Math.min(sum.length - 1, Math.floor(t[i] / 10));
      sum[k] += rr[i];
      cnt[k]++;
    }
  for (let k = 0; k < sum.length - 1; k++) out.push(cnt[k] >= 3 ? r1((60 * cnt[k]) / sum[k]) : null);
  return out;
}

/** The sentences a reader signs: dominant rhythm, rates, ectopy burden, the episodes that matter. */
function headline(s: HolterSummary, h: HolterInput): string[] {
  if (!h.ecgFound) return ['No ECG found: no rhythm, rate or ectopy is reported.'];
  const time: Record<string, number> = {};
  for (const w of h.windows) time[w.rhythm.name] = (time[w.rhythm.name] ?? 0) + (w.keepTo - w.keepFrom) / h.fs;
  const dominant = Object.keys(time).sort((a, b) => time[b] - time[a])[0] ?? 'unclassified';
  const names: Record<string, string> = {
    sinus: 'Sinus rhythm',
    afib: 'Atrial fibrillation',
    paced: 'Paced rhythm',
    avb: 'AV block',
    bbb: 'Bundle branch block',
    ventricular: 'Ventricular rhythm',
    unclassified: 'Rhythm not classified',
  };
  const hr = s.heartRate;
  const share = Math.round((100 * (time[dominant] ?? 0)) / Math.max(1e-9, s.durationS));
  const minutes =
    hr.minMinute && hr.maxMinute
      ? `, minute rates ${hr.minMinute.bpm} (at ${clock(hr.minMinute.atS)}) to ` +
        `${hr.maxMinute.bpm} bpm (at ${clock(hr.maxMinute.atS)})`
      : '';
  const out = [
    `${names[dominant] ?? dominant} for ${share} % of ${fmtDuration(s.durationS)}; heart rate mean ` +
      `${hr.mean ?? '—'} bpm${minutes}.`,
    `${s.beats.total} beats: ${s.beats.byClass.V} ventricular (${(100 * s.burden.V).toFixed(1)} %), ` +
      `${s.beats.byClass.S} supraventricular (${(100 * s.burden.S).toFixed(1)} %) ectopic beats` +
      (s.beats.byClass.paced ? `, ${s.beats.byClass.paced} paced` : '') +
      '.',
  ];
  const c = s.episodeCounts;
  const parts: string[] = [];
  const say = (k: string, one: string, many: string) => {
    if (c[k]) parts.push(`${c[k]} ${c[k] === 1 ? one : many}`);
  };
  say('vt', 'run of ventricular tachycardia', 'runs of ventricular tachycardia');
  say('idioventricular', 'idioventricular run', 'idioventricular runs');
  say('couplet', 'ventricular couplet', 'ventricular couplets');
  say('bigeminy', 'episode of bigeminy', 'episodes of bigeminy');
  say('trigeminy', 'episode of trigeminy', 'episodes of trigeminy');
  say('svt', 'run of SVT', 'runs of SVT');
  say('af', 'AF episode', 'AF episodes');
  say('pause', 'pause ≥ 2 s', 'pauses ≥ 2 s');
  if (parts.length) out.push(`Episodes: ${parts.join(', ')}.`);
  if (s.afBurden > 0) out.push(`AF burden ${(100 * s.afBurden).toFixed(1)} %.`);
  if (s.longestPause)
    out.push(`Longest pause ${s.longestPause.durationS.toFixed(1)} s at ${clock(s.longestPause.startS)}.`);
  return out;
}

function fmtDuration(s: number): string {
  const h = Math.floor(s / 3600),
    m = Math.floor((s % 3600) / 60);
  return h ? `${h} h ${m} min` : m ? `${m} min ${Math.round(s % 60)} s` : `${r1(s)} s`;
}

/** Seconds from the start as h:mm:ss. */
export function clock(s: number): string {
  const r = Math.floor(s);
  const two = (v: number) => String(v).padStart(2, '0');
  return `${Math.floor(r / 3600)}:${two(Math.floor((r % 3600) / 60))}:${two(r % 60)}`;
}

/** The Holter summary of a report (report.ts): its beats, labels, rhythm windows and per-beat quality. */
export function holterOfReport(r: {
  fs: number;
  delineation: { nSamples: number; beats: Beat[]; columns(): { quality: Float64Array } };
  labels: BeatLabel[];
  windows: HolterInput['windows'];
  quality: { ecgFound: boolean };
}): HolterSummary {
  return holterSummary({
    fs: r.fs,
    nSamples: r.delineation.nSamples,
    beats: r.delineation.beats,
    labels: r.labels,
    quality: r.delineation.columns().quality,
    windows: r.windows,
    ecgFound: r.quality.ecgFound,
  });
}
