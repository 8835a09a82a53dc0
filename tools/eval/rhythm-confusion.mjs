// Rhythm layer against LUDB's diagnoses (ludb.csv): one 10-s lead per record through report(),
// truth class from the record's rhythm / pacing / conduction fields. Prints a confusion table.
//   node tools/eval/rhythm-confusion.mjs <ludb dir> [--lead ii] [--json]
// Truth mapping (first that applies): pacemaker present → paced; atrial fibrillation/flutter →
// afib; any AV block → avb; complete left/right bundle branch block → bbb; otherwise sinus.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Inference, readWfdbRecord } from '../../dist/node.js';
import { parseCsvRecords } from '../../dist/io/csv.js';
import { RHYTHM_NAMES } from '../../dist/classify/classes.js';

const dir = process.argv[2];
const li = process.argv.indexOf('--lead'), lead = li > 0 ? process.argv[li + 1] : 'ii';
const rows = parseCsvRecords(readFileSync(join(dir, 'ludb.csv'), 'utf8'));
const h = rows[0], col = (n) => h.indexOf(n);
const records = readFileSync(join(dir, 'RECORDS'), 'utf8').split(/\s+/).filter(Boolean);
const truthOf = (r) => {
  const rh = r[col('Rhythms')].toLowerCase(), pace = (r[col('Cardiac pacing')] || '').toLowerCase(), cond = (r[col('Conduction abnormalities')] || '').toLowerCase();
  if (pace.includes('pacemaker')) return 'paced';
  if (rh.startsWith('atrial fibrillation') || rh.startsWith('atrial flutter')) return 'afib';
  if (/av block|av-block/.test(cond)) return 'avb';
  if (/complete (left|right) bundle branch block/.test(cond.replace(/incomplete/g, 'xx'))) return 'bbb';
  return 'sinus';
};
const det = Inference.createSync();
const conf = Object.fromEntries(RHYTHM_NAMES.map((t) => [t, Object.fromEntries(RHYTHM_NAMES.map((p) => [p, 0]))]));
for (const id of records) {
  const r = rows.find((x) => x[0].trim() === id);
  if (!r) continue;
  const rec = readWfdbRecord(join(dir, id));
  const sig = rec.signals.find((s) => s.name === lead);
  conf[truthOf(r)][det.report(sig.physical, { fs: rec.fs }).rhythm.label]++;
}
if (process.argv.includes('--json')) { console.log(JSON.stringify(conf)); process.exit(0); }
console.log(`LUDB rhythm layer, lead ${lead}, ${records.length} records (rows: diagnosis, columns: predicted)\n`);
console.log('| truth \\ predicted | ' + RHYTHM_NAMES.join(' | ') + ' | n | sensitivity |\n|---|' + RHYTHM_NAMES.map(() => '---|').join('') + '---|---|');
for (const t of RHYTHM_NAMES) {
  const n = Object.values(conf[t]).reduce((a, b) => a + b, 0);
  if (!n) continue;
  console.log(`| ${t} | ${RHYTHM_NAMES.map((p) => conf[t][p]).join(' | ')} | ${n} | ${(conf[t][t] / n).toFixed(2)} |`);
}
