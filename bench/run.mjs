// Benchmarks, one process, same inputs, alternating runs, medians after warm-up:
//   ours (WASM SIMD backend), ours (JS reference backend), LiteRT.js (@litertjs/core, default build, 1 thread)
// on every variant the converter makes of the bundled weights (float32, int8 weight-only, hybrid, integer:
// tools/eval/variants.mjs), ONNX Runtime on the float32 weights, the per-op profile of the WASM backend on the
// bundled file with achieved GMAC/s against the measured peaks of the f32 GEMM (4×8 tile) and the integer GEMM
// (i32x4.dot_i16x8_s, 4×8 tile), both on cache-resident data.
//   npm run bench   → table on stdout, bench/results.json
import { readFileSync, writeFileSync } from 'node:fs';
import { loadModelSync, rankNormalize, readWfdbRecord, resample } from '../dist/node.js';
import { Interpreter } from '../dist/engine/interpreter.js';
import { readTflite } from '../dist/tflite/model.js';
import { WasmBackend, wasmSimdSupported } from '../dist/wasm/backend.js';
// The opt-in relaxed-SIMD backend (FMA, not bit-identical) joins when the engine validates it
// (Chromium; Node 20 with --experimental-wasm-relaxed-simd: npm run bench:relaxed).
const RELAXED = wasmSimdSupported(true);
import { loadLiteRt } from '../tools/golden/litert-node.mjs';
import { readSafetensors } from '../build/tools/convert/safetensors.js';
import { buildBoundaryGraph } from '../build/tools/convert/boundary-graph.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30),
  WARM = 5,
  JS_ROUNDS = 5;
const median = (a) => {
  const s = a.slice().sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const rec = readWfdbRecord('test/fixtures/ludb/1');
const x = rankNormalize(resample(rec.signals[1].physical, 500, 250).subarray(0, 2500));

const quiet = async (fn) => {
  const o = [console.log, console.warn, console.info];
  console.log = console.warn = console.info = () => {};
  try {
    return await fn();
  } finally {
    [console.log, console.warn, console.info] = o;
  }
};
const lit = await quiet(() => loadLiteRt());
// ONNX Runtime on the same weights (float32 ONNX exported by tools/convert/to_onnx.py).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
const onnxFile = 'build/boundary.onnx';
spawnSync('/usr/bin/python3', ['tools/convert/to_onnx.py', 'models/boundary.safetensors', onnxFile], {
  stdio: 'ignore',
});
let ortNode = null,
  ortNode2 = null,
  ortWeb = null;
if (existsSync(onnxFile)) {
  try {
    const ort = (await import('onnxruntime-node')).default;
    // ONNX Runtime's native CPU engine, 1 and 2 intra-op threads (what a Node user would pick instead of us)
    const session = (threads) =>
      ort.InferenceSession.create(onnxFile, {
        graphOptimizationLevel: 'all',
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
        executionMode: 'sequential',
        // no spinning between runs: an idle ORT thread pool must not take the CPU from the next engine's run
        extra: { session: { intra_op: { allow_spinning: '0' }, inter_op: { allow_spinning: '0' } } },
      });
    ortNode = { ort, s: await session(1) };
    ortNode2 = { ort, s: await session(2) };
  } catch (e) {
    console.error('onnxruntime-node unavailable (npm run bench:setup installs it):', e.message);
  }
  try {
    const ort = await import('onnxruntime-web');
    ort.env.wasm.numThreads = 1;
    ortWeb = {
      ort,
      s: await ort.InferenceSession.create(new Uint8Array(readFileSync(onnxFile)), { executionProviders: ['wasm'] }),
    };
  } catch (e) {
    console.error('onnxruntime-web unavailable:', e.message);
  }
} else console.error('no ONNX export (needs /usr/bin/python3 with python3-onnx): ONNX Runtime skipped');
const runOrt = async (o) => {
  await o.s.run({ signal: new o.ort.Tensor('float32', x, [1, 2500]) });
};
const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: `${(await import('node:os')).cpus()[0]?.model ?? 'unknown'}, ${(await import('node:os')).cpus().length} cores`,
  flags: process.execArgv,
  rounds: ROUNDS,
  models: {},
};

