// WFDB, CSV and .npy readers on real LUDB/QTDB fixtures and on broken files.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync, mkdtempSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  parseWfdbHeader,
  decodeWfdbSignals,
  parseWfdbAnnotations,
  parseCsv,
  parseNpy,
  writeNpy,
  FormatError,
} from '../dist/index.js';
import { readWfdbRecord, readWfdbAnnotations } from '../dist/io/wfdb-node.js';
import { wavesFromAnnotations } from '../dist/ecg/waves.js';
import { FIX, throwsTyped } from './helpers.mjs';

test('LUDB record 1: 12 leads, 500 Hz, format 16, checksums verified, physical units', () => {
  const r = readWfdbRecord(join(FIX, 'ludb', '1'));
  assert.is(r.fs, 500);
  assert.is(r.nSamples, 5000);
  assert.is(r.signals.length, 12);
  assert.equal(
    r.signals.map((s) => s.name),
    ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'],
  );
  const ii = r.signals[1];
  assert.is(ii.units, 'mV');
  assert.is(ii.gain, 1206);
  assert.is(ii.baseline, 2); // header field "1206(2)/mV"
  assert.is(ii.digital[0], 25); // header initial value of lead ii
  assert.ok(Math.abs(ii.physical[0] - (25 - ii.baseline) / ii.gain) < 1e-12);
  // Round trip: encode the decoded digital samples as format 16 (interleaved little-endian int16, written
  // here independently of the reader) — the bytes must be the file's, every one of them.
  const bytes = new Uint8Array(readFileSync(join(FIX, 'ludb', '1.dat')));
  const enc = new Uint8Array(r.nSamples * r.signals.length * 2);
  for (let t = 0, o = 0; t < r.nSamples; t++) {
    for (const sg of r.signals) {
      const v = sg.digital[t] & 0xffff;
      enc[o++] = v & 0xff;
      enc[o++] = v >> 8;
    }
  }
  assert.is(enc.length, bytes.length);
  assert.ok(
    enc.every((b, k) => b === bytes[k]),
    'format 16 re-encoding reproduces the file',
  );
});

test('QTDB sel100: format 212, 2 signals, 250 Hz', () => {
  const r = readWfdbRecord(join(FIX, 'qtdb', 'sel100'));
  assert.is(r.fs, 250);
  assert.is(r.signals.length, 2);
  assert.is(r.nSamples, 225000);
  assert.equal(
    r.signals.map((s) => s.name),
    ['MLII', 'V5'],
  );
  assert.is(r.signals[0].digital[0], r.header.signals[0].initialValue);
  // Every sample of both signals: re-encode as format 212 (two 12-bit samples in three bytes: low byte of
  // the first, high nibbles of both, low byte of the second; written here from the format's definition)
  // and compare with the file byte for byte.
  const bytes = new Uint8Array(readFileSync(join(FIX, 'qtdb', 'sel100.dat')));
  const flat = [];
  for (let t = 0; t < r.nSamples; t++) for (const sg of r.signals) flat.push(sg.digital[t]);
  const enc = new Uint8Array(Math.ceil((flat.length * 3) / 2));
  for (let k = 0, o = 0; k < flat.length; k += 2) {
    const a = flat[k] & 0xfff,
      b = k + 1 < flat.length ? flat[k + 1] & 0xfff : 0;
    enc[o++] = a & 0xff;
    enc[o++] = (a >> 8) | ((b >> 8) << 4);
    enc[o++] = b & 0xff;
  }
  assert.is(enc.length, bytes.length);
  let bad = -1;
  for (let k = 0; k < enc.length && bad < 0; k++) if (enc[k] !== bytes[k]) bad = k;
  assert.is(bad, -1, `format 212 re-encoding differs at byte ${bad}`);
  // And a few samples decoded by hand from the first bytes (sign-extended 12-bit values).
  const s12 = (v) => (v << 20) >> 20;
  assert.is(r.signals[0].digital[0], s12(bytes[0] | ((bytes[1] & 0x0f) << 8)));
  assert.is(r.signals[1].digital[0], s12(bytes[2] | ((bytes[1] & 0xf0) << 4)));
  assert.is(r.signals[0].digital[1], s12(bytes[3] | ((bytes[4] & 0x0f) << 8)));
});

