// Layered codec: stitching of long recordings (with the fixed final-window alignment), the beat
// and rhythm rules on synthetic beat sequences, the AFib features, and the report on a real record.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  Inference,
  readWfdbRecord,
  LayeredCodec,
  streamWindows,
  afibScore,
  classifyBeats,
  classifyRhythm,
  detectPacerSpikes,
} from '../dist/node.js';
import { ROOT, FIX } from './helpers.mjs';
import { streamLayersFrom, classifyInputOf } from '../dist/layered/encode.js';
import { sarkarFill, wideBeatMask } from '../dist/classify/afib.js';

const det = Inference.createSync();
const ii = readWfdbRecord(join(FIX, 'ludb', '1')).signals[1].physical;

test('stream windows tile [0, n) for lengths that are not multiples of the stride', () => {
  for (const n of [5000, 5001, 21000, 23456]) {
    const plan = streamWindows(n, 500);
    let at = 0;
    for (const p of plan) {
      assert.is(p.keepFrom, at);
      assert.ok(p.keepFrom >= p.start && p.keepTo <= p.start + 5000);
      at = p.keepTo;
    }
    assert.is(at, n);
  }
});

test('encodeStream equals the inner bands of the per-window encodes everywhere (incl. the final window)', () => {
  const n = 21000; // 42 s at 500 Hz: (n − win) is not a multiple of the 6-s stride
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = ii[i % 5000] * (1 + 0.03 * Math.sin(i / 3000));
  const s = det.encodeStream(x, { fs: 500 });
  assert.is(s.nSamples, n);
  assert.is(s.evalMarginS, 0);
  for (const p of streamWindows(n, 500)) {
    const c = det.encode(x.subarray(p.start, p.start + 5000), { fs: 500 });
    for (let k = 0; k < 3; k++) {
      const want = c.channels[k].subarray(p.keepFrom - p.start, p.keepTo - p.start);
      const got = s.channels[k].subarray(p.keepFrom, p.keepTo);
      assert.ok(
        want.every((v, i) => v === got[i]),
        `channel ${k}, window at ${p.start}`,
      );
    }
  }
});

test('LayeredCodec views: eval mask, inner, events, codec strings, unified', () => {
  const f = Uint8Array.from([0, 1, 1, 0, 2, 2, 0, 3, 3, 0]),
    b = Uint8Array.from([0, 0, 0, 0, 2, 2, 0, 0, 0, 0]),
    r = new Uint8Array(10);
  const c = new LayeredCodec(2, f, b, r, 1);
  assert.equal(Array.from(c.evalMask), [0, 0, 1, 1, 1, 1, 1, 1, 0, 0]);
  assert.equal(Array.from(c.inner().frame), [1, 0, 2, 2, 0, 3]);
  assert.equal(c.events('frame', { dropClass: 0 }), [
    { start: 1, end: 3, cls: 1 },
    { start: 4, end: 6, cls: 2 },
    { start: 7, end: 9, cls: 3 },
  ]);
  assert.equal(c.events('frame', { evalOnly: true, dropClass: 0 })[0], { start: 2, end: 3, cls: 1 });
  assert.is(c.toCodecString({ downsample: 1 }), '-pp-QQ-tt-');
  assert.is(c.toCodecString({ layer: 'beat', downsample: 2 }), '--v--');
  assert.equal(Array.from(c.unified()), [0, 1, 1, 0, 4, 4, 0, 2, 2, 0]);
});

// Synthetic beat sequences at 500 Hz.
const beat = (q, { p = true, w = 40, pr = 80 } = {}) => ({
  ...(p ? { p: { wave: 'P', onset: q - pr, offset: q - pr + 45 } } : {}),
  qrs: { wave: 'QRS', onset: q, offset: q + w },
});
const wavesOf = (bs) => bs.flatMap((b) => (b.p ? [b.p, b.qrs] : [b.qrs]));

test('beat rules: sinus, wide beat without P → VPC, early narrow beat without P → unknown, wide conducted beat stays sinus, paced by spike', () => {
  const qs = [500, 1000, 1500, 1800, 2500, 3000];
  const bs = qs.map((q, i) => (i === 3 ? beat(q, { p: false, w: 70 }) : beat(q, i === 5 ? { w: 65 } : {})));
  assert.equal(classifyBeats(bs, wavesOf(bs), 500, []), [1, 1, 1, 2, 1, 1]);
  assert.equal(classifyBeats(bs, wavesOf(bs), 500, [2980]), [1, 1, 1, 2, 1, 3]);
  const narrow = qs.map((q, i) => (i === 3 ? beat(q, { p: false, w: 45 }) : beat(q)));
  assert.equal(classifyBeats(narrow, wavesOf(narrow), 500, []), [1, 1, 1, 5, 1, 1]);
});