// The variants of the shipped weights; the bundled file is one of them (models/boundary.variants.json says which).
const weights = readSafetensors(new Uint8Array(readFileSync('models/boundary.safetensors')));
const BUNDLED = 'models/boundary_int8.tflite';
const bundledBytes = readFileSync(BUNDLED);
const variantBytes = Object.fromEntries(
  ['float32', 'int8', 'hybrid', 'integer'].map((q) => [q, buildBoundaryGraph(weights, q)]),
);
results.bundled = Object.keys(variantBytes).find((q) => Buffer.from(variantBytes[q]).equals(bundledBytes)) ?? null;
for (const file of Object.keys(variantBytes)) {
  const bytes = variantBytes[file];
  const wasm = loadModelSync(bytes, { backend: 'wasm' }),
    js = loadModelSync(bytes, { backend: 'js' });
  const relaxed = RELAXED ? loadModelSync(bytes, { backend: 'wasm-relaxed' }) : null;
  const lm = await quiet(() => lit.loadAndCompile(bytes, { accelerator: 'wasm' }));
  const shape = Array.from(lm.getInputDetails()[0].shape);
  const runLit = async () => {
    const t = new lit.Tensor(x, shape);
    const o = await lm.run([t]);
    o.forEach((z) => z.delete());
    t.delete?.();
  };
  for (let i = 0; i < WARM; i++) {
    wasm.run([x]);
    await runLit();
    if (relaxed) relaxed.run([x]);
  }
  js.run([x]);
  const tw = [],
    tl = [],
    tj = [],
    tn = [],
    tb = [],
    tn2 = [],
    tr = [];
  const useOrt = file === 'float32'; // ONNX Runtime runs the float32 weights
  if (useOrt)
    for (let i = 0; i < WARM; i++) {
      if (ortNode) await runOrt(ortNode);
      if (ortNode2) await runOrt(ortNode2);
      if (ortWeb) await runOrt(ortWeb);
    }
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate the order each round so no engine always runs in the same position.
    const engines = [
      'wasm',
      'lit',
      ...(relaxed ? ['relaxed'] : []),
      ...(useOrt && ortNode ? ['ortNode', 'ortNode2'] : []),
      ...(useOrt && ortWeb ? ['ortWeb'] : []),
    ];
    const order = engines.map((_, i) => engines[(i + r) % engines.length]);
    for (const e of order) {
      const t0 = performance.now();
      if (e === 'wasm') wasm.run([x]);
      else if (e === 'relaxed') relaxed.run([x]);
      else if (e === 'lit') await runLit();
      else await runOrt(e === 'ortNode' ? ortNode : e === 'ortNode2' ? ortNode2 : ortWeb);
      ({ wasm: tw, lit: tl, relaxed: tr, ortNode: tn, ortNode2: tn2, ortWeb: tb })[e].push(performance.now() - t0);
    }
    if (r < JS_ROUNDS) {
      const t0 = performance.now();
      js.run([x]);
      tj.push(performance.now() - t0);
    }
  }
  lm.delete();
  const m = {
    oursWasmMs: median(tw),
    litertMs: median(tl),
    oursJsMs: median(tj),
    ortNodeMs: tn.length ? median(tn) : null,
    ortNode2Ms: tn2.length ? median(tn2) : null,
    ortWebMs: tb.length ? median(tb) : null,
  };
  m.ratioWasmToLitert = m.oursWasmMs / m.litertMs;
  if (relaxed) {
    m.oursRelaxedMs = median(tr);
    m.ratioRelaxedToLitert = m.oursRelaxedMs / m.litertMs;
  }
  results.models[file] = m;
}

