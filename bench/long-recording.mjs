// End-to-end delineation of a long single-lead recording at 250 Hz, synthesised from real beats
// (LUDB record 1, lead II, repeated with slowly varying gain and baseline), through the worker pool.
//   node bench/long-recording.mjs [hours = 24] [workers = 2]
// Reports wall time, windows/s, and peak RSS of the main process (workers add their own engines).
import { join } from 'node:path';
import { Pool, readWfdbRecord, resample } from '../dist/node.js';

const hours = Number(process.argv[2] ?? 24),
  workers = Number(process.argv[3] ?? 2);
const ii = resample(readWfdbRecord(join('test', 'fixtures', 'ludb', '1')).signals[1].physical, 500, 250);
const n = Math.round(hours * 3600 * 250);
const sig = new Float32Array(n);
for (let i = 0; i < n; i++) sig[i] = ii[i % 2500] * (1 + 0.1 * Math.sin(i / 900000)) + 0.2 * Math.sin(i / 40000);
const pool = await Pool.create({ size: workers });
let peak = process.memoryUsage().rss;
const timer = setInterval(() => {
  peak = Math.max(peak, process.memoryUsage().rss);
}, 200);
const t0 = performance.now();
let windows = 0;
const d = await pool.predict(sig, {
  fs: 250,
  onProgress: (i) => {
    windows = i;
  },
});
const s = (performance.now() - t0) / 1000;
clearInterval(timer);
peak = Math.max(peak, process.memoryUsage().rss);
await pool.close();
console.log(
  JSON.stringify({
    hours,
    samples: n,
    workers,
    windows,
    seconds: +s.toFixed(1),
    minutes: +(s / 60).toFixed(2),
    windowsPerSecond: +(windows / s).toFixed(2),
    beats: d.beats.length,
    peakRssMB: Math.round(peak / 1048576),
    minutesFor24hAtThisRate: +(14400 / (windows / s) / 60).toFixed(1),
  }),
);
