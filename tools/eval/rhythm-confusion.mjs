// Rhythm layer against LUDB's diagnoses (ludb.csv): one 10-s lead per record through report(), truth
// class from datasets/ludb.ts ludbRhythmClass (pacemaker → paced; AFib/flutter → afib; AV block → avb;
// complete bundle branch block → bbb; else sinus). Prints a confusion table, accuracy, and paced flags.
//   node tools/eval/rhythm-confusion.mjs <ludb dir> [--lead ii] [--classifier learned|rules]
//        [--split split.json --part dev|train] [--json]
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inference, readWfdbRecord } from '../../dist/node.js';
import { ludbDiagnoses, listRecords } from '../../dist/datasets/ludb.js';
import { RHYTHM_NAMES } from '../../dist/classify/classes.js';

const dir = process.argv[2];
const opt = (k, d) => {
  const i = process.argv.indexOf('--' + k);
  return i > 0 ? process.argv[i + 1] : d;
};
const lead = opt('lead', 'ii');
const classifier = opt('classifier', 'learned');
const diag = ludbDiagnoses(dir);
let records = listRecords(dir).filter((r) => diag[r]);
if (opt('split')) {
  const part = JSON.parse(readFileSync(opt('split'), 'utf8'))[opt('part', 'dev')];
  records = records.filter((r) => part.includes(r));
}
const det = Inference.createSync({ classifier });
const names = [...RHYTHM_NAMES, 'unclassified'];
const conf = Object.fromEntries(RHYTHM_NAMES.map((t) => [t, Object.fromEntries(names.map((p) => [p, 0]))]));
let pacedFlags = 0,
  pacedRight = 0,
  pacedRecords = 0,
  right = 0;
for (const id of records) {
  const rec = readWfdbRecord(join(dir, id));
  const sig = rec.signals.find((s) => s.name === lead);
  const rep = det.report(sig.physical, { fs: rec.fs });
  const truth = diag[id].rhythmClass;
  conf[truth][rep.rhythm.label]++;
  if (truth === rep.rhythm.label) right++;
  if (diag[id].paced) pacedRecords++;
  if (rep.pacing.isPaced) {
    pacedFlags++;
    if (diag[id].paced) pacedRight++;
  }
}
const summary = {
  records: records.length,
  classifier,
  lead,
  accuracy: right / records.length,
  pacedRecords,
  pacedFlagged: pacedFlags,
  pacedFlaggedRightly: pacedRight,
  confusion: conf,
};
if (process.argv.includes('--json')) {
  console.log(JSON.stringify(summary));
  process.exit(0);
}
console.log(
  `LUDB rhythm (${classifier} classifier), lead ${lead}, ${records.length} records (rows: diagnosis, columns: predicted)\n`,
);
console.log(
  '| truth \\ predicted | ' +
    names.join(' | ') +
    ' | n | sensitivity |\n|---|' +
    names.map(() => '---|').join('') +
    '---|---|',
);
for (const t of RHYTHM_NAMES) {
  const n = Object.values(conf[t]).reduce((a, b) => a + b, 0);
  if (!n) continue;
  console.log(`| ${t} | ${names.map((p) => conf[t][p]).join(' | ')} | ${n} | ${(conf[t][t] / n).toFixed(2)} |`);
}
console.log(
  `\naccuracy ${(100 * summary.accuracy).toFixed(1)} % (${right}/${records.length}); PACED flagged on ${pacedFlags} records, ${pacedRight} of the ${pacedRecords} paced ones`,
);
