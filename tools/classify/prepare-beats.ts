// Stage 2 of the beat classifier's training: per detected beat, the features of classify/beat-features.ts
// (the code inference runs) and a label from the reference annotations.
//
//   node build/tools/classify/prepare-beats.js --mitdb <dir> --mitdb-delin <dir> [--svdb <dir> --svdb-delin <dir>]
//        [--ludb <dir> --ludb-delin <dir> --ludb-split <split.json>] --out <dir>
//
// MIT-BIH and SVDB: each detection matched (≤ 150 ms, one to one, eval/beat-match.ts) to a reference beat gets that
// beat's class (beat-classes.ts); a detection without a reference beat is 'unknown' (noise or a double
// detection — the classifier learns to refuse it), except inside ventricular-flutter spans (skipped).
// LUDB (training records only): records with a sinus rhythm diagnosis, no extrasystoles and no pacing
// give 'sinus' beats at another rate, in another population and in lead II of 12-lead recordings.
// Writes <out>/beats_x.npy [n, F] float32, beats_y.npy [n] int32, beats_rec.npy [n] int32 and beats_meta.json.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { listRecords } from '../../src/ts/datasets/ludb.js';
import { loadMitdbRecord, MITDB_SPLIT } from '../../src/ts/datasets/mitdb.js';
import { SVDB_SPLIT } from '../../src/ts/datasets/svdb.js';
import { ludbDiagnoses } from '../../src/ts/datasets/ludb.js';
import { readWfdbRecord } from '../../src/ts/io/wfdb-node.js';
import { rPeak } from '../../src/ts/ecg/r-peak.js';
import { beatFeatures, BEAT_FEATURES, SCALARS, MORPH_N } from '../../src/ts/classify/beat-features.js';
import { beatModelClassOf, BEAT_MODEL_CLASSES } from '../../src/ts/classify/beat-classes.js';
import { matchBeats } from '../../src/ts/eval/beat-match.js';
import { writeNpy } from '../../src/ts/io/npy.js';
import { inputOf, type Cached } from './cached-input.js';
import { argValue } from './args.js';

const out = argValue('out');
mkdirSync(out, { recursive: true });
const rows: Float32Array[] = [];
const ys: number[] = [];
const recs: number[] = [];
const names: string[] = [];
const counts: Record<string, number[]> = {};

/** One MIT-BIH-style database (MIT-BIH Arrhythmia, SVDB): every detection with its reference beat's class. */
function annotatedDatabase(source: string, dir: string, delinDir: string): void {
  for (const r of listRecords(dir)) {
    const m = loadMitdbRecord(dir, r);
    const cached: Cached = JSON.parse(readFileSync(join(delinDir, `${r}.json`), 'utf8'));
    const input = inputOf(m.rec.signals[0].physical, cached);
    const rs = input.delineation.beats.map((b) => rPeak(input.x, b.qrs.onset, b.qrs.offset));
    const f = beatFeatures(input, rs);
    const match = matchBeats(
      m.beats.map((b) => b.sample),
      rs,
      m.rec.fs,
    );
    const label = new Int32Array(rs.length).fill(BEAT_MODEL_CLASSES.indexOf('unknown'));
    for (const [i, j] of match.pairs) label[j] = beatModelClassOf(m.beats[i].symbol);
    const excluded = (s: number) => m.unreadable.some(([a, b]) => s >= a && s < b);
    const k = names.push(`${source}/${r}`) - 1;
    counts[`${source}/${r}`] = BEAT_MODEL_CLASSES.map(() => 0);
    rs.forEach((s, j) => {
      if (excluded(s)) return;
      rows.push(f.subarray(j * BEAT_FEATURES, (j + 1) * BEAT_FEATURES));
      ys.push(label[j]);
      recs.push(k);
      counts[`${source}/${r}`][label[j]]++;
    });
  }
}
annotatedDatabase('mitdb', argValue('mitdb'), argValue('mitdb-delin'));
if (argValue('svdb', '')) annotatedDatabase('svdb', argValue('svdb'), argValue('svdb-delin'));

const ludb = argValue('ludb', '');
if (ludb) {
  const delin = argValue('ludb-delin');
  const dev = new Set<string>(JSON.parse(readFileSync(argValue('ludb-split'), 'utf8')).dev);
  const diag = ludbDiagnoses(ludb);
  for (const r of listRecords(ludb)) {
    const dx = diag[r];
    if (!dx || dev.has(r) || dx.rhythmClass !== 'sinus' || dx.extrasystoles || dx.paced) continue;
    const rec = readWfdbRecord(join(ludb, r));
    const cached: Cached = JSON.parse(readFileSync(join(delin, `${r}.json`), 'utf8'));
    const input = inputOf(rec.signals.find((s) => s.name === cached.lead)!.physical, cached);
    const rs = input.delineation.beats.map((b) => rPeak(input.x, b.qrs.onset, b.qrs.offset));
    const f = beatFeatures(input, rs);
    const k = names.push(`ludb/${r}`) - 1;
    counts[`ludb/${r}`] = BEAT_MODEL_CLASSES.map((_, c) => (c === 0 ? rs.length : 0));
    rs.forEach((_, j) => {
      rows.push(f.subarray(j * BEAT_FEATURES, (j + 1) * BEAT_FEATURES));
      ys.push(0);
      recs.push(k);
    });
  }
}

const X = new Float32Array(rows.length * BEAT_FEATURES);
rows.forEach((r, i) => X.set(r, i * BEAT_FEATURES));
writeFileSync(join(out, 'beats_x.npy'), writeNpy(X, [rows.length, BEAT_FEATURES]));
writeFileSync(join(out, 'beats_y.npy'), writeNpy(Int32Array.from(ys)));
writeFileSync(join(out, 'beats_rec.npy'), writeNpy(Int32Array.from(recs)));
writeFileSync(
  join(out, 'beats_meta.json'),
  JSON.stringify(
    {
      classes: BEAT_MODEL_CLASSES,
      records: names,
      // split lists: bare MIT-BIH ids and 'svdb/<id>' (train_mlp.py reads devA / devB)
      split: {
        devA: [...MITDB_SPLIT.devA, ...SVDB_SPLIT.svdbDevA.map((r) => `svdb/${r}`)],
        devB: [...MITDB_SPLIT.devB, ...SVDB_SPLIT.svdbDevB.map((r) => `svdb/${r}`)],
      },
      scalars: SCALARS,
      scalarsAt: 2 * MORPH_N,
      counts,
      features: BEAT_FEATURES,
    },
    null,
    1,
  ),
);
const tot = BEAT_MODEL_CLASSES.map((_, c) => ys.filter((y) => y === c).length);
console.log(
  `${rows.length} beats from ${names.length} records: ` + BEAT_MODEL_CLASSES.map((c, i) => `${c} ${tot[i]}`).join(', '),
);