// Per-op profile of the WASM backend on the bundled model.
const it = new Interpreter(readTflite(new Uint8Array(bundledBytes)), new WasmBackend());
it.run([x]);
const prof = {};
const flops = (st) => {
  const n = st.ctx.op.opName,
    o = st.ctx.outputs[0].shape,
    i0 = st.ctx.inputs[0].shape;
  if (n === 'FULLY_CONNECTED') return 2 * o.reduce((a, b) => a * b, 1) * i0[i0.length - 1];
  if (n === 'CONV_2D') {
    const w = st.ctx.inputs[1].shape;
    return 2 * o.reduce((a, b) => a * b, 1) * w[1] * w[2] * w[3];
  }
  if (st.fast && st.fast.flops) return st.fast.flops; // fused kernels report their own
  if (n === 'BATCH_MATMUL') {
    const k = st.ctx.state.K;
    return 2 * o.reduce((a, b) => a * b, 1) * k;
  }
  return 0;
};
// Integer arithmetic: int8 weights fed to FC / CONV (state.scales) or dynamic-int8 BATCH_MATMUL (state.quantized).
const isInteger = (st) => !!(st.ctx.state && (st.ctx.state.scales || st.ctx.state.quantized));
for (let r = 0; r < 10; r++)
  for (const st of it.steps) {
    const t0 = performance.now();
    if (st.fast) st.fast.run();
    else st.kernel.run(st.ctx);
    const dt = performance.now() - t0;
    const k =
      (st.fast && st.fast.label ? st.fast.label : st.ctx.op.opName) +
      (isInteger(st) ? ' int' : '') +
      (st.fast ? ' (wasm)' : ' (js)');
    prof[k] ??= { ms: 0, flop: 0, integer: isInteger(st) };
    prof[k].ms += dt / 10;
    if (r === 0) prof[k].flop += flops(st);
  }
// Peaks: each GEMM kernel on cache-resident operands, several shapes (M, K, N), best of 7 each.
const be = new WasmBackend();
const SHAPES = [
  [64, 128, 128],
  [32, 256, 64],
  [16, 512, 32],
  [128, 64, 64],
];
let peak = 0;
for (const [M, K, N] of SHAPES) {
  const base = be.reserve(4 * (M * K + 2 * K * N + M * N) + 64);
  const f = new Float32Array(be.buffer, base, M * K + 2 * K * N + M * N);
  for (let i = 0; i < f.length; i++) f[i] = ((i * 7919) % 1000) / 1000 + 0.5;
  const bRaw = base + 4 * M * K,
    bPacked = bRaw + 4 * K * N,
    yOut = bPacked + 4 * K * N;
  be.ex.packPanels(bRaw, N, bPacked, K, N);
  const reps = Math.round(2e8 / (2 * M * K * N));
  let best = Infinity;
  for (let t = 0; t < 7; t++) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) be.ex.gemmPacked(base, K, bPacked, yOut, N, M, N, K, 0);
    best = Math.min(best, performance.now() - t0);
  }
  peak = Math.max(peak, (reps * 2 * M * K * N) / (best / 1000) / 1e9);
}
let intPeak = 0;
for (const [M, K, N] of SHAPES) {
  const wBytes = (N / 8) * K * 32;
  const base = be.reserve(2 * M * K + wBytes + 4 * M * N + 4 * (M + N) + 64);
  const q = base,
    wp = q + 2 * M * K,
    y = wp + wBytes,
    rs = y + 4 * M * N,
    cs = rs + 4 * M;
  const u = new Uint8Array(be.buffer, base, y - base);
  for (let i = 0; i < u.length; i++) u[i] = (i * 37) & 0x3f;
  new Float32Array(be.buffer, rs, M + N).fill(1e-3);
  const reps = Math.round(2e8 / (2 * M * K * N));
  let best = Infinity;
  for (let t = 0; t < 7; t++) {
    const t0 = performance.now();
    for (let r = 0; r < reps; r++) be.ex.gemmInt(q, K, rs, 1, wp, cs, 0, y, N, M, N, K);
    best = Math.min(best, performance.now() - t0);
  }
  intPeak = Math.max(intPeak, (reps * 2 * M * K * N) / (best / 1000) / 1e9);
}
results.gemmPeakGflops = peak;
results.intGemmPeakGops = intPeak;
// Whole model: its multiply-add work (GEMM-shaped ops) over the median latency of each file.
const modelFlop = Object.values(prof).reduce((sum, v) => sum + v.flop, 0);
results.modelGflop = modelFlop / 1e9;
for (const m of Object.values(results.models)) m.wasmGmacs = modelFlop / 2 / (m.oursWasmMs / 1000) / 1e9;
results.profile = Object.fromEntries(
  Object.entries(prof)
    .sort((a, b) => b[1].ms - a[1].ms)
    .map(([k, v]) => {
      const gmacs = v.flop ? v.flop / 2 / (v.ms / 1000) / 1e9 : null;
      return [
        k,
        {
          ms: +v.ms.toFixed(2),
          gmacs: gmacs === null ? null : +gmacs.toFixed(1),
          ofPeak: gmacs === null ? null : +(gmacs / ((v.integer ? intPeak : peak) / 2)).toFixed(2),
          peak: v.flop ? (v.integer ? 'integer' : 'float') : null,
        },
      ];
    }),
);
// The bar: LiteRT.js's fastest variant of the same weights; ours: the bundled file.
const litBest = Object.entries(results.models).reduce((a, b) => (b[1].litertMs < a[1].litertMs ? b : a));
const ours = results.models[results.bundled ?? 'int8'];
results.bar = {
  litertBestVariant: litBest[0],
  litertBestMs: litBest[1].litertMs,
  oursBundled: results.bundled,
  oursMs: ours.oursWasmMs,
  ratio: ours.oursWasmMs / litBest[1].litertMs,
};
writeFileSync(RELAXED ? 'bench/results-relaxed.json' : 'bench/results.json', JSON.stringify(results, null, 1));

