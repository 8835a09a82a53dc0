// openecg's EDF+/BDF+ readers against EDFlib, the reference C library: fixtures EDFlib wrote and EDFlib's own read
// of each (test/fixtures/edflib, made by tools/edflib/edflib-fixtures.c): every physical sample bit for bit, every
// annotation (onset, duration, UTF-8 text) from every annotation signal, BDF+ recognised; ranged reads (Node file,
// Blob source) equal to the slice of the full read, annotations included, also when the first record starts at +0.5 s.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeEdf, readEdfFile, readEdfRanged, blobSource } from '../dist/node.js';
import { FIX } from './helpers.mjs';

const DIR = join(FIX, 'edflib');
const FILES = ['multi-annot.edf', 'bdfplus.bdf', 'subsecond.edf', 'odd-scale.edf'];
const ref = (f) => JSON.parse(readFileSync(join(DIR, `${f}.edflib.json`), 'utf8'));
const bytes = (f) => new Uint8Array(readFileSync(join(DIR, f)));
// EDFlib gives onsets relative to the first record's start, in units of 100 ns; -1e7 = no duration
const asEdflib = (r) =>
  r.annotations.map((a) => ({
    onset100ns: Math.round((a.onsetS - r.fromS) * 1e7),
    duration100ns: a.durationS === null ? -10000000 : Math.round(a.durationS * 1e7),
    text: a.text,
  }));

for (const f of FILES) {
  test(`${f}: header, every physical sample and every annotation as EDFlib reads them`, () => {
    const want = ref(f);
    const r = decodeEdf(bytes(f), f);
    assert.is(r.header.format, f.endsWith('.bdf') ? 'BDF+C' : 'EDF+C');
    assert.is(r.header.nRecords, want.datarecords);
    assert.is(Math.round(r.header.recordDuration * 1e7), want.datarecordDuration100ns);
    assert.is(Math.round(r.fromS * 1e7) % 10000000, want.startSubsecond100ns);
    assert.is(r.signals.length, want.signals.length);
    want.signals.forEach((s, i) => {
      const got = r.signals[i];
      assert.is(got.name, s.label.trimEnd()); // EDFlib keeps the field's padding, we trim it
      assert.is(got.physical.length, s.samples);
      for (let k = 0; k < s.samples; k++)
        if (!Object.is(got.physical[k], s.physical[k]))
          assert.unreachable(`${s.label}[${k}]: ${got.physical[k]} ≠ EDFlib's ${s.physical[k]}`);
    });
    assert.ok(want.annotations.length >= 3);
    assert.equal(asEdflib(r), want.annotations);
  });
}

test('multi-annot.edf: annotations from all three annotation signals, UTF-8 texts', () => {
  const r = decodeEdf(bytes('multi-annot.edf'));
  assert.is(r.header.signals.filter((s) => s.isAnnotations).length, 3);
  assert.ok(r.annotations.length > r.header.nRecords, 'more annotations than records: several per record');
  assert.ok(r.annotations.some((a) => a.text.startsWith('Temp 37.2 °C')));
  assert.ok(r.annotations.some((a) => a.text.startsWith('日本')));
});

const slices = [
  [7.167, 13.833],
  [20, 21],
  [0.5, 1.25],
  [0, 4.4],
  [29.9, 40],
];

for (const f of FILES) {
  test(`${f}: ranged reads (file and Blob) equal the slice of the full read, annotations included`, async () => {
    const full = decodeEdf(bytes(f), f);
    const end = full.fromS + full.header.nRecords * full.header.recordDuration;
    for (const [from, to] of slices) {
      if (from >= end) continue;
      const parts = [
        readEdfFile(join(DIR, f), { from, to }),
        await readEdfRanged(blobSource(new Blob([bytes(f)])), { from, to }, f),
        decodeEdf(bytes(f), f, { from, to }),
      ];
      for (const p of parts) {
        full.signals.forEach((s, i) => {
          const a = Math.round(Math.max(from, full.fromS) * s.fs) - Math.round(full.fromS * s.fs);
          const b = Math.round(Math.min(to, end) * s.fs) - Math.round(full.fromS * s.fs);
          assert.equal(
            Array.from(p.signals[i].physical),
            Array.from(s.physical.subarray(a, b)),
            `${f} ${from}–${to} s, ${s.name}`,
          );
        });
        const inRange = full.annotations.filter(
          (x) => x.onsetS >= Math.max(from, full.fromS) && x.onsetS < Math.min(to, end),
        );
        assert.equal(p.annotations, inRange, `${f} ${from}–${to} s annotations`);
      }
    }
  });
}

test('subsecond.edf (first record at +0.5 s): 7.167–13.833 s gives 1,333 samples and 20–21 s gives 200', () => {
  const p = readEdfFile(join(DIR, 'subsecond.edf'), { from: 7.167, to: 13.833 });
  assert.is(p.signals[0].physical.length, Math.round(13.833 * 200) - Math.round(7.167 * 200));
  assert.is(readEdfFile(join(DIR, 'subsecond.edf'), { from: 20, to: 21 }).signals[0].physical.length, 200);
});

test.run();
