// Beat-by-beat comparison exactly as PhysioNet's `bxb` (WFDB 10.7, ANSI/AAMI EC57) counts it, so that
// `eval --protocol ec57` and `compare` give bxb's numbers to the count.
//
// bxb is not a closest-pair matcher: it walks both annotation streams in time order holding the
// current and the next annotation of each (T, T' for the reference, t, t' for the test) and on each
// step does one of four things (t earliest: (1) pair t with T when T - t ≤ window and t is closer to T
// than t' is, or t' fits T' better than T; (2) else t is an extra beat; the mirror cases (3), (4) when
// T is earliest). Ties and the "next fits better" rule decide a few beats per record at high rates,
// which is why a re-implementation of its state machine, not a different matcher, is used here.
// Details kept from bxb:
//  - beat codes (isqrs): N L R a V F J A S E j / Q e n f r ? plus B (25), '!' (31) and learning (30);
//    their AAMI labels (amap, with SVEB statistics): N L R B → N; a J A S j e n → S; V E r → V; F → F;
//    Q / f ? → Q; a flutter wave '!' maps to 'O' (a reference '!' paired with a test beat counts as Ox);
//  - annotations between VFON '[' and VFOFF ']' are skipped; test beats during reference VF are not
//    counted; NOISE with subtype bits 4 and 5 set starts a shutdown (next NOISE ends it), beats missed
//    there count as 'X';
//  - the comparison starts at 5:00 (first test beat of the window after it handled as bxb does) and
//    ends at the record's length; times are samples of the record (frame numbers);
//  - C's abs() of a 64-bit difference keeps its low 32 bits: emulated where WFDB_TIME_MAX enters it.
// Statistics: QRS Se = TP/(TP + FN), +P = TP/(TP + FP) with TP = every reference beat N S V F Q matched
// by any test beat, FN = ?o + ?x, FP = On..Oq + Xn..Xq; VEB Se = Vv/(Vn+Vs+Vv+Vf+Vq+Vo+Vx),
// +P = Vv/(Nv+Sv+Vv+Ov+Xv); SVEB Se = Ss/(Sn+Ss+Sv+Sf+Sq+So+Sx), +P = Ss/(Ns+Ss+Vs+Fs+Os+Xs)
// (bxb's print_results). Gross = the same formulas over summed counts; average = mean of the
// per-record percentages that are defined (sumstats).

/** One annotation as bxb reads it: time in samples, WFDB code (1..49), subtype. */
export interface BxbAnnotation {
  time: number;
  code: number;
  subtype?: number;
}

export interface BxbOptions {
  fs: number;
  /** Record length in samples (bxb's "e"): the comparison ends there. null: at the reference's end. */
  length: number | null;
  /** Match window in seconds (bxb -w; default 0.15). */
  windowS?: number;
  /** Start of the comparison in seconds (bxb -f; default 300, the EC57 learning period). */
  startS?: number;
  /** End of the comparison in seconds (bxb -t); default: `length`. */
  endS?: number;
}

export const BXB_ROWS = ['N', 'S', 'V', 'F', 'Q', 'O', 'X'] as const;
export type BxbLabel = (typeof BXB_ROWS)[number];
/** matrix[ref][test] over BXB_ROWS (the O and X rows have no O/X columns: always 0 there). */
export type BxbMatrix = number[][];

export interface BxbStats {
  qrs: { tp: number; fn: number; fp: number; se: number | null; ppv: number | null };
  veb: { tp: number; fn: number; fp: number; se: number | null; ppv: number | null };
  sveb: { tp: number; fn: number; fp: number; se: number | null; ppv: number | null };
}

export interface BxbResult extends BxbStats {
  matrix: BxbMatrix;
  /** RMS of reference-minus-test RR interval differences over pairs (ms), null when none. */
  rrErrorMs: number | null;
}

const NOISE = 14,
  VFON = 32,
  VFOFF = 33;
const IS_QRS = new Uint8Array(50);
for (const c of [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 31, 34, 35, 38, 41]) IS_QRS[c] = 1;