test('format 212: negative samples, 12-bit extremes and an odd sample count', () => {
  const want = [-1, 2047, -2048, 0, -300, 1234, 5];
  const enc = [];
  for (let k = 0; k < want.length; k += 2) {
    const a = want[k] & 0xfff,
      b = k + 1 < want.length ? want[k + 1] & 0xfff : 0;
    enc.push(a & 0xff, (a >> 8) | ((b >> 8) << 4), b & 0xff);
  }
  const h = parseWfdbHeader(`r 1 100 ${want.length}\nr.dat 212 100 12 0\n`);
  assert.equal(
    Array.from(
      decodeWfdbSignals(h, { 'r.dat': new Uint8Array(enc.slice(0, Math.ceil(want.length * 1.5))) }).signals[0].digital,
    ),
    want,
  );
});

test('annotations: LUDB lead ii waves and QTDB q1c with its boundaries', () => {
  const anns = readWfdbAnnotations(join(FIX, 'ludb', '1'), 'ii', 5000);
  const waves = wavesFromAnnotations(anns);
  assert.is(anns.length, 48); // 16 waves × (onset, peak, offset)
  assert.equal(
    ['P', 'QRS', 'T'].map((k) => waves.filter((w) => w.wave === k).length),
    [5, 6, 5],
  );
  const kinds = new Set(waves.map((w) => w.wave));
  assert.ok(kinds.has('P') && kinds.has('QRS') && kinds.has('T'));
  for (const w of waves) if (w.onset !== null && w.offset !== null) assert.ok(w.onset <= w.peak && w.peak <= w.offset);
  const q = readWfdbAnnotations(join(FIX, 'qtdb', 'sel100'), 'q1c', 225000);
  assert.ok(q.length > 100);
  assert.ok(q.every((a, i) => i === 0 || a.sample >= q[i - 1].sample));
});

test('annotation encoding: SKIP, NUM, SUB, CHN, AUX decode', () => {
  // N at 10; SKIP +100000; '(' at +5; AUX "(N"; CHN 1; end.
  const words = [];
  const w = (a, i) => words.push((a << 10) | i);
  w(1, 10);
  w(61, 3);
  w(59, 0);
  words.push(0x0001, 0x86a0);
  w(39, 5);
  w(63, 2);
  words.push(0x4e28);
  w(62, 1);
  w(0, 0);
  const bytes = new Uint8Array(words.length * 2);
  words.forEach((v, k) => {
    bytes[2 * k] = v & 255;
    bytes[2 * k + 1] = v >> 8;
  });
  const a = parseWfdbAnnotations(bytes);
  assert.is(a.length, 2);
  assert.equal([a[0].symbol, a[0].sample, a[0].subtype], ['N', 10, 3]);
  assert.equal([a[1].symbol, a[1].sample, a[1].aux, a[1].chan], ['(', 10 + 100000 + 5, '(N', 1]);
  throwsTyped(() => parseWfdbAnnotations(bytes, 'x.atr', 1000), FormatError, /past the end of the record/);
});

test("each format's invalid-sample value is NaN in physical units; digital keeps it", () => {
  const hdr = (fmt, n) => parseWfdbHeader(`r 1 100 ${n}\nr.dat ${fmt} 100 12 0\n`);
  const le16 = (vals) => new Uint8Array(vals.flatMap((v) => [v & 255, (v >> 8) & 255]));
  const cases = [
    [16, le16([5, -32768, 7]), [5, -32768, 7]],
    [61, new Uint8Array([0, 5, 0x80, 0, 0, 7]), [5, -32768, 7]],
    [160, le16([32768 + 5, 0, 32768 + 7]), [5, -32768, 7]],
    [80, new Uint8Array([133, 0, 135]), [5, -128, 7]],
    [212, new Uint8Array([5, 0x80, 0x00, 7, 0x00, 0x00]), [5, -2048, 7, 0]],
    [
      311,
      (() => {
        const v = 5 | ((-512 & 0x3ff) << 10) | (7 << 20);
        return new Uint8Array([v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255]);
      })(),
      [5, -512, 7],
    ],
  ];
  for (const [fmt, bytes, digital] of cases) {
    const r = decodeWfdbSignals(hdr(fmt, digital.length), { 'r.dat': bytes });
    assert.equal(Array.from(r.signals[0].digital), digital, `format ${fmt} digital`);
    const ph = Array.from(r.signals[0].physical);
    assert.ok(Number.isNaN(ph[1]), `format ${fmt}: invalid sample is NaN`);
    assert.is(ph[0], 5 / 100);
    assert.is(ph[2], 7 / 100);
  }
});

