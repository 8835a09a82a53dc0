// Stage 1 of the beat/rhythm classifiers' training: the boundary model's delineation of every record
// (the classifiers learn from what the pipeline will give them at run time, not from reference waves).
//
//   node build/tools/classify/delineate-records.js --dir <mitdb|ludb dir> --lead <name|index> --out <dir> [--part k/n]
//        [--model models/boundary_int8.tflite]
//
// Writes <out>/<record>.json = { record, fs, nSamples, lead, waves } (waves at the record's rate).
// Records already written are skipped, so the stage resumes; --part k/n takes every n-th record (parallel runs).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listRecords } from '../../src/ts/datasets/ludb.js';
import { readWfdbRecord } from '../../src/ts/io/wfdb-node.js';
import { Inference } from '../../src/ts/node.js';
import { argValue } from './args.js';

const dir = argValue('dir'),
  out = argValue('out'),
  lead = argValue('lead', '0');
const [k, n] = argValue('part', '0/1').split('/').map(Number);
mkdirSync(out, { recursive: true });
const det = Inference.createSync({ model: argValue('model', 'models/boundary_int8.tflite') });
listRecords(dir).forEach((r, i) => {
  if (i % n !== k) return;
  const file = join(out, `${r}.json`);
  if (existsSync(file)) return;
  const rec = readWfdbRecord(join(dir, r));
  const li = /^\d+$/.test(lead)
    ? Number(lead)
    : rec.signals.findIndex((s) => s.name.toLowerCase() === lead.toLowerCase());
  if (li < 0 || li >= rec.signals.length) throw new Error(`${r}: no lead ${lead}`);
  const t0 = Date.now();
  const d = det.delineator.predictBeats(rec.signals[li].physical, { fs: rec.fs }); // what classify sees
  writeFileSync(
    file,
    JSON.stringify({ record: r, fs: rec.fs, nSamples: d.nSamples, lead: rec.signals[li].name, waves: d.waves }),
  );
  console.log(`${r}: ${d.beats.length} beats, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
});
