// `openecg delineate <file> [--fs N] [--lead ii|0] [--format json|csv|tokens] [--svg out.svg] [--model m.tflite]`
// and `openecg demo` (the bundled LUDB sample: beat table, intervals, tokens, demo.svg).
import { printWarnings, printable } from './warnings.js';
import { writeOutput } from './output.js';
import { join } from 'node:path';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { packageRoot } from '../package-root.js';
import { OpenEcgError } from '../errors.js';
import type { Delineation } from '../inference.js';
import { loadSignalFile, loadAllLeads } from '../io/load-signal.js';
import { fsArg, leadArg, inferenceFor } from './options.js';
import { renderSvg } from '../report/svg.js';
import { colorsOf, FRAME_CLASSES, BEAT_CLASSES, RHYTHM_CLASSES } from '../classify/classes.js';
import { eventsFromDelineation, renderCompact } from '../codec/tokens.js';
import { progress } from './progress.js';
import type { Args } from './args.js';

function run(file: string, a: Args, quiet: boolean): { d: Delineation; signal: Float64Array; lead: string } {
  const fs = fsArg(a);
  const { signal, fs: rate, lead, warnings } = loadSignalFile(file, { lead: leadArg(a), fs });
  printWarnings(warnings);
  const det = inferenceFor(a);
  const bar = progress('delineate', !quiet && !a.quiet);
  const d = det.predict(signal, { fs: rate, onProgress: (i, n) => bar.tick(i, n) });
  bar.end();
  return { d, signal, lead };
}

export function delineateCommand(a: Args): number {
  const file = a._[1];
  if (!file)
    throw new OpenEcgError(
      'usage: openecg delineate <file.hea|file.csv|file.npy> [--fs N] [--lead ii] [--format ' +
        'json|csv|tokens] [--svg out.svg]',
    );
  const format = String(a.format ?? 'json');
  if (['json', 'csv', 'tokens'].indexOf(format) < 0)
    throw new OpenEcgError(`unknown --format '${format}' (json, csv or tokens)`);
  if (a.lead === 'all') return delineateAllLeads(file, a, format);
  const { d, signal, lead } = run(file, a, false);
  if (typeof a.svg === 'string')
    writeOutput(a.svg, renderSvg(signal, d.waves, { fs: d.fs, title: `${file} — lead ${lead}` }));
  if (format === 'json') process.stdout.write(JSON.stringify(withTimes(d)) + '\n');
  else if (format === 'csv')
    process.stdout.write(
      'wave,onset,offset\n' + d.waves.map((w) => `${w.wave},${w.onset},${w.offset}`).join('\n') + '\n',
    );
  else process.stdout.write(renderCompact(eventsFromDelineation(d, signal)) + '\n');
  return 0;
}

/** --lead all: every lead delineated, then the multi-lead (global) delineation; JSON adds each lead's waves. */
function delineateAllLeads(file: string, a: Args, format: string): number {
  const fs = fsArg(a);
  const { signals, fs: rate, leads } = loadAllLeads(file, { fs });
  const det = inferenceFor(a);
  const bar = progress('delineate', !a.quiet);
  const r = det.predictLeads(signals, { fs: rate, leads, onProgress: (i, n) => bar.tick(i, n) });
  bar.end();
  const d = r.global;
  if (typeof a.svg === 'string')
    writeOutput(a.svg, renderSvg(signals[0], d.waves, { fs: rate, title: `${file} — all leads (drawn: ${leads[0]})` }));
  if (format === 'json')
    process.stdout.write(
      JSON.stringify({ ...withTimes(d), leads: r.leads.map((l) => ({ name: l.name, waves: l.delineation.waves })) }) +
        '\n',
    );
  else if (format === 'csv')
    process.stdout.write(
      'wave,onset,offset\n' + d.waves.map((w) => `${w.wave},${w.onset},${w.offset}`).join('\n') + '\n',
    );
  else process.stdout.write(renderCompact(eventsFromDelineation(d, signals[0])) + '\n');
  return 0;
}

/** The delineation as JSON readers want it: every wave also with its onset and offset in seconds (t, tEnd). */
export function withTimes(d: Delineation): object {
  const sec = (i: number) => Math.round((i / d.fs) * 1e6) / 1e6;
  return { ...d, waves: d.waves.map((w) => ({ ...w, t: sec(w.onset), tEnd: sec(w.offset) })) };
}

export function samplePath(): string {
  return join(packageRoot(), 'samples', 'ludb-4.hea');
}

const f = (v: number | null, w = 6) => (v === null ? '—' : String(v)).padStart(w);

