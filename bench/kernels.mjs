// Kernel microbenchmarks of the WASM backend with benny: the GEMM tile (float and int8 panels),
// the attention block fused and op by op, softmax rows, layer norm. Shapes are the bundled model's.
//   npm run bench:kernels   → table on stdout, bench/results/kernels.json
// (Whole-model comparisons against LiteRT.js / ONNX Runtime are in bench/run.mjs, which rotates
// engines within one loop — something a per-case suite cannot do.)
import b from 'benny';
import { WasmBackend } from '../dist/wasm/backend.js';

const be = new WasmBackend(),
  ex = be.ex;
// One region for everything: operands filled with a deterministic pattern in [-1, 1).
const FLOATS = 6_000_000,
  base = be.reserve(4 * FLOATS + 64);
const mem = new Float32Array(be.buffer, base, FLOATS);
for (let i = 0; i < FLOATS; i++) mem[i] = (((i * 7919) % 2000) - 1000) / 1000;
let at = base;
const alloc = (floats) => {
  const p = at;
  at += 4 * Math.ceil(floats / 4) * 4;
  if (at > base + 4 * FLOATS) throw new Error('bench arena too small');
  return p;
};

const L = 500,
  D = 128,
  H = 4,
  Dh = 32;
const x = alloc(L * D),
  w = alloc(D * 384),
  wp = alloc(48 * D * 8),
  y = alloc(L * 384);
ex.packPanels(w, 384, wp, D, 384);
const wq = alloc(48 * D * 2),
  sc = alloc(384),
  zp = alloc(384),
  scratch = alloc(D * 8);
new Int8Array(be.buffer, wq, 48 * D * 8).forEach((_, i, a) => {
  a[i] = ((i * 37) % 255) - 127;
});
new Float32Array(be.buffer, sc, 384).fill(0.01);
new Float32Array(be.buffer, zp, 384).fill(0);
const q = alloc(H * L * Dh),
  k = alloc(H * L * Dh),
  v = alloc(H * L * Dh),
  o = alloc(H * L * Dh);
const kp = alloc(63 * 8 * Dh),
  vp = alloc(4 * 8 * L),
  blk = alloc(16 * L),
  scores = alloc(H * L * L);
for (const p of [q, k])
  new Float32Array(be.buffer, p, H * L * Dh).forEach((_, i, a) => {
    a[i] *= 0.2;
  });
const gflop = (flop) => (ops) => `${((flop * ops) / 1e9).toFixed(1)} GFLOP/s`;

await b.suite(
  'openecg WASM kernels (bundled-model shapes)',
  b.add('FC 500×128 · 128×384, f32 panels', () => ex.gemmPacked(x, D, wp, y, 384, L, 384, D, 0)),
  b.add('FC 500×128 · 128×384, int8 panels', () => ex.gemmPackedQ(x, D, wq, sc, zp, y, 384, L, 384, D, 0, scratch)),
  b.add('attention, 4 heads 500×500×32, fused', () => ex.attention(q, k, v, o, H, L, L, Dh, Dh, 1, 1, 0, kp, vp, blk)),
  b.add('attention, 4 heads, op by op (BATCH_MATMUL, SOFTMAX, BATCH_MATMUL)', () => {
    for (let h = 0; h < H; h++) {
      ex.packPanelsT(k + 4 * h * L * Dh, Dh, kp, Dh, L);
      ex.gemmPacked(q + 4 * h * L * Dh, Dh, kp, scores + 4 * h * L * L, L, L, L, Dh, 0);
    }
    ex.softmax(scores, scores, H * L, L, 1);
    for (let h = 0; h < H; h++) {
      ex.packPanels(v + 4 * h * L * Dh, Dh, vp, L, Dh);
      ex.gemmPacked(scores + 4 * h * L * L, L, vp, o + 4 * h * L * Dh, Dh, L, Dh, L, 0);
    }
  }),
  b.add('attention QKᵀ GEMMs alone (4 heads, 500×32 · 32×500)', () => {
    for (let h = 0; h < H; h++) {
      ex.packPanelsT(k + 4 * h * L * Dh, Dh, kp, Dh, L);
      ex.gemmPacked(q + 4 * h * L * Dh, Dh, kp, scores + 4 * h * L * L, L, L, L, Dh, 0);
    }
  }),
  b.add('attention P·V GEMMs alone (4 heads, 500×500 · 500×32)', () => {
    for (let h = 0; h < H; h++) {
      ex.packPanels(v + 4 * h * L * Dh, Dh, vp, L, Dh);
      ex.gemmPacked(scores + 4 * h * L * L, L, vp, o + 4 * h * L * Dh, Dh, L, Dh, L, 0);
    }
  }),
  b.add('softmax, 2000 rows of 500', () => ex.softmax(scores, scores, H * L, L, 1)),
  b.add('layer norm, 500×128', () => ex.layerNorm(x, y, L, D, 1e-5, 0, 0)),
  b.cycle((result) => {
    const flop = {
      'FC 500×128 · 128×384, f32 panels': 2 * L * D * 384,
      'FC 500×128 · 128×384, int8 panels': 2 * L * D * 384,
      'attention QKᵀ GEMMs alone (4 heads, 500×32 · 32×500)': 2 * H * L * L * Dh,
      'attention P·V GEMMs alone (4 heads, 500×500 · 500×32)': 2 * H * L * L * Dh,
    }[result.name];
    return `${result.name}: ${(1000 / result.ops).toFixed(3)} ms${flop ? ', ' + gflop(flop)(result.ops) : ''}`;
  }),
  b.complete(),
  b.save({ file: 'kernels', folder: 'bench/results', format: 'json', details: false }),
);
