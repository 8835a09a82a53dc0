// What stitching, resampling and lead merging promise, checked against independent recomputation on
// a recording of the development split (LUDB record 4, `samples/ludb-4`; the model never trained on it):
//  - seams: the stitched delineation equals, wave for wave, each window's own decode inside its kept
//    band (all three wave types; the last window aligned to the end of a recording whose length is
//    not a multiple of the stride);
//  - rates: at 360, 128, 257.5 and 1000 Hz the QRS onsets land where the 500-Hz delineation puts them,
//    and createStream and Pool give exactly predict's result at each rate;
//  - predictLeads' global delineation is the lead merge of its per-lead delineations.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { Inference, Pool, readWfdbRecord, resample } from '../dist/node.js';
import { planWindows } from '../dist/delineate/stitch.js';
import { decodeWaves } from '../dist/ecg/decode.js';
import { mergeLeads } from '../dist/delineate/merge-leads.js';
import { ROOT } from './helpers.mjs';

const det = Inference.createSync();
const rec = readWfdbRecord(join(ROOT, 'samples', 'ludb-4'));
const ii = rec.signals.find((s) => s.name === 'ii').physical; // 10 s at 500 Hz

/** 10-s record repeated, with a slow gain change so windows differ, cut to `n` samples. */
function longSignal(n) {
  return Float64Array.from({ length: n }, (_, i) => ii[i % ii.length] * (1 + 0.1 * Math.sin(i / 3000)));
}
const byPosition = (a, b) =>
  a.onset - b.onset || a.offset - b.offset || (a.wave < b.wave ? -1 : a.wave > b.wave ? 1 : 0);

test("seams: stitched waves equal each window's own decode inside its kept band; last window aligned to the end", () => {
  const n = 3 * 5000 + 1234; // 32.468 s at 500 Hz: not a multiple of the 6-s stride
  const x = longSignal(n);
  const d = det.predict(x, { fs: 500 });
  const sig250 = resample(x, 500, 250),
    n250 = sig250.length;
  const plans = planWindows(n250);
  assert.is(plans[plans.length - 1].start, n250 - 2500, 'the last window ends at the recording end');
  assert.ok(plans.length >= 5);
  const ref = [];
  for (const p of plans) {
    const { logits, reg } = det.wm.forward(Float64Array.from(sig250.subarray(p.start, p.start + 2500)));
    for (const w of decodeWaves(logits, reg, 500)) {
      const on = w.onset + p.start,
        off = w.offset + p.start,
        mid = (on + off) / 2;
      if (mid < p.keepFrom || mid >= p.keepTo || on <= 0 || off >= n250 - 1) continue;
      ref.push({
        wave: w.wave,
        onset: Math.min(n - 1, Math.round(on * 2)),
        offset: Math.min(n - 1, Math.round(off * 2)),
      });
    }
  }
  const bounds = d.waves.map(({ wave, onset, offset }) => ({ wave, onset, offset }));
  assert.equal(bounds.sort(byPosition), ref.sort(byPosition));
  // Each wave's peak (R peak, P/T apex) lies inside it.
  for (const w of d.waves) assert.ok(w.peak >= w.onset && w.peak <= w.offset, JSON.stringify(w));
  for (const t of ['P', 'QRS', 'T'])
    assert.ok(d.waves.filter((w) => w.wave === t).length >= 25, `${t} waves across the seams`);
  // Nothing duplicated at a seam: one QRS per beat, in order, without overlap.
  const qrs = d.waves.filter((w) => w.wave === 'QRS').sort(byPosition);
  for (let i = 1; i < qrs.length; i++) assert.ok(qrs[i].onset > qrs[i - 1].offset);
});

const base = det.predict(ii, { fs: 500 });
const qrs500 = base.waves.filter((w) => w.wave === 'QRS').map((w) => w.onset / 500);

for (const fs of [360, 128, 257.5, 1000]) {
  test(`rate ${fs} Hz: QRS onsets where the 500-Hz delineation has them; createStream and Pool equal predict`, async () => {
    const x = resample(longSignal(3 * 5000 + 777), 500, fs);
    const x10 = resample(ii, 500, fs);
    const d10 = det.predict(x10, { fs });
    const on = d10.waves.filter((w) => w.wave === 'QRS').map((w) => w.onset / fs);
    assert.is(on.length, qrs500.length, `${fs} Hz: ${on.length} QRS vs ${qrs500.length} at 500 Hz`);
    on.forEach((t, i) =>
      assert.ok(
        Math.abs(t - qrs500[i]) <= 0.012,
        `${fs} Hz: QRS ${i} onset ${t.toFixed(4)} s vs ${qrs500[i].toFixed(4)} s at 500 Hz`,
      ),
    );
    const d = det.predict(x, { fs });
    const waves = [];
    const s = det.createStream({ fs, onWaves: (w) => waves.push(...w) });
    for (let i = 0; i < x.length; i += 97) s.push(x.subarray(i, i + 97));
    s.end();
    assert.equal(waves, d.waves, `${fs} Hz: stream differs from predict`);
    const pool = await Pool.create({ size: 2 });
    try {
      assert.equal(await pool.predict(x, { fs }), d, `${fs} Hz: pool differs from predict`);
    } finally {
      pool.close();
    }
  });
}

test('predictLeads: the global delineation is the lead merge of the per-lead delineations', () => {
  const names = ['i', 'ii', 'v1', 'v5'];
  const sig = names.map((nm) => rec.signals.find((s) => s.name === nm).physical);
  const r = det.predictLeads(sig, { fs: 500, leads: names });
  assert.equal(
    r.leads.map((l) => l.name),
    names,
  );
  r.leads.forEach((l, k) => assert.equal(l.delineation, det.predict(sig[k], { fs: 500 })));
  assert.equal(
    r.global.waves,
    mergeLeads(
      r.leads.map((l) => l.delineation.waves),
      500,
    ),
  );
  assert.ok(r.global.waves.filter((w) => w.wave === 'QRS').length >= 9);
});

test.run();
