// `openecg eval <dir> --protocol mitdb [--lead name|index] [--records 101,106 | devA | devB] [--json]`:
// runs the report pipeline (delineation + beat and rhythm layers) over whole records and scores it
// beat by beat (src/ts/eval/mitdb.ts states the rules; docs/schema/eval-mitdb.json the JSON).
import { listRecords } from '../datasets/ludb.js';
import { loadMitdbRecord, leadIndex, MITDB_SPLIT } from '../datasets/mitdb.js';
import { SVDB_SPLIT } from '../datasets/svdb.js';
import { scoreRecord, summarise, type DetectedBeat, type RecordCounts, type MitdbSummary } from '../eval/mitdb.js';
import { RHYTHM } from '../classify/classes.js';
import type { Inference } from '../inference.js';
import { FormatError } from '../errors.js';
import { progress } from './progress.js';

export interface MitdbEvalOptions {
  records?: string[];
  lead?: string;
  showProgress?: boolean;
}

export interface MitdbEvalResult {
  protocol: 'mitdb';
  lead: string;
  records: Array<{
    record: string;
    lead: string;
    nRef: number;
    nDet: number;
    tp: number;
    fn: number;
    fp: number;
    se: number | null;
    ppv: number | null;
  }>;
  gross: MitdbSummary;
}

/** Resolves `--records`: a comma list, or a named development split (MITDB_SPLIT, SVDB_SPLIT). */
export function mitdbRecords(dir: string, wanted?: string[]): string[] {
  const all = listRecords(dir);
  if (!wanted || !wanted.length) return all;
  const out: string[] = [];
  for (const w of wanted) {
    const splits = { ...MITDB_SPLIT, ...SVDB_SPLIT } as Record<string, string[]>;
    const named = Object.prototype.hasOwnProperty.call(splits, w) ? splits[w] : undefined;
    for (const r of named ?? [w]) {
      if (all.indexOf(r) < 0) throw new FormatError(r, 'record is not listed in RECORDS');
      out.push(r);
    }
  }
  return out;
}

export function evalMitdb(det: Inference, dir: string, opts: MitdbEvalOptions = {}): MitdbEvalResult {
  const records = mitdbRecords(dir, opts.records);
  const bar = progress('mitdb', !!opts.showProgress);
  const counts: RecordCounts[] = [];
  const rows: MitdbEvalResult['records'] = [];
  records.forEach((r, k) => {
    bar.tick(k, records.length);
    const m = loadMitdbRecord(dir, r);
    const li = leadIndex(m.rec, opts.lead, r);
    const x = m.rec.signals[li].physical;
    const rep = det.report(x, { fs: m.rec.fs });
    const detected: DetectedBeat[] = rep.labels.map((b) => ({ sample: b.r, aami: b.aami }));
    const c = scoreRecord(r, m.rec.fs, m.beats, detected, {
      excluded: m.unreadable,
      rhythms: m.rhythms,
      afTrack: rep.layers.rhythm,
      afClass: RHYTHM.AFIB,
    });
    counts.push(c);
    rows.push({
      record: r,
      lead: m.rec.signals[li].name,
      nRef: c.nRef,
      nDet: c.nDet,
      tp: c.tp,
      fn: c.fn,
      fp: c.fp,
      se: c.tp + c.fn ? c.tp / (c.tp + c.fn) : null,
      ppv: c.tp + c.fp ? c.tp / (c.tp + c.fp) : null,
    });
    bar.tick(k + 1, records.length);
  });
  bar.end();
  return { protocol: 'mitdb', lead: opts.lead ?? '0', records: rows, gross: summarise(counts) };
}

const pct = (v: number | null) => (v === null ? '   -  ' : (100 * v).toFixed(2).padStart(6));

export function formatMitdb(res: MitdbEvalResult): string {
  const g = res.gross;
  const lines = [
    `mitdb: ${g.records} records, lead ${res.lead}`,
    'record  lead     beats  detected     FN     FP    Se %   +P %',
  ];
  for (const r of res.records) {
    lines.push(
      `${r.record.padEnd(7)} ${r.lead.padEnd(6)} ${String(r.nRef).padStart(7)} ` +
        `${String(r.nDet).padStart(9)} ${String(r.fn).padStart(6)} ${String(r.fp).padStart(6)}  ` +
        `${pct(r.se)} ${pct(r.ppv)}`,
    );
  }
  lines.push(
    `gross QRS: Se ${pct(g.qrs.se)} %  +P ${pct(g.qrs.ppv)} %  (TP ${g.qrs.tp}, FN ${g.qrs.fn}, FP ${g.qrs.fp})`,
  );
  lines.push(
    `VEB:  Se ${pct(g.veb.se)} %  +P ${pct(g.veb.ppv)} %    SVEB: Se ${pct(g.sveb.se)} %  +P ${pct(g.sveb.ppv)} %`,
  );
  if (g.af)
    lines.push(
      `AF time: Se ${pct(g.af.se)} %  +P ${pct(g.af.ppv)} %  (reference ${g.af.refS.toFixed(0)} ` +
        `s, detected ${g.af.detS.toFixed(0)} s)`,
    );
  lines.push('confusion (rows reference, columns detected): ' + ['', ...g.confusion.classes, 'missed'].join('\t'));
  g.confusion.matrix.forEach((row, i) =>
    lines.push(['', g.confusion.classes[i], ...row, g.confusion.missed[i]].join('\t')),
  );
  return lines.join('\n') + '\n';
}
