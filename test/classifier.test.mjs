// Beat and rhythm classification (src/ts/classify): the learned classifier on real MIT-BIH excerpts (one per
// class path: ventricular, supraventricular, paced beats; AFib, paced and sinus rhythms), the rules behind the
// same interface, bit-identical backends, bad input, the beats CLI and the one-direction module graph.
// Fixtures: test/fixtures/mitdb (30-s excerpts, SOURCE.md). 119, 220 and 107 are training records of the
// shipped classifier (these tests check the class paths end to end, not generalisation); 201 is not.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  Inference,
  readModelFile,
  readWfdbRecord,
  loadModelSync,
  rulesClassifier,
  OpenEcgError,
} from '../dist/node.js';
import { loadMitdbRecord } from '../dist/datasets/mitdb.js';
import { matchBeats } from '../dist/eval/beat-match.js';
import { classifyInputOf } from '../dist/layered/encode.js';
import { beatFeatures, BEAT_FEATURES } from '../dist/classify/beat-features.js';
import { decodeBase64 } from '../dist/io/base64.js';
import { BEAT_MODEL_B64, RHYTHM_MODEL_B64 } from '../dist/classify/embedded-models.js';
import { moduleGraph, findCycles } from '../tools/build/module-graph.mjs';
import { ROOT, FIX } from './helpers.mjs';

const det = Inference.createSync();
const rules = Inference.createSync({ classifier: 'rules' });
const MIT = join(FIX, 'mitdb');

/** Reference symbol → our type, over matched beats: { 'V>vpc': 13, … } plus missed/extra counts. */
function confusion(inf, record) {
  const m = loadMitdbRecord(MIT, record);
  const x = m.rec.signals[0].physical;
  const c = inf.classify(x, { fs: m.rec.fs });
  const mt = matchBeats(
    m.beats.map((b) => b.sample),
    c.labels.map((l) => l.r),
    m.rec.fs,
  );
  const conf = {};
  for (const [i, j] of mt.pairs) {
    const k = `${m.beats[i].symbol}>${c.labels[j].type}`;
    conf[k] = (conf[k] ?? 0) + 1;
  }
  return { conf, c, m, x, missed: mt.missed.length, extra: mt.extra.length };
}

test('the learned classifier is the default; rules are selectable; an unknown name is refused', () => {
  assert.is(det.classifier.name, 'learned');
  assert.is(rules.classifier.name, 'rules');
  assert.throws(
    () => Inference.createSync({ classifier: 'magic' }),
    (e) => e instanceof OpenEcgError && /learned or rules/.test(e.message),
  );
});

test('ventricular path (MIT-BIH 119, bigeminy): every V beat is vpc (AAMI V), the N beats sinus', () => {
  const { conf, c } = confusion(det, '119');
  assert.is(conf['V>vpc'], 13, JSON.stringify(conf));
  assert.ok((conf['N>sinus'] ?? 0) >= 20, JSON.stringify(conf));
  for (const l of c.labels) assert.is(l.aami, l.type === 'vpc' ? 'V' : l.type === 'sinus' ? 'N' : l.aami);
  // R peaks lie inside their QRS.
  c.delineation.beats.forEach((b, i) => assert.ok(c.labels[i].r >= b.qrs.onset && c.labels[i].r <= b.qrs.offset));
});

test('supraventricular path (MIT-BIH 220): most atrial premature beats are sveb (AAMI S), few N beats are', () => {
  const { conf } = confusion(det, '220');
  assert.ok((conf['A>sveb'] ?? 0) >= 10, JSON.stringify(conf)); // 15 A beats
  assert.ok((conf['N>sveb'] ?? 0) <= 2, JSON.stringify(conf));
});

test('paced path (MIT-BIH 107): paced beats and a paced rhythm; the rules call them VPCs', () => {
  const { conf, c } = confusion(det, '107');
  assert.ok((conf['/>paced'] ?? 0) >= 33, JSON.stringify(conf)); // 36 paced beats
  assert.is(c.rhythm.name, 'paced');
  for (const l of c.labels.filter((b) => b.type === 'paced')) assert.is(l.aami, 'Q');
  const r = confusion(rules, '107');
  assert.ok((r.conf['/>vpc'] ?? 0) > 20, 'the rules misread paced beats (why the learned layer is the default)');
});

test('AFib path (MIT-BIH 201, not a training record): the rhythm is afib in classify and report', () => {
  const { c, x, m } = confusion(det, '201');
  assert.is(c.rhythm.name, 'afib');
  const rep = det.report(x, { fs: m.rec.fs });
  assert.is(rep.rhythm.label, 'afib');
  assert.is(rep.classifier, 'learned');
});

test('sinus path (LUDB 1 fixture, lead ii): sinus beats and rhythm, no paced flag', () => {
  const ii = readWfdbRecord(join(FIX, 'ludb', '1')).signals[1].physical;
  const rep = det.report(ii, { fs: 500 });
  assert.is(rep.rhythm.label, 'sinus');
  assert.ok(!rep.pacing.isPaced);
  assert.ok((rep.beats.byType.sinus ?? 0) >= rep.beats.count - 1, JSON.stringify(rep.beats.byType));
});

