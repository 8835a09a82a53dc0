// Hostile EDF/EDF+ values (silent wrong values and header-sized memory before): a physical range that gives no finite
// scale, TAL numbers outside the EDF+ syntax, negative durations, EDF+D records that overlap or start before the
// recording, an EDF+C whose records are not contiguous, from: NaN, a channel listed twice, an EDF+D record stamped
// days later (a timeline of gigabytes), more annotations than the budget: each a typed FormatError, fast, with
// memory set by the bytes present.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeEdf, FormatError } from '../dist/node.js';
import { MAX_EDF_ANNOTATIONS } from '../dist/io/edf.js';
import { writeEdf } from './edf-writer.mjs';
import { throwsTyped } from './helpers.mjs';

const sig = (over = {}) => ({
  label: 'ECG',
  samplesPerRecord: 10,
  physMin: -5,
  physMax: 5,
  digMin: -2048,
  digMax: 2047,
  unit: 'mV',
  digital: Int32Array.from({ length: 1000 }, (_, i) => (i % 200) - 100),
  ...over,
});
const plus = (format, annotations, nRecords = annotations.length, annotationBytes = 60, s = sig()) =>
  writeEdf({ signals: [s], recordDuration: 1, nRecords, format, annotations, annotationBytes });
const tk = (t) => `${t < 0 ? '-' : '+'}${Math.abs(t)}\x14\x14\x00`; // a time-keeping TAL

test('a physical range ±1e308 (no finite scale) is refused at the header', () => {
  const b = writeEdf({
    signals: [sig({ physMin: '-1e308', physMax: '1e308' })],
    recordDuration: 1,
    nRecords: 2,
    format: 'EDF',
  });
  throwsTyped(() => decodeEdf(b), FormatError, /no finite scale/);
});

test('TAL numbers: the EDF+ syntax only; a negative duration is refused', () => {
  for (const [tal, re] of [
    [`+1\x15abc\x14x\x14\x00`, /bad annotation duration 'abc'/],
    [`+1\x15-2\x14x\x14\x00`, /bad annotation duration '-2'/],
    [`+1e3\x14x\x14\x00`, /bad annotation onset '\+1e3'/],
    [`1\x14x\x14\x00`, /bad annotation onset '1'/],
    [`+0x10\x14x\x14\x00`, /bad annotation onset/],
    [`+Infinity\x14x\x14\x00`, /bad annotation onset/],
  ]) {
    const b = plus('EDF+C', [[tk(0), tal], [tk(1)]]);
    throwsTyped(() => decodeEdf(b), FormatError, re);
  }
  const ok = decodeEdf(plus('EDF+C', [[tk(0), `+0.5\x152.25\x14note\x14\x00`], [tk(1)]]));
  assert.equal(ok.annotations, [{ onsetS: 0.5, durationS: 2.25, text: 'note' }]);
});

test('TAL texts are UTF-8', () => {
  const text = Buffer.from('Temp 37 °C — Ω', 'utf8').toString('latin1'); // the bytes, one char per byte for the writer
  const r = decodeEdf(plus('EDF+C', [[tk(0), `+0.1\x14${text}\x14\x00`], [tk(1)]], 2, 80));
  assert.is(r.annotations[0].text, 'Temp 37 °C — Ω');
});

test('EDF+D: overlapping records and a negative start are refused; an EDF+C that is not contiguous too', () => {
  throwsTyped(() => decodeEdf(plus('EDF+D', [[tk(0)], [tk(0.5)], [tk(5)]])), FormatError, /must not overlap/);
  throwsTyped(() => decodeEdf(plus('EDF+D', [[tk(0)], [tk(-3)]])), FormatError, /must not overlap/);
  throwsTyped(() => decodeEdf(plus('EDF+D', [[tk(-2)], [tk(0)]])), FormatError, /before the recording/);
  throwsTyped(() => decodeEdf(plus('EDF+C', [[tk(0)], [tk(1)], [tk(7)]])), FormatError, /is continuous/);
  const gap = decodeEdf(plus('EDF+D', [[tk(0)], [tk(3)]]));
  assert.is(gap.signals[0].physical.length, 40); // 4 s at 10 Hz: 2 s of NaN between the records
  assert.is(gap.signals[0].physical.filter(Number.isNaN).length, 20);
});

test('an EDF+D record stamped 200,000 s later: refused before a timeline of gigabytes is allocated', () => {
  const b = plus('EDF+D', [[tk(0)], [tk(200000)]], 2, 60, sig({ samplesPerRecord: 256, digital: new Int32Array(512) }));
  const before = process.memoryUsage().rss;
  throwsTyped(() => decodeEdf(b), FormatError, /samples of timeline for 512 samples of data/);
  assert.ok(process.memoryUsage().rss - before < 200e6);
  // a part of it is fine: only the asked span is allocated
  const part = decodeEdf(b, 'x.edf', { from: 199999, to: 200001 });
  assert.is(part.signals[0].physical.length, 512);
});

test('from: NaN, a channel listed twice: typed errors', () => {
  const b = writeEdf({ signals: [sig(), sig({ label: 'V1' })], recordDuration: 1, nRecords: 100, format: 'EDF' });
  throwsTyped(() => decodeEdf(b, 'x.edf', { from: NaN }), FormatError, /from: NaN is not a finite number/);
  throwsTyped(() => decodeEdf(b, 'x.edf', { to: Infinity }), FormatError, /to: Infinity/);
  throwsTyped(() => decodeEdf(b, 'x.edf', { channels: [0, 1, 0] }), FormatError, /signal 0 listed twice/);
  assert.is(decodeEdf(b, 'x.edf', { channels: [1] }).signals[0].name, 'V1');
});

test(`annotations beyond the budget (${MAX_EDF_ANNOTATIONS.toLocaleString('en')} per read) are a typed error`, () => {
  // 1,100 records × 1,000 one-character annotations: 1.1 M annotations in ~8 MB
  const one = '+0\x14a\x14\x00';
  const perRecord = Array.from({ length: 1000 }, () => one).join('');
  const n = 1100;
  const b = writeEdf({
    signals: [sig({ samplesPerRecord: 1, digital: new Int32Array(n) })],
    recordDuration: 1,
    nRecords: n,
    format: 'EDF+C',
    annotations: Array.from({ length: n }, (_, r) => [tk(r) + perRecord]),
    annotationBytes: 8000,
  });
  const t0 = Date.now();
  throwsTyped(() => decodeEdf(b), FormatError, /more than 1000000 annotations/);
  assert.ok(Date.now() - t0 < 20000);
});

test.run();
