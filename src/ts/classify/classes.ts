// Layered-codec class ids (specification §6.1) and the one class table every consumer reads: codec characters,
// AAMI classes, colours (SVG strip, CLI --svg, web page) and the order classes are listed in.
export const LAYER_NAMES = ['frame', 'beat', 'rhythm'] as const;
export type LayerName = (typeof LAYER_NAMES)[number];
export const FRAME = { OTHER: 0, P: 1, QRS: 2, T: 3, PACED_QRS: 4 } as const;
// SVEB (6, premature supraventricular beat: MIT-BIH A, a, J, S) is this project's extension of the original's
// five beat classes; it is written 'a' in codec strings and 'sveb' in the unified track.
export const BEAT = { NONE: 0, SINUS: 1, VPC: 2, PACED: 3, FUSION: 4, UNKNOWN: 5, SVEB: 6 } as const;
export const RHYTHM = { SINUS: 0, AVB: 1, PACED: 2, AFIB: 3, BBB: 4, VENTRICULAR: 5 } as const;
/** Rhythm-channel value of a window with nothing to classify (no beats, no ECG); written '?'. */
export const RHYTHM_UNCLASSIFIED = 255;

/** One class of a layer: its id (the channel value), name, codec character, colour and listing order. */
export interface ClassInfo {
  id: number;
  name: string;
  char: string;
  color: string;
  order: number;
  /** Beat classes: the AAMI EC57 class (N S V F Q). */
  aami?: 'N' | 'S' | 'V' | 'F' | 'Q';
}

export const FRAME_CLASSES: ClassInfo[] = [
  { id: 0, name: 'other', char: '-', color: '#ffffff', order: 4 },
  { id: 1, name: 'P', char: 'p', color: '#d62728', order: 0 },
  { id: 2, name: 'QRS', char: 'Q', color: '#1f5fd6', order: 1 },
  { id: 3, name: 'T', char: 't', color: '#2ca02c', order: 2 },
  { id: 4, name: 'paced_QRS', char: 'P', color: '#9467bd', order: 3 },
];
export const BEAT_CLASSES: ClassInfo[] = [
  { id: 0, name: 'none', char: '-', color: '#ffffff', order: 6 },
  { id: 1, name: 'sinus', char: 's', color: '#2ca02c', order: 0, aami: 'N' },
  { id: 2, name: 'vpc', char: 'v', color: '#d62728', order: 2, aami: 'V' },
  { id: 3, name: 'paced', char: 'p', color: '#9467bd', order: 4, aami: 'Q' },
  { id: 4, name: 'fusion', char: 'f', color: '#8c2d9c', order: 3, aami: 'F' },
  { id: 5, name: 'unknown', char: '?', color: '#7f7f7f', order: 5, aami: 'Q' },
  { id: 6, name: 'sveb', char: 'a', color: '#ff7f0e', order: 1, aami: 'S' },
];
export const RHYTHM_CLASSES: ClassInfo[] = [
  { id: 0, name: 'sinus', char: 'S', color: '#9ecae1', order: 0 },
  { id: 1, name: 'avb', char: 'A', color: '#fdae6b', order: 3 },
  { id: 2, name: 'paced', char: 'P', color: '#bcbddc', order: 4 },
  { id: 3, name: 'afib', char: 'F', color: '#fc9272', order: 1 },
  { id: 4, name: 'bbb', char: 'B', color: '#a1d99b', order: 2 },
  { id: 5, name: 'ventricular', char: 'V', color: '#d62728', order: 5 },
];
/** AAMI beat classes: colour and order (N, S, V, F, Q), what beat marks and per-class counts use. */
export const AAMI_CLASSES: { aami: 'N' | 'S' | 'V' | 'F' | 'Q'; color: string }[] = [
  { aami: 'N', color: '#555555' },
  { aami: 'S', color: '#ff7f0e' },
  { aami: 'V', color: '#d62728' },
  { aami: 'F', color: '#8c2d9c' },
  { aami: 'Q', color: '#8c564b' },
];

const charsOf = (t: ClassInfo[]) => {
  const m: Record<number, string> = {};
  for (const c of t) m[c.id] = c.char;
  return m;
};
/** id → colour of a layer's classes ('none' and 'other' left out: not drawn). */
export const colorsOf = (t: ClassInfo[]): Record<number, string> => {
  const m: Record<number, string> = {};
  for (const c of t) if (c.name !== 'none' && c.name !== 'other') m[c.id] = c.color;
  return m;
};

export const BEAT_NAMES = BEAT_CLASSES.map((c) => c.name);
export const RHYTHM_NAMES = RHYTHM_CLASSES.map((c) => c.name);
export const UNIFIED_NAMES = ['other', 'P', 'T', 'sinus', 'vpc', 'paced', 'fusion', 'unknown', 'sveb'];
export const DEFAULT_CHARS: Record<LayerName, Record<number, string>> = {
  frame: charsOf(FRAME_CLASSES),
  beat: charsOf(BEAT_CLASSES),
  rhythm: charsOf(RHYTHM_CLASSES),
};
