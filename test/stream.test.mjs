// Live streaming: random chunk sizes give exactly the waves and beats of the batch predict,
// nothing is emitted twice, and memory stays bounded on a long stream.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { Inference, readWfdbRecord, SignalError } from '../dist/node.js';
import { FIX, throwsTyped } from './helpers.mjs';

const det = Inference.createSync();
const ii = readWfdbRecord(join(FIX, 'ludb', '1')).signals[1].physical;

function longSignal(seconds, fs) {
  const n = Math.round(seconds * fs),
    src = fs === 500 ? ii : Float64Array.from({ length: 2500 }, (_, i) => ii[2 * i]);
  return Float64Array.from(
    { length: n },
    (_, i) => src[i % src.length] * (1 + 0.05 * Math.sin(i / (7 * fs))) + 0.1 * Math.sin(i / (3 * fs)),
  );
}

for (const fs of [500, 250]) {
  test(`stream at ${fs} Hz with random chunks equals the batch predict`, () => {
    const x = longSignal(47.3, fs);
    const batch = det.predict(x, { fs });
    const waves = [],
      beats = [];
    const s = det.createStream({ fs, onWaves: (w) => waves.push(...w), onBeat: (b, iv) => beats.push({ b, iv }) });
    let seed = fs,
      i = 0;
    while (i < x.length) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      const k = 1 + (seed % 300);
      s.push(x.subarray(i, i + k));
      i += k;
    }
    const beforeEnd = waves.length;
    s.end();
    assert.ok(beforeEnd > 0.6 * batch.waves.length, 'most waves are emitted before the end');
    assert.equal(waves, batch.waves);
    assert.equal(
      beats.map((e) => e.b),
      batch.beats,
    );
    assert.equal(
      beats.slice(1).map((e) => e.iv),
      batch.intervals.beats.slice(1),
    );
  });
}

test('bounded memory on a long stream; bad samples rejected', () => {
  const fs = 500,
    x = longSignal(10, fs);
  const s = det.createStream({ fs });
  let maxBuf = 0;
  for (let rep = 0; rep < 18; rep++)
    for (let i = 0; i < x.length; i += 25) {
      s.push(x.subarray(i, i + 25));
      maxBuf = Math.max(maxBuf, s.bufferedSamples);
    }
  assert.ok(maxBuf < 20000, `buffered ${maxBuf} samples`);
  throwsTyped(() => s.push([NaN]), SignalError, /non-finite/);
  s.end();
  throwsTyped(() => s.push([1]), SignalError, /ended/);
});

test.run();
