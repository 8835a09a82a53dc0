// Beat-by-beat matching as ANSI/AAMI EC57 scores QRS detection: a reference beat and a detected beat
// match when they are at most `windowMs` (150 ms) apart; each beat matches at most once. Among the
// candidate pairs the closest are taken first (ties: earlier reference, then earlier detection), so
// the result does not depend on scan order.
// Candidates come from a sweep over both sorted lists: O((n + m) log(n + m) + pairs within the window).

export interface BeatMatch {
  pairs: Array<[number, number]>; // [reference index, detection index], in reference order
  missed: number[]; // reference indices without a detection (FN)
  extra: number[]; // detection indices without a reference beat (FP)
}

/** `reference` and `detected` are sample positions at `fs`, in any order; indices in the result refer to them. */
export function matchBeats(refIn: number[], detIn: number[], fs: number, windowMs = 150): BeatMatch {
  const tol = (windowMs * fs) / 1000;
  const refOrder = refIn.map((_, i) => i).sort((a, b) => refIn[a] - refIn[b] || a - b);
  const detOrder = detIn.map((_, i) => i).sort((a, b) => detIn[a] - detIn[b] || a - b);
  const reference = refOrder.map((i) => refIn[i]),
    detected = detOrder.map((j) => detIn[j]);
  const cand: Array<[number, number, number]> = []; // distance, ref, det
  let lo = 0;
  for (let i = 0; i < reference.length; i++) {
    const r = reference[i];
    while (lo < detected.length && detected[lo] < r - tol) lo++;
    for (let j = lo; j < detected.length && detected[j] <= r + tol; j++) cand.push([Math.abs(detected[j] - r), i, j]);
  }
  cand.sort((p, q) => p[0] - q[0] || p[1] - q[1] || p[2] - q[2]);
  const refUsed = new Int32Array(reference.length).fill(-1),
    detUsed = new Uint8Array(detected.length);
  for (const [, i, j] of cand) {
    if (refUsed[i] >= 0 || detUsed[j]) continue;
    refUsed[i] = j;
    detUsed[j] = 1;
  }
  const pairs: Array<[number, number]> = [],
    missed: number[] = [],
    extra: number[] = [];
  for (let i = 0; i < reference.length; i++) {
    if (refUsed[i] >= 0) pairs.push([refOrder[i], detOrder[refUsed[i]]]);
    else missed.push(refOrder[i]);
  }
  for (let j = 0; j < detected.length; j++) if (!detUsed[j]) extra.push(detOrder[j]);
  pairs.sort((p, q) => p[0] - q[0]);
  missed.sort((a, b) => a - b);
  extra.sort((a, b) => a - b);
  return { pairs, missed, extra };
}
