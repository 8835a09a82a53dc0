// The micro model (docs/micro.md): budgets read from the file, the same bytes on the JS and WASM backends, real
// delineation on LUDB fixtures, `--model micro` on the CLI, and the whole pipeline in the ES5 bundle — Duktape and
// QuickJS give the same predict, classify, report and stream results as Node for the same model.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Inference, readWfdbRecord, resample, rankNormalize, loadModelSync } from '../dist/node.js';
import { ludbWindows, scoreWindows } from '../dist/eval/protocols.js';
import { wavesToBoundaries } from '../dist/ecg/decode.js';
import { microModelBytes } from '../dist/delineate/embedded-micro.js';
import { modelStats, MICRO_BUDGET } from '../tools/convert/model-stats.mjs';
import { ROOT, FIX, hasDuk, testIf } from './helpers.mjs';

const dukTest = testIf(test, hasDuk, 'duk not installed (apt-get install duktape)');
const micro = Inference.createSync({ model: 'micro', backend: 'js' });
const rec = readWfdbRecord(join(ROOT, 'samples', 'ludb-4'));
const ii = rec.signals.find((s) => s.name === 'ii').physical;
const window250 = Array.from(resample(ii, rec.fs, 250).subarray(0, 2500));

test('the embedded micro model is models/micro_int8.tflite, within its budgets (read from the file)', () => {
  const file = new Uint8Array(readFileSync(join(ROOT, 'models', 'micro_int8.tflite')));
  const sha = (b) => createHash('sha256').update(b).digest('hex');
  assert.is(sha(microModelBytes()), sha(file));
  const s = modelStats(file);
  for (const [k, v] of Object.entries(MICRO_BUDGET)) assert.ok(s[k] <= v, `${k} ${s[k]} > ${v}`);
  assert.ok(s.macsPerWindow > 1e5, 'a real network, not a stub');
  assert.equal(micro.model.inputs[0].shape, [1, 2500]);
});

test('micro: JS and WASM backends give the same output bytes', () => {
  const x = rankNormalize(window250);
  const js = loadModelSync(microModelBytes(), { backend: 'js' }).run([x]);
  const wasm = loadModelSync(microModelBytes(), { backend: 'wasm' }).run([x]);
  assert.is(js.length, 2);
  js.forEach((o, k) => assert.ok(Buffer.from(o.buffer).equals(Buffer.from(wasm[k].buffer)), `output ${k}`));
});

test('micro delineates the LUDB fixtures (lead II) close to the bundled model', () => {
  const wins = ludbWindows(join(FIX, 'ludb'), { lead: 'ii' });
  assert.ok(wins.length >= 1);
  const score = (inf) =>
    scoreWindows(
      wins,
      wins.map((w) => wavesToBoundaries(inf.predict(w.signal, { fs: 250 }).waves)),
    );
  const m = score(micro),
    big = score(Inference.createSync());
  assert.ok(m.macroF1 >= 0.85, `micro macro-F1 ${m.macroF1}`);
  assert.ok(m.boundaries.QRS_on.f1 >= 0.95, `QRS onset F1 ${m.boundaries.QRS_on.f1}`);
  assert.ok(m.macroF1 <= big.macroF1 + 0.05, 'the comparison is between two real models');
});

