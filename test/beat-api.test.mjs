// The calls NeuroKit2 and wfdb-python users reach for: rPeaks, delineation.columns() with per-beat quality,
// compareBeats (the counts `openecg eval --protocol mitdb` reports), Inference#backend. Real MIT-BIH excerpts.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import {
  rPeaks,
  compareBeats,
  beatQuality,
  Inference,
  readWfdbRecord,
  readWfdbAnnotations,
  OpenEcgError,
} from '../dist/node.js';
import { FIX, ROOT, throwsTyped } from './helpers.mjs';

const BEAT = 'NLRBAaJSVrFejnE/fQ?';
const det = Inference.createSync();
const load = (r) => {
  const rec = readWfdbRecord(join(FIX, 'mitdb', r));
  const anns = readWfdbAnnotations(join(FIX, 'mitdb', r), 'atr', rec.nSamples);
  const excluded = [];
  let start = -1;
  for (const a of anns) {
    if (a.symbol === '[') start = a.sample;
    if (a.symbol === ']' && start >= 0) (excluded.push([start, a.sample + 1]), (start = -1));
  }
  if (start >= 0) excluded.push([start, rec.nSamples]);
  return { rec, x: rec.signals[0].physical, ref: anns.filter((a) => BEAT.includes(a.symbol)), excluded };
};

test('rPeaks: one call, Int32Array of R peaks at the caller rate, within 150 ms of the reference beats', () => {
  const { rec, x, ref } = load('119');
  const r = rPeaks(x, { fs: rec.fs });
  assert.instance(r, Int32Array);
  const c = compareBeats(
    ref.map((a) => a.sample),
    Array.from(r),
    { fs: rec.fs },
  );
  assert.is(c.fn + c.fp, 0, JSON.stringify(c));
  assert.equal(Array.from(r), Array.from(det.rPeaks(x, { fs: rec.fs })));
  // every R peak is the extreme of its beat's QRS
  for (const p of r) assert.ok(p >= 0 && p < x.length);
  throwsTyped(() => rPeaks(x, {}), OpenEcgError, /fs/);
});

test('Inference#backend names the backend that runs (auto resolved)', () => {
  assert.is(Inference.createSync({ backend: 'js' }).backend, 'js');
  assert.ok(['js', 'wasm'].includes(det.backend), String(det.backend));
});

test('columns(): typed arrays per feature, NaN where absent, Q < R < S inside the QRS; JSON and clones unchanged', () => {
  const { rec, x } = load('220');
  const d = det.predict(x, { fs: rec.fs });
  const c = d.columns();
  assert.is(c.n, d.beats.length);
  for (const k of [
    'pOnset',
    'pPeak',
    'pOffset',
    'qrsOnset',
    'qPeak',
    'rPeak',
    'sPeak',
    'qrsOffset',
    'tOnset',
    'tPeak',
    'tOffset',
    'quality',
  ]) {
    assert.instance(c[k], Float64Array, k);
    assert.is(c[k].length, d.beats.length, k);
  }
  d.beats.forEach((b, i) => {
    assert.is(c.qrsOnset[i], b.qrs.onset);
    assert.is(c.rPeak[i], b.qrs.peak);
    assert.is(Number.isNaN(c.pOnset[i]), !b.p);
    assert.is(Number.isNaN(c.tOffset[i]), !b.t);
    if (!Number.isNaN(c.qPeak[i])) assert.ok(c.qrsOnset[i] < c.qPeak[i] && c.qPeak[i] < c.rPeak[i]);
    if (!Number.isNaN(c.sPeak[i])) assert.ok(c.rPeak[i] < c.sPeak[i] && c.sPeak[i] < c.qrsOffset[i]);
    if (b.p) assert.ok(c.pOnset[i] <= c.pPeak[i] && c.pPeak[i] <= c.pOffset[i]);
  });
  assert.ok(
    [...c.sPeak].filter((v) => !Number.isNaN(v)).length > d.beats.length / 2,
    'most beats of lead MLII have an S',
  );
  assert.not.ok('columns' in JSON.parse(JSON.stringify(d)));
  assert.equal(structuredClone(d), JSON.parse(JSON.stringify(d)));
  assert.is(d.columns(), c, 'computed once');
});

const lcg = (seed) => () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
const gauss = (rnd) => Math.sqrt(-2 * Math.log(rnd() + 1e-12)) * Math.cos(2 * Math.PI * rnd());
const median = (a) => [...a].sort((p, q) => p - q)[a.length >> 1];

