// The MIT-BIH (EC57-style) protocol: the beat matcher on hand-made pairs with known Se/+P, the
// one-to-one rule and the 150 ms edge; class statistics and AF time on hand-made records; and,
// with the shared data, the CLI on a real record.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { matchBeats } from '../dist/eval/beat-match.js';
import { scoreRecord, summarise } from '../dist/eval/mitdb.js';
import { aamiClass } from '../dist/datasets/mitdb.js';
import { rPeak } from '../dist/ecg/r-peak.js';
import { readFileSync } from 'node:fs';
import { ROOT, SHARED, hasMitdb, testIf, schemaProblems } from './helpers.mjs';

const FS = 360; // 150 ms = 54 samples

test('matcher: known Se and +P on a hand-made pair of lists', () => {
  const ref = [100, 400, 700, 1000, 1300];
  const det = [110, 395, 760, 1000, 1600, 1650]; // 700 has no detection within 54 samples (760 is 60 away)
  const m = matchBeats(ref, det, FS);
  assert.equal(m.pairs, [
    [0, 0],
    [1, 1],
    [3, 3],
  ]);
  assert.equal(m.missed, [2, 4]);
  assert.equal(m.extra, [2, 4, 5]);
  const se = m.pairs.length / ref.length,
    ppv = m.pairs.length / det.length;
  assert.is(se, 0.6);
  assert.is(ppv, 0.5);
});

test('matcher: the 150 ms edge is inclusive, one sample more is a miss', () => {
  assert.is(matchBeats([1000], [1054], FS).pairs.length, 1);
  assert.is(matchBeats([1000], [946], FS).pairs.length, 1);
  assert.is(matchBeats([1000], [1055], FS).pairs.length, 0);
  // At 250 Hz the window is 37.5 samples.
  assert.is(matchBeats([1000], [1037], 250).pairs.length, 1);
  assert.is(matchBeats([1000], [1038], 250).pairs.length, 0);
});

test('matcher: one to one — two detections near one beat give one hit and one FP; the closer wins', () => {
  const m = matchBeats([500], [490, 503], FS);
  assert.equal(m.pairs, [[0, 1]]);
  assert.equal(m.extra, [0]);
  // Two beats near one detection: the closer beat gets it, the other is missed.
  const m2 = matchBeats([480, 530], [525], FS);
  assert.equal(m2.pairs, [[1, 0]]);
  assert.equal(m2.missed, [0]);
  // Greedy in time order would steal: ref 100 takes det 140, leaving ref 190 without; closest-first pairs 140↔190? no:
  // |140−100| = 40, |140−190| = 50, |200−190| = 10 → pairs (100,140), (190,200).
  assert.equal(matchBeats([100, 190], [140, 200], FS).pairs, [
    [0, 0],
    [1, 1],
  ]);
  // Input order does not matter.
  assert.equal(matchBeats([190, 100], [200, 140], FS).pairs, [
    [0, 0],
    [1, 1],
  ]);
});

test('AAMI classes of every MIT-BIH beat symbol', () => {
  const map = {};
  for (const s of 'NLRBAaJSVrFejnE/fQ?') map[s] = aamiClass(s);
  assert.equal(map, {
    N: 'N',
    L: 'N',
    R: 'N',
    B: 'N',
    A: 'S',
    a: 'S',
    J: 'S',
    S: 'S',
    V: 'V',
    r: 'V',
    F: 'F',
    e: 'N',
    j: 'N',
    n: 'S',
    E: 'V',
    '/': 'Q',
    f: 'Q',
    Q: 'Q',
    '?': 'Q',
  });
});

