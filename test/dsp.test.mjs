// Resampler (passband ripple, stopband rejection, zero phase, lengths) and rank normalisation.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resample, rankNormalize, SignalError } from '../dist/index.js';
import { rationalFactors } from '../dist/dsp/resample.js';
import { sinPi, ln, cbrt } from '../dist/dsp/portable-math.js';
import { throwsTyped } from './helpers.mjs';

const tone = (n, fs, hz, phase = 0) =>
  Float64Array.from({ length: n }, (_, i) => Math.sin((2 * Math.PI * hz * i) / fs + phase));
/** Amplitude of `hz` in y (fs) by projection on sin/cos over the central part (edges excluded). */
function amplitude(y, fs, hz) {
  let s = 0,
    c = 0,
    n = 0;
  for (let i = Math.floor(y.length / 4); i < Math.floor((3 * y.length) / 4); i++) {
    s += y[i] * Math.sin((2 * Math.PI * hz * i) / fs);
    c += y[i] * Math.cos((2 * Math.PI * hz * i) / fs);
    n++;
  }
  return (2 * Math.hypot(s, c)) / n;
}

test('rational factors', () => {
  assert.equal(rationalFactors(500, 250), [1, 2]);
  assert.equal(rationalFactors(360, 250), [25, 36]);
  assert.equal(rationalFactors(128, 250), [125, 64]);
});

for (const fsIn of [500, 1000, 360, 128]) {
  test(`resample ${fsIn} → 250 Hz: passband ripple < 0.01 dB up to 100 Hz (or input Nyquist), stopband ≥ 80 dB`, () => {
    const n = fsIn * 8;
    assert.is(resample(new Float64Array(n), fsIn, 250).length, Math.ceil((n * 250) / fsIn));
    const passTop = Math.min(100, (0.8 * fsIn) / 2);
    for (const hz of [1, 10, 40, passTop]) {
      const a = amplitude(resample(tone(n, fsIn, hz), fsIn, 250), 250, hz);
      assert.ok(Math.abs(20 * Math.log10(a)) < 0.01, `${hz} Hz: ${(20 * Math.log10(a)).toFixed(4)} dB`);
    }
    if (fsIn > 250) {
      for (const hz of [125.5, 140, Math.min(200, fsIn / 2 - 5)]) {
        const y = resample(tone(n, fsIn, hz), fsIn, 250);
        const alias = Math.abs(250 - hz); // where it would fold to
        const rms = Math.sqrt(
          y.slice(y.length / 4, (3 * y.length) / 4).reduce((s, v) => s + v * v, 0) / (y.length / 2),
        );
        assert.ok(
          20 * Math.log10(rms * Math.SQRT2) < -80,
          `${hz} Hz (folds to ${alias} Hz) leaks ${(20 * Math.log10(rms * Math.SQRT2)).toFixed(1)} dB`,
        );
      }
    }
  });
}

test('resample is zero-phase: a peak stays where it was', () => {
  const x = new Float64Array(5000);
  x[2000] = 1; // impulse at t = 4 s (500 Hz)
  const y = resample(x, 500, 250);
  let best = 0;
  for (let i = 0; i < y.length; i++) if (y[i] > y[best]) best = i;
  assert.is(best, 1000);
  // Symmetric around the peak.
  for (let k = 1; k < 20; k++) assert.ok(Math.abs(y[1000 - k] - y[1000 + k]) < 1e-12);
});

test('resample keeps offsets and slopes at the edges (odd reflection)', () => {
  const ramp = Float64Array.from({ length: 1000 }, (_, i) => 3 + i * 0.01);
  const y = resample(ramp, 500, 250);
  // Within the passband gain ripple (< 1e-4 relative): no edge dip or overshoot.
  assert.ok(Math.abs(y[0] - 3) < 3e-4 && Math.abs(y[y.length - 1] - (3 + 998 * 0.01)) < 1.3e-3);
  for (let i = 1; i < y.length; i++) assert.ok(Math.abs(y[i] - y[i - 1] - 0.02) < 1e-4);
});

test('resample rejects bad rates', () => {
  throwsTyped(() => resample([1, 2, 3], 0, 250), SignalError, /positive/);
  throwsTyped(() => resample([1, 2, 3], NaN, 250), SignalError, /positive/);
});

test('rankNormalize: average ranks for ties, range [-1, 1], float32, amplitude invariant', () => {
  assert.equal(Array.from(rankNormalize([10, 30, 20])), [-1, 1, 0]);
  // ties: values 5,5,5 at sorted positions 2,3,4 (1-based) → rank 3 → (3−1)/4·2 − 1 = 0
  assert.equal(Array.from(rankNormalize([1, 5, 5, 5, 9])), [-1, 0, 0, 0, 1]);
  assert.equal(Array.from(rankNormalize([0, 0])), [0, 0]);
  assert.equal(Array.from(rankNormalize([7])), [-1]);
  assert.is(rankNormalize([]).length, 0);
  assert.ok(rankNormalize([1, 2]) instanceof Float32Array);
  const x = Float64Array.from({ length: 100 }, (_, i) => Math.sin(i));
  assert.equal(Array.from(rankNormalize(x)), Array.from(rankNormalize(x.map((v) => 3 * v + 100))));
});

test('portable sin(π·u), ln, cbrt (only exactly rounded operations) agree with Math.* to a few ulp', () => {
  let es = 0,
    el = 0,
    ec = 0;
  for (let i = -20000; i <= 20000; i++) {
    const u = i / 20000;
    es = Math.max(es, Math.abs(sinPi(u) - Math.sin(Math.PI * u)));
    const x = Math.exp(i / 700);
    el = Math.max(el, Math.abs(ln(x) - Math.log(x)) / Math.max(1, Math.abs(Math.log(x))));
    ec = Math.max(ec, Math.abs(cbrt(x) - Math.cbrt(x)) / Math.cbrt(x));
  }
  assert.ok(es < 1e-15 && el < 1e-15 && ec < 1e-15, `sin ${es}, ln ${el}, cbrt ${ec}`);
  assert.is(sinPi(7), 0);
  assert.ok(Math.abs(sinPi(0.5) - 1) <= 2.3e-16);
  assert.is(ln(1), 0);
  assert.is(cbrt(-27), -3);
  assert.ok(Number.isNaN(sinPi(Infinity)) && Number.isNaN(ln(-1)) && ln(0) === -Infinity);
});

test.run();
