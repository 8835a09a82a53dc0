// Token codec: the original's test vectors, round trips, renderers, frames, events from a delineation.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { encodeEvents, decodeEvents, renderCompact, renderTimed, renderJson, toFrames, fromFrames, eventsFromDelineation } from '../dist/codec/tokens.js';
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
  assert.equal(Array.from(w).map((x) => (x & 255) * 4), [1020, 1020, 460]);
  assert.equal(Array.from(w).map((x) => x >> 8), [ISO, ISO, ISO]);
  assert.equal(decodeEvents(w), [[ISO, 2500]]);
  assert.is(encodeEvents([[P, 10]])[0], (P << 8) | 2); // 2.5 units → 2 (half to even)
  assert.is(encodeEvents([[P, 14]])[0], (P << 8) | 4); // 3.5 units → 4
  throwsTyped(() => encodeEvents([[P, 0]]), SignalError, /positive/);
  throwsTyped(() => encodeEvents([[256, 4]]), SignalError, /0–255/);
});

test('renderers', () => {
  const ev = [[ISO, 100], [P, 80], [ISO, 60], [Q, 20], [R, 40], [S, 20], [ISO, 120], [T, 160]];
  assert.is(renderCompact(ev), '_p_qrs_t');
  assert.is(renderTimed(ev), '_____pppp___qrrs______tttttttt');
  assert.equal(renderJson([[P, 80]]), [{ sym: 'P', ms: 80 }]);
});

test('frames: largest overlap, pacer wins, ISO when empty; from frames run-length', () => {
  const f = toFrames([[ISO, 30], [P, 50], [PACER, 4], [R, 16]], 20);
  assert.equal(Array.from(f), [ISO, ISO, P, P, PACER]); // frame 1: ISO and P overlap 10 ms each → first wins
  assert.equal(fromFrames([2, 2, 4, 4, 4, 2], 20), [[2, 40], [4, 60], [2, 20]]);
  assert.equal(Array.from(toFrames([[P, 20]], 20, 60)), [P, ISO, ISO]);
});

test('events from a delineation: Q/R/S split at extrema, W for wide QRS, total length kept', () => {
  const fs = 250, n = 250; // 1 s
  const x = new Float64Array(n);
  x[60] = -0.2; x[64] = 1.5; x[68] = -0.4; // q, R, S inside the QRS 58..72
  const d = { fs, nSamples: n, waves: [{ wave: 'P', onset: 20, offset: 40 }, { wave: 'QRS', onset: 58, offset: 72 }, { wave: 'T', onset: 110, offset: 160 }, { wave: 'QRS', onset: 190, offset: 230 }] };
  const ev = eventsFromDelineation(d, x);
  assert.is(renderCompact(ev), '_p_qrs_t_w_');
  assert.is(ev.reduce((s, [, ms]) => s + ms, 0), 1000);
  assert.equal(eventsFromDelineation({ fs, nSamples: n, waves: [] }, x), [[UNK, 1000]]);
});

test.run();
