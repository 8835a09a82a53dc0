// Beats and clinical intervals from a delineation.
//  beat    = one QRS, with the last P that ends before it (after the previous QRS, onset ≤ 400 ms
//            before the QRS onset) and the first T that starts after it (before the next QRS).
//  RR      = QRS onset − previous QRS onset; HR = 60000 / RR.
//  PR      = QRS onset − P onset; P = P offset − P onset; QRS = QRS offset − QRS onset;
//  QT      = T offset − QRS onset; QTc Bazett = QT / √(RR in s); Fridericia = QT / ∛(RR in s).
// Durations use offset − onset (the offset sample being the wave's last sample). All in ms,
// rounded to 0.1 ms; null where a wave or the previous beat is missing.
import { median as medianOf } from '../dsp/median.js';
import { cbrt } from '../dsp/portable-math.js';

/** A wave: first and last sample; `peak` = the sample of largest deviation from the onset–offset line (R peak of a
 * QRS, apex of a P or T; ecg/r-peak.ts), set by predict and the stream at the caller's rate. */
export interface Wave {
  wave: 'P' | 'QRS' | 'T';
  onset: number;
  offset: number;
  peak?: number;
}
export interface Beat {
  p?: Wave;
  qrs: Wave;
  t?: Wave;
}
export interface BeatIntervals {
  rr: number | null;
  hr: number | null;
  pr: number | null;
  p: number | null;
  qrs: number;
  qt: number | null;
  qtcBazett: number | null;
  qtcFridericia: number | null;
}
export interface Intervals {
  beats: BeatIntervals[];
  median: { [K in keyof BeatIntervals]: number | null };
}

const MAX_PR_MS = 400;

export function groupBeats(waves: Wave[], fs: number): Beat[] {
  const qrs = waves.filter((w) => w.wave === 'QRS').sort((a, b) => a.onset - b.onset);
  const ps = waves.filter((w) => w.wave === 'P'),
    ts = waves.filter((w) => w.wave === 'T');
  return qrs.map((q, i) => {
    const prevEnd = i > 0 ? qrs[i - 1].offset : -Infinity;
    const nextOn = i + 1 < qrs.length ? qrs[i + 1].onset : Infinity;
    let p: Wave | undefined, t: Wave | undefined;
    for (const w of ps)
      if (
        w.onset > prevEnd &&
        w.offset < q.onset &&
        ((q.onset - w.onset) * 1000) / fs <= MAX_PR_MS &&
        (!p || w.onset > p.onset)
      )
        p = w;
    for (const w of ts) if (w.onset > q.offset && w.onset < nextOn && (!t || w.onset < t.onset)) t = w;
    const beat: Beat = { qrs: q };
    if (p) beat.p = p;
    if (t) beat.t = t;
    return beat;
  });
}

const r1 = (v: number) => Math.round(v * 10) / 10;

export function beatIntervals(beats: Beat[], fs: number): Intervals {
  const ms = (s: number) => (s * 1000) / fs;
  const list = beats.map((b, i): BeatIntervals => {
    const rr = i > 0 ? ms(b.qrs.onset - beats[i - 1].qrs.onset) : null;
    const qt = b.t ? ms(b.t.offset - b.qrs.onset) : null;
    return {
      rr: rr === null ? null : r1(rr),
      hr: rr ? r1(60000 / rr) : null,
      pr: b.p ? r1(ms(b.qrs.onset - b.p.onset)) : null,
      p: b.p ? r1(ms(b.p.offset - b.p.onset)) : null,
      qrs: r1(ms(b.qrs.offset - b.qrs.onset)),
      qt: qt === null ? null : r1(qt),
      qtcBazett: qt !== null && rr ? r1(qt / Math.sqrt(rr / 1000)) : null,
      qtcFridericia: qt !== null && rr ? r1(qt / cbrt(rr / 1000)) : null,
    };
  });
  const median = {} as Intervals['median'];
  for (const k of ['rr', 'hr', 'pr', 'p', 'qrs', 'qt', 'qtcBazett', 'qtcFridericia'] as (keyof BeatIntervals)[]) {
    const m = medianOf(list.map((b) => b[k]).filter((x): x is number => x !== null));
    median[k] = m === null ? null : r1(m);
  }
  return { beats: list, median };
}
