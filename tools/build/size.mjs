// `npm run size`: the distributable artefacts and their sizes (esbuild in memory: dist/ is not touched).
//   code       dist/index.js bundled and minified (ESM) — engine, WASM kernels, readers, pipeline, evaluation —
//              with the embedded weights (classify/embedded-models.js, delineate/embedded-micro.js: data) left out
//   classifier weights, the ES5 bundle, the boundary model: each its own row
// Budget: code ≤ 96 kB gzipped. It was 60 kB until the portable entry took in the bxb/EC57 scorer, the EDF, FLAC,
// ranged and PhysioNet readers, the beat search, per-beat quality and the Holter summary: all needed in browsers too.
//   node tools/build/size.mjs              → the table, exit 1 over budget
//   node tools/build/size.mjs --markdown   → only the README's table (test/readme-numbers.test.mjs compares them)
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BUDGET_GZIP = 96 * 1024;

const gz = (b) => gzipSync(b, { level: 9 }).length;
async function bundle(stubModels) {
  const plugins = stubModels
    ? [
        {
          name: 'stub-embedded-models',
          setup(b) {
            b.onLoad({ filter: /classify[\\/]embedded-models\.js$/ }, () => ({
              contents: 'export const BEAT_MODEL_B64 = "";export const RHYTHM_MODEL_B64 = "";',
              loader: 'js',
            }));
            b.onLoad({ filter: /delineate[\\/]embedded-micro\.js$/ }, () => ({
              contents:
                'export const MICRO_MODEL_NAME = "micro";export const MICRO_MODEL_B64 = "";' +
                'export function microModelBytes() { return new Uint8Array(0); }',
              loader: 'js',
            }));
          },
        },
      ]
    : [];
  const r = await build({
    entryPoints: [join(ROOT, 'dist', 'index.js')],
    bundle: true,
    platform: 'neutral',
    target: 'es2020',
    format: 'esm',
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
    write: false,
    plugins,
  });
  return r.outputFiles[0].contents;
}

export async function sizeRows() {
  const whole = await bundle(false);
  const code = await bundle(true);
  const file = (p) => readFileSync(join(ROOT, p));
  const row = (name, bytes, gzip) => ({ name, bytes, gzip });
  return [
    row('code: engine + kernels + readers + pipeline + evaluation (ESM, minified, WASM embedded)', code.length, gz(code)),
    row('of which the WASM kernels (raw `.wasm`, SIMD)', file('build/wasm/kernels.wasm').length, gz(file('build/wasm/kernels.wasm'))),
    row(
      'and the opt-in relaxed-SIMD kernels (raw `.wasm`)',
      file('build/wasm/kernels-relaxed.wasm').length,
      gz(file('build/wasm/kernels-relaxed.wasm')),
    ),
    row(
      'embedded weights (`beat_int8`, `rhythm_int8`, `micro_int8`, base64 in the bundle)',
      whole.length - code.length,
      gz(whole) - gz(code),
    ),
    row('code: ES5 inference bundle (unminified)', file('build/openecg-es5.js').length, gz(file('build/openecg-es5.js'))),
    row('model: `boundary_int8.tflite`', file('models/boundary_int8.tflite').length, gz(file('models/boundary_int8.tflite'))),
    row('model: `micro_int8.tflite` (embedded too)', file('models/micro_int8.tflite').length, gz(file('models/micro_int8.tflite'))),
  ];
}

export function sizeMarkdown(rows) {
  const n = (v) => v.toLocaleString('en');
  return ['| artefact | bytes | gzipped |', '|---|---|---|', ...rows.map((r) => `| ${r.name} | ${n(r.bytes)} | ${n(r.gzip)} |`)].join('\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = await sizeRows();
  console.log(sizeMarkdown(rows));
  if (!process.argv.includes('--markdown')) {
    const code = rows[0].gzip;
    const ok = code <= BUDGET_GZIP;
    console.log(`\ncode ${(code / 1024).toFixed(1)} kB gzipped (budget ≤ ${BUDGET_GZIP / 1024} kB): ${ok ? 'within budget' : 'OVER BUDGET'}`);
    process.exit(ok ? 0 : 1);
  }
}
