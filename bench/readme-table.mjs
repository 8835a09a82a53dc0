// The README's benchmark table and its headline ratio, from bench/results.json (written by `npm run bench`).
//   node bench/readme-table.mjs   → the markdown (test/readme-numbers.test.mjs checks the README holds it)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const f1 = (v) => (v === null || v === undefined ? '–' : v.toFixed(1));
const f0 = (v) => (v === null || v === undefined ? '–' : v.toFixed(0));

export function benchMarkdown(results = JSON.parse(readFileSync(join(ROOT, 'bench', 'results.json'), 'utf8'))) {
  const rows = Object.entries(results.models).map(([name, m]) => {
    const bundled = name === results.bundled;
    const label = bundled ? `**${name} (bundled)**` : name;
    const ours = bundled ? `**${f1(m.oursWasmMs)}**` : f1(m.oursWasmMs);
    return (
      `| ${label} | ${ours} | ${f1(m.litertMs)} | ${m.ratioWasmToLitert.toFixed(2)} | ${f1(m.ortWebMs)} | ` +
      `${f1(m.ortNodeMs)} | ${f1(m.ortNode2Ms)} | ${f0(m.oursJsMs)} |`
    );
  });
  const b = results.bar;
  return [
    `Run of ${results.date.slice(0, 10)}, Node ${results.node}${results.cpu ? `, ${results.cpu}` : ''}, medians of ` +
      `${results.rounds} runs:`,
    '',
    '| variant | ours, WASM (ms) | LiteRT.js (ms) | ours / LiteRT | ORT-web WASM (ms) | ORT native, 1 thread (ms) | ' +
      'ORT native, 2 threads (ms) | ours, JS (ms) |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    `Against LiteRT.js's fastest variant of the same weights (${b.litertBestVariant}, ${f1(b.litertBestMs)} ms), ours ` +
      `(${b.oursBundled}, ${f1(b.oursMs)} ms): **${b.ratio.toFixed(2)} ×**.`,
  ].join('\n');
}

/** The per-op profile of the same run: each op's time per window and its rate against the GEMM peaks. */
export function opsMarkdown(results = JSON.parse(readFileSync(join(ROOT, 'bench', 'results.json'), 'utf8'))) {
  const f32 = results.gemmPeakGflops / 2,
    int = results.intGemmPeakGops / 2; // a multiply-add is two operations
  const rows = Object.entries(results.profile).map(
    ([op, p]) =>
      `| ${op} | ${p.ms.toFixed(2)} | ${p.gmacs === null ? '–' : p.gmacs.toFixed(1)} | ` +
      `${p.ofPeak === null ? '–' : `${p.ofPeak.toFixed(2)} (${p.peak})`} |`,
  );
  return [
    `Per op, WASM backend, bundled file, same run; peaks of our GEMM kernels on cache-resident operands: f32 ` +
      `${f32.toFixed(1)} GMAC/s, integer (\`i32x4.dot_i16x8_s\`) ${int.toFixed(1)} GMAC/s:`,
    '',
    '| op (backend), bundled model | ms per window | GMAC/s | of its peak |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1])
  console.log(benchMarkdown() + '\n\n' + opsMarkdown());

/** The micro model's table (bench/results/micro.json, written by `npm run bench:micro`). */
export function microMarkdown(
  results = JSON.parse(readFileSync(join(ROOT, 'bench', 'results', 'micro.json'), 'utf8')),
) {
  const names = { duktape: 'Duktape (`duk`, ES5 bundle)', quickjs: 'QuickJS (quickjs-emscripten, ES5 bundle)' };
  names['node-js'] = 'Node, JS backend';
  names['node-wasm'] = 'Node, WASM backend';
  const ms = (v) => (v < 10 ? v.toFixed(2) : v.toFixed(0));
  const rows = Object.entries(results.engines).map(([k, v]) =>
    v
      ? `| ${names[k] ?? k} | ${ms(v.predictMs)} | ${ms(v.reportMs)} |`
      : `| ${names[k] ?? k} | not found | not found |`,
  );
  const m = results.model;
  return [
    `Run of ${results.date.slice(0, 10)}, Node ${results.node}, ${results.cpu}, medians of ${results.rounds} runs ` +
      `(Node: ${5 * results.rounds}); the model: ${m.int8WeightBytes.toLocaleString('en')} bytes of int8 weights, ` +
      `${m.arenaBytes.toLocaleString('en')}-byte arena, ${m.macsPerWindow.toLocaleString('en')} MACs per window:`,
    '',
    '| engine | `predict`, one 10-s window (ms) | `report`: predict + beats + classifiers + report (ms) |',
    '|---|---|---|',
    ...rows,
  ].join('\n');
}
