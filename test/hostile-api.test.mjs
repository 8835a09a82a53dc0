// Untyped errors and unbounded options (typed errors instead), and output hygiene: sources that are not sources,
// a custom classifier that returns garbage, pool sizes NaN / Infinity / 1000, prototype names as record lists,
// control characters from file names and labels in the SVG and on the terminal.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  readWfdbRanged,
  readEdfRanged,
  blobSource,
  Inference,
  Pool,
  WebPool,
  renderSvg,
  readWfdbRecord,
  FormatError,
  OpenEcgError,
} from '../dist/node.js';
import { FIX, ROOT, throwsTyped, rejectsTyped } from './helpers.mjs';

const CLI = join(ROOT, 'bin', 'openecg.js');

test('ranged readers: bytes instead of a source, a file named __proto__: typed errors', async () => {
  const hea = '119 2 360 10800\n119.dat 212 200 11 1024 849 29094 0 MLII\n119.dat 212 200 11 1024 895 -30252 0 V1\n';
  await rejectsTyped(readWfdbRanged(hea, { '119.dat': new Uint8Array(10) }), FormatError, /not a RangeSource/);
  await rejectsTyped(readWfdbRanged(hea, null), FormatError, /not given/);
  const proto = hea.replace(/119\.dat/g, '__proto__');
  await rejectsTyped(readWfdbRanged(proto, {}), FormatError, /__proto__: signal file named by the header not given/);
  await rejectsTyped(readEdfRanged(new Uint8Array(300)), FormatError, /not a RangeSource/);
  const ok = await readWfdbRanged(hea, { '119.dat': blobSource(new Blob([new Uint8Array(32400)])) }, { to: 10 });
  assert.is(ok.signals[0].digital.length, 10);
});

const x = readWfdbRecord(join(FIX, 'mitdb', '119')).signals[0].physical;
const model = undefined;

test('a custom classifier that returns garbage: a typed error naming it, from classify and report', () => {
  const good = Inference.createSync({ classifier: 'rules' }).classifier;
  const cases = [
    [{ name: 'mine', beats: () => 42, rhythm: good.rhythm }, /classifier 'mine': beats\(\) did not return an array/],
    [{ name: 'mine', beats: () => [], rhythm: good.rhythm }, /returned 0 labels for \d+ beats/],
    [{ name: 'mine', beats: (i) => good.beats(i).map((b) => ({ ...b, aami: 'Z' })), rhythm: good.rhythm }, /aami/],
    [{ name: 'mine', beats: (i) => good.beats(i).map((b) => ({ ...b, r: -1 })), rhythm: good.rhythm }, /\.r is not/],
    [{ name: 'mine', beats: (i) => good.beats(i), rhythm: () => null }, /rhythm\(\) did not return an object/],
    [{ name: 'mine', beats: (i) => good.beats(i), rhythm: () => ({ rhythm: 9 }) }, /not a rhythm id/],
    [
      {
        name: 'mine',
        beats: () => {
          throw new TypeError('x is undefined');
        },
        rhythm: good.rhythm,
      },
      /beats\(\) failed: x is undefined/,
    ],
  ];
  for (const [classifier, re] of cases) {
    const det = Inference.createSync({ model, classifier });
    throwsTyped(() => det.report(x, { fs: 360 }), OpenEcgError, re);
    throwsTyped(() => det.classify(x, { fs: 360 }), OpenEcgError, re);
  }
});

test('pool sizes: NaN, Infinity, 0, 1000, 2.5 are typed errors before any worker starts', async () => {
  for (const size of [NaN, Infinity, 0, 1000, 2.5, '2']) {
    await rejectsTyped(Pool.create({ size }), OpenEcgError, /pool size must be a whole number from 1 to 256/);
  }
  const g = globalThis;
  g.Worker = function () {
    throw new Error('no worker may start');
  };
  try {
    await rejectsTyped(WebPool.create({ model: new Uint8Array(4), size: NaN }), OpenEcgError, /pool size/);
  } finally {
    delete g.Worker;
  }
});

test('eval --records constructor / __proto__: a one-line error, exit 1 (not an internal error)', () => {
  for (const r of ['constructor', '__proto__', 'toString']) {
    const p = spawnSync(process.execPath, [CLI, 'eval', join(FIX, 'mitdb'), '--protocol', 'mitdb', '--records', r], {
      encoding: 'utf8',
    });
    assert.is(p.status, 1, p.stderr);
    assert.match(p.stderr, /not listed in RECORDS/);
  }
});

test('control characters in titles and labels: the SVG stays well-formed XML, shown as \\xNN text', () => {
  const svg = renderSvg(x, [], { fs: 360, maxSeconds: 2, title: 'lead\u0000\u001b[31m\u0007\ud800 <b>' });
  assert.not.match(svg, /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  assert.not.match(svg, /[\ud800-\udfff]/);
  assert.match(svg, /lead\\x00\\x1b\[31m\\x07\\ud800 &lt;b&gt;/);
});

test('escape sequences in a lead name and a file name never reach the terminal', () => {
  const d = mkdtempSync(join(tmpdir(), 'openecg-esc-'));
  const csv = join(d, 'ecg.csv');
  writeFileSync(csv, 'ii\u001b[31mred\u0007\n' + Array.from(x).join('\n') + '\n');
  const r = spawnSync(process.execPath, [CLI, 'report', csv, '--fs', '360'], { encoding: 'utf8' });
  assert.is(r.status, 0, r.stderr);
  assert.not.match(r.stdout + r.stderr, /[\u001b\u0007\u009b]/);
  assert.match(r.stdout, /lead ii\\x1b\[31mred\\x07/);
  const evil = join(d, 'x\u001b[2J.hea');
  writeFileSync(evil, 'not a header\n'); // its error names the file
  const e = spawnSync(process.execPath, [CLI, 'report', evil], { encoding: 'utf8' });
  assert.is(e.status, 1);
  assert.not.match(e.stderr, /[\u001b\u009b]/);
  assert.match(e.stderr, /x\\x1b\[2J/);
});

test.run();
