// Builds the conformance suite (models and fixed inputs) as JSON: the bundled model on real LUDB
// windows and synthetic edge cases, and a miniature model of the same architecture (every op of
// the pattern, 16 channels, 100 frames) that slow interpreters (Duktape, QuickJS) can run, and the shipped micro
// model on the same full windows.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildBoundaryGraph, randomBoundaryWeights } from '../../build/tools/convert/boundary-graph.js';
import { readWfdbRecord, resample, rankNormalize, Inference } from '../../dist/node.js';
import { loadMitdbRecord } from '../../dist/datasets/mitdb.js';
import { classifyInputOf } from '../../dist/layered/encode.js';
import { beatFeatures, BEAT_FEATURES } from '../../dist/classify/beat-features.js';
import { rhythmFeatures, windowAfib } from '../../dist/classify/rhythm-features.js';
import { writeEdf } from '../../test/edf-writer.mjs';

export const MINI = { d: 16, heads: 2, ff: 32, patch: 5, window: 500, kernel: 7, nConv: 1, nTransformer: 1 };
const hex = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength).toString('hex');

export function buildSuite(root) {
  const rec = readWfdbRecord(join(root, 'test', 'fixtures', 'ludb', '1'));
  const inputs = {};
  for (const lead of ['i', 'ii', 'v1'])
    inputs[`ludb1_${lead}`] = resample(rec.signals.find((s) => s.name === lead).physical, 500, 250).subarray(0, 2500);
  inputs.sine = Float64Array.from({ length: 2500 }, (_, i) => Math.sin((2 * Math.PI * 1.2 * i) / 250));
  let s = 3;
  inputs.noise = Float64Array.from({ length: 2500 }, () => {
    s = (Math.imul(s, 1103515245) + 12345) | 0;
    return (s >>> 8) / 16777216;
  });
  inputs.step = Float64Array.from({ length: 2500 }, (_, i) => (i < 1250 ? 0 : 1));
  inputs.constant = new Float64Array(2500).fill(0.5);
  const models = {
    bundled: hex(new Uint8Array(readFileSync(join(root, 'models', 'boundary_int8.tflite')))),
    mini: hex(buildBoundaryGraph(randomBoundaryWeights(11, MINI), 'int8', MINI)),
    // The same miniature in integer numerics (int8 weights into FC/CONV, dynamic int8 attention products).
    miniInt: hex(buildBoundaryGraph(randomBoundaryWeights(11, MINI), 'integer', MINI)),
    // The shipped micro model (docs/micro.md): small enough for every engine on full 10-s windows.
    micro: hex(new Uint8Array(readFileSync(join(root, 'models', 'micro_int8.tflite')))),
  };
  const cases = [];
  for (const [name, x] of Object.entries(inputs)) {
    const full = rankNormalize(x);
    cases.push({ name: `bundled/${name}`, model: 'bundled', frames: 500, input: hex(full) });
    cases.push({ name: `mini/${name}`, model: 'mini', frames: 100, input: hex(rankNormalize(x.subarray(0, 500))) });
    const small = hex(rankNormalize(x.subarray(0, 500)));
    cases.push({ name: `miniInt/${name}`, model: 'miniInt', frames: 100, input: small });
    cases.push({ name: `micro/${name}`, model: 'micro', frames: 500, input: hex(full) });
  }
  // Preprocessing on each engine: 5 s of LUDB 1 lead II at 500 Hz resampled to 250, 360 and 128 Hz.
  const ii = Float64Array.from(rec.signals.find((s) => s.name === 'ii').physical.subarray(0, 2500));
  for (const fsOut of [250, 360, 128])
    cases.push({ name: `pre/ludb1_ii_500to${fsOut}`, model: 'pre', fsIn: 500, fsOut, raw: hex(ii) });
  // The EDF reader (pure over bytes): an EDF+C file with two rates and annotations, whole and partly read.
  const iiAll = rec.signals.find((s) => s.name === 'ii').physical;
  const v1 = rec.signals.find((s) => s.name === 'v1').physical;
  const edf = writeEdf({
    signals: [
      {
        label: 'ii',
        samplesPerRecord: 500,
        physMin: -32.768,
        physMax: 32.767,
        digMin: -32768,
        digMax: 32767,
        unit: 'mV',
        digital: Int32Array.from(iiAll, (v) => Math.round(v * 1000)),
      },
      {
        label: 'v1',
        samplesPerRecord: 250,
        physMin: -32.768,
        physMax: 32.767,
        digMin: -32768,
        digMax: 32767,
        unit: 'mV',
        digital: Int32Array.from({ length: 2500 }, (_, i) => Math.round(v1[2 * i] * 1000)),
      },
    ],
    recordDuration: 1,
    nRecords: 10,
    format: 'EDF+C',
    annotations: Array.from({ length: 10 }, (_, k) => [`+${k}\x14\x14\x00`, `+${k}.25\x150.5\x14N\x14\x00`]),
    annotationBytes: 60,
  });
  cases.push({ name: 'edf/ludb1_whole', model: 'edf', raw: hex(edf), opts: {} });
  cases.push({ name: 'edf/ludb1_2.5to7.25s', model: 'edf', raw: hex(edf), opts: { from: 2.5, to: 7.25 } });
  // The WFDB readers (pure over bytes): the MIT-BIH 119 excerpt (format 212, with its annotations) and its FLAC copies.
  const wfdbCase = (name, dir, rec, ann) => {
    const hea = readFileSync(join(dir, rec + '.hea'), 'latin1');
    const files = {};
    for (const line of hea.split('\n').slice(1)) {
      const f = line.trim().split(/\s+/)[0];
      if (f && f[0] !== '#' && !files[f]) files[f] = hex(new Uint8Array(readFileSync(join(dir, f))));
    }
    const c = { name, model: 'wfdb', hea, files };
    if (ann) c.ann = hex(new Uint8Array(readFileSync(join(dir, rec + '.' + ann))));
    cases.push(c);
  };
  wfdbCase('wfdb/mitdb119_212', join(root, 'test', 'fixtures', 'mitdb'), '119', 'atr');
  for (const f of ['508', '516', '524'])
    wfdbCase(`wfdb/mitdb119_flac${f}`, join(root, 'test', 'fixtures', 'flac'), `119_${f}`);
  // The beat and rhythm classifiers on features of real excerpts (MIT-BIH 119, 107, 201 fixtures).
  models.beat = hex(new Uint8Array(readFileSync(join(root, 'models', 'beat_int8.tflite'))));
  models.rhythm = hex(new Uint8Array(readFileSync(join(root, 'models', 'rhythm_int8.tflite'))));
  const det = Inference.createSync({
    model: new Uint8Array(readFileSync(join(root, 'models', 'boundary_int8.tflite'))),
  });
  for (const r of ['119', '107', '201']) {
    const m = loadMitdbRecord(join(root, 'test', 'fixtures', 'mitdb'), r);
    const input = classifyInputOf(det.delineator, m.rec.signals[0].physical, m.rec.fs);
    const labels = det.classifier.beats(input);
    const f = beatFeatures(
      input,
      labels.map((l) => l.r),
    );
    for (const i of [0, 5, 10])
      cases.push({
        name: `beat/${r}_${i}`,
        model: 'beat',
        classes: 5,
        input: hex(f.subarray(i * BEAT_FEATURES, (i + 1) * BEAT_FEATURES)),
      });
    cases.push({
      name: `rhythm/${r}`,
      model: 'rhythm',
      classes: 6,
      input: hex(rhythmFeatures(input, labels, windowAfib(input))),
    });
  }
  return { models, cases };
}