test('--model micro on the CLI: beats, report and batch', () => {
  const cli = (...args) =>
    spawnSync(process.execPath, [join(ROOT, 'bin', 'openecg.js'), ...args, '--model', 'micro', '--quiet'], {
      encoding: 'utf8',
      timeout: 60000,
    });
  const r = cli('beats', join(ROOT, 'samples', 'ludb-4'), '--format', 'json');
  assert.is(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  const beats = out.beats ?? out;
  assert.ok(beats.length >= 9 && beats.length <= 13, `${beats.length} beats in 10 s at ~60 bpm`);
  const rep = cli('report', join(FIX, 'mitdb', '119'), '--json');
  assert.is(rep.status, 0, rep.stderr);
  assert.ok(JSON.parse(rep.stdout).beats.count >= 30);
  const dir = mkdtempSync(join(tmpdir(), 'openecg-micro-batch-'));
  const b = cli('batch', join(FIX, 'mitdb'), '--out', join(dir, 'out.jsonl'));
  assert.is(b.status, 0, b.stderr);
  const lines = readFileSync(join(dir, 'out.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l));
  assert.ok(lines.length >= 4 && lines.every((l) => l.ok), 'every fixture record read');
});

test('micro stream: memory bounded by a constant over 10 minutes, beats equal predictBeats', () => {
  const mit = readWfdbRecord(join(FIX, 'mitdb', '119'));
  const x = mit.signals[0].physical; // 30 s at 360 Hz, played 20 times over
  const fs = mit.fs,
    reps = 20;
  const all = new Float64Array(x.length * reps);
  for (let k = 0; k < reps; k++) all.set(x, k * x.length);
  const onsets = [];
  const maxHeld = [0, 0]; // samples held (raw + resampled buffers) in the first and the second 5 minutes
  const s = micro.createStream({ fs, onBeat: (b) => onsets.push(b.qrs.onset) });
  for (let i = 0; i < all.length; i += 360) {
    s.push(all.subarray(i, i + 360));
    const half = i < all.length / 2 ? 0 : 1;
    maxHeld[half] = Math.max(maxHeld[half], s.bufferedSamples);
  }
  s.end();
  assert.ok(maxHeld[1] <= maxHeld[0] * 1.05, `held ${maxHeld[0]} then ${maxHeld[1]} samples: not growing`);
  assert.ok(maxHeld[1] < 60 * fs, `at most ${maxHeld[1]} samples held`);
  const batch = micro.predictBeats(all, { fs }).beats.map((b) => b.qrs.onset);
  assert.ok(batch.length > 600, `${batch.length} beats in 10 min`);
  assert.equal(onsets, batch);
});

// The ES5 bundle: predict (waves), report (without the timing-free fields it has none) and a stream.
const probe = `
var inf = openecg.Inference.createSync({ model: 'micro' });
var d = inf.predict(WINDOW, { fs: 250 });
var b = inf.predictBeats(LONG, { fs: 360 });
var r = inf.report(LONG, { fs: 360 });
var c = inf.classify(WINDOW, { fs: 250 });
var streamed = [];
var s = inf.createStream({ fs: 360, onBeat: function (beat) { streamed.push(beat.qrs.onset); } });
for (var i = 0; i < LONG.length; i += 250) s.push(LONG.slice(i, i + 250));
s.end();
var __out = JSON.stringify({ waves: d.waves, beats: b.beats, report: r, labels: c.labels, streamed: streamed });
`;
const mit = readWfdbRecord(join(FIX, 'mitdb', '119'));
const LONG = Array.from(mit.signals[0].physical.subarray(0, 360 * 25));
const script = (bundle = 'openecg-es5.js') =>
  readFileSync(join(ROOT, 'build', bundle), 'utf8') +
  `\nvar WINDOW = ${JSON.stringify(window250)};\nvar LONG = ${JSON.stringify(LONG)};\n${probe}`;
const nodeResult = () => {
  const d = micro.predict(window250, { fs: 250 });
  const b = micro.predictBeats(LONG, { fs: 360 });
  const streamed = [];
  const s = micro.createStream({ fs: 360, onBeat: (beat) => streamed.push(beat.qrs.onset) });
  for (let i = 0; i < LONG.length; i += 250) s.push(LONG.slice(i, i + 250));
  s.end();
  return JSON.parse(
    JSON.stringify({
      waves: d.waves,
      beats: b.beats,
      report: micro.report(LONG, { fs: 360 }),
      labels: micro.classify(window250, { fs: 250 }).labels,
      streamed,
    }),
  );
};

test('QuickJS: the ES5 bundle gives what Node gives (predict, beats, report, classify, stream)', async () => {
  spawnSync('npm', ['run', 'build:es5', '--silent'], { cwd: ROOT });
  const { getQuickJS } = await import('quickjs-emscripten');
  const vm = (await getQuickJS()).newContext();
  const res = vm.evalCode(script() + '__out;');
  if (res.error) {
    const e = vm.dump(res.error);
    res.error.dispose();
    vm.dispose();
    assert.unreachable(JSON.stringify(e));
  }
  const got = JSON.parse(vm.dump(res.value));
  res.value.dispose();
  vm.dispose();
  const want = nodeResult();
  assert.ok(want.beats.length >= 25, `${want.beats.length} beats in 25 s of record 119`);
  assert.equal(got, want);
  assert.equal(
    want.streamed,
    want.beats.map((b) => b.qrs.onset),
    'the stream emits the beats of predictBeats',
  );
});

dukTest(
  'Duktape: the ES5 bundle and its minified twin give what Node gives (predict, beats, report, classify, stream)',
  () => {
    const want = nodeResult();
    for (const bundle of ['openecg-es5.js', 'openecg-es5.min.js']) {
      const dir = mkdtempSync(join(tmpdir(), 'openecg-micro-'));
      const file = join(dir, 'run.js');
      writeFileSync(file, script(bundle) + 'print(__out);\n');
      const r = spawnSync('duk', [file], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 300000 });
      assert.is(r.status, 0, r.stderr || r.stdout.slice(-500));
      assert.equal(JSON.parse(r.stdout.trim()), want, bundle);
    }
  },
);

test.run();
