// Hostile and broken models: every failure is a ModelError naming what is wrong — never a
// RangeError, a hang or a huge allocation. Includes a seeded fuzz run over mutated and
// truncated copies of real test models.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { loadModelSync, ModelError } from '../dist/index.js';
import { FbReader } from '../dist/tflite/flatbuffer.js';
import { GraphBuilder } from '../build/tools/convert/tflite-writer.js';
import { buildOpCases } from '../build/tools/convert/op-cases.js';
import { buildBoundaryGraph, randomBoundaryWeights } from '../build/tools/convert/boundary-graph.js';
import { throwsTyped } from './helpers.mjs';

const require = createRequire(import.meta.url);
const face = new Uint8Array(
  readFileSync(
    join(dirname(require.resolve('@mediapipe/face_detection/package.json')), 'face_detection_short_range.tflite'),
  ),
);
const boundary = buildBoundaryGraph(randomBoundaryWeights(3), 'int8');

test('not a model', () => {
  throwsTyped(() => loadModelSync(new Uint8Array(0)), ModelError, /too short/);
  throwsTyped(() => loadModelSync(new TextEncoder().encode('hello world, not a flatbuffer')), ModelError, /identifier/);
  throwsTyped(() => loadModelSync('model.tflite'), ModelError, /Uint8Array/);
});

test('truncated real models fail cleanly', () => {
  for (const bytes of [boundary, face]) {
    for (const cut of [8, 16, 100, 1000, bytes.length >> 1, bytes.length - 1]) {
      // Every cut of these files removes bytes the model needs: loading must fail, with a ModelError.
      throwsTyped(() => loadModelSync(bytes.subarray(0, cut)), ModelError);
    }
  }
  throwsTyped(() => loadModelSync(boundary.subarray(0, boundary.length >> 1)), ModelError, /outside the file|buffer/);
});

test('unsupported op is rejected at load time with its index', () => {
  const g = new GraphBuilder();
  const x = g.input('x', [4]);
  const y = g.tensor('y', [4]);
  g.op('SIN', [x], [y]);
  g.output(y);
  throwsTyped(() => loadModelSync(g.finish()), ModelError, /operator 0 \(SIN\): unsupported op/);
});

test('shape mismatch names the operator and tensor', () => {
  const g = new GraphBuilder();
  const x = g.input('x', [2, 8]);
  const y = g.tensor('y', [2, 5]);
  g.op('FULLY_CONNECTED', [x, g.constF32('w', [4, 8], new Float32Array(32))], [y]);
  g.output(y);
  throwsTyped(
    () => loadModelSync(g.finish()),
    ModelError,
    /operator 0 \(FULLY_CONNECTED\): output tensor 1 'y' is declared \[2,5\] but computes to \[2,4\]/,
  );
});

test('folded constants have a budget checked before allocation; BROADCAST_TO to a negative shape is a ModelError', () => {
  // A tiny file whose constant BROADCAST_TO would materialise 2^28 floats (1 GiB) at load.
  const g = new GraphBuilder();
  const x = g.input('x', [1]);
  const big = g.tensor('big', [16384, 16384]);
  const y = g.tensor('y', [16384, 16384]);
  g.op('BROADCAST_TO', [g.constF32('c', [1], new Float32Array([1])), g.constI32('shape', [2], [16384, 16384])], [big]);
  g.op('ADD', [big, x], [y]);
  g.output(y);
  const bytes = g.finish();
  assert.ok(bytes.length < 2000);
  const t0 = Date.now();
  throwsTyped(() => loadModelSync(bytes), ModelError, /limit/);
  assert.ok(Date.now() - t0 < 1000);
  const g2 = new GraphBuilder();
  const x2 = g2.input('x', [1]);
  const b2 = g2.tensor('b', [2, 2]);
  const y2 = g2.tensor('y', [2, 2]);
  g2.op('BROADCAST_TO', [g2.constF32('c', [1], new Float32Array([1])), g2.constI32('shape', [2], [-2, 2])], [b2]);
  g2.op('ADD', [b2, x2], [y2]);
  g2.output(y2);
  throwsTyped(() => loadModelSync(g2.finish()), ModelError);
});

