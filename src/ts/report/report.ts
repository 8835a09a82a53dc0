// report(): one structured summary of an ECG (specification §6.8) from the delineation, the classifier's
// beat labels and per-window rhythms (the streamed layered codec), the AFib rule and the pacer detector.
import type { Delineator, Delineation } from '../delineate/delineator.js';
import type { LayeredCodec } from '../layered/codec.js';
import { checkFs } from '../delineate/repair.js';
import { SignalError } from '../errors.js';
import { classifyInputOf, streamLayersFrom } from '../layered/encode.js';
import { RHYTHM_NAMES, RHYTHM, RHYTHM_UNCLASSIFIED } from '../classify/classes.js';
import { checkedBeats, type Classifier, type BeatLabel } from '../classify/classifier.js';
import { median } from '../dsp/median.js';
import { signalQuality, type SignalQuality } from '../ecg/quality.js';
import { filled, objectOf } from '../es5.js';

export interface EcgReport {
  fs: number;
  durationS: number;
  classifier: 'learned' | 'rules';
  rhythm: {
    label: string;
    confidence: number;
    distribution: Record<string, number>;
    /** Per-window rhythms (10-s windows, kept bands) merged into runs of one label; at most MAX_SEGMENTS. */
    segments: { startS: number; endS: number; label: string; confidence: number }[];
  };
  heartRate: {
    bpm: number | null;
    min: number | null;
    max: number | null;
    rrCv: number | null;
    regular: boolean | null;
  };
  beats: {
    count: number;
    byType: Record<string, number>;
    byAami: Record<string, number>;
    /** One per beat (at most ReportOptions.maxEvents): QRS onset (tS, sample), R peak, type and AAMI class. */
    events: { tS: number; sample: number; r: number; type: string; aami: string }[];
  };
  intervals: {
    pr: number | null;
    qrs: number | null;
    qt: number | null;
    qtc: number | null;
    p: number | null;
    t: number | null;
  };
  afib: { isAfib: boolean; reason: string; agreesWithCodec: boolean };
  pacing: { isPaced: boolean; nSpikes: number; spikesPerBeat: number };
  /** Signal quality: no ECG (flat, noise, saturated) makes the rhythm 'unclassified' with confidence 0. */
  quality: SignalQuality;
  flags: string[];
  summary: string;
  /** What the report was computed from (not part of toJSON): the delineation, beat labels, layered channels. */
  delineation: Delineation;
  labels: BeatLabel[];
  layers: LayeredCodec;
  /** The 10-s rhythm windows (kept bands, in order) with their rhythm labels. */
  windows: { keepFrom: number; keepTo: number; rhythm: { name: string; confidence: number } }[];
  toJSON(): object;
}

export interface ReportOptions {
  fs: number;
  /** At most this many beat events in `beats.events` (default: every beat); more sets the 'beat_events_truncated'
   *  flag. `beats.count`, `byType` and `byAami` always count every beat. */
  maxEvents?: number;
  /** Called after each 10-s window of the boundary model (done, total). */
  onProgress?: (done: number, total: number) => void;
}

const MAX_SEGMENTS = 256;
const r3 = (v: number) => Math.round(v * 1000) / 1000;

