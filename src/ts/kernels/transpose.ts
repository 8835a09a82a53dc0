// TRANSPOSE with a constant permutation (pure data movement).
import { type Kernel, input, fail, constInts, stridesOf } from '../engine/tensor.js';
import { zeros } from '../es5.js';

export interface TransposeState {
  kind: 'transpose';
  perm: number[];
}

export const Transpose: Kernel<TransposeState> = {
  prepare(ctx) {
    const x = input(ctx, 0),
      perm = constInts(ctx, 1, 'perm');
    const r = x.shape.length;
    if (
      perm.length !== r ||
      perm
        .slice()
        .sort((a, b) => a - b)
        .some((p, i) => p !== i)
    )
      fail(ctx, `bad permutation [${perm}] for rank ${r}`);
    ctx.state = { kind: 'transpose', perm };
    return [perm.map((p) => x.shape[p])];
  },
  run(ctx) {
    const xt = ctx.inputs[0]!,
      X = xt.data,
      Y = ctx.outputs[0].data,
      out = ctx.outputs[0].shape;
    const perm = ctx.state.perm,
      inStr = stridesOf(xt.shape),
      r = out.length;
    const s = perm.map((p) => inStr[p]);
    const idx = zeros(r);
    let src = 0;
    for (let i = 0; i < Y.length; i++) {
      Y[i] = X[src];
      for (let d = r - 1; d >= 0; d--) {
        idx[d]++;
        src += s[d];
        if (idx[d] < out[d]) break;
        src -= s[d] * out[d];
        idx[d] = 0;
      }
    }
  },
};
