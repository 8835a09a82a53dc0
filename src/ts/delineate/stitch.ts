// Long recordings: 10-s windows every 6 s. Each window keeps only its centre 6 s (2 s of
// context on both sides), except where a window touches the recording's start or end. The
// last window is aligned to the end of the recording (never padded) when the recording is
// longer than one window. Windows' kept ranges tile [0, n) exactly, without overlap.

export const WINDOW = 2500,
  STRIDE = 1500,
  MARGIN = 500;

export interface WindowPlan {
  start: number;
  keepFrom: number;
  keepTo: number;
} // absolute samples, keep [keepFrom, keepTo)

export function planWindows(n: number): WindowPlan[] {
  if (n <= WINDOW) return [{ start: 0, keepFrom: 0, keepTo: n }];
  const out: WindowPlan[] = [];
  for (let k = 0; ; k++) {
    const start = k * STRIDE;
    if (start + WINDOW >= n) {
      const s = n - WINDOW;
      out.push({ start: s, keepFrom: k === 0 ? 0 : out[out.length - 1].keepTo, keepTo: n });
      break;
    }
    out.push({ start, keepFrom: k === 0 ? 0 : start + MARGIN, keepTo: start + WINDOW - MARGIN });
  }
  return out;
}
