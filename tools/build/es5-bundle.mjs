// Bundles the ES5 build of the inference path (tsc -p tsconfig.es5.json → build/es5) into one
// script that defines a global `openecg` (no module system, no Node APIs): for Duktape, QuickJS
// and other embedded engines, and its minified twin (<out>.min.js).   node tools/build/es5-bundle.mjs [out.js]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { transformSync } from 'esbuild';

const root = resolve('build/es5');
const out = process.argv[2] ?? 'build/openecg-es5.js';
const mods = new Map();
function add(file) {
  const key = relative(root, file).split('\\').join('/');
  if (mods.has(key)) return key;
  const src = readFileSync(file, 'utf8');
  mods.set(key, null);
  const body = src.replace(/require\("(\.[^"]+)"\)/g, (_, p) => `__req("${add(join(dirname(file), p))}")`);
  mods.set(key, body);
  return key;
}
const entry = add(join(root, 'es5-entry.js'));
let js = '/* openecg ES5 inference bundle (engine, JS kernels, preprocessing, decoder). Generated; do not edit. */\n';
js += 'var openecg = (function () {\n"use strict";\nvar __defs = {}, __cache = {};\n';
js += 'function __req(k) { if (__cache[k]) return __cache[k].exports; var m = { exports: {} }; __cache[k] = m; __defs[k](m, m.exports); return m.exports; }\n';
for (const [k, body] of mods) js += `__defs[${JSON.stringify(k)}] = function (module, exports) {\n${body}\n};\n`;
js += `return __req(${JSON.stringify(entry)});\n})();\n`;
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, js);
console.log(`${out}: ${mods.size} modules, ${js.length} bytes`);
// The same script minified (esbuild only renames and strips: the input is ES5 already, target es5 keeps it so), for
// engines whose flash holds the source (docs/micro.md).
const min = transformSync(js, { minify: true, target: 'es5', legalComments: 'none' }).code;
const outMin = out.replace(/\.js$/, '.min.js');
writeFileSync(outMin, min);
console.log(`${outMin}: ${min.length} bytes`);

// Second file: the same bundle plus the bundled model as bytes (openecg.bundledModelBytes()).
const model = readFileSync('models/boundary_int8.tflite').toString('base64');
const withModel = js + `openecg.bundledModelBytes = function () {
  var s = ${JSON.stringify(model)}, t = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/', map = {}, i;
  for (i = 0; i < 64; i++) map[t.charAt(i)] = i;
  var pad = s.charAt(s.length - 1) === '=' ? (s.charAt(s.length - 2) === '=' ? 2 : 1) : 0;
  var out = new Uint8Array(s.length / 4 * 3 - pad), o = 0, acc;
  for (i = 0; i < s.length; i += 4) {
    acc = (map[s.charAt(i)] << 18) | (map[s.charAt(i + 1)] << 12) | ((map[s.charAt(i + 2)] || 0) << 6) | (map[s.charAt(i + 3)] || 0);
    if (o < out.length) out[o++] = (acc >> 16) & 255;
    if (o < out.length) out[o++] = (acc >> 8) & 255;
    if (o < out.length) out[o++] = acc & 255;
  }
  return out;
};
`;
const out2 = out.replace(/\.js$/, '-with-model.js');
writeFileSync(out2, withModel);
console.log(`${out2}: ${withModel.length} bytes (bundle + model)`);