test('annotations: NOTQRS (code 0), signed 8-bit NUM/SUB, unsigned CHN, metadata notes at sample 0', () => {
  const words = [];
  const w = (a, i) => words.push(((a << 10) | (i & 0x3ff)) & 0xffff);
  const aux = (text) => {
    w(63, text.length);
    const b = [...text].map((c) => c.charCodeAt(0));
    if (b.length & 1) b.push(0);
    for (let k = 0; k < b.length; k += 2) words.push(b[k] | (b[k + 1] << 8));
  };
  w(22, 0);
  aux('## time resolution: 1000'); // metadata NOTE at sample 0
  w(0, 5);
  aux('75 x custom label'); // NOTQRS at 5 carrying a label definition
  w(1, 95);
  w(60, 200 & 0xff);
  w(61, -56 & 0xff);
  w(62, 255); // N at 100, num -56, sub -56, chan 255
  w(5, 50); // V at 150 inherits num and chan
  w(0, 0);
  const bytes = new Uint8Array(words.length * 2);
  words.forEach((v, k) => {
    bytes[2 * k] = v & 255;
    bytes[2 * k + 1] = v >> 8;
  });
  const a = parseWfdbAnnotations(bytes);
  assert.equal(
    a.map((x) => [x.symbol, x.sample]),
    [
      ['N', 100],
      ['V', 150],
    ],
  );
  assert.equal([a[0].num, a[0].subtype, a[0].chan], [-56, -56, 255]);
  assert.equal([a[1].num, a[1].chan], [-56, 255]);
});

test('packed formats 310 and 311 and 80, 61', () => {
  const hdr = (fmt) => parseWfdbHeader(`r 1 100 3\nr.dat ${fmt} 100 10 0\n`);
  // 311: three 10-bit samples in a LE 32-bit word: 5, -3, 511.
  const v = (5 & 0x3ff) | ((-3 & 0x3ff) << 10) | ((511 & 0x3ff) << 20);
  const b311 = new Uint8Array([v & 255, (v >>> 8) & 255, (v >>> 16) & 255, (v >>> 24) & 255]);
  assert.equal(Array.from(decodeWfdbSignals(hdr(311), { 'r.dat': b311 }).signals[0].digital), [5, -3, 511]);
  // 310: s0 in bits 1-10 of word 0, s1 in bits 1-10 of word 1, s2 split over bits 11-15 of both.
  const s = [7, -2, 300],
    w0 = ((s[0] & 0x3ff) << 1) | ((s[2] & 0x1f) << 11),
    w1 = ((s[1] & 0x3ff) << 1) | (((s[2] >> 5) & 0x1f) << 11);
  const b310 = new Uint8Array([w0 & 255, w0 >> 8, w1 & 255, w1 >> 8]);
  assert.equal(Array.from(decodeWfdbSignals(hdr(310), { 'r.dat': b310 }).signals[0].digital), s);
  assert.equal(
    Array.from(decodeWfdbSignals(hdr(80), { 'r.dat': new Uint8Array([128, 0, 255]) }).signals[0].digital),
    [0, -128, 127],
  );
  assert.equal(
    Array.from(decodeWfdbSignals(hdr(61), { 'r.dat': new Uint8Array([0, 1, 255, 255, 0x80, 0]) }).signals[0].digital),
    [1, -1, -32768],
  );
});

