// Beat detection over the model's QRS waves (src/ts/ecg/beat-search.ts): a synthetic 250-Hz recording of narrow
// spikes every 200 samples (75 bpm) with a QRS-probability track; the model's list misses one beat and holds one
// T-wave "QRS" 60 samples after a beat. Search-back must add the missed beat, the refractory check must drop the
// weak T wave, and a pause with no evidence must stay a pause.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { searchBeats } from '../dist/ecg/beat-search.js';
import { qrsEnergy } from '../dist/ecg/qrs-energy.js';

const N = 250 * 40;
const beatsAt = [];
for (let s = 300; s < N - 300; s += 200) beatsAt.push(s);
function recording({ pauseFrom = Infinity } = {}) {
  const x = new Float64Array(N);
  const prob = new Float32Array(N / 5);
  for (const b of beatsAt) {
    if (b >= pauseFrom && b < pauseFrom + 1000) continue; // a real pause: no beat, no evidence
    for (let i = -4; i <= 4; i++) x[b + i] = 1 - Math.abs(i) / 5; // a 36-ms spike
    for (let i = 60; i < 100; i++) x[b + i] += 0.15 * Math.sin((Math.PI * (i - 60)) / 40); // a low, slow T wave
    prob[Math.floor(b / 5)] = 0.9;
  }
  return { x, prob };
}
const qrsWave = (c) => ({ wave: 'QRS', onset: c - 5, offset: c + 5 });

test('search-back adds a beat the decoder missed; the refractory check drops a weak T wave', () => {
  const { x, prob } = recording();
  const missed = beatsAt[20];
  prob[Math.floor(missed / 5)] = 0.3; // the model saw it, but the argmax gave the frames to another class
  const tWave = beatsAt[30] + 60; // 240 ms after its beat, inside the refractory period
  prob[Math.floor(tWave / 5)] = 0.6;
  const waves = beatsAt.filter((b) => b !== missed).map(qrsWave);
  waves.push(qrsWave(tWave), { wave: 'T', onset: beatsAt[5] + 60, offset: beatsAt[5] + 99 });
  const out = searchBeats(
    waves.sort((a, b) => a.onset - b.onset),
    prob,
    x,
  );
  const qrs = out.filter((w) => w.wave === 'QRS').map((w) => (w.onset + w.offset) / 2);
  assert.is(qrs.length, beatsAt.length, 'one QRS per beat');
  for (const b of beatsAt)
    assert.ok(
      qrs.some((c) => Math.abs(c - b) <= 5),
      `beat at ${b} present`,
    );
  assert.ok(!qrs.some((c) => Math.abs(c - tWave) < 20), 'the T wave is gone');
  assert.ok(
    out.some((w) => w.wave === 'T'),
    'P/T waves are kept',
  );
});

test('a pause without QRS evidence stays a pause; nothing is added to a clean list', () => {
  const pauseFrom = beatsAt[15];
  const { x, prob } = recording({ pauseFrom });
  const present = beatsAt.filter((b) => b < pauseFrom || b >= pauseFrom + 1000);
  const out = searchBeats(present.map(qrsWave), prob, x);
  assert.is(out.filter((w) => w.wave === 'QRS').length, present.length);
});

test('two comparable QRS inside the refractory period (a fast ventricular run) are both kept', () => {
  const { x, prob } = recording();
  const extra = beatsAt[10] + 55; // 220 ms later, as strong as a beat
  for (let i = -4; i <= 4; i++) x[extra + i] = 1 - Math.abs(i) / 5;
  prob[Math.floor(extra / 5)] = 0.9;
  const waves = beatsAt
    .map(qrsWave)
    .concat([qrsWave(extra)])
    .sort((a, b) => a.onset - b.onset);
  assert.is(searchBeats(waves, prob, x).filter((w) => w.wave === 'QRS').length, beatsAt.length + 1);
});

test('QRS energy: concentrated at the spikes, the same at any rate scaling', () => {
  const { x } = recording();
  const e = qrsEnergy(x);
  assert.ok(e[beatsAt[3]] > 50 * e[beatsAt[3] + 120], 'energy at the QRS far above the baseline');
  const x2 = new Float64Array(2 * N);
  for (let i = 0; i < 2 * N; i++) x2[i] = x[i >> 1];
  const e2 = qrsEnergy(x2, 500);
  assert.ok(e2[2 * beatsAt[3]] > 50 * e2[2 * beatsAt[3] + 240]);
});

test.run();
