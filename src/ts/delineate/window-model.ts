// One 10-s window through the boundary model: rank-normalise, run, decode.
import { SignalError, ModelError } from '../errors.js';
import type { Model } from '../engine/model.js';
import { rankNormalize } from '../dsp/rank-normalize.js';

export const WINDOW_SAMPLES = 2500,
  N_FRAMES = 500,
  TARGET_FS = 250;

export class WindowModel {
  private readonly logitsAt: number;
  private readonly regAt: number;
  constructor(readonly model: Model) {
    const [inp] = model.inputs;
    if (model.inputs.length !== 1 || inp.shape.reduce((a, b) => a * b, 1) !== WINDOW_SAMPLES) {
      throw new ModelError(
        `boundary model must take one input of ${WINDOW_SAMPLES} samples, has ` +
          `[${model.inputs.map((i) => `[${i.shape}]`).join(', ')}]`,
      );
    }
    // Outputs are found by the size of their last axis (4 class logits, 6 offsets), as upstream does.
    const withLast = (n: number) => {
      for (let i = 0; i < model.outputs.length; i++) {
        const s = model.outputs[i].shape;
        if (s[s.length - 1] === n) return i;
      }
      return -1;
    };
    this.logitsAt = withLast(4);
    this.regAt = withLast(6);
    if (this.logitsAt < 0) throw new ModelError('boundary model has no output with 4 class logits per frame');
  }

  /** Raw outputs for a 2500-sample window at 250 Hz (rank-normalised here). */
  forward(window: ArrayLike<number>): { logits: Float32Array; reg: Float32Array | null } {
    if (window.length !== WINDOW_SAMPLES)
      throw new SignalError(`a window must hold ${WINDOW_SAMPLES} samples, got ${window.length}`);
    const out = this.model.run([rankNormalize(window)]);
    return { logits: out[this.logitsAt], reg: this.regAt >= 0 ? out[this.regAt] : null };
  }
}
