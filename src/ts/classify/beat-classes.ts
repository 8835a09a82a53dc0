// The learned beat classifier's output classes, in model output order, and how reference beat labels
// (MIT-BIH symbols) map onto them. Model class → BEAT id of the layered codec (classes.ts).
import { BEAT } from './classes.js';

// No fusion output: the 413 fusion beats of the training records (most in one record) taught the model to
// call other people's VPCs fusion; fusion beats are learned as vpc (AAMI scoring does not count an F beat
// called V as a false VEB), and 'fusion' stays a codec class that the rules and other classifiers may use.
export const BEAT_MODEL_CLASSES = ['sinus', 'sveb', 'vpc', 'paced', 'unknown'] as const;
export const BEAT_MODEL_TO_BEAT = [BEAT.SINUS, BEAT.SVEB, BEAT.VPC, BEAT.PACED, BEAT.UNKNOWN];

/**
 * Model class of an MIT-BIH beat symbol: N L R e j B → sinus (normal and bundle-branch-block conducted
 * beats, AAMI N); A a J S n → sveb (AAMI S); V E r F → vpc (AAMI V, and fusion, see above); / f → paced
 * (f is a fusion of paced and normal, AAMI Q like paced beats); Q ? → unknown.
 */
export function beatModelClassOf(symbol: string): number {
  if ('NLRejB'.indexOf(symbol) >= 0) return 0;
  if ('AaJSn'.indexOf(symbol) >= 0) return 1;
  if ('VErF'.indexOf(symbol) >= 0) return 2;
  if (symbol === '/' || symbol === 'f') return 3;
  return 4;
}