test('rhythm rules: sinus, ventricular run, AV block, BBB, paced, AFib', () => {
  const reg = [0, 1, 2, 3, 4, 5, 6].map((k) => beat(400 + 500 * k));
  assert.is(
    classifyRhythm(
      reg,
      reg.map(() => 1),
      wavesOf(reg),
      500,
    ).rhythm,
    0,
  );
  assert.is(classifyRhythm(reg, [1, 2, 2, 2, 1, 1, 1], wavesOf(reg), 500).rhythm, 5);
  assert.is(
    classifyRhythm(
      reg,
      reg.map(() => 3),
      wavesOf(reg),
      500,
    ).rhythm,
    2,
  );
  const longPr = [0, 1, 2, 3, 4, 5].map((k) => beat(400 + 500 * k, { pr: 130 })); // 260 ms
  assert.is(
    classifyRhythm(
      longPr,
      longPr.map(() => 1),
      wavesOf(longPr),
      500,
    ).rhythm,
    1,
  );
  const wide = [0, 1, 2, 3, 4, 5].map((k) => beat(400 + 500 * k, { w: 70 })); // 140 ms with P
  assert.is(
    classifyRhythm(
      wide,
      wide.map(() => 1),
      wavesOf(wide),
      500,
    ).rhythm,
    4,
  );
  let t = 300;
  const irr = [];
  for (const rr of [310, 520, 400, 690, 350, 580, 430, 300, 610, 470]) {
    t += rr;
    irr.push(beat(t, { p: false }));
  }
  const r = classifyRhythm(
    irr,
    irr.map(() => 5),
    wavesOf(irr),
    500,
  );
  assert.is(r.rhythm, 3);
  assert.ok(r.afib.isAfib);
  assert.is(afibScore([0, 500, 1000, 1500, 2000, 2500, 3000], new Array(7).fill(80), 500).isAfib, false);
  // Wide beats without P: irregular → AFib despite the detector's wide-QRS veto; regular → ventricular.
  t = 300;
  const irrWide = [];
  for (const rr of [310, 520, 400, 690, 350, 580, 430, 300, 610, 470]) {
    t += rr;
    irrWide.push(beat(t, { p: false, w: 75 }));
  }
  const rw = classifyRhythm(
    irrWide,
    irrWide.map(() => 2),
    wavesOf(irrWide),
    500,
  );
  assert.ok(rw.afib.vetoed);
  assert.is(rw.rhythm, 3);
  assert.match(rw.reason, /without P waves/);
  const regWide = [0, 1, 2, 3, 4, 5, 6].map((k) => beat(400 + 450 * k, { p: false, w: 75 }));
  assert.is(
    classifyRhythm(
      regWide,
      regWide.map(() => 2),
      wavesOf(regWide),
      500,
    ).rhythm,
    5,
  );
  assert.is(afibScore([0, 500, 1000], [80, 80, 80], 500).reason, 'insufficient beats');
});

test('pacer spike detector: narrow spikes at 500 Hz (also small bipolar ones), not QRS slopes, nothing at 250 Hz', () => {
  const x = new Float64Array(2000);
  for (const s of [300, 800, 1300]) {
    x[s] = 2;
    x[s + 1] = -0.5;
  }
  assert.equal(detectPacerSpikes(x, 500), [300, 800, 1300]);
  assert.equal(detectPacerSpikes(x, 250), []);
  // 0.12 mV one-sample artefacts before a steep, sharp-peaked QRS (0.25 mV per sample), on low noise.
  const y = Float64Array.from({ length: 3000 }, (_, i) => 0.002 * Math.sin(i * 1.7));
  for (const q of [500, 1400, 2300]) {
    y[q - 20] += 0.12;
    for (let k = 0; k < 6; k++) {
      y[q + k] += 0.25 * (k + 1);
      y[q + 11 - k] += 0.25 * (k + 1);
    }
  }
  assert.equal(detectPacerSpikes(y, 500), [480, 1380, 2280]);
});

