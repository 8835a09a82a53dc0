// Layered-codec class ids and default characters (specification §6.1).
export const LAYER_NAMES = ['frame', 'beat', 'rhythm'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];
export const FRAME = { OTHER: 0, P: 1, QRS: 2, T: 3, PACED_QRS: 4 } as const;
// SVEB (6, premature supraventricular beat: MIT-BIH A, a, J, S) is this project's extension of the original's
// five beat classes; it is written 'a' in codec strings and 'sveb' in the unified track.
export const BEAT = { NONE: 0, SINUS: 1, VPC: 2, PACED: 3, FUSION: 4, UNKNOWN: 5, SVEB: 6 } as const;
export const RHYTHM = { SINUS: 0, AVB: 1, PACED: 2, AFIB: 3, BBB: 4, VENTRICULAR: 5 } as const;
/** Rhythm-channel value of a window with nothing to classify (no beats, no ECG); written '?'. */
export const RHYTHM_UNCLASSIFIED = 255;
export const BEAT_NAMES = ['none', 'sinus', 'vpc', 'paced', 'fusion', 'unknown', 'sveb'];
export const RHYTHM_NAMES = ['sinus', 'avb', 'paced', 'afib', 'bbb', 'ventricular'];
export const UNIFIED_NAMES = ['other', 'P', 'T', 'sinus', 'vpc', 'paced', 'fusion', 'unknown', 'sveb'];
export const DEFAULT_CHARS: Record<LayerName, Record<number, string>> = {
  frame: { 0: '-', 1: 'p', 2: 'Q', 3: 't', 4: 'P' },
  beat: { 0: '-', 1: 's', 2: 'v', 3: 'p', 4: 'f', 5: '?', 6: 'a' },
  rhythm: { 0: 'S', 1: 'A', 2: 'P', 3: 'F', 4: 'B', 5: 'V' },
};
