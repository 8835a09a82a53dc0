// Label construction, the benchmark decoder and Martínez scoring on hand-made cases.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  paintSamples,
  frameLabels,
  softTargets,
  regressionTargets,
  labelledRange,
  maskOutside,
} from '../dist/ecg/labels.js';
import { postProcessFrames, extractBoundaries, refine, argmaxFrames } from '../dist/ecg/decode.js';
import { emptyBoundaries } from '../dist/ecg/waves.js';
import { matchBoundaries, scoreBoundaries } from '../dist/index.js';

test('paint order: P, then QRS, then T (later wins); only complete waves', () => {
  const lab = paintSamples(20, [
    { wave: 'T', onset: 8, peak: 10, offset: 12 },
    { wave: 'P', onset: 2, peak: 3, offset: 9 },
    { wave: 'QRS', onset: 9, peak: 10, offset: 10 },
    { wave: 'P', onset: null, peak: 15, offset: 17 },
  ]);
  assert.equal(Array.from(lab), [0, 0, 1, 1, 1, 1, 1, 1, 3, 3, 3, 3, 3, 0, 0, 0, 0, 0, 0, 0]);
});

test('frame majority vote: ties to the smallest class, IGNORE samples do not vote', () => {
  const s = Uint8Array.from([1, 1, 1, 2, 2, 0, 0, 2, 2, 3, 255, 255, 255, 255, 3, 255, 255, 255, 255, 255]);
  assert.equal(Array.from(frameLabels(s, 5)), [1, 0, 3, 255]);
});

test('labelled range ±25 samples and masking', () => {
  const b = emptyBoundaries();
  b.QRS_on = [100];
  b.T_off = [400];
  assert.equal(labelledRange(b, 2500), [75, 426]);
  const lab = maskOutside(new Uint8Array(10), 2, 8);
  assert.equal(Array.from(lab), [255, 255, 0, 0, 0, 0, 0, 0, 255, 255]);
});

test('soft-T targets at T transitions only (alpha 0.9)', () => {
  const t = softTargets(Uint8Array.from([0, 3, 3, 2, 255]), 0.9);
  const row = (f) => Array.from(t.slice(f * 4, f * 4 + 4)).map((v) => Math.round(v * 100) / 100);
  assert.equal(row(0), [0.9, 0, 0, 0.1]);
  assert.equal(row(1), [0.1, 0, 0, 0.9]);
  assert.equal(row(2), [0, 0, 0.1, 0.9]);
  assert.equal(row(3), [0, 0, 0.9, 0.1]);
  assert.equal(row(4), [0, 0, 0, 0]);
});

test('regression targets: nearest boundary within ±25 samples, relative to the frame start', () => {
  const b = emptyBoundaries();
  b.QRS_on = [52];
  b.QRS_off = [80];
  const frames = new Uint8Array(20);
  frames[0] = 255;
  const { target, mask } = regressionTargets(b, frames);
  const k = 2; // QRS_on channel
  assert.is(mask[10 * 6 + k], 1);
  assert.is(target[10 * 6 + k], 2); // frame 10 starts at 50
  assert.is(mask[6 * 6 + k], 1);
  assert.is(target[6 * 6 + k], 22); // 52 − 30
  assert.is(mask[5 * 6 + k], 0); // 52 − 25 = 27 > 25
  assert.is(mask[0 * 6 + k], 0); // IGNORE frame
  assert.is(target[15 * 6 + 3], 5); // QRS_off: 80 − 75
});

test('decoder clean-up: short runs absorbed, gaps < 10 frames merged', () => {
  const fr = Uint8Array.from([0, 0, 0, 1, 1, 1, 0, 2, 2, 2, 2, 0, 0, 0, 0, 0, 2, 2, 2, 0, 0, 0]);
  assert.equal(Array.from(postProcessFrames(fr)), [0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 0, 0, 0]);
  const bd = extractBoundaries(Uint8Array.from([0, 2, 2, 2, 0, 0, 3, 3]));
  assert.equal(
    bd.map((b) => [b.key, b.sample, b.frame]),
    [
      ['QRS_on', 5, 1],
      ['QRS_off', 19, 3],
      ['T_on', 30, 6],
      ['T_off', 39, 7],
    ],
  );
});

test('regression refinement lands at frame start + offset (no +16 ms offset bias)', () => {
  const bd = [
    { key: 'QRS_on', sample: 50, frame: 10 },
    { key: 'QRS_off', sample: 99, frame: 19 },
  ];
  const reg = new Float32Array(20 * 6);
  reg[10 * 6 + 2] = 2.4;
  reg[19 * 6 + 3] = 1.6;
  const out = refine(bd, reg, 100);
  assert.equal(out.QRS_on, [52]);
  assert.equal(out.QRS_off, [97]);
  assert.equal(Array.from(argmaxFrames([0, 1, 1, 0, 5, 2, 2, 2], 2)), [1, 0]);
});

test('Martínez matching: nearest unmatched, ties to the earliest, misses keep predictions available', () => {
  assert.equal(matchBoundaries([100, 200], [90, 110, 205], 12.5), [-10, 5]);
  assert.equal(matchBoundaries([100, 104], [102], 12.5), [2]); // one prediction, consumed once
  assert.equal(matchBoundaries([100], [200], 12.5), []); // too far: a miss
  assert.equal(matchBoundaries([], [1, 2], 10), []);
  assert.equal(matchBoundaries([5, 5], [5, 5], 10), [0, 0]); // duplicates
});

test('scores of a hand-computed shifted prediction set', () => {
  const t = emptyBoundaries(),
    p = emptyBoundaries();
  t.QRS_on = [100, 600, 1100, 1600];
  p.QRS_on = [105, 603, 1111, 1700, 2000]; // errors +5, +3, +11 (>10 tol), miss
  t.P_on = [50];
  p.P_on = [50];
  const s = scoreBoundaries(t, p, 250);
  const q = s.boundaries.QRS_on;
  assert.is(q.hits, 2);
  assert.is(q.se, 0.5);
  assert.is(q.ppv, 0.4);
  assert.ok(Math.abs(q.f1 - (2 * 0.5 * 0.4) / 0.9) < 1e-12);
  assert.is(q.meanErrMs, 16);
  assert.is(q.sdMs, 4);
  assert.is(q.medianAbsErrMs, 16);
  assert.is(s.boundaries.P_on.f1, 1);
  assert.ok(Number.isNaN(s.boundaries.T_off.f1)); // both empty
});

test.run();