export function report(del: Delineator, cls: Classifier, signal: ArrayLike<number>, opts: ReportOptions): EcgReport {
  const fs = checkFs(opts && opts.fs);
  const maxEvents = opts.maxEvents ?? Infinity;
  if (!(maxEvents >= 0)) throw new SignalError(`maxEvents must be a number ≥ 0, got ${String(opts.maxEvents)}`);
  const input = classifyInputOf(del, signal, fs, opts.onProgress);
  const { x, delineation: d, spikes } = input;
  const labels = checkedBeats(cls, input);
  const quality = signalQuality(x, fs, d.beats);
  const streamed = streamLayersFrom(cls, input, labels);
  const codec = streamed.codec;
  // Rhythm = distribution of the rhythm channel over the recording (per-window rhythms, kept bands).
  const names = [...RHYTHM_NAMES, 'unclassified'];
  const counts = filled(names.length, 0);
  for (let i = 0; i < codec.nSamples; i++) {
    const c = codec.rhythm[i];
    counts[c === RHYTHM_UNCLASSIFIED ? RHYTHM_NAMES.length : c]++;
  }
  const total = Math.max(1, codec.nSamples);
  let best = 0;
  counts.forEach((c, i) => {
    if (c > counts[best]) best = i;
  });
  const distribution = objectOf(names.map((nm, i): [string, number] => [nm, r3(counts[i] / total)]));
  const segments: EcgReport['rhythm']['segments'] = [];
  let confSum = 0;
  let confN = 0;
  for (const w of streamed.windows) {
    const nm = quality.ecgFound ? w.rhythm.name : 'unclassified';
    const last = segments[segments.length - 1];
    if (last && last.label === nm) {
      last.endS = r3(w.keepTo / fs);
    } else {
      if (last) last.confidence = r3(confSum / confN);
      segments.push({ startS: r3(w.keepFrom / fs), endS: r3(w.keepTo / fs), label: nm, confidence: 0 });
      confSum = 0;
      confN = 0;
    }
    confSum += quality.ecgFound ? w.rhythm.confidence : 0;
    confN++;
  }
  if (segments.length) segments[segments.length - 1].confidence = r3(confSum / confN);
  const byType: Record<string, number> = {};
  const byAami: Record<string, number> = {};
  for (const b of labels) {
    byType[b.type] = (byType[b.type] ?? 0) + 1;
    byAami[b.aami] = (byAami[b.aami] ?? 0) + 1;
  }
  const hr = d.intervals.beats.map((iv) => iv.hr).filter((v): v is number => v !== null);
  const rr = d.intervals.beats.map((iv) => iv.rr).filter((v): v is number => v !== null);
  const rrMean = rr.length ? rr.reduce((s, v) => s + v, 0) / rr.length : 0;
  const rrCv = rr.length >= 2 ? Math.sqrt(rr.reduce((s, v) => s + (v - rrMean) ** 2, 0) / rr.length) / rrMean : null;
  const ms = (s: number) => (s * 1000) / fs;
  const tDur = median(d.waves.filter((w) => w.wave === 'T').map((w) => ms(w.offset - w.onset)));
  // The original's AFib rule, per rhythm window: positive for the recording when it fires in ≥ half of them.
  const afibWins = streamed.windows.filter((w) => w.rhythm.afib.isAfib);
  const afibPositive = afibWins.length > 0 && afibWins.length >= 0.5 * streamed.windows.length;
  const afibReason = (afibPositive ? afibWins[0] : streamed.windows[0]).rhythm.afib.reason;
  const spb = d.beats.length ? spikes.length / d.beats.length : 0;
  const isPaced = spikes.length >= 3 && (d.beats.length < 3 || spb >= 0.3);
  const label = quality.ecgFound ? names[best] : 'unclassified';
  const flags: string[] = [];
  if (!quality.ecgFound) flags.push('no_ecg');
  const bpm = hr.length ? Math.round(median(hr) as number) : null;
  if (d.beats.length < 3) flags.push('too_few_beats');
  if (bpm !== null && bpm < 60) flags.push('bradycardia');
  if (bpm !== null && bpm > 100) flags.push('tachycardia');
  if ((byType.vpc ?? 0) > 0) flags.push('ventricular_ectopy');
  if ((byType.sveb ?? 0) > 0) flags.push('supraventricular_ectopy');
  if (isPaced) flags.push('paced_rhythm');
  if (afibPositive !== (best === RHYTHM.AFIB)) flags.push('afib_rule_codec_disagreement');
  if (labels.length > maxEvents) flags.push('beat_events_truncated');
  if (segments.length > MAX_SEGMENTS) flags.push('rhythm_segments_truncated');
  const med = median(x) as number;
  const dev: number[] = [];
  for (let i = 0; i < x.length; i++) dev.push(Math.abs(x[i] - med));
  dev.sort((p, q) => p - q);
  if (dev.length && dev[Math.floor(0.98 * (dev.length - 1))] < 0.1) flags.push('low_amplitude');
  const m = d.intervals.median;
  const regular = rrCv === null ? null : rrCv <= 0.12;
  const summary = !quality.ecgFound
    ? `No ECG found: ${quality.reason}. Signal quality index ${quality.index}.`
    : `${rhythmWord(label)} rhythm, HR ${bpm ?? '—'} bpm, ` +
      `${regular === null ? 'regularity unknown' : regular ? 'regular' : 'irregular'}, ` +
      `${ectopyWords(byType)}. (AFib rule: ${afibPositive ? 'positive' : 'negative'}.)` +
      (isPaced ? ' PACED: pacing spikes detected.' : '') +
      (flags.indexOf('low_amplitude') >= 0 ? ' NOTE: low amplitude.' : '');
  const events = labels.slice(0, Math.min(labels.length, maxEvents)).map((b, i) => {
    const on = d.beats[i].qrs.onset;
    return { tS: r3(on / fs), sample: on, r: b.r, type: b.type, aami: b.aami };
  });
  const out = {
    fs,
    durationS: x.length / fs,
    classifier: cls.name,
    rhythm: {
      label,
      confidence: quality.ecgFound ? r3(counts[best] / total) : 0,
      distribution,
      segments: segments.slice(0, MAX_SEGMENTS),
    },
    heartRate: {
      bpm,
      min: hr.length ? Math.round(Math.min(...hr)) : null,
      max: hr.length ? Math.round(Math.max(...hr)) : null,
      rrCv: rrCv === null ? null : r3(rrCv),
      regular,
    },
    beats: { count: d.beats.length, byType, byAami, events },
    intervals: {
      pr: m.pr,
      qrs: m.qrs,
      qt: m.qt,
      qtc: m.qtcBazett,
      p: m.p,
      t: tDur === null ? null : Math.round(tDur * 10) / 10,
    },
    afib: { isAfib: afibPositive, reason: afibReason, agreesWithCodec: afibPositive === (best === RHYTHM.AFIB) },
    pacing: { isPaced, nSpikes: spikes.length, spikesPerBeat: r3(spb) },
    quality,
    flags,
    summary,
  };
  const windows = streamed.windows.map((w) => ({
    keepFrom: w.keepFrom,
    keepTo: w.keepTo,
    rhythm: quality.ecgFound ? w.rhythm : { ...w.rhythm, name: 'unclassified', confidence: 0 },
  }));
  return { ...out, delineation: d, labels, layers: codec, windows, toJSON: () => out };
}

function rhythmWord(label: string): string {
  if (label === 'afib') return 'AFib';
  if (label === 'avb') return 'AV block';
  if (label === 'bbb') return 'Bundle branch block';
  return label[0].toUpperCase() + label.slice(1);
}

function ectopyWords(byType: Record<string, number>): string {
  const v = byType.vpc ?? 0;
  const s = byType.sveb ?? 0;
  if (!v && !s) return 'no ectopy';
  const parts: string[] = [];
  if (v) parts.push(`${v} VPC${v > 1 ? 's' : ''}`);
  if (s) parts.push(`${s} SVEB${s > 1 ? 's' : ''}`);
  return parts.join(', ');
}
