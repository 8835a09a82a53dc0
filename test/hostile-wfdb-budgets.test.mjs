// Memory set by data, not by header fields: a 60-byte multi-segment header with null segments of 2^26 samples, a
// real segment header that claims more than its file holds, a negative or huge signal count, an annotation time
// resolution of 1e-320 Hz, a 3 GB sparse EDF: typed errors, fast, without gigabyte allocations.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync, copyFileSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWfdbRecord, readEdfFile, parseWfdbAnnotationFile, inRecordSamples, FormatError } from '../dist/node.js';
import { encodeWfdbAnnotations } from '../dist/node.js';
import { writeEdf } from './edf-writer.mjs';
import { FIX, throwsTyped } from './helpers.mjs';

const rssGrowth = (fn) => {
  const before = process.memoryUsage().rss;
  fn();
  return process.memoryUsage().rss - before;
};

test('multi-segment: null segments of 2^26 samples, 8 signals: refused without allocating them', () => {
  const d = mkdtempSync(join(tmpdir(), 'openecg-ms-'));
  for (const e of ['hea', 'dat']) copyFileSync(join(FIX, 'mitdb', `119.${e}`), join(d, `119.${e}`));
  writeFileSync(join(d, 'big.hea'), `big/2 2 360 ${10800 + 2 ** 26}\n119 10800\n~ ${2 ** 26}\n`);
  const grew = rssGrowth(() =>
    throwsTyped(() => readWfdbRecord(join(d, 'big')), FormatError, /of them in real segments: the rest are null/),
  );
  assert.ok(grew < 150e6, `${grew} bytes`);
  // a part that is mostly real data is fine
  const part = readWfdbRecord(join(d, 'big'), { from: 0, to: 20000 });
  assert.is(part.signals[0].physical.length, 20000);
  // a real segment header that claims 2^26 samples its .dat does not hold: the part read fails, nothing big is made
  writeFileSync(
    join(d, 'liar.hea'),
    `liar 2 360 ${2 ** 26}\n119.dat 212 200 11 1024 849 0 0 MLII\n119.dat 212 200 11 1024 895 0 0 V1\n`,
  );
  writeFileSync(join(d, 'ms2.hea'), `ms2/1 2 360 ${2 ** 26}\nliar ${2 ** 26}\n`);
  const grew2 = rssGrowth(() =>
    throwsTyped(() => readWfdbRecord(join(d, 'ms2')), FormatError, /truncated|holds|bytes/),
  );
  assert.ok(grew2 < 150e6, `${grew2} bytes`);
});

test('multi-segment signal counts: negative or huge are refused', () => {
  const d = mkdtempSync(join(tmpdir(), 'openecg-ms-'));
  for (const n of ['-3', '0', '100000']) {
    writeFileSync(join(d, 'r.hea'), `r/1 ${n} 360 10\n~ 10\n`);
    throwsTyped(() => readWfdbRecord(join(d, 'r')), FormatError, /signal count/);
  }
});

test('annotation time resolution 1e-320 Hz: refused; a resolution that overflows sample numbers too', () => {
  const anns = encodeWfdbAnnotations([
    { sample: 0, code: 22, aux: '## time resolution: 1e-320' },
    { sample: 10, code: 1 },
  ]);
  throwsTyped(() => parseWfdbAnnotationFile(anns, 'x.atr'), FormatError, /time resolution '1e-320'/);
  const slow = encodeWfdbAnnotations([
    { sample: 0, code: 22, aux: '## time resolution: 0.000001' },
    { sample: 2 ** 30, code: 1 },
  ]);
  const f = parseWfdbAnnotationFile(slow, 'x.atr');
  throwsTyped(() => inRecordSamples(f, 1e6), FormatError, /is no sample/);
});

test('a 3 GB sparse EDF: a typed error before any byte of data is read', () => {
  const d = mkdtempSync(join(tmpdir(), 'openecg-edf-'));
  const s = {
    label: 'ECG',
    samplesPerRecord: 500,
    physMin: -5,
    physMax: 5,
    digMin: -32768,
    digMax: 32767,
    unit: 'mV',
    digital: new Int32Array(500),
  };
  const n = 3_000_000; // 1,000 bytes per record: 3 GB
  const head = writeEdf({ signals: [s], recordDuration: 1, nRecords: 1, headerRecords: n, format: 'EDF' }).subarray(
    0,
    512,
  );
  const f = join(d, 'sparse.edf');
  writeFileSync(f, head);
  const fd = openSync(f, 'r+');
  ftruncateSync(fd, 512 + n * 1000);
  closeSync(fd);
  const grew = rssGrowth(() =>
    throwsTyped(() => readEdfFile(f), FormatError, /in one read \(limit \d+\); read a part/),
  );
  assert.ok(grew < 150e6, `${grew} bytes`);
  const part = readEdfFile(f, { from: 100, to: 110 });
  assert.is(part.signals[0].physical.length, 5000);
  assert.is(part.bytesRead, 512 + 10 * 1000);
});

test.run();