/** bxb's amap with SVEB statistics (fflag > 3). Returns a char code; 'O' for non-beat codes. */
function amap(code: number): string {
  switch (code) {
    case 1:
    case 2:
    case 3:
    case 25:
      return 'N';
    case 7:
    case 8:
    case 9:
    case 4:
    case 11:
    case 34:
    case 35:
      return 'S';
    case 5:
    case 41:
    case 10:
      return 'V';
    case 6:
      return 'F';
    case 13:
    case 12:
    case 38:
    case 30:
      return 'Q';
    default:
      return 'O';
  }
}

const HUGE = Number.MAX_SAFE_INTEGER; // stands for WFDB_TIME_MAX; only ever compared or passed to cabs

/** C's abs((int)(u - v)) for 64-bit u, v where either may be WFDB_TIME_MAX (2^63 - 1). */
function cabs(u: number, v: number): number {
  if (u === HUGE && v === HUGE) return 0;
  if (u === HUGE) return Math.abs((-1 - v) | 0); // low 32 bits of 2^63 - 1 - v
  if (v === HUGE) return Math.abs((u + 1) | 0); // low 32 bits of u + 1 - 2^63
  return Math.abs((u - v) | 0);
}

/** Rounds a time in seconds to samples as WFDB's strtim does ((long)(x * f + 0.5)). */
export const strtimSamples = (seconds: number, fs: number): number => Math.trunc(seconds * fs + 0.5);

class Stream {
  private i = 0;
  constructor(private readonly anns: BxbAnnotation[]) {}
  next(): BxbAnnotation | null {
    return this.i < this.anns.length ? this.anns[this.i++] : null;
  }
  unget(): void {
    this.i--;
  }
}

