// `npm run bench:micro`: the micro model (docs/micro.md) per 10-s window on every engine here — Duktape (duk, the ES5
// bundle), QuickJS (quickjs-emscripten, the ES5 bundle), Node JS and WASM backends — medians of timed runs after
// warm-ups: `predict` (rank-normalise, model, decode) of one 2500-sample window at 250 Hz, and the full pipeline
// `report` (predict + beat search + beat/rhythm classifiers + report). The window is LUDB 4 lead II (samples/).
// Writes bench/results/micro.json; the README's table is `microMarkdown()` of bench/readme-table.mjs.
//   node bench/micro.mjs [--rounds 9]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join, dirname } from 'node:path';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Inference, readWfdbRecord, resample } from '../dist/node.js';
import { modelStats } from '../tools/convert/model-stats.mjs';
import { readModelFile } from '../dist/models-path.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const ri = process.argv.indexOf('--rounds');
const ROUNDS = ri > 0 ? Number(process.argv[ri + 1]) : 9;
const rec = readWfdbRecord(join(ROOT, 'samples', 'ludb-4'));
const ii = rec.signals.find((s) => s.name === 'ii').physical;
const window = Array.from(resample(ii, rec.fs, 250).subarray(0, 2500));
const median = (xs) => xs.slice().sort((a, b) => a - b)[xs.length >> 1];

// The same timing loop for every engine (ES5, Date.now: the embedded engines have no performance.now).
const timing = (rounds) => `
function __median(xs) { xs.sort(function (a, b) { return a - b; }); return xs[xs.length >> 1]; }
function __time(f, rounds) { f(); f(); var t = []; for (var i = 0; i < rounds; i++) { var t0 = Date.now(); f(); t.push(Date.now() - t0); } return __median(t); }
var __inf = openecg.Inference.createSync({ model: 'micro' });
var __res = { predictMs: __time(function () { __inf.predict(WINDOW, { fs: 250 }); }, ${rounds}),
  reportMs: __time(function () { __inf.report(WINDOW, { fs: 250 }); }, ${rounds}) };
`;
const es5 = readFileSync(join(ROOT, 'build', 'openecg-es5.js'), 'utf8');
const script = (rounds) => `${es5}\nvar WINDOW = ${JSON.stringify(window)};\n${timing(rounds)}`;

const engines = {};
// Duktape.
{
  const file = join(ROOT, 'build', 'bench-micro-duk.js');
  writeFileSync(file, script(ROUNDS) + 'print(JSON.stringify(__res));\n');
  const r = spawnSync('duk', [file], { encoding: 'utf8', timeout: 600000 });
  engines.duktape = r.error || r.status !== 0 ? null : JSON.parse(r.stdout.trim().split('\n').pop());
}
// QuickJS (WebAssembly build of QuickJS, the same bytecode interpreter).
try {
  const { getQuickJS } = await import('quickjs-emscripten');
  const vm = (await getQuickJS()).newContext();
  const res = vm.evalCode(script(ROUNDS) + 'JSON.stringify(__res);');
  if (res.error) throw new Error(JSON.stringify(vm.dump(res.error)));
  engines.quickjs = JSON.parse(vm.dump(res.value));
  res.value.dispose();
  vm.dispose();
} catch {
  engines.quickjs = null;
}
// Node, both backends (performance.now, more rounds: they are fast).
for (const backend of ['js', 'wasm']) {
  const inf = Inference.createSync({ model: 'micro', backend });
  const time = (f) => {
    for (let i = 0; i < 5; i++) f();
    const t = [];
    for (let i = 0; i < 5 * ROUNDS; i++) {
      const t0 = performance.now();
      f();
      t.push(performance.now() - t0);
    }
    return median(t);
  };
  engines[`node-${backend}`] = {
    predictMs: time(() => inf.predict(window, { fs: 250 })),
    reportMs: time(() => inf.report(window, { fs: 250 })),
  };
}
const results = {
  date: new Date().toISOString(),
  node: process.version,
  cpu: `${cpus()[0].model.split(' ').slice(0, 2).join(' ')}, ${cpus().length} cores`,
  rounds: ROUNDS,
  model: modelStats(readModelFile('micro')),
  engines,
};
mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
writeFileSync(join(ROOT, 'bench', 'results', 'micro.json'), JSON.stringify(results, null, 1) + '\n');
for (const [k, v] of Object.entries(engines))
  console.log(
    `${k.padEnd(10)} ${v ? `predict ${v.predictMs.toFixed(1)} ms, report ${v.reportMs.toFixed(1)} ms` : 'not found'}`,
  );
