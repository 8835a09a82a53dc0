// What the beat search (ecg/beat-search.ts) costs on top of the delineation: Delineator.predict vs predictBeats on
// the same recording, medians of N runs, one thread.
//   node bench/beat-search.mjs <record path without .hea> [runs]    (default: the bundled ludb-4 sample, tiled to 30 min)
import { Inference, readWfdbRecord, samplePath } from '../dist/node.js';

const [path, runsArg] = process.argv.slice(2);
const runs = Number(runsArg ?? 3);
const rec = readWfdbRecord(path ?? samplePath('ludb-4'));
let x = rec.signals[path ? 0 : 1].physical;
if (!path) {
  const tiled = new Float64Array(rec.fs * 1800);
  for (let i = 0; i < tiled.length; i++) tiled[i] = x[i % x.length];
  x = tiled;
}
const det = await Inference.create();
const median = (v) => v.sort((a, b) => a - b)[v.length >> 1];
const time = (f) => {
  const t = [];
  for (let k = 0; k < runs; k++) {
    const t0 = performance.now();
    f();
    t.push(performance.now() - t0);
  }
  return median(t);
};
const a = time(() => det.delineator.predict(x, { fs: rec.fs }));
const b = time(() => det.delineator.predictBeats(x, { fs: rec.fs }));
const s = x.length / rec.fs;
console.log(
  `${(s / 60).toFixed(1)} min at ${rec.fs} Hz, backend ${det.delineator.model.backend}: predict ${(a / 1000).toFixed(2)} s, ` +
    `predictBeats ${(b / 1000).toFixed(2)} s (+${((100 * (b - a)) / a).toFixed(1)} %)`,
);