/** Compares a test annotation list with the reference one as bxb does; both sorted by time. */
export function bxbCompare(reference: BxbAnnotation[], test: BxbAnnotation[], opts: BxbOptions): BxbResult {
  const fs = opts.fs;
  const matchDt = strtimSamples(opts.windowS ?? 0.15, fs);
  const start = strtimSamples(opts.startS ?? 300, fs);
  let endTime = opts.endS !== undefined ? strtimSamples(opts.endS, fs) : (opts.length ?? 0);
  if (endTime === 0) endTime = -1;
  const M: BxbMatrix = BXB_ROWS.map(() => BXB_ROWS.map(() => 0));
  const ref = new Stream(reference),
    tst = new Stream(test);
  // Reference side (getref) and test side (gettest) state, named as in bxb.
  let T = 0,
    Tp = 0,
    A = '',
    Ap = '',
    RR = 0;
  let sdonref = -1,
    sdoffref = -1,
    vfonref = -1,
    vfoffref = -1,
    psdonref = -1,
    psdoffref = -1,
    pvfonref = -1,
    pvfoffref = -1,
    TT = 0;
  let t = 0,
    tp = 0,
    a = '',
    ap = '',
    rr = 0;
  let sdontest = -1,
    sdofftest = -1,
    vfontest = -1,
    vfofftest = -1,
    psdontest = -1,
    psdofftest = -1,
    pvfontest = -1,
    tt = 0;
  let nrre = 0,
    ssrre = 0;

  const getref = (): void => {
    TT = T;
    T = Tp;
    A = Ap;
    if (
      TT === 0 ||
      T === HUGE ||
      (TT <= vfonref && vfonref < T) ||
      (TT <= sdonref && sdonref < T) ||
      (TT <= pvfonref && pvfonref < T) ||
      (TT <= psdonref && psdonref < T)
    )
      RR = 0;
    else RR = T - TT;
    for (let an = ref.next(); an; an = ref.next()) {
      if (IS_QRS[an.code]) {
        Tp = an.time;
        Ap = amap(an.code);
        return;
      }
      if (an.code === NOISE) {
        if (((an.subtype ?? 0) & 0x30) === 0x30) {
          psdonref = sdonref;
          psdoffref = sdoffref;
          sdonref = an.time;
          const end = ref.next();
          if (!end) {
            Tp = sdoffref = HUGE;
            Ap = '*';
            return;
          }
          if (end.code === NOISE && ((end.subtype ?? 0) & 0x30) !== 0x30) sdoffref = end.time;
          else {
            sdonref = (vfoffref > T ? vfoffref : T) + matchDt;
            sdoffref = end.time - matchDt;
            if (sdonref > sdoffref) sdonref = sdoffref;
            ref.unget();
          }
        }
      } else if (an.code === VFON) {
        pvfonref = vfonref;
        pvfoffref = vfoffref;
        vfonref = an.time;
        let x: BxbAnnotation | null;
        do {
          x = ref.next();
          if (!x) {
            Tp = HUGE;
            Ap = '*';
            return;
          }
        } while (x.code !== VFOFF);
        vfoffref = x.time;
      }
    }
    Tp = HUGE;
    Ap = '*';
  };

  const gettest = (): void => {
    tt = t;
    t = tp;
    a = ap;
    if (
      tt === 0 ||
      t === HUGE ||
      (tt <= vfontest && vfontest < t) ||
      (tt <= sdontest && sdontest < t) ||
      (tt <= pvfontest && pvfontest < t) ||
      (tt <= psdontest && psdontest < t)
    )
      rr = 0;
    else rr = t - tt;
    for (let an = tst.next(); an; an = tst.next()) {
      if (IS_QRS[an.code]) {
        tp = an.time;
        ap = amap(an.code);
        return;
      }
      if (an.code === NOISE) {
        if (((an.subtype ?? 0) & 0x30) === 0x30) {
          psdontest = sdontest;
          psdofftest = sdofftest;
          sdontest = an.time;
          const end = tst.next();
          if (!end) {
            tp = HUGE;
            ap = '*';
            return;
          }
          if (end.code === NOISE && ((end.subtype ?? 0) & 0x30) !== 0x30) sdofftest = end.time;
          else {
            sdontest = (vfofftest > t ? vfofftest : t) + matchDt;
            sdofftest = end.time - matchDt;
            if (sdontest > sdofftest) sdontest = sdofftest;
            tst.unget();
          }
        }
      } else if (an.code === VFON) {
        pvfontest = vfontest;
        vfontest = an.time;
        let x: BxbAnnotation | null;
        do {
          x = tst.next();
          if (!x) {
            tp = HUGE;
            ap = '*';
            return;
          }
        } while (x.code !== VFOFF);
        vfofftest = x.time;
      }
    }
    tp = HUGE;
    ap = '*';
  };

  // Pseudo-beat labels for unmatched annotations (rpann: for a test beat, tpann: for a reference beat).
  const rpann = (x: number): string => {
    if (
      (vfonref !== -1 && vfonref <= x && (x <= vfoffref || vfoffref === -1)) ||
      (pvfonref !== -1 && pvfonref <= x && x <= pvfoffref)
    )
      return '*';
    if (
      (sdonref !== -1 && sdonref <= x && (x <= sdoffref || sdoffref === -1)) ||
      (psdonref !== -1 && psdonref <= x && x <= psdoffref)
    )
      return 'X';
    return 'O';
  };
  const tpann = (x: number): string => {
    if (
      (sdontest !== -1 && sdontest <= x && (x <= sdofftest || sdofftest === -1)) ||
      (psdontest !== -1 && psdontest <= x && x <= psdofftest)
    )
      return 'X';
    return 'O';
  };
  const pair = (r: string, s: string): void => {
    const i = BXB_ROWS.indexOf(r as BxbLabel),
      j = BXB_ROWS.indexOf(s as BxbLabel);
    // bxb's switch: rows N S V F Q take every test label; rows O and X only the beat labels.
    if (i >= 0 && j >= 0 && !(i >= 5 && j >= 5)) M[i][j]++;
    if (RR > 0 && rr > 0) {
      const e = RR - rr;
      ssrre += e * e;
      nrre++;
    }
  };

  do getref();
  while (T < start);
  do gettest();
  while (tp < start);
  if (T - t < cabs(T, tp) && T - t <= matchDt) {
    if (A !== '' || a !== '') pair(A, a);
    getref();
    gettest();
  } else {
    gettest();
    if (t - start <= matchDt && cabs(T, tp) < cabs(T, t)) gettest();
  }
  while (
    (endTime > 0 && (T <= endTime || t <= endTime)) ||
    (endTime === -1 && T !== HUGE) ||
    (endTime === 0 && T !== HUGE && t !== HUGE)
  ) {
    if (t < T) {
      if (T - t <= matchDt && (T - t < cabs(T, tp) || cabs(Tp, tp) < cabs(T, tp))) {
        pair(A, a);
        getref();
        gettest();
      } else {
        pair(rpann(t), a);
        gettest();
      }
    } else {
      if (t - T <= matchDt && (t - T < cabs(t, Tp) || cabs(tp, Tp) < cabs(t, Tp))) {
        pair(A, a);
        gettest();
        getref();
      } else {
        pair(A, tpann(T));
        getref();
      }
    }
  }
  return { matrix: M, ...bxbStats(M), rrErrorMs: nrre ? (Math.sqrt(ssrre / nrre) * 1000) / fs : null };
}

