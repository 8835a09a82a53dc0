// `openecg eval <dir> --protocol cinc2017 [--records devA | devB | A00001,A00002] [--json]`: every record of a CinC
// 2017-style folder (RECORDS, <id>.hea/.mat, REFERENCE.csv with the labels) through the report, labelled N, A, O or ~
// (report/strip-label.ts) and scored with the challenge's measure (eval/cinc2017.ts). Without REFERENCE.csv the labels
// are printed unscored. Named splits, by record number (the numbers divisible by 3 are not part of the shared set):
// devA = numbers ≡ 1 (mod 24) chose the strip rules; devB = numbers ≡ 5 (mod 24) was never used for any choice.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { listRecords } from '../datasets/ludb.js';
import { readWfdbRecord } from '../io/wfdb-node.js';
import { stripLabel, type StripLabel } from '../report/strip-label.js';
import { scoreCinc2017, CINC_CLASSES, type CincLabel, type CincScore } from '../eval/cinc2017.js';
import type { Inference } from '../inference.js';
import { FormatError } from '../errors.js';
import { progress } from './progress.js';

export const CINC_SPLIT: Record<string, (n: number) => boolean> = {
  devA: (n) => n % 24 === 1,
  devB: (n) => n % 24 === 5,
};

export interface CincEvalResult {
  protocol: 'cinc2017';
  records: Array<{ id: string; label: StripLabel; truth?: CincLabel; error?: string }>;
  score: CincScore | null;
}

export function cincRecords(dir: string, wanted?: string[]): string[] {
  const all = listRecords(dir);
  if (!wanted || !wanted.length) return all;
  const out: string[] = [];
  for (const w of wanted) {
    const split = Object.prototype.hasOwnProperty.call(CINC_SPLIT, w) ? CINC_SPLIT[w] : null;
    if (split) for (const r of all) split(Number(r.replace(/\D/g, ''))) && out.push(r);
    else if (all.indexOf(w) < 0) throw new FormatError(w, 'record is not listed in RECORDS');
    else out.push(w);
  }
  return out;
}

export function evalCinc(det: Inference, dir: string, opts: { records?: string[]; showProgress?: boolean } = {}) {
  const records = cincRecords(dir, opts.records);
  const truth = new Map<string, CincLabel>();
  const ref = join(dir, 'REFERENCE.csv');
  if (existsSync(ref))
    for (const line of readFileSync(ref, 'utf8').split(/\r?\n/)) {
      const [id, l] = line.split(',').map((s) => (s ?? '').trim());
      if (id && (CINC_CLASSES as readonly string[]).indexOf(l) >= 0) truth.set(id, l as CincLabel);
    }
  const bar = progress('cinc2017', !!opts.showProgress);
  const rows: CincEvalResult['records'] = [];
  records.forEach((id, k) => {
    bar.tick(k, records.length);
    const t = truth.get(id);
    let row: CincEvalResult['records'][number];
    try {
      const rec = readWfdbRecord(join(dir, id));
      row = { id, label: stripLabel(det.report(rec.signals[0].physical, { fs: rec.fs })) };
    } catch (e) {
      // an unreadable strip is answered 'too noisy', with the reason kept
      row = { id, label: '~', error: (e as Error).message };
    }
    if (t) row.truth = t;
    rows.push(row);
  });
  bar.end();
  const scored = rows.filter((r) => r.truth).map((r) => ({ truth: r.truth as CincLabel, label: r.label }));
  return { protocol: 'cinc2017', records: rows, score: scored.length ? scoreCinc2017(scored) : null } as CincEvalResult;
}

export function formatCinc(res: CincEvalResult): string {
  const s = res.score;
  if (!s) return res.records.map((r) => `${r.id},${r.label}`).join('\n') + '\n';
  const f = (v: number | null) => (v === null ? '-' : v.toFixed(3));
  const lines = [
    `cinc2017: ${s.n} records; challenge score (mean F1 of N, A, O) ${f(s.score)}`,
    `F1: N ${f(s.f1.N)}  A ${f(s.f1.A)}  O ${f(s.f1.O)}  ~ ${f(s.f1['~'])}`,
    'confusion (rows reference, columns answer): ' + ['', ...CINC_CLASSES].join('\t'),
    ...s.confusion.map((row, i) => ['', CINC_CLASSES[i], ...row].join('\t')),
  ];
  return lines.join('\n') + '\n';
}
