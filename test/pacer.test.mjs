// Pacemaker stimuli (classify/pacer.ts): found at the paced QRS complexes of a paced LUDB record, none on a
// sinus record (the report no longer calls LUDB record 4 paced), and none on a flat line or noise.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { Inference, readWfdbRecord, detectPacerSpikesLocalized } from '../dist/node.js';
import { ROOT, FIX } from './helpers.mjs';

const det = Inference.createSync();

test('paced LUDB record 104 (lead ii): a stimulus at most QRS complexes, within 100 ms before to 30 ms after onset', () => {
  const rec = readWfdbRecord(join(FIX, 'ludb-paced', '104'));
  const x = rec.signals.find((s) => s.name === 'ii').physical;
  const d = det.predict(x, { fs: rec.fs });
  const sp = detectPacerSpikesLocalized(x, rec.fs, d.beats);
  assert.ok(sp.length >= 0.8 * d.beats.length, `${sp.length} stimuli for ${d.beats.length} beats`);
  for (const s of sp)
    assert.ok(
      d.beats.some((b) => s >= b.qrs.onset - 50 && s <= b.qrs.onset + 15),
      `stimulus at ${s} is next to a QRS onset`,
    );
  const r = det.report(x, { fs: rec.fs });
  assert.ok(r.pacing.isPaced);
  assert.ok(r.flags.includes('paced_rhythm'));
  assert.ok((r.beats.byType.paced ?? 0) >= 0.8 * r.beats.count, JSON.stringify(r.beats.byType));
});

test('sinus LUDB record 4: no stimuli, the report does not say PACED', () => {
  const rec = readWfdbRecord(join(ROOT, 'samples', 'ludb-4'));
  for (const lead of ['i', 'ii', 'v1', 'v5']) {
    const x = rec.signals.find((s) => s.name === lead).physical;
    const d = det.predict(x, { fs: rec.fs });
    assert.is(detectPacerSpikesLocalized(x, rec.fs, d.beats).length, 0, lead);
  }
  const r = det.report(rec.signals[1].physical, { fs: rec.fs });
  assert.not.ok(r.pacing.isPaced);
  assert.not.match(r.summary, /PACED/);
});

test('no beats, flat line: no stimuli', () => {
  assert.equal(detectPacerSpikesLocalized(new Float64Array(5000), 500, []), []);
  const rec = readWfdbRecord(join(ROOT, 'samples', 'ludb-4'));
  const d = det.predict(rec.signals[1].physical, { fs: 500 });
  assert.equal(detectPacerSpikesLocalized(new Float64Array(5000), 500, d.beats), []);
});

test.run();
