// Regression tests for the defects an outside probe found with hostile inputs: each one gives a typed
// error or a valid result, quickly, never a hang, an abort, a stack trace or a confident wrong answer.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Inference,
  renderSvg,
  parseNpy,
  parseCsv,
  parseWfdbHeader,
  decodeWfdbSignals,
  readWfdbRecord,
  resample,
  SignalError,
  FormatError,
  OpenEcgError,
} from '../dist/node.js';
import { encodeEvents, renderTimed, toFrames } from '../dist/codec/tokens.js';
import { cachedFilterCount, FILTER_CACHE_SIZE } from '../dist/dsp/resample.js';
import { ROOT, throwsTyped } from './helpers.mjs';

const det = Inference.createSync();
const tmp = mkdtempSync(join(tmpdir(), 'openecg-hostile-'));
const ii = readWfdbRecord(join(ROOT, 'samples', 'ludb-4')).signals[1].physical;
const timed = (fn) => {
  const t0 = Date.now();
  const r = fn();
  return [r, Date.now() - t0];
};

test('renderSvg: one 1e300 sample or 24-bit ADC counts give a bounded SVG, quickly', () => {
  const x = Float64Array.from(ii);
  x[100] = 1e300;
  const [svg, ms] = timed(() => renderSvg(x, [], { fs: 500 }));
  assert.ok(svg.length < 500_000 && ms < 2000, `${svg.length} chars in ${ms} ms`);
  const adc = Float64Array.from(ii, (v) => v * 8_388_607);
  assert.ok(renderSvg(adc, [], { fs: 500 }).length < 500_000);
  throwsTyped(() => renderSvg(ii, [], { fs: 0 }), SignalError, /fs/);
  // Wave names and track colours from a caller are escaped.
  const s = renderSvg(ii, [{ wave: '<script>', onset: 10, offset: 20 }], { fs: 500 });
  assert.not.match(s, /<script>/);
});