console.log(
  `boundary model variants, one 10-s window, median of ${ROUNDS} alternating runs (JS backend: ${JS_ROUNDS}), ${process.version}`,
);
const f1 = (v) => (v === null ? '–' : v.toFixed(1));
console.log(
  '| variant | ours WASM (ms) | LiteRT.js (ms) | ours / LiteRT | ORT-web WASM (ms) | ORT-node native (ms) | ours JS (ms) |\n|---|---|---|---|---|---|---|',
);
for (const [k, m] of Object.entries(results.models))
  console.log(
    `| ${k}${k === results.bundled ? ' (bundled)' : ''} | ${m.oursWasmMs.toFixed(1)} | ${m.litertMs.toFixed(1)} | ${m.ratioWasmToLitert.toFixed(2)} | ${f1(m.ortWebMs)} | ${f1(m.ortNodeMs)} | ${m.oursJsMs.toFixed(0)} |`,
  );
console.log(
  `\nbar: LiteRT.js's fastest variant (${results.bar.litertBestVariant}) ${results.bar.litertBestMs.toFixed(1)} ms; ` +
    `ours, bundled (${results.bar.oursBundled}) ${results.bar.oursMs.toFixed(1)} ms → ratio ${results.bar.ratio.toFixed(2)}`,
);
if (RELAXED) {
  console.log(
    '\nopt-in relaxed SIMD (FMA; NOT bit-identical to the JS reference):\n| variant | ours wasm-relaxed (ms) | LiteRT.js (ms) | relaxed / LiteRT |\n|---|---|---|---|',
  );
  for (const [k, m] of Object.entries(results.models))
    console.log(
      `| ${k} | ${m.oursRelaxedMs.toFixed(1)} | ${m.litertMs.toFixed(1)} | ${m.ratioRelaxedToLitert.toFixed(2)} |`,
    );
}
console.log(
  `\nwhole model: ${(results.modelGflop / 2).toFixed(2)} G multiply-adds per window\n` +
    `peaks (4×8 tiles, cache-resident, best shape): f32 GEMM ${(peak / 2).toFixed(1)} GMAC/s, ` +
    `integer GEMM (dot_i16x8_s) ${(intPeak / 2).toFixed(1)} GMAC/s\n\n` +
    '| op (backend), bundled model | ms per window | GMAC/s | of its peak |\n|---|---|---|---|',
);
for (const [k, v] of Object.entries(results.profile))
  console.log(`| ${k} | ${v.ms} | ${v.gmacs ?? '–'} | ${v.ofPeak === null ? '–' : `${v.ofPeak} (${v.peak})`} |`);
process.exit(0);