const cell = (M: BxbMatrix, r: string, c: string) =>
  M[BXB_ROWS.indexOf(r as BxbLabel)][BXB_ROWS.indexOf(c as BxbLabel)];
const sum = (M: BxbMatrix, keys: string[]) => keys.reduce((s, k) => s + cell(M, k[0], k[1]), 0);
const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** bxb's statistics from a confusion matrix (one record's, or the sum over records for the gross). */
export function bxbStats(M: BxbMatrix): BxbStats {
  let qtp = 0,
    qfn = 0,
    qfp = 0;
  for (const r of 'NSVFQ') {
    for (const c of 'NSVFQ') qtp += cell(M, r, c);
    qfn += cell(M, r, 'O') + cell(M, r, 'X');
  }
  for (const r of 'OX') for (const c of 'NSVFQ') qfp += cell(M, r, c);
  const vtp = cell(M, 'V', 'V'),
    vfn = sum(M, ['VN', 'VS', 'VF', 'VQ', 'VO', 'VX']),
    vfp = sum(M, ['NV', 'SV', 'OV', 'XV']);
  const stp = cell(M, 'S', 'S'),
    sfn = sum(M, ['SN', 'SV', 'SF', 'SQ', 'SO', 'SX']),
    sfp = sum(M, ['NS', 'VS', 'FS', 'OS', 'XS']);
  return {
    qrs: { tp: qtp, fn: qfn, fp: qfp, se: ratio(qtp, qtp + qfn), ppv: ratio(qtp, qtp + qfp) },
    veb: { tp: vtp, fn: vfn, fp: vfp, se: ratio(vtp, vtp + vfn), ppv: ratio(vtp, vtp + vfp) },
    sveb: { tp: stp, fn: sfn, fp: sfp, se: ratio(stp, stp + sfn), ppv: ratio(stp, stp + sfp) },
  };
}

/** Sum of per-record matrices (the gross statistics come from it). */
export function sumMatrices(ms: BxbMatrix[]): BxbMatrix {
  const out = BXB_ROWS.map(() => BXB_ROWS.map(() => 0));
  for (const m of ms) for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) out[i][j] += m[i][j];
  return out;
}

/** Mean of the defined per-record values (sumstats' "Average"); null when none is defined. */
export function averageOf(values: Array<number | null>): number | null {
  const d = values.filter((v): v is number => v !== null);
  return d.length ? d.reduce((s, v) => s + v, 0) / d.length : null;
}

/** WFDB codes for the AAMI labels of a test annotator (as bxb_compare writes them: S as 'A'). */
export const AAMI_TEST_CODE: Record<'N' | 'S' | 'V' | 'F' | 'Q', number> = { N: 1, S: 8, V: 5, F: 6, Q: 13 };
