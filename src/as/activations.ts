// Row softmax and exact GELU — same operations and order as src/ts/kernels/softmax.ts and unary.ts.
import { exp32, erf32 } from './math32';

/** SOFTMAX over rows of D: m = max; e_i = exp32(beta·(x_i − m)); s = Σ e_i ascending; y_i = e_i / s. */
export function softmax(x: usize, y: usize, R: i32, D: i32, beta: f32): void {
  for (let r = 0; r < R; r++) {
    const xo = x + (<usize>(r * D) << 2), yo = y + (<usize>(r * D) << 2);
    let m: f32 = -Infinity;
    for (let i = 0; i < D; i++) { const v = load<f32>(xo + (<usize>i << 2)); if (v > m) m = v; }
    let s: f32 = 0;
    for (let i = 0; i < D; i++) {
      const e = exp32(beta * (load<f32>(xo + (<usize>i << 2)) - m));
      store<f32>(yo + (<usize>i << 2), e);
      s = s + e;
    }
    for (let i = 0; i < D; i++) store<f32>(yo + (<usize>i << 2), load<f32>(yo + (<usize>i << 2)) / s);
  }
}

const INV_SQRT2: f32 = 0.7071067811865476;

/** Exact GELU: y = (0.5·x) · (1 + erf32(x · (1/√2))). */
export function gelu(x: usize, y: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    store<f32>(y + (<usize>i << 2), (<f32>0.5 * v) * (<f32>1 + erf32(v * INV_SQRT2)));
  }
}
