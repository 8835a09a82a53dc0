// Delineation API on a real record, stitching of long recordings, intervals on hand-checked
// beats, multi-lead merge and bad inputs.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { Inference, SignalError, OpenEcgError, groupBeats, beatIntervals, readWfdbRecord } from '../dist/node.js';
import { planWindows } from '../dist/delineate/stitch.js';
import { mergeLeads } from '../dist/delineate/merge-leads.js';
import { repairSignal } from '../dist/delineate/repair.js';
import { ROOT, FIX, throwsTyped } from './helpers.mjs';

const det = Inference.createSync({ backend: 'js' });
const rec = readWfdbRecord(join(FIX, 'ludb', '1'));
const ii = rec.signals.find((s) => s.name === 'ii').physical;

test('window plan tiles [0, n) with 2 s of context inside', () => {
  for (const n of [100, 2500, 2501, 4000, 9999, 21000, 86400]) {
    const plan = planWindows(n);
    let at = 0;
    for (const p of plan) {
      assert.is(p.keepFrom, at);
      at = p.keepTo;
      assert.ok(p.start >= 0 && (n <= 2500 || p.start + 2500 <= n));
      if (p.keepFrom > 0) assert.ok(p.keepFrom - p.start >= 500, `left context at ${p.keepFrom}`);
      if (p.keepTo < n) assert.ok(p.start + 2500 - p.keepTo >= 500, `right context at ${p.keepTo}`);
    }
    assert.is(at, n);
  }
});

test('predict on a real 500-Hz record returns waves at 500 Hz, beats and intervals', () => {
  const d = det.predict(ii, { fs: 500 });
  assert.is(d.fs, 500);
  assert.is(d.nSamples, 5000);
  assert.ok(d.waves.length >= 10);
  for (const w of d.waves) assert.ok(w.onset <= w.offset && w.onset > 0 && w.offset < 5000);
  assert.ok(d.beats.length >= 3);
  const hr = d.intervals.median.hr;
  assert.ok(hr > 30 && hr < 200, `median HR ${hr}`);
  // Same signal given at 250 Hz gives waves at half the sample positions (within rounding).
  const d2 = det.predict(
    Float64Array.from({ length: 2500 }, (_, i) => ii[2 * i]),
    { fs: 250 },
  );
  assert.ok(Math.abs(d2.beats.length - d.beats.length) <= 1);
});

// Stitching across window seams is checked wave for wave in seams-rates.test.mjs.

test('intervals on hand-checked beats', () => {
  const fs = 500; // samples → ms ×2
  const waves = [
    { wave: 'P', onset: 100, offset: 150 },
    { wave: 'QRS', onset: 180, offset: 225 },
    { wave: 'T', onset: 300, offset: 380 },
    { wave: 'P', onset: 600, offset: 650 },
    { wave: 'QRS', onset: 680, offset: 720 },
    { wave: 'T', onset: 800, offset: 880 },
    { wave: 'QRS', onset: 1180, offset: 1260 },
  ];
  const beats = groupBeats(waves, fs);
  assert.is(beats.length, 3);
  assert.ok(beats[0].p && beats[0].t && beats[1].p && !beats[2].p && !beats[2].t);
  const iv = beatIntervals(beats, fs);
  assert.equal(iv.beats[1], {
    rr: 1000,
    hr: 60,
    pr: 160,
    p: 100,
    qrs: 80,
    qt: 400,
    qtcBazett: 400,
    qtcFridericia: 400,
  });
  assert.equal(iv.beats[0].rr, null);
  assert.equal(iv.beats[0].qrs, 90);
  assert.is(iv.beats[2].pr, null);
  assert.is(iv.median.qrs, 90);
  assert.is(iv.median.rr, 1000);
  // QTc at RR 0.64 s: Bazett QT/0.8, Fridericia QT/∛0.64.
  const b2 = beatIntervals(
    groupBeats(
      waves.map((w) => ({
        ...w,
        onset: w.onset > 600 ? w.onset - 180 : w.onset,
        offset: w.offset > 600 ? w.offset - 180 : w.offset,
      })),
      fs,
    ),
    fs,
  ).beats[1];
  assert.is(b2.rr, 640);
  assert.is(b2.qtcBazett, 500);
  assert.is(b2.qtcFridericia, Math.round((400 / Math.cbrt(0.64)) * 10) / 10);
});

