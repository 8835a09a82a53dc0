// Row softmax and exact GELU — same operations and order as src/ts/kernels/softmax.ts and unary.ts.
import { exp32, erf32 } from './math32';
import { exp4, expVectorOk, erf4 } from './math32x4';

/** SOFTMAX over rows of D: m = max; e_i = exp32(beta·(x_i − m)); s = Σ e_i ascending; y_i = e_i / s. */
export function softmax(x: usize, y: usize, R: i32, D: i32, beta: f32): void {
  for (let r = 0; r < R; r++) {
    const xo = x + (<usize>(r * D) << 2), yo = y + (<usize>(r * D) << 2);
    // Max: lane-wise pmax (b > a ? b : a, exactly the scalar update, NaN never taken), then the lanes
    // and the tail. Any order gives the same maximum; only which of ±0 is kept may differ, and
    // x − (+0) and x − (−0) give the same exp32 input bits except for x = ±0, where exp32 returns 1 either way.
    let mx = f32x4.splat(-Infinity);
    let i0 = 0;
    for (; i0 + 4 <= D; i0 += 4) mx = f32x4.pmax(mx, v128.load(xo + (<usize>i0 << 2)));
    let m: f32 = -Infinity;
    for (let l = 0; l < 4; l++) { const v = f32x4.extract_lane(mx, 0); mx = v128.shuffle<f32>(mx, mx, 1, 2, 3, 0); if (v > m) m = v; }
    for (; i0 < D; i0++) { const v = load<f32>(xo + (<usize>i0 << 2)); if (v > m) m = v; }
    // Exponentials four at a time (scalar where the vector path is not exact), then one sequential sum.
    const bv = f32x4.splat(beta), mv = f32x4.splat(m);
    let i = 0;
    for (; i + 4 <= D; i += 4) {
      const z = f32x4.mul(bv, f32x4.sub(v128.load(xo + (<usize>i << 2)), mv));
      if (expVectorOk(z)) v128.store(yo + (<usize>i << 2), exp4(z));
      else for (let k = 0; k < 4; k++) store<f32>(yo + (<usize>(i + k) << 2), exp32(beta * (load<f32>(xo + (<usize>(i + k) << 2)) - m)));
    }
    for (; i < D; i++) store<f32>(yo + (<usize>i << 2), exp32(beta * (load<f32>(xo + (<usize>i << 2)) - m)));
    let s: f32 = 0;
    for (let j = 0; j < D; j++) s = s + load<f32>(yo + (<usize>j << 2));
    const sv = f32x4.splat(s);
    let q = 0;
    for (; q + 4 <= D; q += 4) v128.store(yo + (<usize>q << 2), f32x4.div(v128.load(yo + (<usize>q << 2)), sv));
    for (; q < D; q++) store<f32>(yo + (<usize>q << 2), load<f32>(yo + (<usize>q << 2)) / s);
  }
}

const INV_SQRT2: f32 = 0.7071067811865476;

/** Exact GELU: y = (0.5·x) · (1 + erf32(x · (1/√2))). */
export function gelu(x: usize, y: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const v = v128.load(x + (<usize>i << 2));
    if (v128.all_true<i32>(f32x4.eq(v, v))) {
      const g = f32x4.mul(f32x4.mul(f32x4.splat(0.5), v), f32x4.add(f32x4.splat(1), erf4(f32x4.mul(v, f32x4.splat(INV_SQRT2)))));
      v128.store(y + (<usize>i << 2), g);
    } else for (let k = i; k < i + 4; k++) { const w = load<f32>(x + (<usize>k << 2)); store<f32>(y + (<usize>k << 2), (<f32>0.5 * w) * (<f32>1 + erf32(w * INV_SQRT2))); }
  }
  for (; i < n; i++) {
    const v = load<f32>(x + (<usize>i << 2));
    store<f32>(y + (<usize>i << 2), (<f32>0.5 * v) * (<f32>1 + erf32(v * INV_SQRT2)));
  }
}
