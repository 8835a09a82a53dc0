// Token codec (specification §5.2–5.4): events (symbol, duration in ms) ↔ uint16 words
// (bits 15..8 symbol, 7..0 length in 4-ms units, long events split), renderers,
// frame conversion, and events from a delineation.
import { SignalError } from '../errors.js';
import { VOCAB, ISO, PACER, P, Q, R, S, T, W, UNK, charOf, nameOf } from './vocab.js';
import type { Wave } from '../ecg/beats.js';
import { rne } from '../es5.js';

export type TokenEvent = [symbol: number, ms: number];
const UNIT_MS = 4,
  MAX_UNITS = 255;
/** Bounds that keep every codec call's work and memory proportional to a real recording (docs/limits.md). */
export const MAX_EVENT_MS = 7 * 86_400_000; // one event: at most a week
export const MAX_WORDS = 16_000_000; // one encoded stream (≈ 190 days of 1-s events)
export const MAX_RENDER_CHARS = 64_000_000; // renderTimed output
export const MAX_FRAMES = 64_000_000; // toFrames output

export function encodeEvents(events: TokenEvent[]): Uint16Array {
  const words: number[] = [];
  for (const [sym, ms] of events) {
    if (!(Number.isInteger(sym) && sym >= 0 && sym <= 255))
      throw new SignalError(`token symbol ${sym} is outside 0–255`);
    if (!(ms > 0 && ms <= MAX_EVENT_MS))
      throw new SignalError(`token length must be a positive number of ms up to ${MAX_EVENT_MS}, got ${ms}`);
    let units = Math.max(1, rne(ms / UNIT_MS));
    if (words.length + Math.ceil(units / MAX_UNITS) > MAX_WORDS)
      throw new SignalError(`token stream longer than ${MAX_WORDS} words`);
    while (units > MAX_UNITS) {
      words.push((sym << 8) | MAX_UNITS);
      units -= MAX_UNITS;
    }
    words.push((sym << 8) | units);
  }
  return Uint16Array.from(words);
}

/** Unpacks words; consecutive words of the same symbol merge (so split events round-trip). */
export function decodeEvents(words: ArrayLike<number>): TokenEvent[] {
  const out: TokenEvent[] = [];
  for (let i = 0; i < words.length; i++) {
    const sym = (words[i] >> 8) & 255,
      ms = (words[i] & 255) * UNIT_MS;
    if (out.length && out[out.length - 1][0] === sym) out[out.length - 1][1] += ms;
    else out.push([sym, ms]);
  }
  return out;
}

export const renderCompact = (events: TokenEvent[]): string => events.map(([s]) => charOf(s)).join('');
export function renderTimed(events: TokenEvent[], msPerChar = 20): string {
  if (!(msPerChar > 0)) throw new SignalError(`msPerChar must be positive, got ${msPerChar}`);
  let total = 0;
  const counts = events.map(([, ms]) => {
    const k = Math.max(1, rne(Number(ms) / msPerChar));
    if (!Number.isFinite(k)) throw new SignalError(`token length ${ms} ms is not a finite number`);
    total += k;
    return k;
  });
  if (total > MAX_RENDER_CHARS)
    throw new SignalError(`timed rendering would be ${total} characters (at most ${MAX_RENDER_CHARS})`);
  return events.map(([s], i) => charOf(s).repeat(counts[i])).join('');
}
export const renderJson = (events: TokenEvent[]): { sym: string; ms: number }[] =>
  events.map(([s, ms]) => ({ sym: nameOf(s), ms }));

/**
 * Per-frame symbols: the symbol with the largest total overlap (first encountered on ties); any PACER overlap
 * wins; none → ISO.
 * Events are consecutive spans, so one sweep visits each frame and each event a bounded number of times.
 */