test('multi-lead merge keeps waves found in at least half the leads (median positions)', () => {
  const a = [
    { wave: 'QRS', onset: 100, offset: 140 },
    { wave: 'T', onset: 300, offset: 400 },
  ];
  const b = [{ wave: 'QRS', onset: 104, offset: 146 }];
  const c = [
    { wave: 'QRS', onset: 98, offset: 150 },
    { wave: 'P', onset: 20, offset: 60 },
  ];
  assert.equal(mergeLeads([a, b, c], 500), [{ wave: 'QRS', onset: 100, offset: 146 }]);
  const r = det.predictLeads([rec.signals[0].physical, ii, rec.signals[6].physical], {
    fs: 500,
    leads: ['i', 'ii', 'v1'],
  });
  assert.is(r.leads.length, 3);
  assert.ok(r.global.beats.length >= 3);
});

test('bad input: clear errors or a defined empty result', () => {
  throwsTyped(() => det.predict([], { fs: 250 }), SignalError, /empty/);
  throwsTyped(() => det.predict(new Float32Array(100), { fs: 250 }), SignalError, /at least 1 s/);
  throwsTyped(() => det.predict(ii, {}), SignalError, /'fs' is required/);
  throwsTyped(() => det.predict(ii, { fs: 5 }), SignalError, /outside the supported/);
  throwsTyped(() => det.predict(ii, { fs: NaN }), SignalError, /required/);
  const gap = Float64Array.from(ii);
  for (let i = 1000; i < 1200; i++) gap[i] = NaN; // 0.4 s at 500 Hz
  throwsTyped(() => det.predict(gap, { fs: 500 }), SignalError, /consecutive non-finite samples at 2\.000 s/);
  const short = Float64Array.from(ii);
  for (let i = 1000; i < 1020; i++) short[i] = NaN;
  short[4999] = Infinity;
  const d = det.predict(short, { fs: 500 });
  assert.is(d.repairedSamples, 21);
  assert.ok(d.waves.length > 0);
  const flat = det.predict(new Float32Array(5000).fill(0.3), { fs: 500 });
  assert.equal(flat.waves, []);
  assert.equal(flat.beats, []);
  assert.is(flat.intervals.median.hr, null);
  throwsTyped(() => Inference.createSync({ model: new Uint8Array([1, 2, 3]) }), OpenEcgError, /too short/);
  const { x } = repairSignal([1, NaN, 3], 1);
  assert.equal(Array.from(x), [1, 2, 3]);
});

test('predictWindows: upstream-compatible per-window runs and logits', () => {
  const sig = Float64Array.from({ length: 3000 }, (_, i) => ii[Math.min(4999, 2 * i)]);
  const w = det.predictWindows(sig);
  assert.is(w.length, 2);
  for (const b of w[0])
    assert.ok(
      b.end - b.start + 1 >= 10 &&
        (b.end + 1) % 5 === 0 &&
        b.start % 5 === 0 &&
        ['P', 'QRS', 'T'][b.cls - 1] === b.name,
    );
  const lg = det.predictWindows(sig, { returnLogits: true });
  assert.is(lg[0].length, 2000);
});

