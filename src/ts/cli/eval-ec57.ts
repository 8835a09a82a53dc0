// `openecg eval <dir> --protocol ec57 [--records 100,101 | devA | devB] [--lead 0] [--annotator gqrs]
//   [--from 300] [--window 0.15] [--json]`: EC57 beat-by-beat scoring exactly as PhysioNet's bxb
// (src/ts/eval/bxb.ts). The test beats are openecg's (the report pipeline on one lead, AAMI labels as
// bxb_compare writes them: N, S→A, V, F, Q) or, with --annotator, the record's `<rec>.<annotator>` file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWfdbRecord, readWfdbAnnotations } from '../io/wfdb-node.js';
import { parseWfdbHeader } from '../io/wfdb-header.js';
import { leadIndex } from '../datasets/mitdb.js';
import { scoreEc57, type Ec57Record, type Ec57Result } from '../eval/ec57.js';
import { AAMI_TEST_CODE, type BxbAnnotation } from '../eval/bxb.js';
import type { Inference } from '../inference.js';
import { FormatError } from '../errors.js';
import { mitdbRecords } from './eval-mitdb.js';
import { progress } from './progress.js';

export interface Ec57EvalOptions {
  records?: string[];
  lead?: string;
  annotator?: string;
  startS?: number;
  windowS?: number;
  showProgress?: boolean;
}

const asBxb = (anns: Array<{ sample: number; code: number; subtype: number }>): BxbAnnotation[] =>
  anns.map((a) => ({ time: a.sample, code: a.code, subtype: a.subtype }));

/** openecg's beats on one lead as test annotations (AAMI label → WFDB code). */
export function openecgTestAnnotations(det: Inference, x: ArrayLike<number>, fs: number): BxbAnnotation[] {
  const c = det.classify(x, { fs });
  return c.labels
    .map((b) => ({ time: b.r, code: AAMI_TEST_CODE[b.aami as keyof typeof AAMI_TEST_CODE] ?? AAMI_TEST_CODE.Q }))
    .sort((p, q) => p.time - q.time);
}

export function evalEc57(det: Inference | null, dir: string, opts: Ec57EvalOptions = {}): Ec57Result {
  const records = mitdbRecords(dir, opts.records);
  const bar = progress('ec57', !!opts.showProgress);
  const input: Ec57Record[] = [];
  records.forEach((r, k) => {
    bar.tick(k, records.length);
    const base = join(dir, r);
    if (!existsSync(base + '.atr')) throw new FormatError(base + '.atr', 'no reference annotations (atr)');
    let fs: number, length: number | null, test: BxbAnnotation[];
    if (opts.annotator) {
      if (!existsSync(base + '.hea')) throw new FormatError(base + '.hea', 'header file not found');
      const h = parseWfdbHeader(readFileSync(base + '.hea', 'latin1'), base + '.hea');
      fs = h.fs;
      length = h.nSamples;
      if (!existsSync(`${base}.${opts.annotator}`))
        throw new FormatError(`${base}.${opts.annotator}`, 'no such annotator file');
      test = asBxb(readWfdbAnnotations(base, opts.annotator));
    } else {
      const rec = readWfdbRecord(base);
      fs = rec.fs;
      length = rec.nSamples;
      test = openecgTestAnnotations(det as Inference, rec.signals[leadIndex(rec, opts.lead, r)].physical, fs);
    }
    input.push({ record: r, fs, length, reference: asBxb(readWfdbAnnotations(base, 'atr')), test });
    bar.tick(k + 1, records.length);
  });
  bar.end();
  return scoreEc57(input, { startS: opts.startS, windowS: opts.windowS });
}

const pct = (v: number | null) => (v === null ? '     -' : (100 * v).toFixed(2).padStart(6));

export function formatEc57(res: Ec57Result): string {
  const lines = [
    `ec57 (bxb rules): ${res.records.length} records, from ${res.startS} s, match window ${res.windowS} s`,
    'record   QRS TP    FN    FP   Se %   +P %    VEB Se   +P      SVEB Se   +P',
  ];
  const n = (v: number, w: number) => String(v).padStart(w);
  const rates = (v: Array<number | null>) =>
    `${pct(v[0])} ${pct(v[1])}   ${pct(v[2])} ${pct(v[3])}   ${pct(v[4])} ${pct(v[5])}`;
  const row = (name: string, s: Ec57Result['gross']) =>
    `${name.padEnd(7)} ${n(s.qrs.tp, 7)} ${n(s.qrs.fn, 5)} ${n(s.qrs.fp, 5)} ` +
    rates([s.qrs.se, s.qrs.ppv, s.veb.se, s.veb.ppv, s.sveb.se, s.sveb.ppv]);
  for (const r of res.records) lines.push(row(r.record, r));
  lines.push(row('gross', res.gross));
  const a = res.average;
  lines.push(`average${' '.repeat(21)}` + rates([a.qrsSe, a.qrsPpv, a.vebSe, a.vebPpv, a.svebSe, a.svebPpv]));
  return lines.join('\n') + '\n';
}
