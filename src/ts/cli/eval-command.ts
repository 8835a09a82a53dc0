// `openecg eval <dir> --protocol ludb|qtdb|mitdb|ec57|cinc2017 [--lead ii] [--records 1,2,3] [--model path.tflite]
//   [--predictions file.json] [--write-truth file.json] [--min-t-ratio 0.8] [--json]`
import { readFileSync, writeFileSync } from 'node:fs';
import { leadArg, inferenceFor } from './options.js';
import { OpenEcgError, FormatError } from '../errors.js';
import { ludbWindows, qtdbWindows, scoreWindows, type EvalWindow } from '../eval/protocols.js';
import { BOUNDARY_KEYS, type Boundaries } from '../ecg/waves.js';
import { wavesToBoundaries } from '../ecg/decode.js';
import { progress } from './progress.js';
import { evalMitdb, formatMitdb } from './eval-mitdb.js';
import { evalEc57, formatEc57 } from './eval-ec57.js';
import { evalCinc, formatCinc } from './eval-cinc.js';
import type { Args } from './args.js';

const r4 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10000) / 10000 : null);

export function evalCommand(a: Args): number {
  const dir = a._[1];
  if (!dir)
    throw new OpenEcgError(
      'usage: openecg eval <dir> --protocol ludb|qtdb|mitdb|ec57|cinc2017 [--lead ii] [--records 1,2] [--model ' +
        'm.tflite | --predictions p.json] [--json]',
    );
  const protocol = String(a.protocol ?? 'ludb');
  const records =
    typeof a.records === 'string'
      ? a.records
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : undefined;
  if (protocol === 'cinc2017') {
    const res = evalCinc(inferenceFor(a), dir, { records, showProgress: !a.json });
    process.stdout.write(a.json ? JSON.stringify(res) + '\n' : formatCinc(res));
    return 0;
  }
  if (protocol === 'ec57') {
    const num = (k: string, dflt: number, lo: number, hi: number) => {
      if (a[k] === undefined) return dflt;
      const v = Number(a[k]);
      if (!Number.isFinite(v) || v < lo || v > hi) throw new OpenEcgError(`--${k} must be a number in ${lo}..${hi}`);
      return v;
    };
    const annotator = typeof a.annotator === 'string' ? a.annotator : undefined;
    if (annotator !== undefined && !/^[A-Za-z0-9_]{1,32}$/.test(annotator))
      throw new OpenEcgError(`--annotator '${annotator.slice(0, 40)}': letters, digits and _ only`);
    const det = annotator ? null : inferenceFor(a);
    const res = evalEc57(det, dir, {
      records,
      lead: leadArg(a),
      annotator,
      startS: num('from', 300, 0, 1e7),
      windowS: num('window', 0.15, 0.001, 10),
      showProgress: !a.json,
    });
    process.stdout.write(a.json ? JSON.stringify(res) + '\n' : formatEc57(res));
    return 0;
  }
  if (protocol === 'mitdb') {
    const det = inferenceFor(a);
    const res = evalMitdb(det, dir, { records, lead: leadArg(a), showProgress: !a.json });
    process.stdout.write(a.json ? JSON.stringify(res) + '\n' : formatMitdb(res));
    return 0;
  }
  let windows: EvalWindow[];
  if (protocol === 'ludb') windows = ludbWindows(dir, { records, lead: leadArg(a, 'ii') });
  else if (protocol === 'qtdb')
    windows = qtdbWindows(dir, { records, minTRatio: a['min-t-ratio'] !== undefined ? Number(a['min-t-ratio']) : 0.8 });
  else throw new OpenEcgError(`unknown protocol '${protocol}' (ludb, qtdb, mitdb, ec57 or cinc2017)`);
  if (typeof a['write-truth'] === 'string') {
    const obj: Record<string, Boundaries> = {};
    for (const w of windows) obj[w.id] = w.truth;
    writeFileSync(a['write-truth'], JSON.stringify({ fs: 250, protocol, records: obj }));
    if (a.predictions === undefined && a.model === undefined) return 0;
  }
  let preds: Boundaries[];
  const json = !!a.json;
  if (typeof a.predictions === 'string') {
    let p: any;
    try {
      p = JSON.parse(readFileSync(a.predictions, 'utf8'));
    } catch (e) {
      throw new FormatError(a.predictions, `not a JSON predictions file (${(e as Error).message})`);
    }
    const recs = p.records ?? p;
    preds = windows.map((w) => {
      const r = recs[w.id];
      if (!r) throw new OpenEcgError(`predictions file has no entry for '${w.id}'`);
      const b = {} as Boundaries;
      for (const k of BOUNDARY_KEYS) b[k] = Array.isArray(r[k]) ? r[k].map(Number) : [];
      return b;
    });
  } else {
    // Scores the model through the public delineation API (bundled model unless --model).
    const det = inferenceFor(a);
    const bar = progress('eval', !json);
    preds = windows.map((w, i) => {
      bar.tick(i, windows.length);
      const b = wavesToBoundaries(det.predict(w.signal, { fs: 250 }).waves);
      bar.tick(i + 1, windows.length);
      return b;
    });
    bar.end();
  }
  const s = scoreWindows(windows, preds);
  const boundaries: Record<string, unknown> = {};
  for (const k of BOUNDARY_KEYS) {
    const b = s.boundaries[k];
    boundaries[k] = {
      f1: r4(b.f1),
      se: r4(b.se),
      ppv: r4(b.ppv),
      meanErrMs: r4(b.meanErrMs),
      sdMs: r4(b.sdMs),
      medianAbsErrMs: r4(b.medianAbsErrMs),
      p95AbsErrMs: r4(b.p95AbsErrMs),
      nTrue: b.nTrue,
      nPred: b.nPred,
    };
  }
  const result = { protocol, records: windows.length, macroF1: r4(s.macroF1), boundaries };
  if (json) process.stdout.write(JSON.stringify(result) + '\n');
  else {
    const lines = [
      `${protocol}: ${windows.length} windows, macro-F1 ${result.macroF1}`,
      'boundary   F1      Se      P+      mean±SD (ms)      median|e|  n_true n_pred',
    ];
    for (const k of BOUNDARY_KEYS) {
      const b = s.boundaries[k];
      const f = (x: number, d = 3) => (Number.isFinite(x) ? x.toFixed(d) : '  -  ');
      lines.push(
        `${k.padEnd(10)} ${f(b.f1)}  ${f(b.se)}  ${f(b.ppv)}  ${f(b.meanErrMs, 1).padStart(6)} ± ` +
          `${f(b.sdMs, 1).padEnd(6)}   ${f(b.medianAbsErrMs, 1).padStart(6)}     ` +
          `${String(b.nTrue).padStart(5)}  ${String(b.nPred).padStart(5)}`,
      );
    }
    process.stdout.write(lines.join('\n') + '\n');
  }
  return 0;
}
