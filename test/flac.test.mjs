// WFDB FLAC signal formats (508, 516, 524) and the FLAC decoder (src/ts/io/flac.ts), on records written by
// Debian's `flac` encoder from the MIT-BIH 119 excerpt (tools/fixtures/wfdb-flac.ts): every value read back
// exactly, gaps as NaN, two samples per frame, and damaged streams as typed errors.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readWfdbRecord, FormatError } from '../dist/node.js';
import { decodeFlac } from '../dist/io/flac.js';
import { decodeWfdbSignals } from '../dist/io/wfdb-signal.js';
import { parseWfdbHeader } from '../dist/io/wfdb-header.js';
import { ROOT } from './helpers.mjs';

const dir = join(ROOT, 'test', 'fixtures', 'flac');
const src = readWfdbRecord(join(ROOT, 'test', 'fixtures', 'mitdb', '119'));
const RULES = { 508: (v) => Math.max(-127, Math.min(127, v >> 3)), 516: (v) => v, 524: (v) => v * 1000 };
const INVALID = { 508: -128, 516: -32768, 524: -8388608 };

for (const fmt of [508, 516, 524])
  test(`format ${fmt}: every sample of both signals, the gap as NaN, the same physical values`, () => {
    const rec = readWfdbRecord(join(dir, `119_${fmt}`));
    assert.is(rec.nSamples, 10800);
    assert.is(rec.signals.length, 2);
    rec.signals.forEach((s, c) => {
      const want = Int32Array.from(src.signals[c].digital, RULES[fmt]);
      if (c === 1) for (let t = 100; t < 105; t++) want[t] = INVALID[fmt];
      assert.equal(Array.from(s.digital), Array.from(want), `signal ${c} digital`);
      for (let t = 0; t < s.physical.length; t++) {
        if (c === 1 && t >= 100 && t < 105) {
          if (!Number.isNaN(s.physical[t])) assert.unreachable(`gap sample ${t} is ${s.physical[t]}, not NaN`);
        } else if (fmt === 516 && s.physical[t] !== src.signals[c].physical[t])
          assert.unreachable(`signal ${c} [${t}]: ${s.physical[t]} vs ${src.signals[c].physical[t]}`);
      }
    });
  });

test('two samples per frame: a 720 Hz signal in a 360 Hz FLAC record', () => {
  const rec = readWfdbRecord(join(dir, '119_516x2'));
  assert.is(rec.fs, 360);
  assert.is(rec.signals[0].fs, 720);
  const d = rec.signals[0].digital;
  assert.is(d.length, 21600);
  src.signals[0].digital.forEach((v, i) => {
    if (d[2 * i] !== v || d[2 * i + 1] !== v + 1) assert.unreachable(`frame ${i}: ${d[2 * i]}, ${d[2 * i + 1]}`);
  });
});

test('partial reads of a FLAC record equal the same part of the whole', () => {
  const whole = readWfdbRecord(join(dir, '119_524'));
  const part = readWfdbRecord(join(dir, '119_524'), { from: 3000, to: 4500, channels: [1] });
  assert.is(part.signals.length, 1);
  assert.equal(Array.from(part.signals[0].digital), Array.from(whole.signals[1].digital.subarray(3000, 4500)));
});

test('damaged FLAC streams are FormatErrors, never wrong samples or a hang', () => {
  const good = new Uint8Array(readFileSync(join(dir, '119_516.dat')));
  const cases = [];
  cases.push(['no marker', good.slice(4)]);
  cases.push(['cut in the metadata', good.slice(0, 30)]);
  cases.push(['cut in a frame', good.slice(0, 9000)]);
  const ok = decodeFlac(good, 1 << 20, 'x.dat').samples;
  for (const at of [200, 900, 5000, 12000, good.length - 40]) {
    const b = good.slice();
    b[at] ^= 0x24; // a flipped pair of bits inside frame data: the CRCs must catch it
    cases.push([`bits flipped at ${at}`, b]);
  }
  for (const [what, bytes] of cases) {
    const t0 = Date.now();
    let err = null,
      out = null;
    try {
      out = decodeFlac(bytes, 1 << 20, 'x.dat');
    } catch (e) {
      err = e;
    }
    assert.ok(Date.now() - t0 < 2000, `${what}: bounded time`);
    if (err) assert.instance(err, FormatError, `${what}: ${err && err.message}`);
    // Otherwise the damage was outside the frames (a padding block): the samples must be exactly right.
    else
      assert.equal(
        out.samples.map((c) => Array.from(c)),
        ok.map((c) => Array.from(c)),
        `${what}: exact`,
      );
  }
  assert.throws(
    () => decodeFlac(new Uint8Array(100), 10, 'x'),
    (e) => e instanceof FormatError,
  );
});

test('a FLAC stream of more channels or wider samples than the header says is refused', () => {
  const bytes = new Uint8Array(readFileSync(join(dir, '119_516.dat')));
  const one = parseWfdbHeader('r 1 360 10800\nr.dat 516 200 0 1024 0 0 0 MLII\n', 'r.hea');
  assert.throws(
    () => decodeWfdbSignals(one, { 'r.dat': bytes }),
    (e) => e instanceof FormatError && /2 channels for 1/.test(e.message),
  );
  const b24 = new Uint8Array(readFileSync(join(dir, '119_524.dat')));
  const two = parseWfdbHeader('r 2 360 10800\nr.dat 516 200 0 1024\nr.dat 516 200 0 1024\n', 'r.hea');
  assert.throws(
    () => decodeWfdbSignals(two, { 'r.dat': b24 }),
    (e) => e instanceof FormatError && /24 bits in format 516/.test(e.message),
  );
  const long = parseWfdbHeader('r 2 360 20000\nr.dat 516 200 0 1024\nr.dat 516 200 0 1024\n', 'r.hea');
  assert.throws(
    () => decodeWfdbSignals(long, { 'r.dat': bytes }),
    (e) => e instanceof FormatError && /truncated/.test(e.message),
  );
});

test.run();
