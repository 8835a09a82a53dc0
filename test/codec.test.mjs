// Token codec: the original's test vectors, round trips, renderers, frames, events from a delineation.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  encodeEvents,
  decodeEvents,
  renderCompact,
  renderTimed,
  renderJson,
  toFrames,
  fromFrames,
  eventsFromDelineation,
} from '../dist/codec/tokens.js';
import { VOCAB, VOCAB_VERSION, ISO, P, Q, R, S, T, W, PACER, UNK, superClass } from '../dist/codec/vocab.js';
import { SignalError } from '../dist/index.js';
import { throwsTyped } from './helpers.mjs';

test('vocabulary v1.0: 13 ids in order', () => {
  assert.is(VOCAB_VERSION, '1.0');
  assert.equal(VOCAB.map((v) => v.char).join(''), '\u00b7?_*pqrstuwdj');
  assert.equal([P, Q, R, S, T, W].map(superClass), [1, 2, 2, 2, 3, 2]);
});

test('packing vectors: 95 ms → 96, 2 ms → 4, 2500 ms → 1020 + 1020 + 460', () => {
  assert.equal(decodeEvents(encodeEvents([[R, 95]])), [[R, 96]]);
  assert.equal(decodeEvents(encodeEvents([[R, 2]])), [[R, 4]]);
  const w = encodeEvents([[ISO, 2500]]);
  assert.equal(
    Array.from(w).map((x) => (x & 255) * 4),
    [1020, 1020, 460],
  );
  assert.equal(
    Array.from(w).map((x) => x >> 8),
    [ISO, ISO, ISO],
  );
  assert.equal(decodeEvents(w), [[ISO, 2500]]);
  assert.is(encodeEvents([[P, 10]])[0], (P << 8) | 2); // 2.5 units → 2 (half to even)
  assert.is(encodeEvents([[P, 14]])[0], (P << 8) | 4); // 3.5 units → 4
  throwsTyped(() => encodeEvents([[P, 0]]), SignalError, /positive/);
  throwsTyped(() => encodeEvents([[256, 4]]), SignalError, /0–255/);
});

test('renderers', () => {
  const ev = [
    [ISO, 100],
    [P, 80],
    [ISO, 60],
    [Q, 20],
    [R, 40],
    [S, 20],
    [ISO, 120],
    [T, 160],
  ];
  assert.is(renderCompact(ev), '_p_qrs_t');
  assert.is(renderTimed(ev), '_____pppp___qrrs______tttttttt');
  assert.equal(renderJson([[P, 80]]), [{ sym: 'P', ms: 80 }]);
});

test('frames: largest overlap, pacer wins, ISO when empty; from frames run-length', () => {
  const f = toFrames(
    [
      [ISO, 30],
      [P, 50],
      [PACER, 4],
      [R, 16],
    ],
    20,
  );
  assert.equal(Array.from(f), [ISO, ISO, P, P, PACER]); // frame 1: ISO and P overlap 10 ms each → first wins
  assert.equal(fromFrames([2, 2, 4, 4, 4, 2], 20), [
    [2, 40],
    [4, 60],
    [2, 20],
  ]);
  assert.equal(Array.from(toFrames([[P, 20]], 20, 60)), [P, ISO, ISO]);
});

test('events from a delineation: Q/R/S split at extrema, W for wide QRS, total length kept', () => {
  const fs = 250,
    n = 250; // 1 s
  const x = new Float64Array(n);
  x[60] = -0.2;
  x[64] = 1.5;
  x[68] = -0.4; // q, R, S inside the QRS 58..72
  const d = {
    fs,
    nSamples: n,
    waves: [
      { wave: 'P', onset: 20, offset: 40 },
      { wave: 'QRS', onset: 58, offset: 72 },
      { wave: 'T', onset: 110, offset: 160 },
      { wave: 'QRS', onset: 190, offset: 230 },
    ],
  };
  const ev = eventsFromDelineation(d, x);
  assert.is(renderCompact(ev), '_p_qrs_t_w_');
  assert.is(
    ev.reduce((s, [, ms]) => s + ms, 0),
    1000,
  );
  assert.equal(eventsFromDelineation({ fs, nSamples: n, waves: [] }, x), [[UNK, 1000]]);
});

test('labeler as the original (specification §5.4): midpoint samples go to the later wave, W only without Q and S, grid half to even', () => {
  // fs 250 (4 ms a sample). QRS 10..20: onset 0, Q dip at 12, R peak at 15, S dip at 18, offset 0.
  const sig = new Float64Array(40);
  sig[12] = -1;
  sig[15] = 2;
  sig[18] = -1;
  const d = { fs: 250, nSamples: 40, waves: [{ wave: 'QRS', onset: 10, offset: 20 }] };
  // mid(Q,R) = 13, mid(R,S) = 16: Q = 10..12 (12 ms), R = 13..15 (12 ms), S = 16..20 (20 ms).
  assert.equal(eventsFromDelineation(d, sig), [
    [ISO, 40],
    [Q, 12],
    [R, 12],
    [S, 20],
    [ISO, 76],
  ]);
  // A 160-ms QRS with a Q wave is split, not W; the same QRS without Q or S is W.
  const wide = new Float64Array(100);
  for (let i = 10; i <= 50; i++) wide[i] = Math.sin(((i - 10) / 40) * Math.PI);
  const dw = { fs: 250, nSamples: 100, waves: [{ wave: 'QRS', onset: 10, offset: 50 }] };
  assert.ok(
    eventsFromDelineation(dw, wide).some(([s]) => s === W),
    'no Q, no S, > 120 ms → W',
  );
  wide[14] = -0.5;
  const split = eventsFromDelineation(dw, wide);
  assert.not.ok(split.some(([s]) => s === W));
  assert.ok(split.some(([s]) => s === Q));
  // Grid: at 500 Hz a 5-sample run ends at 10 ms = 2.5 units → 2 units (8 ms), not 3 (12 ms).
  const g = eventsFromDelineation(
    { fs: 500, nSamples: 20, waves: [{ wave: 'QRS', onset: 5, offset: 9 }] },
    new Float64Array(20).fill(0).map((_, i) => (i === 7 ? 1 : 0)),
  );
  assert.equal(g[0], [ISO, 8]);
});

test("toFrames sums each symbol's overlap inside a frame (P 6 + P 6 beats T 8)", () => {
  assert.equal(
    Array.from(
      toFrames(
        [
          [P, 6],
          [T, 8],
          [P, 6],
        ],
        20,
      ),
    ),
    [P],
  );
  assert.equal(
    Array.from(
      toFrames(
        [
          [T, 8],
          [P, 6],
          [R, 6],
        ],
        20,
      ),
    ),
    [T],
  );
  assert.equal(
    Array.from(
      toFrames(
        [
          [P, 6],
          [T, 8],
          [PACER, 6],
        ],
        20,
      ),
    ),
    [PACER],
  );
});

test('toFrames refuses symbols outside 0–255 (a byte would wrap 256 to 0 and −1 to 255)', () => {
  for (const sym of [256, -1, 1.5, NaN]) {
    let err = null;
    try {
      toFrames([[sym, 40]], 20);
    } catch (e) {
      err = e;
    }
    assert.ok(err && err.name === 'SignalError' && /outside 0–255/.test(err.message), `${sym}: ${err && err.message}`);
  }
  assert.equal(Array.from(toFrames([[255, 40]], 20)), [255, 255]);
});

test.run();
