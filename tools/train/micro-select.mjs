// Chooses the micro model among trained candidates and measures it (docs/micro.md).
//   node tools/train/micro-select.mjs --ludb <dir> --mitdb <dir> --split train-work/data/split.json <ckpt dir>...
//        [--baseline models/boundary_int8.tflite] [--write]   (--baseline: that model measured the same way, beside;
//                     --write: the chosen one → models/micro_int8.tflite, models/micro.safetensors,
//                     models/micro.selection.json; then `node tools/convert/embed-micro.mjs`)
// Each candidate is its run's last epoch (no epoch choice: a fixed cosine schedule), converted as shipped
// ('hybrid': int8 weights into the FCs). Splits by record: the LUDB dev records of the boundary model's split are
// halved (even positions: microDevA, odd: microDevB); microDevA (lead II) and MIT-BIH devA (EC57 rules, bxb's
// defaults) choose the candidate (mean of LUDB macro-F1 and MIT-BIH QRS F1); microDevB and MIT-BIH devB are never
// used for a choice and are the numbers to report.
import { readFileSync, writeFileSync, readdirSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { readSafetensors } from '../../build/tools/convert/safetensors.js';
import { buildMicroGraph, microDimsOf } from '../../build/tools/convert/micro-graph.js';
import { Inference } from '../../dist/node.js';
import { ludbWindows, scoreWindows } from '../../dist/eval/protocols.js';
import { wavesToBoundaries } from '../../dist/ecg/decode.js';
import { evalEc57 } from '../../dist/cli/eval-ec57.js';
import { MITDB_SPLIT } from '../../dist/datasets/mitdb.js';
import { modelStats } from '../convert/model-stats.mjs';

const argv = process.argv.slice(2);
const arg = (k) => {
  const i = argv.indexOf('--' + k);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ludb = arg('ludb'),
  mitdb = arg('mitdb'),
  split = JSON.parse(readFileSync(arg('split') ?? 'train-work/data/split.json', 'utf8'));
const flagged = new Set(['--ludb', '--mitdb', '--split', '--baseline']);
const dirs = argv.filter((a, i) => !a.startsWith('--') && !flagged.has(argv[i - 1]));
if (!ludb || !mitdb || !dirs.length) {
  console.error('usage: micro-select.mjs --ludb <dir> --mitdb <dir> [--split split.json] <ckpt dir>... [--write]');
  process.exit(2);
}
export const microDevA = split.dev.filter((_, i) => i % 2 === 0);
export const microDevB = split.dev.filter((_, i) => i % 2 === 1);
const round = (x) => Math.round(x * 10000) / 10000;

function ludbScore(inf, records) {
  const wins = ludbWindows(ludb, { records, lead: 'ii' });
  const s = scoreWindows(
    wins,
    wins.map((w) => wavesToBoundaries(inf.predict(w.signal, { fs: 250 }).waves)),
  );
  return {
    records: records.length,
    macroF1: round(s.macroF1),
    f1: Object.fromEntries(Object.entries(s.boundaries).map(([k, b]) => [k, round(b.f1)])),
  };
}
function ec57Score(inf, records) {
  const r = evalEc57(inf, mitdb, { records });
  const q = r.gross.qrs;
  const tp = q.tp ?? null;
  return {
    se: round(q.se),
    ppv: round(q.ppv),
    f1: round((2 * q.se * q.ppv) / (q.se + q.ppv)),
    ...(tp !== null ? { tp, fn: q.fn, fp: q.fp } : {}),
    records: r.records.map((x) => ({ record: x.record, se: round(x.qrs.se), ppv: round(x.qrs.ppv) })),
  };
}

const rows = [];
for (const dir of dirs) {
  const last = readdirSync(dir)
    .filter((f) => /^epoch_\d+\.safetensors$/.test(f))
    .sort()
    .pop();
  if (!last) throw new Error(`${dir}: no epoch file`);
  const file = join(dir, last);
  const w = readSafetensors(new Uint8Array(readFileSync(file)));
  const cfg = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8'));
  const bytes = buildMicroGraph(w, 'hybrid', microDimsOf(w, cfg.dilations));
  const inf = Inference.createSync({ model: bytes, backend: 'js' });
  const row = {
    file,
    stats: modelStats(bytes),
    ludbDevA: ludbScore(inf, microDevA),
    mitdbDevA: ec57Score(inf, MITDB_SPLIT.devA),
  };
  row.score = round((row.ludbDevA.macroF1 + row.mitdbDevA.f1) / 2);
  rows.push({ row, bytes, inf });
  console.log(
    `${file}: ${row.stats.macsPerWindow} MACs; LUDB microDevA macro-F1 ${row.ludbDevA.macroF1}, ` +
      `MIT-BIH devA Se ${row.mitdbDevA.se} +P ${row.mitdbDevA.ppv}, score ${row.score}`,
  );
}
const best = rows.reduce((a, b) => (b.row.score > a.row.score ? b : a));
best.row.ludbDevB = ludbScore(best.inf, microDevB);
best.row.mitdbDevB = ec57Score(best.inf, MITDB_SPLIT.devB);
console.log(
  `chosen ${best.row.file}: untouched LUDB microDevB macro-F1 ${best.row.ludbDevB.macroF1} ` +
    `(${JSON.stringify(best.row.ludbDevB.f1)}), MIT-BIH devB EC57 Se ${best.row.mitdbDevB.se} +P ${best.row.mitdbDevB.ppv} ` +
    `(${best.row.mitdbDevB.records.map((r) => `${r.record} ${r.se}/${r.ppv}`).join(', ')})`,
);
let baseline = null;
if (arg('baseline')) {
  const inf = Inference.createSync({ model: new Uint8Array(readFileSync(arg('baseline'))) }); // WASM: same bytes
  baseline = {
    file: arg('baseline'),
    ludbDevB: ludbScore(inf, microDevB),
    mitdbDevB: ec57Score(inf, MITDB_SPLIT.devB),
  };
  console.log(
    `baseline ${baseline.file}: LUDB microDevB macro-F1 ${baseline.ludbDevB.macroF1} ` +
      `(${JSON.stringify(baseline.ludbDevB.f1)}), MIT-BIH devB EC57 Se ${baseline.mitdbDevB.se} +P ` +
      `${baseline.mitdbDevB.ppv} (${baseline.mitdbDevB.records.map((r) => `${r.record} ${r.se}/${r.ppv}`).join(', ')})`,
  );
}
if (argv.includes('--write')) {
  writeFileSync('models/micro_int8.tflite', best.bytes);
  copyFileSync(best.row.file, 'models/micro.safetensors');
  copyFileSync(join(best.row.file, '..', 'config.json'), 'models/micro.config.json');
  writeFileSync(
    'models/micro.selection.json',
    JSON.stringify(
      {
        microDevA,
        microDevB,
        mitdbDevA: MITDB_SPLIT.devA,
        mitdbDevB: MITDB_SPLIT.devB,
        candidates: rows.map((r) => r.row),
        chosen: best.row.file,
        baseline,
      },
      null,
      1,
    ) + '\n',
  );
  console.log(
    'wrote models/micro_int8.tflite, models/micro.safetensors, models/micro.config.json, models/micro.selection.json',
  );
}
