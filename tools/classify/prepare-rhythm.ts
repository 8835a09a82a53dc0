// Stage 2 of the rhythm classifier's training: per 10-s window, the features of classify/rhythm-features.ts
// over the delineation and the bundled beat classifier's labels (what inference computes), and a label.
//
//   node build/tools/classify/prepare-rhythm.js --ludb <dir> --ludb-delin <dir> --ludb-split <split.json>
//        --mitdb <dir> --mitdb-delin <dir> --out <dir>
//
// LUDB: one window per record (lead II), labelled from ludb.csv (datasets/ludb.ts ludbRhythmClass).
// MIT-BIH: windows of 10 s every 10 s that lie
// inside one rhythm annotation: (N / (SBR / (B / (T → sinus, or bbb when most of the window's reference
// beats are L or R; (AFIB / (AFL → afib; (VT / (IVR → ventricular; (P → paced; (BII → avb; other rhythms
// (SVTA, NOD, AB, PREX, VFL) are left out. devB records are written but only reported (the beat model
// trained on every other MIT-BIH record, devA included, so devB is the one untouched MIT-BIH check).
// Split: LUDB dev records select the epoch (optimistic), MIT-BIH devB is the untouched second check.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { listRecords, ludbDiagnoses } from '../../src/ts/datasets/ludb.js';
import { loadMitdbRecord, MITDB_SPLIT } from '../../src/ts/datasets/mitdb.js';
import { readWfdbRecord } from '../../src/ts/io/wfdb-node.js';
import { bundledLearnedClassifier } from '../../src/ts/classify/learned-classifier.js';
import { windowOf } from '../../src/ts/classify/classifier.js';
import { rulesClassifier } from '../../src/ts/classify/rules-classifier.js';
import { rhythmFeatures, windowAfib, RHYTHM_FEATURES, RHYTHM_SCALARS } from '../../src/ts/classify/rhythm-features.js';
import { RHYTHM_NAMES } from '../../src/ts/classify/classes.js';
import { writeNpy } from '../../src/ts/io/npy.js';
import { inputOf, type Cached } from './cached-input.js';
import { argValue } from './args.js';

const MIT_RHYTHM: Record<string, string> = {
  N: 'sinus',
  SBR: 'sinus',
  B: 'sinus',
  T: 'sinus',
  AFIB: 'afib',
  AFL: 'afib',
  VT: 'ventricular',
  IVR: 'ventricular',
  P: 'paced',
  BII: 'avb',
};
const out = argValue('out');
mkdirSync(out, { recursive: true });
const cls = bundledLearnedClassifier('js'); // the same bits as wasm;
const rows: Float32Array[] = [];
const ys: number[] = [];
const rules: number[] = []; // the rules classifier's answer per window: the baseline
const recs: number[] = [];
const names: string[] = [];

const ludb = argValue('ludb');
const ludbDelin = argValue('ludb-delin');
const ludbDev: string[] = JSON.parse(readFileSync(argValue('ludb-split'), 'utf8')).dev;
const diag = ludbDiagnoses(ludb);
for (const r of listRecords(ludb)) {
  if (!diag[r]) continue;
  const cached: Cached = JSON.parse(readFileSync(join(ludbDelin, `${r}.json`), 'utf8'));
  const rec = readWfdbRecord(join(ludb, r));
  const input = inputOf(rec.signals.find((s) => s.name === cached.lead)!.physical, cached);
  const labels = cls.beats(input);
  rows.push(rhythmFeatures(input, labels, windowAfib(input)));
  rules.push(rulesClassifier.rhythm(input, rulesClassifier.beats(input)).rhythm);
  ys.push(RHYTHM_NAMES.indexOf(diag[r].rhythmClass));
  recs.push(names.push(`ludb/${r}`) - 1);
}

const mitdb = argValue('mitdb');
const mitDelin = argValue('mitdb-delin');
for (const r of listRecords(mitdb)) {
  const m = loadMitdbRecord(mitdb, r);
  const cached: Cached = JSON.parse(readFileSync(join(mitDelin, `${r}.json`), 'utf8'));
  const input = inputOf(m.rec.signals[0].physical, cached);
  const labels = cls.beats(input);
  const ruleLabels = rulesClassifier.beats(input);
  const k = names.push(`mitdb/${r}`) - 1;
  const win = 10 * m.rec.fs;
  for (let a = 0; a + win <= input.x.length; a += win) {
    const span = m.rhythms.find((s) => s.start <= a && s.end >= a + win);
    const cls0 = span ? MIT_RHYTHM[span.rhythm] : undefined;
    if (!cls0) continue;
    const refs = m.beats.filter((b) => b.sample >= a && b.sample < a + win);
    const bbb = refs.filter((b) => b.symbol === 'L' || b.symbol === 'R').length > refs.length / 2;
    const w = windowOf(input, labels, a, a + win);
    const sub = { ...w.input, x: input.x.subarray(a, a + win) };
    rows.push(rhythmFeatures(sub, w.labels, windowAfib(sub)));
    const rw = windowOf(input, ruleLabels, a, a + win);
    rules.push(rulesClassifier.rhythm({ ...rw.input, x: sub.x }, rw.labels).rhythm);
    ys.push(RHYTHM_NAMES.indexOf(cls0 === 'sinus' && bbb ? 'bbb' : cls0));
    recs.push(k);
  }
}

const X = new Float32Array(rows.length * RHYTHM_FEATURES);
rows.forEach((r, i) => X.set(r, i * RHYTHM_FEATURES));
writeFileSync(join(out, 'rhythm_x.npy'), writeNpy(X, [rows.length, RHYTHM_FEATURES]));
writeFileSync(join(out, 'rhythm_y.npy'), writeNpy(Int32Array.from(ys)));
writeFileSync(join(out, 'rhythm_rec.npy'), writeNpy(Int32Array.from(recs)));
writeFileSync(join(out, 'rhythm_rules.npy'), writeNpy(Int32Array.from(rules)));
const split = { devA: ludbDev.map((r) => `ludb/${r}`), devB: MITDB_SPLIT.devB.map((r) => `mitdb/${r}`) };
writeFileSync(
  join(out, 'rhythm_meta.json'),
  JSON.stringify({ classes: RHYTHM_NAMES, records: names, split, scalars: RHYTHM_SCALARS }, null, 1),
);
console.log(
  `${rows.length} windows: ` + RHYTHM_NAMES.map((c, i) => `${c} ${ys.filter((y) => y === i).length}`).join(', '),
);