test('broken WFDB: truncated .dat, bad checksum, unknown format, header/file mismatch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'openecg-'));
  const hea = readFileSync(join(FIX, 'ludb', '1.hea'), 'latin1');
  const dat = readFileSync(join(FIX, 'ludb', '1.dat'));
  writeFileSync(join(dir, '1.hea'), hea);
  writeFileSync(join(dir, '1.dat'), dat.subarray(0, dat.length - 1000));
  throwsTyped(
    () => readWfdbRecord(join(dir, '1')),
    FormatError,
    /truncated: header announces 5000 samples per signal, file holds 4958/,
  );
  const bad = Buffer.from(dat);
  bad[5000] ^= 0x10;
  writeFileSync(join(dir, '1.dat'), bad);
  // a checksum the data contradict is reported on the result, not refused (rdsamp reads such records)
  const flagged = readWfdbRecord(join(dir, '1'));
  assert.is(flagged.signals.length, 12);
  assert.ok(
    flagged.warnings.some((w) => /checksum -?\d+ differs from the header's/.test(w)),
    flagged.warnings.join(),
  );
  assert.equal(readWfdbRecord(join(FIX, 'ludb', '1')).warnings, []);
  throwsTyped(
    () => parseWfdbHeader('r 1 250 10\nr.dat 999 200\n', 'r.hea'),
    FormatError,
    /r\.hea: line 2: unknown or unsupported signal format 999/,
  );
  throwsTyped(() => parseWfdbHeader('r 3 250 10\nr.dat 16 200\n', 'r.hea'), FormatError, /announces 3 signals but 1/);
  throwsTyped(() => parseWfdbHeader('r 1 abc 10\nr.dat 16\n', 'r.hea'), FormatError, /sampling frequency/);
  throwsTyped(() => readWfdbRecord(join(dir, 'nope')), FormatError, /header file not found/);
  copyFileSync(join(FIX, 'ludb', '1.hea'), join(dir, '2.hea'));
  // 2.hea names the damaged 1.dat: read, with the checksum warning naming that file
  assert.ok(readWfdbRecord(join(dir, '2')).warnings.some((w) => /^1\.dat: .*checksum/.test(w)));
});

test('CSV: header, several columns, NaN cells, bad cells', () => {
  const t = parseCsv('time,ii,v1\n0,0.1,0.2\n1,,0.3\n2,NaN,0.4\n');
  assert.equal(t.names, ['time', 'ii', 'v1']);
  assert.is(t.columns[1].length, 3);
  assert.ok(Number.isNaN(t.columns[1][1]));
  assert.ok(Number.isNaN(t.columns[1][2]));
  assert.equal(Array.from(parseCsv('1\n2\n3').columns[0]), [1, 2, 3]);
  throwsTyped(() => parseCsv('a,b\n1,x\n', 's.csv'), FormatError, /s\.csv: row 2, column 2: 'x' is not a number/);
  throwsTyped(() => parseCsv('a,b\n1\n', 's.csv'), FormatError, /1 cells, expected 2/);
});

test('.npy: write/read round trip (float32, float64, int16), 2-D, broken files', () => {
  for (const a of [
    Float32Array.from([1.5, -2, 3]),
    Float64Array.from([Math.PI, -1e-300]),
    Int16Array.from([-32768, 0, 32767]),
  ]) {
    const back = parseNpy(writeNpy(a));
    assert.equal(Array.from(back.data), Array.from(a));
  }
  const m = parseNpy(writeNpy(Float32Array.from([1, 2, 3, 4, 5, 6]), [3, 2]));
  assert.equal(m.shape, [3, 2]);
  const bytes = writeNpy(Float32Array.from([1, 2, 3]));
  throwsTyped(() => parseNpy(bytes.subarray(0, bytes.length - 2), 'x.npy'), FormatError, /truncated data/);
  throwsTyped(() => parseNpy(new Uint8Array(20), 'x.npy'), FormatError, /bad magic/);
});

test.run();