test('record score: confusion, VEB/SVEB Se and +P, excluded flutter, AF time', () => {
  const ref = [
    { sample: 100, symbol: 'N' },
    { sample: 400, symbol: 'V' },
    { sample: 700, symbol: 'V' },
    { sample: 1000, symbol: 'A' },
    { sample: 1300, symbol: 'N' },
    { sample: 1600, symbol: 'F' },
  ];
  const det = [
    { sample: 102, aami: 'V' }, // N called V: a false VEB
    { sample: 401, aami: 'V' }, // V hit
    // 700 (V) missed
    { sample: 1003, aami: 'S' }, // S hit
    { sample: 1299, aami: 'N' },
    { sample: 1598, aami: 'V' }, // F called V: not a false VEB
    { sample: 2100, aami: 'N' }, // inside the excluded span: ignored
    { sample: 2600, aami: 'N' }, // FP
  ];
  const afTrack = new Uint8Array(3000);
  afTrack.fill(3, 1000, 2000); // detected AF 1000..2000
  const rhythms = [
    { start: 0, end: 1500, rhythm: 'N' },
    { start: 1500, end: 3000, rhythm: 'AFIB' },
  ];
  const c = scoreRecord('x', FS, ref, det, { excluded: [[2000, 2200]], rhythms, afTrack, afClass: 3 });
  assert.is(c.nRef, 6);
  assert.is(c.nDet, 6);
  assert.is(c.tp, 5);
  assert.is(c.fn, 1);
  assert.is(c.fp, 1);
  assert.equal(c.missedByClass, [0, 0, 1, 0, 0]);
  const s = summarise([c]);
  assert.is(s.qrs.se, 5 / 6);
  assert.is(s.qrs.ppv, 5 / 6);
  assert.is(s.veb.se, 1 / 2); // 1 of 2 V beats (one missed)
  assert.is(s.veb.ppv, 1 / 2); // Vv / (Nv + Sv + Vv) = 1 / 2; Fv is not counted
  assert.is(s.sveb.se, 1);
  assert.is(s.sveb.ppv, 1);
  assert.is(s.af.se, 500 / 1500); // overlap 1500..2000 of reference 1500..3000
  assert.is(s.af.ppv, 500 / 1000);
  assert.ok(Math.abs(s.af.refS - 1500 / FS) < 1e-12);
});

test('R peak: largest deviation from the onset–offset line, negative complexes too', () => {
  const x = [0, 0.1, 0.2, 1.5, 0.3, 0.2, 0.1];
  assert.is(rPeak(x, 1, 5), 3);
  const qs = [1, 1, -2, -3, -1, 1, 1];
  assert.is(rPeak(qs, 0, 6), 3);
  const drift = [0, 1, 2, 3.5, 4, 5, 6]; // a ramp with a small bump: the bump, not the high end
  assert.is(rPeak(drift, 0, 6), 3);
});

testIf(
  test,
  hasMitdb,
  '../shared/data/mitdb not present',
)('CLI on MIT-BIH record 119 (JSON schema fields, QRS Se/+P of the bundled model)', () => {
  const r = spawnSync(
    process.execPath,
    [
      join(ROOT, 'bin', 'openecg.js'),
      'eval',
      join(SHARED, 'mitdb'),
      '--protocol',
      'mitdb',
      '--records',
      '119',
      '--json',
    ],
    { encoding: 'utf8', timeout: 300000 },
  );
  assert.is(r.status, 0, r.stderr);
  const res = JSON.parse(r.stdout);
  const schema = JSON.parse(readFileSync(join(ROOT, 'docs', 'schema', 'eval-mitdb.schema.json'), 'utf8'));
  assert.equal(schemaProblems(schema, res), []);
  assert.ok(
    schemaProblems(schema, { ...res, gross: { ...res.gross, qrs: { se: 'x' } } }).length > 0,
    'the checker rejects a broken document',
  );
  assert.is(res.protocol, 'mitdb');
  assert.is(res.records.length, 1);
  const rec = res.records[0];
  assert.is(rec.record, '119');
  assert.is(rec.lead, 'MLII');
  assert.is(rec.nRef, 1987);
  assert.is(rec.tp + rec.fn, rec.nRef);
  assert.is(rec.tp + rec.fp, rec.nDet);
  assert.ok(rec.se >= 0.99 && rec.ppv >= 0.99, `119: Se ${rec.se} +P ${rec.ppv}`);
  assert.equal(res.gross.confusion.classes, ['N', 'S', 'V', 'F', 'Q']);
  assert.ok(res.gross.veb.nRef > 400, 'record 119 has ventricular bigeminy');
});

test.run();
