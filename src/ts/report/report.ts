// report(): one structured summary of an ECG (reference §6.8) from the delineation, the
// layered codec (beat and rhythm rules), the AFib detector and the pacer-spike detector.
import type { Inference, Delineation } from '../delineate/inference.js';
import type { LayeredCodec } from '../layered/codec.js';
import { checkFs, repairSignal } from '../delineate/repair.js';
import { encodeDetailed, streamLayersFrom } from '../layered/encode.js';
import { RHYTHM_NAMES, RHYTHM } from '../layered/classes.js';
import { beatTypes } from '../layered/beat-types.js';
import { afibScore } from '../layered/afib.js';
import { median } from '../dsp/median.js';
import { signalQuality, type SignalQuality } from './quality.js';

export interface EcgReport {
  fs: number; durationS: number;
  rhythm: { label: string; confidence: number; distribution: Record<string, number> };
  heartRate: { bpm: number | null; min: number | null; max: number | null; rrCv: number | null; regular: boolean | null };
  beats: { count: number; byType: Record<string, number>; events: { tS: number; sample: number; type: string }[] };
  intervals: { pr: number | null; qrs: number | null; qt: number | null; qtc: number | null; p: number | null; t: number | null };
  afib: { isAfib: boolean; reason: string; agreesWithCodec: boolean };
  pacing: { isPaced: boolean; nSpikes: number; spikesPerBeat: number };
  /** Signal quality: no ECG (flat, noise, saturated) makes the rhythm 'unclassified' with confidence 0. */
  quality: SignalQuality;
  flags: string[];
  summary: string;
  /** What the report was computed from (not part of toJSON): the delineation and the layered channels. */
  delineation: Delineation;
  layers: LayeredCodec;
  toJSON(): object;
}

const MAX_EVENTS = 64;

export function report(det: Inference, signal: ArrayLike<number>, opts: { fs: number }): EcgReport {
  const fs = checkFs(opts && opts.fs);
  const { x } = repairSignal(signal, fs);
  const enc = encodeDetailed(det, x, { fs });
  const d = enc.delineation;
  // Long recordings: the streamed rhythm/beat layers from the same delineation (one model pass).
  const codec = x.length > 10 * fs ? streamLayersFrom(d, enc.spikes, fs) : enc.codec;
  // Rhythm = distribution of the rhythm channel over the evaluation band (whole signal when streamed).
  const [a, b] = [0, x.length];
  const counts = new Array(RHYTHM_NAMES.length).fill(0);
  for (let i = a; i < b; i++) counts[codec.rhythm[i]]++;
  const total = Math.max(1, b - a);
  let best = 0; counts.forEach((c, i) => { if (c > counts[best]) best = i; });
  const distribution = Object.fromEntries(RHYTHM_NAMES.map((nm, i) => [nm, Math.round((counts[i] / total) * 1000) / 1000]));
  // Beat types from the codec's beat channel: most frequent non-zero label inside each QRS.
  const types = beatTypes(d.beats, codec.beat);
  const byType: Record<string, number> = {};
  for (const t of types) byType[t] = (byType[t] ?? 0) + 1;
  const hr = d.intervals.beats.map((iv) => iv.hr).filter((v): v is number => v !== null);
  const rr = d.intervals.beats.map((iv) => iv.rr).filter((v): v is number => v !== null);
  const rrMean = rr.length ? rr.reduce((s, v) => s + v, 0) / rr.length : 0;
  const rrCv = rr.length >= 2 ? Math.sqrt(rr.reduce((s, v) => s + (v - rrMean) ** 2, 0) / rr.length) / rrMean : null;
  const ms = (s: number) => (s * 1000) / fs;
  const tDur = median(d.waves.filter((w) => w.wave === 'T').map((w) => ms(w.offset - w.onset)));
  const afib = afibScore(d.beats.map((bt) => bt.qrs.onset), d.beats.map((bt) => ms(bt.qrs.offset - bt.qrs.onset)), fs);
  const spikes = enc.spikes; // QRS-localised stimuli (layered/pacer.ts), from the same delineation
  const spb = d.beats.length ? spikes.length / d.beats.length : 0;
  const isPaced = spikes.length >= 3 && (d.beats.length < 3 || spb >= 0.3);
  const quality = signalQuality(x, fs, d.beats);
  const label = quality.ecgFound ? RHYTHM_NAMES[best] : 'unclassified';
  const flags: string[] = [];
  if (!quality.ecgFound) flags.push('no_ecg');
  const bpm = hr.length ? Math.round(median(hr) as number) : null;
  if (d.beats.length < 3) flags.push('too_few_beats');
  if (bpm !== null && bpm < 60) flags.push('bradycardia');
  if (bpm !== null && bpm > 100) flags.push('tachycardia');
  if ((byType.vpc ?? 0) > 0) flags.push('ventricular_ectopy');
  if (isPaced) flags.push('paced_rhythm');
  if (afib.isAfib !== (best === RHYTHM.AFIB)) flags.push('afib_rule_codec_disagreement');
  if (types.length > MAX_EVENTS) flags.push('beat_events_truncated');
  const med = median(x) as number;
  const dev = Array.from(x, (v) => Math.abs(v - med)).sort((p, q) => p - q);
  if (dev.length && dev[Math.floor(0.98 * (dev.length - 1))] < 0.1) flags.push('low_amplitude');
  const m = d.intervals.median;
  const rhythmWord = label === 'unclassified' ? 'Unclassified' : label === 'afib' ? 'AFib' : label === 'avb' ? 'AV block' : label === 'bbb' ? 'Bundle branch block' : label[0].toUpperCase() + label.slice(1);
  const regular = rrCv === null ? null : rrCv <= 0.12;
  const summary = !quality.ecgFound ? `No ECG found: ${quality.reason}. Signal quality index ${quality.index}.` : `${rhythmWord} rhythm, HR ${bpm ?? '—'} bpm, ${regular === null ? 'regularity unknown' : regular ? 'regular' : 'irregular'}, ${byType.vpc ? `${byType.vpc} VPC${byType.vpc > 1 ? 's' : ''}` : 'no ectopy'}. (AFib rule: ${afib.isAfib ? 'positive' : 'negative'}.)`
    + (isPaced ? ' PACED: pacing spikes detected.' : '') + (flags.includes('low_amplitude') ? ' NOTE: low amplitude.' : '');
  const out = {
    fs, durationS: x.length / fs,
    rhythm: { label, confidence: quality.ecgFound ? Math.round((counts[best] / total) * 1000) / 1000 : 0, distribution },
    heartRate: { bpm, min: hr.length ? Math.round(Math.min(...hr)) : null, max: hr.length ? Math.round(Math.max(...hr)) : null, rrCv: rrCv === null ? null : Math.round(rrCv * 1000) / 1000, regular },
    beats: { count: d.beats.length, byType, events: d.beats.slice(0, MAX_EVENTS).map((bt, i) => ({ tS: Math.round((bt.qrs.onset / fs) * 1000) / 1000, sample: bt.qrs.onset, type: types[i] })) },
    intervals: { pr: m.pr, qrs: m.qrs, qt: m.qt, qtc: m.qtcBazett, p: m.p, t: tDur === null ? null : Math.round(tDur * 10) / 10 },
    afib: { isAfib: afib.isAfib, reason: afib.reason, agreesWithCodec: afib.isAfib === (best === RHYTHM.AFIB) },
    pacing: { isPaced, nSpikes: spikes.length, spikesPerBeat: Math.round(spb * 1000) / 1000 },
    quality, flags, summary,
  };
  return { ...out, delineation: d, layers: codec, toJSON: () => out };
}
