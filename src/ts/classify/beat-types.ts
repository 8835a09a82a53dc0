// Per-beat type from the beat layer: the most frequent non-zero beat class inside each QRS
// (ties to the lower class id), 'untyped' where the layer is empty there.
import type { Beat } from '../ecg/beats.js';
import { BEAT_NAMES } from './classes.js';
import { filled } from '../es5.js';

export function beatTypes(beats: Beat[], beatLayer: ArrayLike<number>): string[] {
  return beats.map((bt) => {
    const c = filled(BEAT_NAMES.length, 0);
    for (let i = bt.qrs.onset; i <= bt.qrs.offset && i < beatLayer.length; i++) if (beatLayer[i]) c[beatLayer[i]]++;
    let k = 0;
    c.forEach((v, i) => {
      if (v > c[k]) k = i;
    });
    return c[k] ? BEAT_NAMES[k] : 'untyped';
  });
}

export type Aami = 'N' | 'S' | 'V' | 'F' | 'Q';

/** AAMI EC57 class letter of a beat type name ('paced', 'unknown' and 'untyped' are Q). */
export function aamiOfType(type: string): Aami {
  if (type === 'sinus') return 'N';
  if (type === 'sveb') return 'S';
  if (type === 'vpc') return 'V';
  if (type === 'fusion') return 'F';
  return 'Q';
}

/** AAMI EC57 class of a WFDB beat symbol (MIT-BIH convention): N, S, V, F or Q. */
export function aamiOfSymbol(symbol: string): Aami {
  if ('NLReBj'.indexOf(symbol) >= 0) return 'N';
  if ('AaJSn'.indexOf(symbol) >= 0) return 'S'; // n: supraventricular escape
  if ('VEr'.indexOf(symbol) >= 0) return 'V';
  if (symbol === 'F') return 'F';
  return 'Q';
}
