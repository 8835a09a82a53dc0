// The EC57 protocol over a set of records: each record's reference annotations against a test annotator
// with bxb's rules (bxb.ts), then the per-record table and the two aggregates PhysioNet reports — gross
// (bxb's formulas over the summed confusion matrices) and average (mean of the per-record percentages,
// as sumstats prints them).
import {
  bxbCompare,
  bxbStats,
  sumMatrices,
  averageOf,
  type BxbAnnotation,
  type BxbMatrix,
  type BxbStats,
} from './bxb.js';

export interface Ec57Record {
  record: string;
  fs: number;
  /** Record length in samples (the comparison ends there); null: at the reference annotations' end. */
  length: number | null;
  reference: BxbAnnotation[];
  test: BxbAnnotation[];
}

export interface Ec57RecordResult extends BxbStats {
  record: string;
  matrix: BxbMatrix;
  rrErrorMs: number | null;
}

export interface Ec57Result {
  protocol: 'ec57';
  startS: number;
  windowS: number;
  records: Ec57RecordResult[];
  gross: BxbStats & { matrix: BxbMatrix };
  average: {
    qrsSe: number | null;
    qrsPpv: number | null;
    vebSe: number | null;
    vebPpv: number | null;
    svebSe: number | null;
    svebPpv: number | null;
  };
}

export function scoreEc57(records: Ec57Record[], opts: { startS?: number; windowS?: number } = {}): Ec57Result {
  const startS = opts.startS ?? 300,
    windowS = opts.windowS ?? 0.15;
  const rows: Ec57RecordResult[] = records.map((r) => {
    const res = bxbCompare(r.reference, r.test, { fs: r.fs, length: r.length, startS, windowS });
    return { record: r.record, ...res };
  });
  const matrix = sumMatrices(rows.map((r) => r.matrix));
  const avg = (f: (r: Ec57RecordResult) => number | null) => averageOf(rows.map(f));
  return {
    protocol: 'ec57',
    startS,
    windowS,
    records: rows,
    gross: { matrix, ...bxbStats(matrix) },
    average: {
      qrsSe: avg((r) => r.qrs.se),
      qrsPpv: avg((r) => r.qrs.ppv),
      vebSe: avg((r) => r.veb.se),
      vebPpv: avg((r) => r.veb.ppv),
      svebSe: avg((r) => r.sveb.se),
      svebPpv: avg((r) => r.sveb.ppv),
    },
  };
}
