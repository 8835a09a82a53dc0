// WFDB records the reader builds from hand-written headers and bytes: formats 24 and 32 (with their invalid
// sample → NaN), multi-frequency records (samples per frame > 1: each signal at its own rate) and skew (the
// stored samples move earlier; the never-stored tail is invalid) — each read back exactly, plus the refusals.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseWfdbHeader, decodeWfdbSignals, frameAveraged, FormatError } from '../dist/index.js';
import { throwsTyped } from './helpers.mjs';

const le = (bytesPer, values) => {
  const b = new Uint8Array(values.length * bytesPer);
  values.forEach((v, i) => {
    for (let k = 0; k < bytesPer; k++) b[i * bytesPer + k] = (v >> (8 * k)) & 0xff;
  });
  return b;
};
const read = (hea, dat) => decodeWfdbSignals(parseWfdbHeader(hea, 'r.hea'), { 'r.dat': dat });
/** A signal line whose initial value and checksum are those of `stored` (the samples as the file holds them). */
const line = (format, gain, bits, name, stored) => {
  const sum = stored.reduce((a, v) => (a + v) & 0xffff, 0);
  return `r.dat ${format} ${gain} ${bits} 0 ${stored[0]} ${(sum << 16) >> 16} 0 ${name}`;
};

test('format 24: little-endian 24-bit two’s complement; −8388608 is an invalid sample (NaN)', () => {
  const v = [0, 1, -1, 8388607, -8388607, -8388608]; // interleaved: s0, s1, s0, s1, …
  const hea = [
    'r 2 500 3',
    line(24, 1000, 24, 'a', [0, -1, -8388607]),
    line(24, 1000, 24, 'b', [1, 8388607, -8388608]),
  ];
  const rec = read(hea.join('\n') + '\n', le(3, v));
  assert.equal(Array.from(rec.signals[0].digital), [0, -1, -8388607]);
  assert.equal(Array.from(rec.signals[1].digital), [1, 8388607, -8388608]);
  assert.equal(Array.from(rec.signals[1].physical).slice(0, 2), [0.001, 8388.607]);
  assert.ok(Number.isNaN(rec.signals[1].physical[2]));
});

test('format 32: little-endian 32-bit; −2147483648 is an invalid sample (NaN)', () => {
  const v = [2147483647, -2147483647, 123456789, -2147483648];
  const rec = read(`r 1 250 4\n${line(32, 1, 32, 'x', v)}\n`, le(4, v));
  assert.equal(Array.from(rec.signals[0].digital), v);
  assert.equal(Array.from(rec.signals[0].physical).slice(0, 3), [2147483647, -2147483647, 123456789]);
  assert.ok(Number.isNaN(rec.signals[0].physical[3]));
});

test('multi-frequency: "16x2" gives that signal two samples per frame, at twice the frame rate', () => {
  // Frames of 3 samples: a, b, b′ — 4 frames at 250 Hz.
  const stream = [10, 20, 21, 11, 22, 23, 12, 24, 25, 13, 26, 27];
  const hea = [
    'r 2 250 4',
    line(16, 1, 16, 'slow', [10, 11, 12, 13]),
    line('16x2', 1, 16, 'fast', [20, 21, 22, 23, 24, 25, 26, 27]),
  ];
  const rec = read(hea.join('\n') + '\n', le(2, stream));
  assert.is(rec.nSamples, 4);
  assert.equal([rec.signals[0].fs, rec.signals[1].fs], [250, 500]);
  assert.equal(Array.from(rec.signals[0].digital), [10, 11, 12, 13]);
  assert.equal(Array.from(rec.signals[1].digital), [20, 21, 22, 23, 24, 25, 26, 27]);
});

test('multi-frequency, frame-averaged view as rdsamp: each frame the WFDB mean (halves up), physical from it', () => {
  const stream = [10, 20, 21, 11, 22, 23, 12, 24, 25, 13, 26, 27];
  const hea = [
    'r 2 250 4',
    line(16, 1, 16, 'slow', [10, 11, 12, 13]),
    line('16x2', 1, 16, 'fast', [20, 21, 22, 23, 24, 25, 26, 27]),
  ];
  const avg = frameAveraged(read(hea.join('\n') + '\n', le(2, stream)));
  assert.equal([avg.signals[0].fs, avg.signals[1].fs], [250, 250]);
  assert.equal(Array.from(avg.signals[0].physical), [10, 11, 12, 13]);
  assert.equal(Array.from(avg.signals[1].digital), [21, 23, 25, 27]); // (20 + 21) / 2 = 20.5 → 21, as meansamp
  assert.equal(Array.from(avg.signals[1].physical), [21, 23, 25, 27]); // rdsamp -p: (mean − baseline) / gain
});

test('skew: sample t of a skewed signal is read from frame t + skew; the last skew samples are invalid', () => {
  const stream = [1, 100, 2, 101, 3, 102, 4, 103, 5, 104];
  const hea = ['r 2 100 5', line(16, 1, 16, 'a', [1, 2, 3, 4, 5]), line('16:2', 1, 16, 'b', [100, 101, 102, 103, 104])];
  const rec = read(hea.join('\n') + '\n', le(2, stream));
  assert.equal(Array.from(rec.signals[0].digital), [1, 2, 3, 4, 5]);
  assert.equal(Array.from(rec.signals[1].digital), [102, 103, 104, -32768, -32768]);
  assert.equal(Array.from(rec.signals[1].physical).slice(0, 3), [102, 103, 104]);
  assert.ok(Number.isNaN(rec.signals[1].physical[3]) && Number.isNaN(rec.signals[1].physical[4]));
});

test('refusals: samples per frame past the limit, a truncated multi-frequency file', () => {
  throwsTyped(
    () => read('r 1 250 4\nr.dat 16x99999 1 16 0 0 0 0 x\n', le(2, [1, 2, 3])),
    FormatError,
    /samples per frame/,
  );
  throwsTyped(
    () => read('r 2 250 4\nr.dat 16 1 16 0 0 0 0 a\nr.dat 16x2 1 16 0 0 0 0 b\n', le(2, [1, 2, 3, 4, 5, 6])),
    FormatError,
    /announces 4 samples per signal, file holds 2/,
  );
});

test.run();
