// Fused layer normalisation over the last axis — the graph pattern
//   m = MEAN(x); v = MEAN(SQUARED_DIFFERENCE(x, m)); r = RSQRT(ADD(v, eps)); n = MUL(SUB(x, m), r)
//   [n = MUL(n, gamma)] [n = ADD(n, beta)]
// run in one pass per block of four rows. Numerics: exactly the unfused ops (src/ts/kernels/reduce.ts,
// binary.ts, unary.ts): each mean is one sequential float32 chain over the row then a division by D
// (lanes carry rows, not parts of a row), d = x − m and d·d as separate roundings,
// r = f32(1 / f32(√(v + eps))) with correctly rounded sqrt and division.
import { gather4 } from './rows';

/** gamma / beta: pointers to D floats, or 0 when the pattern has no such step. */
export function layerNorm(x: usize, y: usize, R: i32, D: i32, eps: f32, gamma: usize, beta: usize): void {
  const ld = <usize>D << 2, dv = f32x4.splat(<f32>D);
  for (let r0 = 0; r0 < R; r0 += 4) {
    const rows = R - r0 < 4 ? R - r0 : 4, last = rows - 1;
    const x0 = x + <usize>r0 * ld;
    const p0 = x0, p1 = x0 + <usize>(1 < last ? 1 : last) * ld;
    const p2 = x0 + <usize>(2 < last ? 2 : last) * ld, p3 = x0 + <usize>(3 < last ? 3 : last) * ld;
    let s = f32x4.splat(0);
    for (let j = 0; j < D; j++) { const o = <usize>j << 2; s = f32x4.add(s, gather4(p0 + o, p1 + o, p2 + o, p3 + o)); }
    const mean = f32x4.div(s, dv);
    let a = f32x4.splat(0);
    for (let j = 0; j < D; j++) {
      const o = <usize>j << 2;
      const d = f32x4.sub(gather4(p0 + o, p1 + o, p2 + o, p3 + o), mean);
      a = f32x4.add(a, f32x4.mul(d, d));
    }
    const rs = f32x4.div(f32x4.splat(1), f32x4.sqrt(f32x4.add(f32x4.div(a, dv), f32x4.splat(eps))));
    for (let r = 0; r < rows; r++) {
      normRow(x0 + <usize>r * ld, y + <usize>(r0 + r) * ld, D, lane(mean, r), lane(rs, r), gamma, beta);
    }
  }
}

@inline function normRow(xo: usize, yo: usize, D: i32, m: f32, r: f32, gamma: usize, beta: usize): void {
  const mv = f32x4.splat(m), rv = f32x4.splat(r);
  let j = 0;
  for (; j + 4 <= D; j += 4) {
    const o = <usize>j << 2;
    let n = f32x4.mul(f32x4.sub(v128.load(xo + o), mv), rv);
    if (gamma) n = f32x4.mul(n, v128.load(gamma + o));
    if (beta) n = f32x4.add(n, v128.load(beta + o));
    v128.store(yo + o, n);
  }
  for (; j < D; j++) {
    const o = <usize>j << 2;
    let n = (load<f32>(xo + o) - m) * r;
    if (gamma) n = n * load<f32>(gamma + o);
    if (beta) n = n + load<f32>(beta + o);
    store<f32>(yo + o, n);
  }
}

/** Lane r (0–3) of v: extract_lane takes a constant lane index. */
@inline function lane(v: v128, r: i32): f32 {
  if (r == 0) return f32x4.extract_lane(v, 0);
  if (r == 1) return f32x4.extract_lane(v, 1);
  if (r == 2) return f32x4.extract_lane(v, 2);
  return f32x4.extract_lane(v, 3);
}
