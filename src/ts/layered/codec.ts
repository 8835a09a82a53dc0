// LayeredCodec (specification §6.1): three aligned per-sample label tracks — frame (wave), beat
// (type per QRS sample) and rhythm — with an evaluation margin that marks the trustworthy centre.
import { SignalError } from '../errors.js';
import { LAYER_NAMES, DEFAULT_CHARS, FRAME, type LayerName } from '../classify/classes.js';
import { fillRange } from '../es5.js';

export interface LayerEvent {
  start: number;
  end: number;
  cls: number;
} // [start, end) samples

export class LayeredCodec {
  readonly channels: [Uint8Array, Uint8Array, Uint8Array];
  constructor(
    readonly fs: number,
    frame: Uint8Array,
    beat: Uint8Array,
    rhythm: Uint8Array,
    readonly evalMarginS = 2,
  ) {
    if (!(fs > 0)) throw new SignalError(`LayeredCodec: fs must be positive, got ${fs}`);
    if (frame.length !== beat.length || beat.length !== rhythm.length)
      throw new SignalError('LayeredCodec: the three channels differ in length');
    if (!(evalMarginS >= 0)) throw new SignalError('LayeredCodec: eval margin must be ≥ 0');
    this.channels = [frame, beat, rhythm];
  }
  get frame(): Uint8Array {
    return this.channels[0];
  }
  get beat(): Uint8Array {
    return this.channels[1];
  }
  get rhythm(): Uint8Array {
    return this.channels[2];
  }
  get nSamples(): number {
    return this.frame.length;
  }
  get marginSamples(): number {
    return Math.round(this.evalMarginS * this.fs);
  }
  /** [m, max(m, n − m)). */
  get evalSlice(): [number, number] {
    const m = this.marginSamples,
      n = this.nSamples;
    return [m, Math.max(m, n - m)];
  }
  get evalMask(): Uint8Array {
    const mask = new Uint8Array(this.nSamples),
      m = this.marginSamples,
      n = this.nSamples;
    if (n > 2 * m) fillRange(mask, 1, m, n - m);
    return mask;
  }
  /** The channels inside the evaluation slice, as a codec without margin. */
  inner(): LayeredCodec {
    const [a, b] = this.evalSlice;
    return new LayeredCodec(this.fs, this.frame.slice(a, b), this.beat.slice(a, b), this.rhythm.slice(a, b), 0);
  }
  private layerIndex(layer: LayerName): number {
    const i = LAYER_NAMES.indexOf(layer);
    if (i < 0) throw new SignalError(`unknown layer '${layer}' (frame, beat, rhythm)`);
    return i;
  }
  /** Run-length events of a layer, absolute sample indices. */
  events(layer: LayerName, opts: { dropClass?: number; evalOnly?: boolean } = {}): LayerEvent[] {
    const ch = this.channels[this.layerIndex(layer)];
    const [a, b] = opts.evalOnly ? this.evalSlice : [0, this.nSamples];
    const out: LayerEvent[] = [];
    for (let i = a; i < b;) {
      let j = i;
      while (j < b && ch[j] === ch[i]) j++;
      if (ch[i] !== opts.dropClass) out.push({ start: i, end: j, cls: ch[i] });
      i = j;
    }
    return out;
  }
  /** Every `downsample`-th sample mapped through a character table (unknown ids → '?'). */
  toCodecString(
    opts: { layer?: LayerName; chars?: Record<number, string>; downsample?: number; evalOnly?: boolean } = {},
  ): string {
    const layer = opts.layer ?? 'frame',
      ch = this.channels[this.layerIndex(layer)],
      chars = opts.chars ?? DEFAULT_CHARS[layer];
    const step = Math.max(1, opts.downsample ?? 5);
    const [a, b] = opts.evalOnly ? this.evalSlice : [0, this.nSamples];
    let s = '';
    for (let i = a; i < b; i += step) s += chars[ch[i]] ?? '?';
    return s;
  }
  /** Unified track: 0 other, 1 P, 2 T, then QRS samples by beat type (3 sinus … 7 unknown, 8 sveb). */
  unified(): Uint8Array {
    const u = new Uint8Array(this.nSamples);
    for (let i = 0; i < u.length; i++) {
      const f = this.frame[i];
      u[i] = f === FRAME.P ? 1 : f === FRAME.T ? 2 : f === FRAME.QRS || f === FRAME.PACED_QRS ? 7 : 0;
      const b = this.beat[i];
      if (b >= 1 && b <= 6) u[i] = 2 + b; // 8 = sveb (extension)
    }
    return u;
  }
}