export function toFrames(events: TokenEvent[], frameMs = 20, totalMs?: number): Uint8Array {
  if (!(frameMs > 0)) throw new SignalError(`frameMs must be positive, got ${frameMs}`);
  const total = totalMs ?? events.reduce((a, [, ms]) => a + ms, 0);
  const nf = rne(total / frameMs);
  if (!(nf >= 0 && nf <= MAX_FRAMES))
    throw new SignalError(`toFrames: ${total} ms in ${frameMs}-ms frames is outside 0–${MAX_FRAMES} frames`);
  const out = new Uint8Array(nf);
  const spans: [number, number, number][] = [];
  let t = 0;
  for (const [s, ms] of events) {
    // the frames are bytes: a symbol outside 0–255 would wrap (256 → 0, −1 → 255); the original refuses it too
    if (!(Number.isInteger(s) && s >= 0 && s <= 255)) throw new SignalError(`token symbol ${s} is outside 0–255`);
    if (!(ms >= 0 && ms <= MAX_EVENT_MS)) throw new SignalError(`token length must be 0–${MAX_EVENT_MS} ms, got ${ms}`);
    spans.push([s, t, t + ms]);
    t += ms;
  }
  let first = 0; // first span that may still overlap the current frame
  for (let f = 0; f < nf; f++) {
    const a = f * frameMs,
      b = a + frameMs;
    while (first < spans.length && spans[first][2] <= a) first++;
    // Overlap summed per symbol (a symbol split over two events in one frame counts once, in full).
    const syms: number[] = [],
      ovs: number[] = [];
    let pacer = false;
    for (let k = first; k < spans.length && spans[k][1] < b; k++) {
      const [s, x, y] = spans[k];
      const ov = Math.min(b, y) - Math.max(a, x);
      if (ov <= 0) continue;
      if (s === PACER) pacer = true;
      const at = syms.indexOf(s);
      if (at < 0) {
        syms.push(s);
        ovs.push(ov);
      } else ovs[at] += ov;
    }
    let best = ISO,
      bestOv = 0;
    for (let k = 0; k < syms.length; k++)
      if (ovs[k] > bestOv) {
        bestOv = ovs[k];
        best = syms[k];
      }
    out[f] = pacer ? PACER : best;
  }
  return out;
}

export function fromFrames(frames: ArrayLike<number>, frameMs = 20): TokenEvent[] {
  const out: TokenEvent[] = [];
  for (let i = 0; i < frames.length;) {
    let j = i;
    while (j < frames.length && frames[j] === frames[i]) j++;
    out.push([frames[i], (j - i) * frameMs]);
    i = j;
  }
  return out;
}

/**
 * Events of a delineated signal: ISO background, P and T spans, each QRS split into Q/R/S at
 * the signal's extrema inside its span (R = maximum; Q = minimum before R if it dips below the
 * onset sample; S = minimum after R if it dips below the offset sample; boundaries at the
 * midpoints between peaks, each midpoint sample going to the later wave), or one W when the QRS
 * lasts more than 120 ms and has neither Q nor S. Durations snap to the 4-ms grid cumulatively
 * (half to even), so the total length is preserved.
 */
export function eventsFromDelineation(
  d: { fs: number; nSamples: number; waves: Wave[] },
  signal: ArrayLike<number>,
  pacerSpikes: number[] = [],
): TokenEvent[] {
  const n = d.nSamples,
    fs = d.fs;
  if (!d.waves.some((w) => w.wave === 'QRS')) return [[UNK, (n * 1000) / fs]];
  const lab = new Uint8Array(n).fill(ISO);
  const paint = (a: number, b: number, s: number) => {
    for (let i = Math.max(0, a); i <= Math.min(n - 1, b); i++) lab[i] = s;
  };
  for (const w of d.waves) if (w.wave === 'P') paint(w.onset, w.offset, P);
  for (const w of d.waves) if (w.wave === 'T') paint(w.onset, w.offset, T);
  for (const w of d.waves) {
    if (w.wave !== 'QRS') continue;
    const on = w.onset,
      off = w.offset;
    let r = on;
    for (let i = on; i <= off; i++) if (signal[i] > signal[r]) r = i;
    let q = -1,
      s = -1;
    for (let i = on; i < r; i++) if (signal[i] < signal[on] && (q < 0 || signal[i] < signal[q])) q = i;
    for (let i = r + 1; i <= off; i++) if (signal[i] < signal[off] && (s < 0 || signal[i] < signal[s])) s = i;
    // As the original labeler: W only for a wide QRS with neither Q nor S; the midpoint samples belong to
    // the later wave (Q = [onset, mid(Q,R)), R = [mid(Q,R), mid(R,S)), S = [mid(R,S), offset]).
    if (q < 0 && s < 0 && ((off - on) * 1000) / fs > 120) {
      paint(on, off, W);
      continue;
    }
    const qr = q >= 0 ? Math.floor((q + r) / 2) : on,
      rs = s >= 0 ? Math.floor((r + s) / 2) : off + 1;
    if (q >= 0) paint(on, qr - 1, Q);
    paint(qr, rs - 1, R);
    if (s >= 0) paint(rs, off, S);
  }
  for (const p of pacerSpikes) if (p >= 0 && p < n) lab[p] = PACER;
  const out: TokenEvent[] = [];
  let prevEnd = 0;
  const grid = (ms: number) => rne(ms / UNIT_MS) * UNIT_MS; // half to even, as the original (and the rest of the codec)
  for (let i = 0; i < n;) {
    let j = i;
    while (j < n && lab[j] === lab[i]) j++;
    const end = grid((j * 1000) / fs);
    let ms = end - prevEnd;
    if (ms <= 0) ms = UNIT_MS;
    out.push([lab[i], ms]);
    prevEnd += ms;
    i = j;
  }
  return out;
}

export { VOCAB };