test('flatbuffer vectors shared by many tables hit the decode budget (ModelError at once, not GBs)', () => {
  // Root table → vector of N tables that all point at ONE child table whose field 0 is a vector of M int32s.
  const N = 10000,
    M = 10000;
  const C = 36 + 4 * N,
    B = C + 8,
    size = B + 4 + 4 * M;
  const b = new Uint8Array(size),
    dv = new DataView(b.buffer);
  dv.setUint32(0, 20, true); // root table at 20
  for (const vt of [4, 12]) {
    dv.setUint16(vt, 6, true);
    dv.setUint16(vt + 2, 8, true);
    dv.setUint16(vt + 4, 4, true);
  }
  dv.setInt32(20, 20 - 4, true);
  dv.setUint32(24, 32 - 24, true); // root: vtable at 4, field 0 → vector at 32
  dv.setUint32(32, N, true);
  for (let k = 0; k < N; k++) dv.setUint32(36 + 4 * k, C - (36 + 4 * k), true);
  dv.setInt32(C, C - 12, true);
  dv.setUint32(C + 4, B - (C + 4), true); // child: vtable at 12, field 0 → vector at B
  dv.setUint32(B, M, true);
  const r = new FbReader(b);
  const root = r.table(r.deref(0, 'root'), 'root');
  const t0 = Date.now();
  throwsTyped(
    () => root.tables(0, 'children').map((t, k) => t.i32s(0, `child ${k}`)),
    ModelError,
    /shared by many tables/,
  );
  assert.ok(Date.now() - t0 < 1000);
  // The same child read once is fine.
  assert.is(new FbReader(b).table(C, 'child').i32s(0, 'v').length, M);
});

test('a 20,000-op chain is refused at load, quickly (operator cap)', () => {
  const g = new GraphBuilder();
  let t = g.input('x', [4]);
  for (let k = 0; k < 20000; k++) {
    const y = g.tensor(`y${k}`, [4]);
    g.op('RELU', [t], [y]);
    t = y;
  }
  g.output(t);
  const bytes = g.finish();
  const t0 = Date.now();
  throwsTyped(() => loadModelSync(bytes), ModelError, /operators exceed the limit/);
  assert.ok(Date.now() - t0 < 3000, `${Date.now() - t0} ms`);
});

test('a tiny model asking for 5·10^11 multiply-adds per run is refused at load; the bundled model reports its stats', () => {
  const g = new GraphBuilder();
  const x = g.input('x', [1, 8192, 8192]);
  const y = g.tensor('y', [1, 8192, 8192]);
  g.op('BATCH_MATMUL', [x, x], [y]);
  g.output(y);
  const bytes = g.finish();
  assert.ok(bytes.length < 2000);
  const t0 = Date.now();
  throwsTyped(() => loadModelSync(bytes), ModelError, /multiply-adds/);
  assert.ok(Date.now() - t0 < 1000);
  const m = loadModelSync(boundary);
  assert.ok(m.stats.macsPerRun > 5e8 && m.stats.macsPerRun < 1e9, `${m.stats.macsPerRun}`);
  assert.ok(m.stats.operators > 100 && m.stats.tensors > m.stats.operators && m.stats.arenaBytes > 0);
});

test('wrong constant buffer size', () => {
  const g = new GraphBuilder();
  const x = g.input('x', [3]);
  const y = g.tensor('y', [3]);
  g.op('ADD', [x, g.constF32('c', [3], new Float32Array(2))], [y]);
  g.output(y);
  throwsTyped(() => loadModelSync(g.finish()), ModelError, /buffer holds 8 bytes/);
});

test('huge declared shapes do not allocate', () => {
  const g = new GraphBuilder();
  const x = g.input('x', [1 << 20, 1 << 20]);
  const y = g.tensor('y', [1 << 20, 1 << 20]);
  g.op('RELU', [x], [y]);
  g.output(y);
  throwsTyped(() => loadModelSync(g.finish()), ModelError, /exceed/);
});

test('wrong input size at run time', () => {
  const m = loadModelSync(boundary);
  throwsTyped(() => m.run([new Float32Array(10)]), ModelError, /needs 2500 values/);
  throwsTyped(() => m.run([]), ModelError, /expected 1 input/);
});