test('CLI delineate: WFDB, CSV with --fs, formats, SVG, errors', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'openecg-cli-'));
  const cli = (args) => spawnSync(process.execPath, [join(ROOT, 'bin', 'openecg.js'), ...args], { encoding: 'utf8' });
  let r = cli(['delineate', join(FIX, 'ludb', '1.hea'), '--lead', 'ii', '--svg', join(tmp, 'a.svg')]);
  assert.is(r.status, 0, r.stderr);
  const d = JSON.parse(r.stdout);
  assert.is(d.fs, 500);
  assert.ok(d.waves.length > 5);
  assert.match(readFileSync(join(tmp, 'a.svg'), 'utf8'), /<svg[^]*class="wave wave-QRS"/);
  writeFileSync(join(tmp, 's.csv'), 'ii\n' + Array.from(ii).join('\n'));
  r = cli(['delineate', join(tmp, 's.csv'), '--fs', '500', '--format', 'csv']);
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /^wave,onset,offset\n(P|QRS|T),\d+,\d+/);
  r = cli(['delineate', join(tmp, 's.csv'), '--format', 'tokens']);
  assert.is(r.status, 1);
  assert.match(r.stderr, /give it with --fs/);
  r = cli(['delineate', join(FIX, 'ludb', '1.hea'), '--lead', 'v9']);
  assert.is(r.status, 1);
  assert.match(r.stderr, /no lead 'v9'/);
  r = cli(['delineate', join(FIX, 'ludb', '1.hea'), '--lead', '1', '--format', 'tokens']);
  assert.is(r.status, 0);
  assert.match(r.stdout.trim(), /^[_pqrstw?*]+$/);
});

test('npm start / openecg demo: beat table, intervals, tokens and an SVG', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'openecg-demo-'));
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'openecg.js'), 'demo', '--svg', join(tmp, 'demo.svg')], {
    encoding: 'utf8',
  });
  assert.is(r.status, 0, r.stderr);
  assert.match(r.stdout, /LUDB record 4/);
  assert.match(r.stdout, /median\s+\d+/);
  assert.match(r.stdout, /tokens: _?p_qrs_t/);
  assert.match(readFileSync(join(tmp, 'demo.svg'), 'utf8'), /class="wave wave-P"/);
});

test('random hostile signals (NaN runs, ±1e300, ±∞, constants, huge ranges, odd rates) → a delineation in range or a SignalError', () => {
  let s = 99;
  const r = (n) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % n;
  };
  const seen = { ok: 0, signalError: 0 };
  for (let i = 0; i < 60; i++) {
    const fs = [50, 128, 250, 257.5, 360, 500, 1000][r(7)],
      n = Math.round(fs * (0.5 + r(12)));
    const x = Float64Array.from({ length: n }, (_, k) => Math.sin((k / fs) * 2 * Math.PI * 1.1) * (r(2) ? 1 : 1e3));
    const kind = r(6);
    if (kind === 0) for (let k = r(n); k < n && r(50); k++) x[k] = NaN;
    if (kind === 1) x[r(n)] = [1e300, -1e300, Infinity, -Infinity, 1e-300][r(5)];
    if (kind === 2) x.fill(r(3) - 1);
    if (kind === 3) for (let k = 0; k < n; k += 1 + r(5)) x[k] = NaN;
    if (kind === 4) for (let k = 0; k < n; k++) x[k] = (r(2001) - 1000) * 1e6;
    try {
      const d = det.predict(x, { fs });
      for (const w of d.waves)
        assert.ok(
          w.onset >= 0 && w.offset >= w.onset && w.offset < n,
          `case ${i}: ${JSON.stringify(w)} in ${n} samples`,
        );
      seen.ok++;
    } catch (e) {
      if (!(e instanceof SignalError)) throw e;
      seen.signalError++;
    }
  }
  assert.ok(seen.ok > 30 && seen.signalError > 0, JSON.stringify(seen));
});

test('CLI --backend: js and wasm print the same bytes; an unknown backend is a one-line error', () => {
  const cli = (...args) =>
    spawnSync(process.execPath, [join(ROOT, 'bin', 'openecg.js'), 'delineate', join(FIX, 'ludb', '1.hea'), ...args], {
      encoding: 'utf8',
    });
  const js = cli('--backend', 'js'),
    wasm = cli('--backend', 'wasm');
  assert.is(js.status, 0, js.stderr);
  assert.is(wasm.status, 0, wasm.stderr);
  assert.ok(js.stdout.length > 100);
  assert.is(wasm.stdout, js.stdout);
  const bad = cli('--backend', 'gpu');
  assert.is(bad.status, 1);
  assert.match(bad.stderr, /^openecg: unknown backend 'gpu'\n$/);
});

test.run();
