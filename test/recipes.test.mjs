// The four recipes of docs/architecture.md, each followed once: a new op (SIN, a TFLite builtin without a kernel
// here), a backend step for it, a new input format, and a new classifier. If a recipe's extension point changes, this
// file stops working — so the document and the code cannot drift apart.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { GraphBuilder } from '../build/tools/convert/tflite-writer.js';
import { KERNELS } from '../dist/kernels/registry.js';
import { input, expectType, isState } from '../dist/engine/tensor.js';
import { Interpreter } from '../dist/engine/interpreter.js';
import { readTflite } from '../dist/tflite/model.js';

import { SIGNAL_FORMATS, loadSignalFile } from '../dist/io/load-signal.js';
import { Inference, readWfdbRecord } from '../dist/node.js';
import { FIX } from './helpers.mjs';

const FLOAT32 = 0; // TensorType.FLOAT32 (a const enum in the sources)

// Recipe "a new op": prepare checks and sets a tagged state, run is a plain loop; float32 chain y = f32(sin(x)).
const Sin = {
  prepare(ctx) {
    const x = input(ctx, 0);
    expectType(ctx, x, [FLOAT32], 'input');
    ctx.state = { kind: 'sin', n: x.shape.reduce((a, b) => a * b, 1) };
    return [x.shape.slice()];
  },
  run(ctx) {
    const x = ctx.inputs[0].data;
    const y = ctx.outputs[0].data;
    for (let i = 0; i < ctx.state.n; i++) y[i] = Math.fround(Math.sin(x[i]));
  },
};

function sinModel(n) {
  const g = new GraphBuilder();
  const x = g.input('x', [n]);
  const y = g.tensor('y', [n]);
  g.op('SIN', [x], [y]);
  g.output(y);
  return g.finish('sin');
}

test('recipe: a new op — unsupported before, registered, then run from a written .tflite', () => {
  assert.throws(() => new Interpreter(readTflite(sinModel(4))), /unsupported op/);
  KERNELS.SIN = Sin;
  try {
    const m = new Interpreter(readTflite(sinModel(5)));
    const y = m.run([[0, Math.PI / 2, -1, 2, 3]])[0];
    assert.equal(
      Array.from(y),
      [0, 1, -1, 2, 3].map((v, i) => Math.fround(Math.sin(i === 1 ? Math.PI / 2 : v))),
    );
  } finally {
    delete KERNELS.SIN;
  }
});

test('recipe: a backend step — the FastBackend contract runs SIN as its own step, same bits as the kernel', () => {
  KERNELS.SIN = Sin;
  try {
    const mem = new ArrayBuffer(1 << 16);
    let ran = 0;
    const backend = {
      name: 'wasm',
      buffer: mem,
      reserve: () => 0,
      stepFor(ctx) {
        if (ctx.op.opName !== 'SIN' || !isState(ctx.state, 'sin')) return null; // the reference's prepared state
        const n = ctx.state.n;
        return {
          bytes: 0,
          pack: () => {},
          run: () => {
            ran++;
            const x = ctx.inputs[0].data;
            const y = ctx.outputs[0].data;
            for (let i = 0; i < n; i++) y[i] = Math.fround(Math.sin(x[i]));
          },
        };
      },
    };
    const bytes = sinModel(7);
    const ref = new Interpreter(readTflite(bytes)).run([[0.1, 0.2, 0.3, 4, 5, 6, 7]])[0];
    const fast = new Interpreter(readTflite(bytes), backend);
    assert.equal(fast.plan(), ['SIN (wasm)']);
    assert.equal(Array.from(fast.run([[0.1, 0.2, 0.3, 4, 5, 6, 7]])[0]), Array.from(ref));
    assert.is(ran, 1);
  } finally {
    delete KERNELS.SIN;
  }
});

test('recipe: a new input format — an entry in SIGNAL_FORMATS is read by loadSignalFile and delineated', () => {
  const ii = readWfdbRecord(join(FIX, 'ludb', '1')).signals[1].physical;
  const file = join(mkdtempSync(join(tmpdir(), 'fmt-')), 'record.fs500');
  writeFileSync(file, 'fs 500\n' + Array.from(ii).join('\n') + '\n');
  const toy = {
    name: 'fs-text',
    needsFs: false,
    matches: (p) => p.endsWith('.fs500'),
    open(p) {
      const [head, ...rows] = readFileSync(p, 'utf8').trim().split('\n');
      return { names: ['ii'], rate: () => Number(head.split(' ')[1]), lead: () => Float64Array.from(rows, Number) };
    },
  };
  SIGNAL_FORMATS.unshift(toy);
  try {
    const s = loadSignalFile(file);
    assert.is(s.fs, 500);
    assert.is(s.signal.length, ii.length);
    const det = Inference.createSync();
    assert.equal(Array.from(s.signal), Array.from(ii)); // the samples, through the new format
    assert.equal(det.predict(s.signal, { fs: s.fs }).waves, det.predict(ii, { fs: 500 }).waves);
  } finally {
    SIGNAL_FORMATS.splice(SIGNAL_FORMATS.indexOf(toy), 1);
  }
});

test('recipe: a new classifier — passed to Inference, used by classify and report', () => {
  const everyBeatUnknown = {
    name: 'rules',
    beats: (inp) =>
      inp.delineation.beats.map((b) => ({ r: b.qrs.onset, cls: 5, type: 'unknown', aami: 'Q', confidence: 1 })),
    rhythm: (inp) => ({
      rhythm: 0,
      name: 'sinus',
      confidence: 1,
      reason: 'fixture',
      afib: { isAfib: false, reason: '' },
    }),
  };
  const det = Inference.createSync({ classifier: everyBeatUnknown });
  const ii = readWfdbRecord(join(FIX, 'ludb', '1')).signals[1].physical;
  const rep = det.report(ii, { fs: 500 });
  assert.equal(Object.keys(rep.beats.byType), ['unknown']);
  assert.is(rep.rhythm.label, 'sinus');
  assert.ok(det.classify(ii, { fs: 500 }).labels.every((l) => l.type === 'unknown'));
});

test.run();
