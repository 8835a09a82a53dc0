// `openecg eval` end to end: perfect predictions score 1.0, a shifted set scores as computed
// by hand; the QTDB densest-window and T-ratio rules; clear errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { densestWindow, loadQtdbRecord, protocolWindow, hasQ1c } from '../dist/datasets/qtdb.js';
import { listRecords } from '../dist/datasets/ludb.js';
import { qtdbWindows } from '../dist/eval/protocols.js';
import { ROOT, FIX, SHARED, hasShared, hasMitdb, testIf, NO_SHARED } from './helpers.mjs';

const cli = (args) => spawnSync(process.execPath, [join(ROOT, 'bin', 'openecg.js'), ...args], { encoding: 'utf8' });
const tmp = mkdtempSync(join(tmpdir(), 'openecg-eval-'));

test('perfect predictions score 1.0; shifted predictions score as computed by hand', () => {
  const truth = join(tmp, 't.json');
  let r = cli([
    'eval',
    join(FIX, 'ludb'),
    '--protocol',
    'ludb',
    '--write-truth',
    truth,
    '--predictions',
    '/dev/null',
    '--json',
  ]);
  assert.is(r.status, 1);
  assert.match(r.stderr, /not a JSON predictions file/);
  r = cli(['eval', join(FIX, 'ludb'), '--protocol', 'ludb', '--predictions', truth, '--json']);
  assert.is(r.status, 0, r.stderr);
  const perfect = JSON.parse(r.stdout);
  assert.is(perfect.macroF1, 1);
  assert.is(perfect.records, 1);
  assert.equal(Object.keys(perfect.boundaries), ['P_on', 'P_off', 'QRS_on', 'QRS_off', 'T_on', 'T_off']);
  // Shift every boundary by +3 samples (12 ms) and QRS offsets by +11 samples (44 ms > 40 ms tolerance).
  const t = JSON.parse(readFileSync(truth, 'utf8'));
  const rec = t.records['1'];
  const shifted = {};
  for (const k of Object.keys(rec)) shifted[k] = rec[k].map((s) => s + (k === 'QRS_off' ? 11 : 3));
  const sp = join(tmp, 's.json');
  writeFileSync(sp, JSON.stringify({ records: { 1: shifted } }));
  const s = JSON.parse(cli(['eval', join(FIX, 'ludb'), '--protocol', 'ludb', '--predictions', sp, '--json']).stdout);
  for (const k of ['P_on', 'P_off', 'QRS_on', 'T_on', 'T_off']) {
    assert.is(s.boundaries[k].f1, 1, k);
    assert.is(s.boundaries[k].meanErrMs, 12);
    assert.is(s.boundaries[k].medianAbsErrMs, 12);
  }
  // Every QRS offset misses; each shifted prediction stays in range: F1 0, macro = 5/6.
  assert.is(s.boundaries.QRS_off.f1, 0);
  assert.is(s.macroF1, Math.round((5 / 6) * 10000) / 10000);
});

test('human-readable output and errors', () => {
  const r = cli(['eval', join(FIX, 'ludb'), '--protocol', 'nope']);
  assert.is(r.status, 1);
  assert.match(r.stderr, /unknown protocol 'nope'/);
  const r2 = cli(['eval', join(tmp, 'missing'), '--protocol', 'ludb']);
  assert.is(r2.status, 1);
  assert.match(r2.stderr, /RECORDS file not found/);
  const r3 = cli(['frobnicate']);
  assert.is(r3.status, 2);
  // The table: a title line, a header, one row per boundary with F1, Se, P+ of the perfect predictions.
  const truth = join(tmp, 't-human.json');
  assert.is(cli(['eval', join(FIX, 'ludb'), '--protocol', 'ludb', '--write-truth', truth]).status, 0);
  const h = cli(['eval', join(FIX, 'ludb'), '--protocol', 'ludb', '--predictions', truth]);
  assert.is(h.status, 0, h.stderr);
  const lines = h.stdout.trimEnd().split('\n');
  assert.is(lines[0], 'ludb: 1 windows, macro-F1 1');
  assert.match(lines[1], /^boundary\s+F1\s+Se\s+P\+/);
  assert.is(lines.length, 8);
  for (const [k, line] of ['P_on', 'P_off', 'QRS_on', 'QRS_off', 'T_on', 'T_off'].map((k, i) => [k, lines[i + 2]])) {
    assert.match(line, new RegExp(`^${k}\\s+1\\.000\\s+1\\.000\\s+1\\.000\\s+0\\.0 ± 0\\.0`), line);
  }
});

