// `npm run size`: builds the distributable bundles with esbuild and reports their sizes.
//   dist/openecg.min.js   ESM, minified, portable entry (engine + WASM kernels + ECG code)
//   dist/openecg.cjs      CommonJS, same content
// Target: code ≤ 60 kB gzipped, excluding the model.
import './bundle.mjs';
import { readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';

const row = (name, file) => { const b = readFileSync(file); return { name, file, bytes: b.length, gzip: gzipSync(b, { level: 9 }).length }; };
const rows = [
  row('code: engine + kernels + ECG pipeline (ESM, minified)', 'dist/openecg.min.js'),
  row('  of which the WASM kernels (raw .wasm, SIMD)', 'build/wasm/kernels.wasm'),
  row('  and the opt-in relaxed-SIMD kernels (raw .wasm)', 'build/wasm/kernels-relaxed.wasm'),
  row('code: ES5 inference bundle (unminified)', 'build/openecg-es5.js'),
  row('model: boundary_int8.tflite', 'models/boundary_int8.tflite'),
];
console.log('| artefact | bytes | gzipped |\n|---|---|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.bytes.toLocaleString('en')} | ${r.gzip.toLocaleString('en')} |`);
const code = rows[0].gzip;
console.log(`\ncode ${(code / 1024).toFixed(1)} kB gzipped (target ≤ 60 kB): ${code <= 60 * 1024 ? 'within budget' : 'OVER BUDGET'}`);
process.exit(code <= 60 * 1024 ? 0 : 1);