test('per-beat quality: high on a clean excerpt, low with the reason for noise, clipping and a weak lead', () => {
  const { rec, x } = load('119');
  const d = det.predictBeats(x, { fs: rec.fs });
  const clean = d.columns();
  assert.ok(median(clean.quality) >= 0.9, `clean median ${median(clean.quality)}`);
  // muscle-like noise: white noise of 1/4 of the QRS amplitude
  const amp = median(
    d.beats.map(
      (b) =>
        Math.max(...x.subarray(b.qrs.onset, b.qrs.offset + 1)) - Math.min(...x.subarray(b.qrs.onset, b.qrs.offset + 1)),
    ),
  );
  const rnd = lcg(7);
  const noisy = Float64Array.from(x, (v) => v + 0.25 * amp * gauss(rnd));
  const qn = beatQuality(noisy, rec.fs, d.beats);
  assert.ok(median(qn.quality) < 0.5, `noisy median ${median(qn.quality)}`);
  assert.ok(qn.reason.filter((r) => r === 'noise').length > d.beats.length / 2, qn.reason.join());
  // an ADC rail: everything above 40 % of the way from the median to the top is cut
  const sorted = [...x].sort((p, q) => p - q);
  const mid = sorted[sorted.length >> 1];
  const rail = mid + 0.4 * (sorted[sorted.length - 1] - mid);
  const clipped = Float64Array.from(x, (v) => Math.min(v, rail));
  const qc = beatQuality(clipped, rec.fs, d.beats);
  assert.ok(qc.reason.filter((r) => r === 'saturated').length >= d.beats.length / 3, qc.reason.join());
  // the last third of the excerpt at 5 % amplitude: a lead coming off
  const weak = Float64Array.from(x, (v, i) => (i > (2 * x.length) / 3 ? mid + 0.05 * (v - mid) : v));
  const qw = beatQuality(weak, rec.fs, d.beats);
  const late = d.beats.map((b, i) => [b, i]).filter(([b]) => b.qrs.onset > (2 * x.length) / 3 + rec.fs);
  assert.ok(
    late.every(([, i]) => qw.reason[i] === 'low amplitude' && qw.quality[i] === 0),
    qw.reason.join(),
  );
});

test('compareBeats gives the counts and the AAMI confusion of `openecg eval --protocol mitdb`', () => {
  const cli = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'openecg.js'), 'eval', join(FIX, 'mitdb'), '--protocol', 'mitdb', '--json'],
    { encoding: 'utf8' },
  );
  assert.is(cli.status, 0, cli.stderr);
  const ev = JSON.parse(cli.stdout);
  const sum = [0, 1, 2, 3, 4].map(() => [0, 0, 0, 0, 0]);
  const missed = [0, 0, 0, 0, 0];
  for (const row of ev.records) {
    const { rec, x, ref, excluded } = load(row.record);
    const labels = det.classify(x, { fs: rec.fs }).labels;
    const c = compareBeats(
      ref,
      labels.map((b) => ({ sample: b.r, aami: b.aami })),
      { fs: rec.fs, excluded },
    );
    assert.equal([c.tp, c.fn, c.fp], [row.tp, row.fn, row.fp], row.record);
    c.confusion.matrix.forEach((r, i) => r.forEach((v, j) => (sum[i][j] += v)));
    c.confusion.missed.forEach((v, i) => (missed[i] += v));
  }
  assert.equal(sum, ev.gross.confusion.matrix);
  assert.equal(missed, ev.gross.confusion.missed);
});

test('compareBeats: window, unlabelled input, bad input', () => {
  const c = compareBeats([100, 500, 900], [110, 540, 1300], { fs: 360, windowMs: 150 });
  assert.equal([c.tp, c.fn, c.fp], [2, 1, 1]);
  assert.equal(c.pairs, [
    [0, 0],
    [1, 1],
  ]);
  assert.equal(c.missed, [2]);
  assert.equal(c.extra, [2]);
  assert.is(c.confusion, undefined);
  assert.equal([compareBeats([100], [160], { fs: 1000, windowMs: 50 }).tp], [0]);
  throwsTyped(() => compareBeats([1], [NaN], { fs: 360 }), OpenEcgError, /test\[0\]/);
  throwsTyped(() => compareBeats([1], [1], {}), OpenEcgError, /fs/);
  throwsTyped(() => compareBeats('1', [1], { fs: 1 }), OpenEcgError, /arrays/);
});

test.run();