test('eval runs the bundled model through the public API (model-scoring path)', () => {
  const r = cli(['eval', join(FIX, 'ludb'), '--protocol', 'ludb', '--json']);
  assert.is(r.status, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  assert.is(res.records, 1);
  assert.ok(res.macroF1 > 0.9, `macro-F1 ${res.macroF1} on the fixture record`);
  assert.ok(res.boundaries.QRS_on.nPred >= 5);
});

testIf(
  test,
  hasShared,
  NO_SHARED,
)('the shipped model holds its model-card numbers on the LUDB dev records (minus 0.005)', () => {
  const sel = JSON.parse(readFileSync(join(ROOT, 'models', 'boundary.selection.json'), 'utf8'));
  const card = sel.best.int8LeadII.macroF1;
  const r = cli(['eval', join(SHARED, 'ludb'), '--protocol', 'ludb', '--records', sel.dev.join(','), '--json']);
  assert.is(r.status, 0, r.stderr);
  const got = JSON.parse(r.stdout).macroF1;
  assert.ok(got >= card - 0.005, `LUDB dev lead II macro-F1 ${got} < model card ${card} − 0.005`);
});

testIf(
  test,
  hasShared && hasMitdb,
  NO_SHARED,
)('the shipped model holds its model-card QRS detection on the MIT-BIH devA records (minus 0.005)', () => {
  const sel = JSON.parse(readFileSync(join(ROOT, 'models', 'boundary.selection.json'), 'utf8'));
  const card = sel.best.mitdbDevA;
  assert.ok(card && card.se > 0 && card.ppv > 0, 'the model card has MIT-BIH devA numbers');
  const r = cli(['eval', join(SHARED, 'mitdb'), '--protocol', 'mitdb', '--records', 'devA', '--json']);
  assert.is(r.status, 0, r.stderr);
  const g = JSON.parse(r.stdout).gross.qrs;
  assert.ok(
    g.se >= card.se - 0.005 && g.ppv >= card.ppv - 0.005,
    `MIT-BIH devA Se ${g.se} +P ${g.ppv} vs card ${card.se} / ${card.ppv}`,
  );
});

test('QTDB fixture: densest window and T ratio', () => {
  const q = loadQtdbRecord(join(FIX, 'qtdb'), 'sel100');
  const { start, boundaries, tRatio } = protocolWindow(q);
  const samples = q.q1c.map((a) => a.sample);
  assert.is(start, densestWindow(samples, 225000));
  const inWin = samples.filter((s) => s >= start && s < start + 2500).length;
  for (const a of samples) {
    const s0 = Math.max(0, a - 1250);
    assert.ok(samples.filter((s) => s >= s0 && s < s0 + 2500).length <= inWin);
  }
  assert.ok(boundaries.QRS_on.length >= 1);
  assert.is(tRatio, boundaries.T_on.length / boundaries.QRS_on.length);
  // Threshold switch: with --min-t-ratio 0 the record is always kept.
  assert.is(qtdbWindows(join(FIX, 'qtdb'), { minTRatio: 0 }).length, 1);
  assert.is(qtdbWindows(join(FIX, 'qtdb'), { minTRatio: tRatio + 0.01 }).length, 0);
});

testIf(
  test,
  hasShared,
  NO_SHARED,
)('shared data: LUDB ground truth as predictions scores 1.0 over every record; QTDB T-subset rule', () => {
  const truth = join(tmp, 'ludb-truth.json');
  let r = cli(['eval', join(SHARED, 'ludb'), '--protocol', 'ludb', '--write-truth', truth]);
  assert.is(r.status, 0, r.stderr);
  r = cli(['eval', join(SHARED, 'ludb'), '--protocol', 'ludb', '--predictions', truth, '--json']);
  const res = JSON.parse(r.stdout);
  assert.is(res.records, listRecords(join(SHARED, 'ludb')).length);
  assert.is(res.macroF1, 1);
  // QTDB: a record is kept iff its densest window has >= 1 QRS onset and T_on/QRS_on >= 0.8.
  const dir = join(SHARED, 'qtdb');
  const kept = new Set(qtdbWindows(dir, { minTRatio: 0.8 }).map((w) => w.id));
  let n = 0;
  for (const rec of listRecords(dir)) {
    if (!hasQ1c(dir, rec)) continue;
    const { boundaries, tRatio } = protocolWindow(loadQtdbRecord(dir, rec));
    assert.is(kept.has(rec), boundaries.QRS_on.length >= 1 && tRatio >= 0.8, rec);
    n++;
  }
  assert.ok(n > 50);
  assert.ok(qtdbWindows(dir, { minTRatio: 0 }).length > kept.size);
});

test.run();
