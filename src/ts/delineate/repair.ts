// Input checks before delineation: a signal the model cannot be trusted on is rejected with a
// clear SignalError; short gaps of non-finite samples are bridged by linear interpolation.
import { SignalError } from '../errors.js';
import { isFiniteNumber } from '../es5.js';

export const MIN_FS = 50,
  MAX_FS = 20000;
export const MIN_SECONDS = 1;
export const MAX_GAP_SECONDS = 0.2;

export function checkFs(fs: unknown): number {
  if (!isFiniteNumber(fs)) throw new SignalError(`sampling rate 'fs' is required (a number in Hz), got ${String(fs)}`);
  if (fs < MIN_FS || fs > MAX_FS)
    throw new SignalError(`sampling rate ${fs} Hz is outside the supported ${MIN_FS}–${MAX_FS} Hz`);
  return fs;
}

/**
 * Returns a float64 copy with runs of non-finite samples (NaN, ±Infinity) of at most 0.2 s
 * replaced by a straight line between their finite neighbours (or the nearest finite value at
 * the ends). A longer run, an all-non-finite signal, or a signal under 1 s is a SignalError.
 */
export function repairSignal(signal: ArrayLike<number>, fs: number): { x: Float64Array; repaired: number } {
  if (!signal || typeof signal.length !== 'number') throw new SignalError('signal must be an array of numbers');
  const n = signal.length;
  if (n === 0) throw new SignalError('signal is empty');
  if (n < MIN_SECONDS * fs)
    throw new SignalError(`signal is ${(n / fs).toFixed(3)} s long; at least ${MIN_SECONDS} s is needed`);
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Number(signal[i]);
  const maxGap = Math.max(1, Math.round(MAX_GAP_SECONDS * fs));
  let repaired = 0;
  for (let i = 0; i < n;) {
    if (isFiniteNumber(x[i])) {
      i++;
      continue;
    }
    let j = i;
    while (j < n && !isFiniteNumber(x[j])) j++;
    const len = j - i;
    if (len === n) throw new SignalError('signal has no finite sample');
    if (len > maxGap)
      throw new SignalError(
        `signal has ${len} consecutive non-finite samples at ${(i / fs).toFixed(3)} s ` +
          `(${(len / fs).toFixed(3)} s); gaps up to ${MAX_GAP_SECONDS} s are bridged`,
      );
    const a = i > 0 ? x[i - 1] : x[j],
      b = j < n ? x[j] : x[i - 1];
    for (let k = i; k < j; k++) x[k] = a + ((b - a) * (k - i + 1)) / (len + 1);
    repaired += len;
    i = j;
  }
  return { x, repaired };
}