test('.npy with shape (0, 1e8) or (0, 1e300): a typed error at once', () => {
  const npy = (shape) => {
    let h = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`;
    h += ' '.repeat(63 - ((10 + h.length) % 64)) + '\n';
    const b = new Uint8Array(10 + h.length);
    b.set([0x93, 78, 85, 77, 80, 89, 1, 0]);
    b[8] = h.length & 255;
    b[9] = h.length >> 8;
    for (let i = 0; i < h.length; i++) b[10 + i] = h.charCodeAt(i);
    return b;
  };
  throwsTyped(() => parseNpy(npy('(0, 1e300)')), FormatError, /bad shape/);
  assert.equal(parseNpy(npy('(0, 100000000)')).shape, [0, 100000000]);
  const f = join(tmp, 'empty.npy');
  writeFileSync(f, npy('(0, 100000000)'));
  const r = cli(['delineate', f, '--fs', '500']);
  assert.is(r.status, 1);
  assert.match(r.stderr, /no samples/);
});

test('codec: Infinity / 1e12 ms, timed rendering and a 1-hour stream to frames are bounded', () => {
  throwsTyped(() => encodeEvents([[1, Infinity]]), SignalError, /token length/);
  throwsTyped(() => encodeEvents([[1, 1e12]]), SignalError, /token length/);
  throwsTyped(() => renderTimed([[1, 1e300]]), SignalError, /characters|finite/);
  const hour = [];
  for (let t = 0; t < 3_600_000; t += 1000) hour.push([1, 80], [2, 100], [3, 200], [0, 620]);
  const [frames, ms] = timed(() => toFrames(hour));
  assert.is(frames.length, 180_000);
  assert.ok(ms < 2000, `toFrames of a 1-hour stream took ${ms} ms`);
});

test('createStream checks the sampling rate as predict does (19999.999 Hz → SignalError, no huge filter)', () => {
  throwsTyped(() => det.createStream({ fs: 19999.999 }), SignalError, /too large/);
  throwsTyped(
    () =>
      det.predict(
        new Float64Array(40000).map((_, i) => Math.sin(i / 100)),
        { fs: 19999.999 },
      ),
    SignalError,
    /too large/,
  );
  const s = det.createStream({ fs: 500 });
  throwsTyped(() => s.push(5), SignalError, /array of samples/);
  throwsTyped(() => s.push(null), SignalError, /array of samples/);
});

test('resampler filter cache stays bounded over many rates', () => {
  for (const fs of [101, 123, 127, 137, 149, 151, 163, 173, 181, 191, 197, 211])
    resample(ii.subarray(0, 1000), 500, fs);
  assert.ok(cachedFilterCount() <= FILTER_CACHE_SIZE);
});

test('WFDB headers: negative or zero signal count, __proto__ / constructor file names → FormatError', () => {
  throwsTyped(() => parseWfdbHeader('r -2 360 100\n'), FormatError, /no signals/);
  throwsTyped(() => parseWfdbHeader('r 0 360 100\n'), FormatError, /no signals/);
  for (const name of ['__proto__', 'constructor', 'toString']) {
    const h = parseWfdbHeader(`r 1 360 4\n${name} 16 200 16 0\n`);
    throwsTyped(() => decodeWfdbSignals(h, {}), FormatError, /missing/);
    const files = Object.create(null);
    files[name] = new Uint8Array(8);
    assert.is(decodeWfdbSignals(h, files).signals[0].digital.length, 4);
  }
});

test('huge files are refused from their size, before reading: a 2.2 GB .dat and a 600 MB CSV (sparse files)', () => {
  const hea = join(tmp, 'big.hea');
  writeFileSync(hea, 'big 1 500 1100000000\nbig.dat 16 200 16 0\n');
  const dat = join(tmp, 'big.dat');
  writeFileSync(dat, '');
  truncateSync(dat, 2.2e9);
  const t0 = Date.now();
  const r = cli(['report', hea]);
  assert.is(r.status, 1);
  assert.match(r.stderr, /at most \d+ are read at once/);
  const csv = join(tmp, 'big.csv');
  writeFileSync(csv, '');
  truncateSync(csv, 600e6);
  const c = cli(['delineate', csv, '--fs', '500']);
  assert.is(c.status, 1);
  assert.match(c.stderr, /read whole, at most/);
  assert.ok(Date.now() - t0 < 5000, `${Date.now() - t0} ms`);
});

test('predictLeads with null leads → SignalError', () => {
  throwsTyped(() => det.predictLeads([null, null], { fs: 500 }), SignalError, /not an array/);
});

test("CSV: '0x1F', '0b101', 'Infinity' are not numbers; a million columns is refused before allocating", () => {
  throwsTyped(() => parseCsv('a,b\n1,0x1F\n'), FormatError, /not a number/);
  throwsTyped(() => parseCsv('a\n0b101\n'), FormatError, /not a number/);
  assert.equal(
    parseCsv('1e-3,-.5,+2.\n').columns.map((c) => c[0]),
    [0.001, -0.5, 2],
  );
  const wide = Array.from({ length: 1_000_000 }, (_, i) => i).join(',');
  const [, ms] = timed(() => throwsTyped(() => parseCsv(wide + '\n' + wide + '\n'), FormatError, /columns/));
  assert.ok(ms < 3000, `${ms} ms`);
});

test('report: a flat line and white noise are "no ECG found", never a confident rhythm', () => {
  const flat = det.report(new Float64Array(5000), { fs: 500 });
  assert.is(flat.rhythm.label, 'unclassified');
  assert.is(flat.rhythm.confidence, 0);
  assert.match(flat.summary, /^No ECG found/);
  assert.ok(flat.flags.includes('no_ecg'));
  let s = 7;
  const noise = Float64Array.from({ length: 10000 }, () => {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    return s / 2 ** 32 - 0.5;
  });
  const r = det.report(noise, { fs: 500 });
  assert.is(r.rhythm.label, 'unclassified');
  assert.not.ok(r.quality.ecgFound);
  assert.not.match(r.summary, /AFib rhythm|VPC/);
  const ok = det.report(ii, { fs: 500 });
  assert.ok(ok.quality.ecgFound && ok.quality.index > 0.8);
});

const cli = (args) =>
  spawnSync(process.execPath, [join(ROOT, 'bin', 'openecg.js'), ...args], { encoding: 'utf8', timeout: 60000 });

test('CLI: every failure class of every command is one line on stderr with a non-zero exit', () => {
  const dir = join(tmp, 'a-directory');
  mkdirSync(dir, { recursive: true });
  const hea = join(ROOT, 'samples', 'ludb-4.hea');
  const zero = join(tmp, 'zero.hea');
  writeFileSync(zero, 'r 0 360 100\n');
  const proto = join(tmp, 'proto.hea');
  writeFileSync(proto, 'r 1 360 100\n__proto__ 16 200 16 0\n');
  const cases = [];
  for (const cmd of ['delineate', 'report']) {
    cases.push(
      [cmd, dir],
      [cmd, join(tmp, 'missing.hea')],
      [cmd, zero],
      [cmd, proto],
      [cmd, hea, '--model', dir],
      [cmd, hea, '--svg', dir],
      [cmd, hea, '--svg', join(tmp, 'no', 'such', 'x.svg')],
      [cmd, hea, '--fs'],
      [cmd, hea, '--nope'],
      [cmd, hea, '--lead', 'v9'],
      [cmd, hea, '--backend', 'gpu'],
    );
  }
  cases.push(
    ['eval', dir, '--protocol', 'ludb'],
    ['eval', dir, '--protocol', 'nope'],
    ['batch', dir],
    ['batch', join(tmp, 'missing-dir'), '--out', join(tmp, 'o.jsonl')],
    ['batch', dir, '--out', dir],
    ['batch', dir, '--out', join(tmp, 'o.jsonl'), '--shard', '3/2'],
    ['demo', '--svg', dir],
    ['frobnicate'],
  );
  for (const c of cases) {
    const r = cli(c);
    assert.ok(r.status !== 0, `${c.join(' ')}: exit ${r.status}`);
    const lines = r.stderr.trim().split('\n');
    assert.is(lines.length, 1, `${c.join(' ')}: ${r.stderr}`);
    assert.not.match(r.stderr, /internal error|\bat .*\.js:\d+/, `${c.join(' ')}: ${r.stderr}`);
  }
});

test.run();
