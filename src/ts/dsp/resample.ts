// Rational-factor resampling (fs_in → fs_out = fs_in·L/M) with a zero-phase
// polyphase FIR: a Kaiser-windowed sinc, linear phase with its delay removed,
// so a feature keeps its time position exactly.
//
// Design (documented and checked by the tests):
//   passband edge  0.8 × output Nyquist (100 Hz at 250 Hz out), ripple < 0.01 dB
//   stopband edge  1.0 × output Nyquist (125 Hz), attenuation ≥ 80 dB
//   (when upsampling, the edges are taken from the input Nyquist instead).
// Edges are extended by odd reflection about the end samples (as filtfilt does),
// which keeps slopes and offsets free of edge artefacts. Arithmetic is float64, with the portable
// sin of portable-math.ts so that the taps (and so the output) are the same bits on every engine.
import { SignalError } from '../errors.js';
import { sinPi } from './portable-math.js';

const ATTEN_DB = 80;

function gcd(a: number, b: number): number {
  while (b) {
    [a, b] = [b, a % b];
  }
  return a;
}

/** Smallest integers L/M with fsOut/fsIn = L/M (fs values may be non-integers with up to 3 decimals). */
export function rationalFactors(fsIn: number, fsOut: number): [number, number] {
  const a = Math.round(fsIn * 1000),
    b = Math.round(fsOut * 1000);
  const g = gcd(a, b);
  return [b / g, a / g];
}

function besselI0(x: number): number {
  let sum = 1,
    term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) * (x / (2 * k));
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return sum;
}

// Designed filters, least recently used first out, at most FILTER_CACHE_SIZE of them (a few rates are in
// use at a time; without a bound, a caller cycling through many rates kept hundreds of MB alive).
// (Plain object, array and ES5 library calls only: the resampler is part of the ES5 bundle.)
export const FILTER_CACHE_SIZE = 6;
const filterCache: { [key: string]: Float64Array } = {};
const filterOrder: string[] = [];

function touch(key: string): void {
  const i = filterOrder.indexOf(key);
  if (i >= 0) filterOrder.splice(i, 1);
  filterOrder.push(key);
  while (filterOrder.length > FILTER_CACHE_SIZE) delete filterCache[filterOrder.shift() as string];
}

/** Number of designed filters currently kept (for tests). */
export function cachedFilterCount(): number {
  return filterOrder.length;
}

/** Low-pass prototype at the upsampled rate (length odd, gain L). */
export function designResampleFilter(L: number, M: number): Float64Array {
  const key = `${L}/${M}`;
  if (Object.prototype.hasOwnProperty.call(filterCache, key)) {
    touch(key);
    return filterCache[key];
  }
  // Normalised to the upsampled rate (cycles/sample): Nyquist of the slower side.
  const nyq = 0.5 / Math.max(L, M);
  const fPass = 0.8 * nyq,
    fStop = nyq;
  const fc = (fPass + fStop) / 2;
  const dw = 2 * Math.PI * (fStop - fPass);
  let n = Math.ceil((ATTEN_DB - 8) / (2.285 * dw)) + 1;
  if (n % 2 === 0) n++;
  const beta = 0.1102 * (ATTEN_DB - 8.7);
  const h = new Float64Array(n);
  const mid = (n - 1) / 2,
    i0b = besselI0(beta);
  for (let i = 0; i < n; i++) {
    const t = i - mid;
    const sinc = t === 0 ? 2 * fc : sinPi(2 * fc * t) / (Math.PI * t); // portable sin: same taps on every engine
    const r = t / mid;
    h[i] = L * sinc * (besselI0(beta * Math.sqrt(Math.max(0, 1 - r * r))) / i0b);
  }
  filterCache[key] = h;
  touch(key);
  return h;
}

/** Resamples `x` from fsIn to fsOut. Output length = ceil(n·L/M). */
export function resample(x: ArrayLike<number>, fsIn: number, fsOut: number): Float64Array {
  checkRates(fsIn, fsOut);
  const n = x.length;
  if (fsIn === fsOut) {
    const c = new Float64Array(x.length);
    for (let i = 0; i < x.length; i++) c[i] = x[i];
    return c;
  }
  const [L, M] = rationalFactors(fsIn, fsOut);
  const out = new Float64Array(Math.ceil((n * L) / M));
  if (n > 0) resampleInto(out, 0, out.length, x, 0, n, x[0], L, M);
  return out;
}

/** Throws a SignalError unless fsIn → fsOut can be resampled with bounded filter factors. */
export function checkRates(fsIn: number, fsOut: number): void {
  if (!(fsIn > 0) || !(fsOut > 0) || !isFinite(fsIn) || !isFinite(fsOut)) {
    throw new SignalError(`resample: sampling rates must be positive numbers (got ${fsIn} → ${fsOut})`);
  }
  const [L, M] = rationalFactors(fsIn, fsOut);
  if (L > 1000 || M > 100000)
    throw new SignalError(`resample: ratio ${fsOut}/${fsIn} needs factors ${L}/${M}, too large`);
}

/** How many input samples output j needs: it reads inputs up to this index (inclusive). */
export function lastInputFor(j: number, L: number, M: number): number {
  const half = (designResampleFilter(L, M).length - 1) / 2;
  return Math.floor((j * M + half) / L);
}

/**
 * Outputs j ∈ [j0, j1) of the resampling of a signal of `n` samples (n = Infinity while a stream is
 * still open), computed from `buf`, which holds inputs [bufStart, bufStart + buf.length); `x0` is
 * input 0 (for the start reflection). The batch `resample` and the streaming path both use this one
 * loop, so their outputs are identical.
 */
export function resampleInto(
  out: Float64Array,
  j0: number,
  j1: number,
  buf: ArrayLike<number>,
  bufStart: number,
  n: number,
  x0: number,
  L: number,
  M: number,
): void {
  const h = designResampleFilter(L, M);
  const half = (h.length - 1) / 2;
  const xe = isFinite(n) ? buf[n - 1 - bufStart] : 0;
  // Odd reflection: x[-k] = 2x[0] − x[k]; x[n-1+k] = 2x[n-1] − x[n-1-k]. Repeated for very short inputs.
  const at = (i: number): number => {
    if (n === 1) return x0;
    let sign = 1,
      off = 0;
    for (let guard = 0; (i < 0 || i >= n) && guard < 64; guard++) {
      if (i < 0) {
        off += sign * 2 * x0;
        sign = -sign;
        i = -i;
      } else {
        off += sign * 2 * xe;
        sign = -sign;
        i = 2 * (n - 1) - i;
      }
    }
    if (i < 0 || i >= n) return sign > 0 ? x0 : -x0;
    return off + sign * buf[i - bufStart];
  };
  for (let j = j0; j < j1; j++) {
    const u = j * M; // position on the upsampled grid
    // y[j] = Σ_i x[i]·h[u − i·L + half]  over i with 0 ≤ u − i·L + half < len
    const iMax = Math.floor((u + half) / L);
    const iMin = Math.ceil((u + half - (h.length - 1)) / L);
    let acc = 0;
    for (let i = iMin; i <= iMax; i++) acc += at(i) * h[u - i * L + half];
    out[j - j0] = acc;
  }
}