test('bad input: flat line, noise and a single beat are unclassified with confidence 0, never sinus', () => {
  const fs = 500;
  let s = 1;
  const rnd = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647 - 0.5;
  };
  const noise = Float64Array.from({ length: 5000 }, rnd);
  const one = Float64Array.from(readWfdbRecord(join(FIX, 'ludb', '1')).signals[1].physical.slice(0, 600));
  for (const [what, x] of [
    ['flat', new Float64Array(5000)],
    ['noise', noise],
    ['one beat', one],
  ]) {
    for (const inf of [det, rules]) {
      const c = inf.classify(x, { fs });
      assert.is(c.rhythm.name, 'unclassified', `${what} (${inf.classifier.name}): ${c.rhythm.name}`);
      assert.is(c.rhythm.confidence, 0);
      const r = inf.report(x, { fs });
      assert.is(r.rhythm.label, 'unclassified');
      assert.is(r.rhythm.confidence, 0);
    }
  }
  // No beats at all: no labels, an explicit reason.
  const none = det.classifier.rhythm(classifyInputOf(det.delineator, new Float64Array(5000), fs), []);
  assert.is(none.name, 'unclassified');
});

test('the beat and rhythm models give the same bits on the JS and WASM backends', () => {
  const m = loadMitdbRecord(MIT, '119');
  const input = classifyInputOf(det.delineator, m.rec.signals[0].physical, m.rec.fs);
  const rs = input.delineation.beats.map((b) => b.qrs.onset);
  const f = beatFeatures(input, rs);
  const bytes = decodeBase64(BEAT_MODEL_B64);
  const js = loadModelSync(bytes, { backend: 'js' }),
    wasm = loadModelSync(bytes, { backend: 'wasm' });
  for (let i = 0; i < rs.length; i++) {
    const row = f.subarray(i * BEAT_FEATURES, (i + 1) * BEAT_FEATURES);
    const a = js.run([row])[0],
      b = wasm.run([row])[0];
    assert.equal(
      Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length)),
      Array.from(new Uint32Array(b.buffer, b.byteOffset, b.length)),
    );
  }
  const rj = loadModelSync(decodeBase64(RHYTHM_MODEL_B64), { backend: 'js' }),
    rw = loadModelSync(decodeBase64(RHYTHM_MODEL_B64), { backend: 'wasm' });
  const probe = new Float32Array(rj.inputs[0].shape.reduce((p, q) => p * q, 1)).map((_, i) => (i % 7) / 7);
  assert.equal(Array.from(rj.run([probe])[0]), Array.from(rw.run([probe])[0]));
  // The embedded models are the files in models/ (what the converter wrote), and both are small.
  assert.equal(Array.from(bytes), Array.from(readModelFile(join(ROOT, 'models', 'beat_int8.tflite'))));
  const total =
    statSync(join(ROOT, 'models', 'beat_int8.tflite')).size + statSync(join(ROOT, 'models', 'rhythm_int8.tflite')).size;
  assert.ok(total <= 300 * 1024, `${total} bytes`);
});

test('openecg beats prints R peaks, types and AAMI classes from the learned layer (or the rules when asked)', () => {
  const run = (...args) =>
    spawnSync(
      process.execPath,
      [join(ROOT, 'bin', 'openecg.js'), 'beats', join(ROOT, 'samples', 'ludb-4.hea'), ...args],
      { encoding: 'utf8' },
    );
  const r = run('--format', 'json');
  assert.is(r.status, 0, r.stderr);
  const j = JSON.parse(r.stdout);
  assert.is(j.classifier, 'learned');
  assert.ok(j.beats.length >= 8);
  for (const b of j.beats) {
    assert.ok(b.r >= b.qrsOnset && b.r <= b.qrsOffset);
    assert.is(b.type, 'sinus');
    assert.is(b.aami, 'N');
  }
  const rr = run('--format', 'json', '--classifier', 'rules');
  assert.is(JSON.parse(rr.stdout).classifier, 'rules');
  const bad = run('--classifier', 'magic');
  assert.is(bad.status, 2);
  assert.match(bad.stderr, /learned or rules/);
});

test('module graph: src/ts has no import cycle, and the check finds a planted one', () => {
  const cycles = findCycles(moduleGraph(join(ROOT, 'src', 'ts')));
  assert.equal(cycles, [], cycles.map((c) => c.join(' → ')).join('\n'));
  const dir = mkdtempSync(join(tmpdir(), 'graph-'));
  mkdirSync(join(dir, 'a'));
  writeFileSync(join(dir, 'a', 'x.ts'), "import type { Y } from '../y.js';\nexport type X = Y;\n");
  writeFileSync(join(dir, 'y.ts'), "import { X } from './a/x.js';\nexport type Y = number;\n");
  writeFileSync(join(dir, 'z.ts'), 'export const z = 1;\n');
  assert.is(findCycles(moduleGraph(dir)).length, 1);
});

test('rules classifier object behind the interface labels every beat', () => {
  const m = loadMitdbRecord(MIT, '119');
  const input = classifyInputOf(det.delineator, m.rec.signals[0].physical, m.rec.fs);
  const labels = rulesClassifier.beats(input);
  assert.is(labels.length, input.delineation.beats.length);
  assert.ok(labels.every((l) => l.confidence === 1 && typeof l.type === 'string'));
});

test.run();
