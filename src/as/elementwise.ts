// Element-wise binary ops, last-axis MEAN/SUM and the 0213 transpose — the same float32
// operations as src/ts/kernels/binary.ts, reduce.ts and transpose.ts. SIMD lanes hold
// independent elements, so each result is the scalar result.
//   op: 0 ADD, 1 SUB, 2 MUL, 3 DIV, 4 SQUARED_DIFFERENCE (d = a − b; d·d)
//   mode: 0 same shape, 1 scalar b, 2 b repeats every nb elements (trailing dims), 3 one b per row of n/nb

@inline function opv(op: i32, a: v128, b: v128): v128 {
  if (op == 0) return f32x4.add(a, b);
  if (op == 1) return f32x4.sub(a, b);
  if (op == 2) return f32x4.mul(a, b);
  if (op == 3) return f32x4.div(a, b);
  const d = f32x4.sub(a, b);
  return f32x4.mul(d, d);
}
@inline function ops(op: i32, a: f32, b: f32): f32 {
  if (op == 0) return a + b;
  if (op == 1) return a - b;
  if (op == 2) return a * b;
  if (op == 3) return a / b;
  const d = a - b;
  return d * d;
}

function run(op: i32, a: usize, b: usize, y: usize, n: i32, bStep: i32): void {
  // y[i] = op(a[i], b[i·bStep]) for bStep ∈ {0, 1}
  let i = 0;
  if (bStep == 0) {
    const bv = f32x4.splat(load<f32>(b)), bs = load<f32>(b);
    for (; i + 4 <= n; i += 4) v128.store(y + (<usize>i << 2), opv(op, v128.load(a + (<usize>i << 2)), bv));
    for (; i < n; i++) store<f32>(y + (<usize>i << 2), ops(op, load<f32>(a + (<usize>i << 2)), bs));
  } else {
    for (; i + 4 <= n; i += 4) {
      const o = <usize>i << 2;
      v128.store(y + o, opv(op, v128.load(a + o), v128.load(b + o)));
    }
    for (; i < n; i++) {
      const o = <usize>i << 2;
      store<f32>(y + o, ops(op, load<f32>(a + o), load<f32>(b + o)));
    }
  }
}

export function binary(op: i32, mode: i32, a: usize, b: usize, y: usize, n: i32, nb: i32): void {
  if (mode == 0) { run(op, a, b, y, n, 1); return; }
  if (mode == 1) { run(op, a, b, y, n, 0); return; }
  if (mode == 2) {
    for (let o = 0; o < n; o += nb) run(op, a + (<usize>o << 2), b, y + (<usize>o << 2), nb, 1);
    return;
  }
  const w = n / nb;
  for (let r = 0; r < nb; r++) run(op, a + (<usize>(r * w) << 2), b + (<usize>r << 2), y + (<usize>(r * w) << 2), w, 0);
}

/** Per row of D: s = Σ x ascending (one chain); MEAN divides by D. */
export function reduceLast(x: usize, y: usize, rows: i32, D: i32, mean: i32): void {
  for (let r = 0; r < rows; r++) {
    const xo = x + (<usize>(r * D) << 2);
    let s: f32 = 0;
    for (let j = 0; j < D; j++) s = s + load<f32>(xo + (<usize>j << 2));
    store<f32>(y + (<usize>r << 2), mean ? s / <f32>D : s);
  }
}

/** [A][B][C][D] → [A][C][B][D] (pure data movement). */
export function transpose0213(x: usize, y: usize, A: i32, B: i32, C: i32, D: i32): void {
  const rowBytes = <usize>D << 2;
  for (let a = 0; a < A; a++) for (let c = 0; c < C; c++) for (let b = 0; b < B; b++) {
    memory.copy(y + (<usize>(((a * C + c) * B + b) * D) << 2), x + (<usize>(((a * B + b) * C + c) * D) << 2), rowBytes);
  }
}

/** count blocks of `bytes` bytes from src (block i at src + i·srcStride) to dst (dst + i·dstStride). */
export function copyBlocks(src: usize, srcStride: i32, dst: usize, dstStride: i32, count: i32, bytes: i32): void {
  for (let i = 0; i < count; i++) memory.copy(dst + <usize>(i * dstStride), src + <usize>(i * srcStride), <usize>bytes);
}
