// Token vocabulary v1.0 (specification §5.1): 13 ids, append-only.
export const VOCAB_VERSION = '1.0';
export const PAD = 0,
  UNK = 1,
  ISO = 2,
  PACER = 3,
  P = 4,
  Q = 5,
  R = 6,
  S = 7,
  T = 8,
  U = 9,
  W = 10,
  D = 11,
  J = 12;
export const VOCAB: { id: number; char: string; name: string }[] = [
  { id: PAD, char: '\u00b7', name: '<pad>' },
  { id: UNK, char: '?', name: '<unk>' },
  { id: ISO, char: '_', name: 'iso' },
  { id: PACER, char: '*', name: 'pacer_spike' },
  { id: P, char: 'p', name: 'P' },
  { id: Q, char: 'q', name: 'Q' },
  { id: R, char: 'r', name: 'R' },
  { id: S, char: 's', name: 'S' },
  { id: T, char: 't', name: 'T' },
  { id: U, char: 'u', name: 'U' },
  { id: W, char: 'w', name: 'wide_QRS' },
  { id: D, char: 'd', name: 'delta' },
  { id: J, char: 'j', name: 'J_wave' },
];
/** Symbols the v1 labeller emits (U, D, J are reserved). */
export const ACTIVE_V1 = [UNK, ISO, PACER, P, Q, R, S, T, W];
/** Supercategory in the 4-class scheme: 0 other, 1 P, 2 QRS, 3 T. */
export function superClass(id: number): number {
  if (id === P) return 1;
  if (id === Q || id === R || id === S || id === W || id === D || id === J) return 2;
  if (id === T || id === U) return 3;
  return 0;
}
export const charOf = (id: number): string => (VOCAB[id] ? VOCAB[id].char : '?');
export const nameOf = (id: number): string => (VOCAB[id] ? VOCAB[id].name : '<unk>');
