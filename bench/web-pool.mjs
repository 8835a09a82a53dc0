// Browser throughput: WebPool (module Web Workers, no cross-origin isolation) with 1 and 2
// workers against Inference.predict on the main thread, in headless Chromium on this machine.
//   node bench/web-pool.mjs [minutes=10]   (needs `npm run build` and /usr/bin/chromium or $CHROMIUM)
import { join } from 'node:path';
import { serve, launchChromium } from '../tools/conformance/serve.mjs';
import { readWfdbRecord } from '../dist/node.js';

const minutes = Number(process.argv[2] ?? 10);
const root = join(new URL('.', import.meta.url).pathname, '..');
const ii = Array.from(readWfdbRecord(join(root, 'test/fixtures/ludb/1')).signals[1].physical); // 10 s at 500 Hz
const srv = await serve(root, { isolate: false });
const ctx = await launchChromium();
try {
  const page = await ctx.newPage();
  await page.goto(`${srv.url}/web/`);
  const r = await page.evaluate(
    async ({ ii, reps }) => {
      const m = await import('/dist/openecg.min.js');
      const sig = new Float32Array(ii.length * reps);
      for (let k = 0; k < reps; k++) sig.set(ii, k * ii.length);
      const bytes = new Uint8Array(await (await fetch('/models/boundary_int8.tflite')).arrayBuffer());
      const out = { cores: navigator.hardwareConcurrency, isolated: self.crossOriginIsolated, windows: 0, rows: [] };
      const det = await m.Inference.create({ model: bytes });
      det.predict(sig.subarray(0, 5000), { fs: 500 }); // warm-up
      let t0 = performance.now();
      const ref = det.predict(sig, {
        fs: 500,
        onProgress: (d, n) => {
          out.windows = n;
        },
      });
      out.rows.push({ engine: 'Inference.predict (main thread)', s: (performance.now() - t0) / 1000 });
      for (const size of [1, 2]) {
        const pool = await m.WebPool.create({ model: bytes, size });
        await pool.predict(sig.subarray(0, 5000), { fs: 500 }); // warm-up
        t0 = performance.now();
        const got = await pool.predict(sig, { fs: 500 });
        out.rows.push({
          engine: `WebPool, ${size} worker${size > 1 ? 's' : ''}`,
          s: (performance.now() - t0) / 1000,
          same: JSON.stringify(got) === JSON.stringify(ref),
        });
        pool.close();
      }
      return out;
    },
    { ii, reps: minutes * 6 },
  );
  console.log(
    `${minutes} min of ECG at 500 Hz, ${r.windows} windows, headless Chromium, ${r.cores} logical cores, crossOriginIsolated=${r.isolated}`,
  );
  console.log('| engine | seconds | windows/s | identical to predict |\n|---|---|---|---|');
  for (const row of r.rows)
    console.log(
      `| ${row.engine} | ${row.s.toFixed(2)} | ${(r.windows / row.s).toFixed(1)} | ${row.same === undefined ? '–' : row.same ? 'yes' : 'NO'} |`,
    );
} finally {
  await ctx.close();
  srv.close();
}
