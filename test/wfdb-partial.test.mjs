// Partial WFDB reads: frames [from, to) and chosen signals, reading only their bytes when frames are whole bytes
// (format 212 with two signals, format 16) — equal to the same part of a whole read; layouts that need the whole
// file (skew) are read whole and cut; bad ranges are refused.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readWfdbRecord, FormatError } from '../dist/node.js';
import { FIX, throwsTyped } from './helpers.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'wfdb-part-'));
const same = (part, whole, from, to) =>
  part.signals.forEach((s, k) => {
    const w = whole.signals.find((x) => x.name === s.name);
    assert.equal(Array.from(s.digital), Array.from(w.digital.subarray(from, to)), s.name);
    assert.equal(Array.from(s.physical), Array.from(w.physical.subarray(from, to)), s.name);
    assert.ok(k >= 0);
  });

test('format 212, two signals (MIT-BIH 119 excerpt): frames 1000–2000 read 3,000 bytes, equal to the whole read', () => {
  const path = join(FIX, 'mitdb', '119');
  const whole = readWfdbRecord(path);
  const part = readWfdbRecord(path, { from: 1000, to: 2000 });
  assert.is(part.bytesRead, 3000);
  assert.is(part.from, 1000);
  assert.is(part.nSamples, 1000);
  same(part, whole, 1000, 2000);
  const v1 = readWfdbRecord(path, { from: 1001, to: 1500, channels: [1] });
  assert.equal(
    v1.signals.map((s) => s.name),
    ['V1'],
  );
  same(v1, whole, 1001, 1500);
});

test('a 30-minute format-16 record: a 10-s part reads 14,400 bytes of 2.6 MB', () => {
  const fs = 360;
  const n = 30 * 60 * fs;
  const dat = new Uint8Array(n * 4);
  const sums = [0, 0];
  for (let t = 0; t < n; t++)
    for (let c = 0; c < 2; c++) {
      const v = ((t * (c ? 7 : 13)) % 4000) - 2000;
      sums[c] = (sums[c] + v) & 0xffff;
      dat[4 * t + 2 * c] = v & 0xff;
      dat[4 * t + 2 * c + 1] = (v >> 8) & 0xff;
    }
  writeFileSync(join(tmp, 'long.dat'), dat);
  const sig = (c, name) => `long.dat 16 200 16 0 -2000 ${(sums[c] << 16) >> 16} 0 ${name}`;
  writeFileSync(join(tmp, 'long.hea'), `long 2 ${fs} ${n}\n${sig(0, 'MLII')}\n${sig(1, 'V5')}\n`);
  const part = readWfdbRecord(join(tmp, 'long'), { from: 600 * fs, to: 610 * fs });
  assert.is(part.bytesRead, 10 * fs * 4);
  const whole = readWfdbRecord(join(tmp, 'long'));
  same(part, whole, 600 * fs, 610 * fs);
});

test('a skewed record needs the whole file: read whole, then cut to the same part', () => {
  const v = [1, 100, 2, 101, 3, 102, 4, 103, 5, 104];
  const dat = new Uint8Array(v.length * 2);
  v.forEach((x, i) => {
    dat[2 * i] = x & 0xff;
    dat[2 * i + 1] = (x >> 8) & 0xff;
  });
  writeFileSync(join(tmp, 'sk.dat'), dat);
  writeFileSync(join(tmp, 'sk.hea'), 'sk 2 100 5\nsk.dat 16 1 16 0 1 15 0 a\nsk.dat 16:2 1 16 0 100 510 0 b\n');
  const part = readWfdbRecord(join(tmp, 'sk'), { from: 1, to: 3 });
  assert.is(part.bytesRead, 20);
  same(part, readWfdbRecord(join(tmp, 'sk')), 1, 3);
  assert.equal(Array.from(part.signals[1].digital), [103, 104]);
});

test('bad parts are refused: negative or fractional frames, to before from, an unknown signal', () => {
  const path = join(FIX, 'mitdb', '119');
  throwsTyped(() => readWfdbRecord(path, { from: -1 }), FormatError, /from -1/);
  throwsTyped(() => readWfdbRecord(path, { from: 1.5 }), FormatError, /from 1.5/);
  throwsTyped(() => readWfdbRecord(path, { from: 100, to: 50 }), FormatError, /to 50/);
  throwsTyped(() => readWfdbRecord(path, { channels: [7] }), FormatError, /no signal 7/);
  // A `to` past the end stops at the end.
  assert.is(readWfdbRecord(path, { from: 10700, to: 99999 }).nSamples, 100);
});

test.run();