export function demoCommand(a: Args): number {
  const file = samplePath();
  const { d, signal, lead } = run(file, { ...a, lead: leadArg(a, 'ii') as string }, true);
  const out = typeof a.svg === 'string' ? a.svg : join(mkdtempSync(join(tmpdir(), 'openecg-demo-')), 'demo.svg');
  writeOutput(out, renderSvg(signal, d.waves, { fs: d.fs, title: `LUDB record 4, lead ${lead}` }));
  const lines = [
    `openecg demo — LUDB record 4 (PhysioNet, ODC-By), lead ${lead}, ${d.fs} Hz, ${(d.nSamples / d.fs).toFixed(1)} s`,
    '',
    ' beat  QRS on(ms)     RR     HR     PR      P    QRS     QT  QTcB  QTcF',
  ];
  d.beats.forEach((b, i) => {
    const iv = d.intervals.beats[i];
    lines.push(
      `${String(i + 1).padStart(5)}  ${f(Math.round((b.qrs.onset * 1000) / d.fs), 10)} ` +
        `${f(iv.rr)} ${f(iv.hr)} ${f(iv.pr)} ${f(iv.p)} ${f(iv.qrs)} ${f(iv.qt)} ` +
        `${f(iv.qtcBazett, 5)} ${f(iv.qtcFridericia, 5)}`,
    );
  });
  const m = d.intervals.median;
  lines.push(
    `median  ${''.padStart(9)} ${f(m.rr)} ${f(m.hr)} ${f(m.pr)} ${f(m.p)} ${f(m.qrs)} ${f(m.qt)} ` +
      `${f(m.qtcBazett, 5)} ${f(m.qtcFridericia, 5)}`,
    '',
  );
  lines.push('tokens: ' + renderCompact(eventsFromDelineation(d, signal)), '', `wrote ${out}`);
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}

/** `openecg report <file> [--fs N] [--lead ii] [--json]` */
export function reportCommand(a: Args): number {
  const file = a._[1];
  if (!file)
    throw new OpenEcgError(
      'usage: openecg report <file.hea|file.csv|file.npy> [--fs N] [--lead ii] [--json] [--svg out.svg]',
    );
  if (a.lead === 'all') throw new OpenEcgError('report describes one lead: give --lead <name|index>');
  const { signal, fs: rate, lead, warnings } = loadSignalFile(file, { lead: leadArg(a), fs: fsArg(a) });
  printWarnings(warnings);
  const det = inferenceFor(a);
  const maxEvents = a.events === undefined ? undefined : Number(a.events);
  if (maxEvents !== undefined && !(Number.isInteger(maxEvents) && maxEvents >= 0))
    throw new OpenEcgError(`--events takes a whole number ≥ 0, got '${a.events}'`);
  const bar = progress('report', !a.quiet);
  const r = det.report(signal, { fs: rate, maxEvents, onProgress: (i, n) => bar.tick(i, n) });
  bar.end();
  if (typeof a.svg === 'string') {
    const c = r.layers; // the report's own delineation and layers: no second model pass
    writeOutput(
      a.svg,
      renderSvg(signal, r.delineation.waves, {
        fs: rate,
        title: `${file} — lead ${lead} — ${r.summary}`,
        tracks: [
          { name: 'frame', values: c.frame, colors: colorsOf(FRAME_CLASSES) },
          { name: 'beat', values: c.beat, colors: colorsOf(BEAT_CLASSES) },
          { name: 'rhythm', values: c.rhythm, colors: colorsOf(RHYTHM_CLASSES) },
        ],
      }),
    );
  }
  if (a.json) {
    process.stdout.write(JSON.stringify(r) + '\n');
    return 0;
  }
  const lines = [
    `${file} — lead ${lead}, ${r.durationS.toFixed(1)} s`,
    r.summary,
    `rhythm ${r.rhythm.label} (${(r.rhythm.confidence * 100).toFixed(0)} %), HR ` +
      `${r.heartRate.bpm ?? '—'} bpm (${r.heartRate.min ?? '—'}–${r.heartRate.max ?? '—'}), RR CV ` +
      `${r.heartRate.rrCv ?? '—'}`,
    `beats ${r.beats.count}: ${
      Object.entries(r.beats.byType)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }`,
    `intervals (median, ms): PR ${r.intervals.pr ?? '—'}, P ${r.intervals.p ?? '—'}, QRS ` +
      `${r.intervals.qrs ?? '—'}, QT ${r.intervals.qt ?? '—'}, QTc ${r.intervals.qtc ?? '—'}, T ` +
      `${r.intervals.t ?? '—'}`,
    `AFib rule: ${r.afib.isAfib ? 'positive' : 'negative'} (${r.afib.reason}); pacing spikes: ${r.pacing.nSpikes}`,
    `flags: ${r.flags.join(', ') || 'none'}`,
  ];
  process.stdout.write(lines.map(printable).join('\n') + '\n'); // file and lead names are data: no escape codes
  return 0;
}
