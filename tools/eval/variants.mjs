// Chooses the bundled boundary model among the converter's variants of the same weights, by measurement:
//   float32   float weights (the accuracy reference)
//   int8      weight-only int8 (DEQUANTIZE → float kernels)
//   hybrid    int8 weights fed to FULLY_CONNECTED and CONV_2D (dynamic activation quantisation, integer GEMMs)
//   integer   hybrid + the numerics hint that runs the attention products in dynamic int8 (engine/numerics.ts)
// Each is scored with this engine (wasm backend) on LUDB dev (lead II macro-F1), the QTDB protocol windows
// (macro-F1, every record's window) and MIT-BIH devA + devB (QRS F1), and timed (median wasm latency per 10-s window, alternating).
// The bundled variant is the fastest whose every score is at least the float32 score − 0.002.
//   node tools/eval/variants.mjs --ludb <dir> --qtdb <dir> --mitdb <dir> --split <split.json> [--weights f]
//        [--rounds 20] [--write]
// --write: the chosen variant becomes models/boundary_int8.tflite; the table goes to models/boundary.variants.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readSafetensors } from '../../build/tools/convert/safetensors.js';
import { buildBoundaryGraph } from '../../build/tools/convert/boundary-graph.js';
import { Inference, loadModelSync, rankNormalize } from '../../dist/node.js';
import { ludbWindows, qtdbWindows, scoreWindows } from '../../dist/eval/protocols.js';
import { wavesToBoundaries } from '../../dist/ecg/decode.js';
import { evalMitdb } from '../../dist/cli/eval-mitdb.js';
import { MITDB_SPLIT } from '../../dist/datasets/mitdb.js';
import { withVariants } from './variants-card.mjs';

const arg = (k, d) => {
  const i = process.argv.indexOf('--' + k);
  return i >= 0 ? process.argv[i + 1] : d;
};
const need = (k) => {
  const v = arg(k);
  if (!v) {
    console.error(
      'usage: node tools/eval/variants.mjs --ludb <dir> --qtdb <dir> --mitdb <dir> --split <split.json> [--write]',
    );
    process.exit(2);
  }
  return v;
};
const ludb = need('ludb'),
  qtdb = need('qtdb'),
  mitdb = need('mitdb');
const split = JSON.parse(readFileSync(need('split'), 'utf8'));
const weights = readSafetensors(new Uint8Array(readFileSync(arg('weights', 'models/boundary.safetensors'))));
const ROUNDS = Number(arg('rounds', 20));
const TOLERANCE = 0.002;
const round = (x) => Math.round(x * 10000) / 10000;

const variants = ['float32', 'int8', 'hybrid', 'integer'].map((quant) => ({
  quant,
  bytes: buildBoundaryGraph(weights, quant),
}));
const winLudb = ludbWindows(ludb, { records: split.dev, lead: 'ii' });
// QTDB: every record's protocol window with a QRS (no T-onset filter: the shared records are not the T subset).
const winQt = qtdbWindows(qtdb, { minTRatio: 0 });
const macro = (model, wins) => {
  const det = Inference.createSync({ model, backend: 'wasm' });
  const preds = wins.map((w) => wavesToBoundaries(det.predict(w.signal, { fs: 250 }).waves));
  return round(scoreWindows(wins, preds).macroF1);
};
const mitF1 = (model) => {
  const res = evalMitdb(Inference.createSync({ model, backend: 'wasm' }), mitdb, {
    records: [...MITDB_SPLIT.devA, ...MITDB_SPLIT.devB],
  });
  const q = res.gross.qrs;
  return round((2 * q.tp) / (2 * q.tp + q.fn + q.fp));
};

for (const v of variants) {
  v.ludbDevLeadII = macro(v.bytes, winLudb);
  v.qtdb = macro(v.bytes, winQt);
  v.mitdbQrsF1 = mitF1(v.bytes);
  console.log(`${v.quant}: LUDB dev II ${v.ludbDevLeadII}, QTDB ${v.qtdb}, MIT-BIH devA+devB QRS F1 ${v.mitdbQrsF1}`);
}

// Latency: one 10-s LUDB dev window, every variant in turn each round (rotating the order), medians.
const x = rankNormalize(Float32Array.from(winLudb[0].signal));
const models = variants.map((v) => loadModelSync(v.bytes, { backend: 'wasm' }));
for (let i = 0; i < 3; i++) models.forEach((m) => m.run([x]));
const times = variants.map(() => []);
for (let r = 0; r < ROUNDS; r++)
  for (let j = 0; j < models.length; j++) {
    const i = (j + r) % models.length;
    const t0 = performance.now();
    models[i].run([x]);
    times[i].push(performance.now() - t0);
  }
const median = (a) => {
  const s = a.slice().sort((p, q) => p - q);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
variants.forEach((v, i) => (v.wasmMs = round(median(times[i]))));

const ref = variants[0];
const keys = ['ludbDevLeadII', 'qtdb', 'mitdbQrsF1'];
for (const v of variants) v.withinTolerance = keys.every((k) => v[k] >= ref[k] - TOLERANCE);
const chosen = variants.filter((v) => v.withinTolerance).reduce((a, b) => (b.wasmMs < a.wasmMs ? b : a));
const table = variants.map(({ bytes, ...v }) => ({
  ...v,
  bytes: bytes.length,
  sha256: createHash('sha256').update(bytes).digest('hex'),
}));
console.log('| variant | LUDB dev II | QTDB | MIT-BIH QRS F1 | wasm ms | within 0.002 |\n|---|---|---|---|---|---|');
for (const v of table)
  console.log(
    `| ${v.quant} | ${v.ludbDevLeadII} | ${v.qtdb} | ${v.mitdbQrsF1} | ${v.wasmMs.toFixed(1)} | ${v.withinTolerance} |`,
  );
console.log(`chosen: ${chosen.quant}`);
if (process.argv.includes('--write')) {
  const json = {
    rule: `the fastest variant whose LUDB dev lead II, QTDB and MIT-BIH devA+devB QRS F1 are each ≥ float32 − ${TOLERANCE}`,
    node: process.version,
    ludbDevWindows: winLudb.length,
    qtdbWindows: winQt.length,
    chosen: chosen.quant,
    variants: table,
  };
  writeFileSync('models/boundary_int8.tflite', chosen.bytes);
  writeFileSync('models/boundary.variants.json', JSON.stringify(json, null, 1) + '\n');
  writeFileSync('models/MODEL_CARD.md', withVariants(readFileSync('models/MODEL_CARD.md', 'utf8'), json));
  console.log('wrote models/boundary_int8.tflite, models/boundary.variants.json and the card section');
}
process.exit(0);