test('fuzz: 10,000 mutated and truncated models → only ModelError, each under 1 s', () => {
  const seeds = buildOpCases()
    .map((c) => c.model)
    .concat([face]);
  let s = 12345;
  const rnd = (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  let other = 0,
    slow = 0,
    loaded = 0;
  for (let i = 0; i < 10000; i++) {
    const base = seeds[i % seeds.length];
    let bytes;
    const mode = rnd(4);
    if (mode === 0) bytes = base.subarray(0, rnd(base.length));
    else {
      bytes = base.slice();
      const flips = 1 + rnd(mode === 3 ? 32 : 4);
      // Mutations concentrate on the flatbuffer's tables (head and tail), where offsets live.
      for (let k = 0; k < flips; k++) {
        const pos = rnd(2) ? rnd(Math.min(bytes.length, 4096)) : bytes.length - 1 - rnd(Math.min(bytes.length, 4096));
        bytes[pos] = mode === 1 ? rnd(256) : mode === 2 ? bytes[pos] ^ (1 << rnd(8)) : 0xff;
      }
    }
    const t0 = performance.now();
    try {
      loadModelSync(bytes);
      loaded++;
    } catch (e) {
      if (!(e instanceof ModelError)) {
        other++;
        if (other < 5) console.error(e);
      }
    }
    if (performance.now() - t0 > 1000) slow++;
  }
  assert.is(other, 0, 'non-ModelError exceptions');
  assert.is(slow, 0, 'cases over 1 s');
  assert.ok(loaded < 10000);
});

test('fuzz at run time: 3,000 mutated models that still load run on both backends — same values or a ModelError', () => {
  // Seeds include a miniature boundary model, so the fused attention / layer norm, int8 panels and
  // reshape views of the WASM backend see hostile graphs too. Loading validates every shape, so a
  // model that loads must run without a kernel crash and give the JS reference's values (NaN = NaN).
  const MINI = { d: 16, heads: 2, ff: 32, patch: 5, window: 500, kernel: 7, nConv: 1, nTransformer: 1 };
  const mini = buildBoundaryGraph(randomBoundaryWeights(11, MINI), 'int8', MINI);
  const ops = buildOpCases().map((c) => c.model);
  const seeds = ops.concat(ops.map(() => mini)); // half the mutants are of the miniature boundary model
  let s = 777;
  const rnd = (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  let ran = 0,
    other = 0,
    differ = 0;
  const same = (a, b) =>
    a.length === b.length &&
    a.every(
      (o, k) =>
        o.length === b[k].length && o.every((v, i) => (v !== v && b[k][i] !== b[k][i]) || Object.is(v, b[k][i])),
    );
  for (let i = 0; i < 3000; i++) {
    const bytes = seeds[i % seeds.length].slice();
    for (let k = 1 + rnd(3); k > 0; k--) {
      const pos = rnd(bytes.length);
      bytes[pos] = bytes[pos] ^ (1 << rnd(8));
    }
    let w, j;
    try {
      w = loadModelSync(bytes, { backend: 'wasm' });
      j = loadModelSync(bytes, { backend: 'js' });
    } catch (e) {
      if (!(e instanceof ModelError)) {
        other++;
        if (other < 5) console.error(e);
      }
      continue;
    }
    const inputs = w.inputs.map((t) => {
      const n = t.shape.reduce((a, b) => a * b, 1);
      return Float32Array.from({ length: n }, (_, q) => Math.sin(q * 0.37 + i));
    });
    try {
      const a = w.run(inputs),
        b = j.run(inputs);
      ran++;
      if (!same(a, b)) {
        differ++;
        if (differ < 5) console.error('wasm/js differ on mutated seed', i % seeds.length);
      }
    } catch (e) {
      if (!(e instanceof ModelError)) {
        other++;
        if (other < 5) console.error(e);
      }
    }
  }
  assert.is(other, 0, 'non-ModelError exceptions');
  assert.is(differ, 0, 'WASM and JS disagree');
  assert.ok(ran > 600, `${ran} mutated models ran`);
});

test.run();
