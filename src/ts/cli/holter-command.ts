// `openecg holter <record> [--lead name|index] [--json] [--html out.html]`: the Holter summary of a long recording
// (report/holter.ts) as text or JSON, and as a self-contained HTML page with a strip of the worst episode per kind.
import { loadSignalFile } from '../io/load-signal.js';
import { printWarnings, printable } from './warnings.js';
import { writeOutput } from './output.js';
import { fsArg, leadArg, inferenceFor } from './options.js';
import { progress } from './progress.js';
import { OpenEcgError } from '../errors.js';
import { holterHtml, worstEpisodes } from '../report/holter-html.js';
import { renderSvg } from '../report/svg.js';
import { clock } from '../report/holter.js';
import type { Args } from './args.js';

export function holterCommand(a: Args): number {
  const file = a._[1];
  if (!file) throw new OpenEcgError("holter: give a recording (see 'openecg holter --help')");
  if (a.lead === 'all') throw new OpenEcgError('holter describes one lead: give --lead <name|index>');
  const { signal, fs, lead, warnings } = loadSignalFile(file, { lead: leadArg(a), fs: fsArg(a) });
  printWarnings(warnings);
  const det = inferenceFor(a);
  const bar = progress('holter', !a.quiet);
  const { summary, report } = det.holter(signal, { fs, onProgress: (i, n) => bar.tick(i, n) });
  bar.end();
  if (typeof a.html === 'string') {
    const marks = report.labels.map((l) => ({ sample: l.r, label: l.type === 'paced' ? 'P' : l.aami }));
    const strips = worstEpisodes(summary).map((e) => ({
      kind: e.kind,
      startS: e.startS,
      svg: renderSvg(signal, report.delineation.waves, {
        fs,
        fromS: Math.max(0, Math.min(e.startS - 2, summary.durationS - 10)),
        maxSeconds: 10,
        title: `${e.kind} at ${clock(e.startS)}`,
        beats: marks,
      }),
    }));
    writeOutput(a.html, holterHtml(summary, { title: `${file} — lead ${lead}`, strips }));
  }
  if (a.json) {
    process.stdout.write(JSON.stringify({ record: file, lead, fs, ...summary }) + '\n');
    return 0;
  }
  const lines = [`${file} — lead ${lead}`, ...summary.headline, ''];
  lines.push('hour  beats      N     S     V     F     Q  paced  bpm min/mean/max  pauses');
  const pad = (v: unknown, w: number) => String(v).padStart(w);
  for (const h of summary.hours) {
    const counts = (['N', 'S', 'V', 'F', 'Q'] as const).map((k) => pad(h.byClass[k], 5)).join(' ');
    const bpm = `${h.bpm.min ?? '—'}/${h.bpm.mean ?? '—'}/${h.bpm.max ?? '—'}`;
    lines.push(
      `${pad(h.hour, 4)} ${pad(h.beats, 6)} ${counts} ${pad(h.byClass.paced, 6)}  ${pad(bpm, 13)}  ${pad(h.pauses, 6)}`,
    );
  }
  lines.push(
    '',
    `episodes: ${
      Object.entries(summary.episodeCounts)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ') || 'none'
    }`,
  );
  process.stdout.write(lines.map(printable).join('\n') + '\n');
  return 0;
}
