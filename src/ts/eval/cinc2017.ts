// The PhysioNet/CinC Challenge 2017 score: per class the F1 = 2·TP / (2·TP + FP + FN) over the reference and
// predicted labels N, A, O, ~; the challenge score is the mean of the F1 of N, A and O (the noisy class is scored
// but not averaged), as in the challenge's own scoring.
export const CINC_CLASSES = ['N', 'A', 'O', '~'] as const;
export type CincLabel = (typeof CINC_CLASSES)[number];

export interface CincScore {
  n: number;
  f1: Record<CincLabel, number | null>;
  score: number | null;
  /** confusion[reference][predicted] in CINC_CLASSES order */
  confusion: number[][];
}

export function scoreCinc2017(pairs: Array<{ truth: CincLabel; label: CincLabel }>): CincScore {
  const M = CINC_CLASSES.map(() => CINC_CLASSES.map(() => 0));
  for (const p of pairs) M[CINC_CLASSES.indexOf(p.truth)][CINC_CLASSES.indexOf(p.label)]++;
  const f1 = {} as Record<CincLabel, number | null>;
  CINC_CLASSES.forEach((c, k) => {
    const tp = M[k][k];
    const fn = M[k].reduce((s, v) => s + v, 0) - tp;
    const fp = M.reduce((s, row) => s + row[k], 0) - tp;
    f1[c] = 2 * tp + fp + fn > 0 ? (2 * tp) / (2 * tp + fp + fn) : null;
  });
  const avg = [f1.N, f1.A, f1.O];
  const score = avg.every((v) => v !== null) ? (avg as number[]).reduce((s, v) => s + v, 0) / 3 : null;
  return { n: pairs.length, f1, score, confusion: M };
}
