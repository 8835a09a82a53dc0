// Cost of the learned beat and rhythm classifiers next to the boundary model, per 10-s window:
// median of N runs of (a) the delineation (boundary model + decode) and (b) the classification of the same
// delineation (beat features + beat model per beat, rhythm features + rhythm model), same process, alternating.
//   node bench/classifier.mjs [--runs 30] [--backend wasm|js]
import { statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Inference, readWfdbRecord, samplePath } from '../dist/node.js';
import { repairSignal } from '../dist/delineate/repair.js';
import { detectPacerSpikesLocalized } from '../dist/classify/pacer.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const opt = (k, d) => {
  const i = process.argv.indexOf('--' + k);
  return i > 0 ? process.argv[i + 1] : d;
};
const runs = Number(opt('runs', 30));
const backend = opt('backend', 'wasm');
const det = Inference.createSync({ backend });
const rec = readWfdbRecord(samplePath('ludb-4'));
const x = rec.signals.find((s) => s.name === 'ii').physical; // 10 s at 500 Hz
const fs = rec.fs;
const tDel = [],
  tCls = [];
let d;
for (let k = 0; k < runs + 3; k++) {
  let t = process.hrtime.bigint();
  d = det.predict(x, { fs });
  const a = Number(process.hrtime.bigint() - t) / 1e6;
  t = process.hrtime.bigint();
  const { x: xr } = repairSignal(x, fs);
  const input = { x: xr, fs, delineation: d, spikes: detectPacerSpikesLocalized(xr, fs, d.beats) };
  const labels = det.classifier.beats(input);
  det.classifier.rhythm(input, labels);
  const b = Number(process.hrtime.bigint() - t) / 1e6;
  if (k >= 3) {
    tDel.push(a);
    tCls.push(b);
  }
}
const med = (v) => v.slice().sort((p, q) => p - q)[v.length >> 1];
const size = ['beat_int8.tflite', 'rhythm_int8.tflite'].map((f) => statSync(join(root, 'models', f)).size);
console.log(`backend ${backend}, ${runs} runs, 10-s LUDB window (${d.beats.length} beats)`);
console.log(
  `delineation (boundary model): ${med(tDel).toFixed(2)} ms; classification (beat + rhythm models and features): ${med(tCls).toFixed(3)} ms`,
);
console.log(
  `classification / delineation: ${((100 * med(tCls)) / med(tDel)).toFixed(2)} %; model files ${size[0]} + ${size[1]} bytes`,
);
