// The golden test set, rebuilt deterministically by both the generator and the tests:
// single-op models, the boundary architecture (random weights; float32, int8 weight-only,
// int8 hybrid) on three inputs, the shipped boundary and micro models on real windows, and a third-party MediaPipe model.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpCases } from '../../build/tools/convert/op-cases.js';
import { buildBoundaryGraph, randomBoundaryWeights } from '../../build/tools/convert/boundary-graph.js';
import { readWfdbRecord } from '../../build/src/ts/io/wfdb-node.js';
import { resample } from '../../build/src/ts/dsp/resample.js';
import { rankNormalize } from '../../build/src/ts/dsp/rank-normalize.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

export function boundaryInputs() {
  const rec = readWfdbRecord(join(root, 'test/fixtures/ludb/1'));
  const ii = rec.signals.find((s) => s.name === 'ii');
  const real = rankNormalize(resample(ii.physical, 500, 250).subarray(0, 2500));
  const synth = new Float32Array(2500).map((_, i) =>
    Math.fround(0.6 * Math.sin(i / 20) + 0.3 * Math.sin(i / 3.1) - 0.1),
  );
  let s = 7;
  const noise = new Float32Array(2500).map(() => {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    return Math.fround(((s >>> 8) / 16777216) * 2 - 1);
  });
  return [
    ['ludb1_ii', real],
    ['synthetic', synth],
    ['noise', noise],
  ];
}

export function goldenCases() {
  const cases = buildOpCases().map((c) => ({ group: 'ops', name: c.name, op: c.op, model: c.model, inputs: c.inputs }));
  const w = randomBoundaryWeights(1);
  for (const quant of ['float32', 'int8', 'hybrid']) {
    const model = buildBoundaryGraph(w, quant);
    for (const [name, x] of boundaryInputs())
      cases.push({ group: 'boundary', name: `boundary_${quant}_${name}`, op: quant, model, inputs: [x] });
  }
  // The shipped model file itself on real windows of a development-split record (LUDB 4, leads ii and v1).
  const shipped = new Uint8Array(readFileSync(join(root, 'models', 'boundary_int8.tflite')));
  const rec4 = readWfdbRecord(join(root, 'samples', 'ludb-4'));
  for (const lead of ['ii', 'v1']) {
    const x = rankNormalize(resample(rec4.signals.find((sg) => sg.name === lead).physical, 500, 250).subarray(0, 2500));
    cases.push({ group: 'shipped', name: `shipped_int8_ludb4_${lead}`, op: 'shipped', model: shipped, inputs: [x] });
  }
  // The shipped micro model (docs/micro.md) on the same windows: LiteRT runs the file this engine runs on Duktape.
  const micro = new Uint8Array(readFileSync(join(root, 'models', 'micro_int8.tflite')));
  for (const lead of ['ii', 'v1']) {
    const x = rankNormalize(resample(rec4.signals.find((sg) => sg.name === lead).physical, 500, 250).subarray(0, 2500));
    cases.push({ group: 'shipped', name: `shipped_micro_ludb4_${lead}`, op: 'micro', model: micro, inputs: [x] });
  }
  const mp = join(
    dirname(require.resolve('@mediapipe/face_detection/package.json')),
    'face_detection_short_range.tflite',
  );
  const face = new Float32Array(128 * 128 * 3).map((_, i) => Math.fround(Math.sin(i * 0.01) * 0.8));
  cases.push({
    group: 'third-party',
    name: 'mediapipe_face_detection_short_range',
    op: 'mediapipe',
    model: new Uint8Array(readFileSync(mp)),
    inputs: [face],
  });
  return cases;
}