test('report on a real record (LUDB 1: sinus bradycardia) and the CLI', () => {
  const r = det.report(ii, { fs: 500 });
  assert.is(r.rhythm.label, 'sinus');
  assert.ok(r.flags.includes('bradycardia'));
  assert.ok(r.heartRate.bpm >= 40 && r.heartRate.bpm <= 52);
  assert.ok(r.beats.count >= 6 && r.beats.byType.sinus >= 5);
  assert.match(r.summary, /^Sinus rhythm, HR \d+ bpm/);
  assert.equal(JSON.parse(JSON.stringify(r)).rhythm.label, 'sinus');
  const c = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'openecg.js'), 'report', join(FIX, 'ludb', '1.hea'), '--json'],
    { encoding: 'utf8' },
  );
  assert.is(c.status, 0, c.stderr);
  assert.is(JSON.parse(c.stdout).rhythm.label, 'sinus');
  const svg = join(mkdtempSync(join(tmpdir(), 'openecg-rep-')), 'r.svg');
  const c2 = spawnSync(
    process.execPath,
    [join(ROOT, 'bin', 'openecg.js'), 'report', join(FIX, 'ludb', '1.hea'), '--svg', svg],
    { encoding: 'utf8' },
  );
  assert.is(c2.status, 0, c2.stderr);
  const text = readFileSync(svg, 'utf8');
  for (const t of ['frame', 'beat', 'rhythm']) assert.match(text, new RegExp(`class="track track-${t}"`));
});

test('report on a long recording runs the model once; its streamed layers agree with encodeStream', () => {
  const long = [].concat(
    Array.from(ii),
    Array.from(ii),
    Array.from(ii),
    Array.from(ii),
    Array.from(ii),
    Array.from(ii),
  ); // 60 s
  let calls = 0;
  const del = det.delineator;
  // the report's one pass is the delineation with beat detection (predictBeats); predict is not called
  const spy = (name) =>
    (del[name] = function (...args) {
      calls += name === 'predictBeats' ? 1 : 100;
      return Object.getPrototypeOf(del)[name].apply(this, args);
    });
  spy('predict');
  spy('predictBeats');
  let r;
  try {
    r = det.report(long, { fs: 500 });
  } finally {
    delete del.predict;
    delete del.predictBeats;
  }
  assert.is(calls, 1, `${calls} model passes`);
  assert.is(r.rhythm.label, 'sinus');
  assert.is(r.beats.count, det.delineator.predictBeats(long, { fs: 500 }).beats.length);
  // Same windows and rules as encodeStream, fed by the stitched delineation: the frame channels agree
  // on nearly every sample (they differ only where a window's own delineation differs at its edges).
  const own = det.encodeStream(long, { fs: 500 });
  const input = classifyInputOf(det.delineator, long, 500);
  const fromOne = streamLayersFrom(det.classifier, input, det.classifier.beats(input)).codec;
  let same = 0;
  for (let i = 0; i < long.length; i++) if (own.frame[i] === fromOne.frame[i]) same++;
  assert.ok(
    same / long.length > 0.97,
    `frame channels agree on ${((100 * same) / long.length).toFixed(1)} % of samples`,
  );
});

test('AFib features as the original (specification §6.6): Sarkar bins with edges at multiples of 80 ms; median of an even count', () => {
  // ΔRR = −10, +10, −10, +10: bins −1, 0, −1, 0 → cells (−1, 0) and (0, −1): 2 of 169 (bins centred on 0 gave 1).
  assert.is(sarkarFill([800, 790, 800, 790, 800], 0), 2 / 169);
  // Deadband 15 zeroes them: all in bin 0 → 1 cell.
  assert.is(sarkarFill([800, 790, 800, 790, 800], 15), 1 / 169);
  // ΔRR = 79 and 80 fall on either side of an edge.
  assert.is(sarkarFill([800, 879, 959, 1038, 1118], 0), 2 / 169);
  // Widths 90, 90, 150, 150: the median is 120, so ≥ max(120, 150) marks the 150-ms beats wide (the upper-middle
  // element, 150, would have set the bar at 187.5 and marked none).
  assert.equal(wideBeatMask([90, 150, 90, 150]), [false, true, false, true]);
  assert.equal(wideBeatMask([90, 100, 130]), [false, false, true]);
});

test.run();
