// Multi-segment WFDB records (as MIMIC and most ICU waveform archives store them), written here by hand: a fixed
// layout (every segment has the same signals) and a variable layout (a layout header, a null '~' segment, a segment
// with only one of the signals and another gain) — stitched exactly, parts read across segment edges, NaN where a
// segment has no samples; a segment naming a multi-segment record is refused (no recursion).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { readWfdbRecord, parseWfdbHeader, FormatError } from '../dist/node.js';
import { throwsTyped } from './helpers.mjs';

const dir = mkdtempSync(join(tmpdir(), 'wfdb-ms-'));
/** A single-segment format-16 record `name` with the given signals ({ desc, gain, values }). */
function segment(name, sigs) {
  const n = sigs[0].values.length;
  const dat = new Uint8Array(n * sigs.length * 2);
  for (let t = 0; t < n; t++)
    sigs.forEach((s, c) => {
      const v = s.values[t];
      dat[2 * (t * sigs.length + c)] = v & 0xff;
      dat[2 * (t * sigs.length + c) + 1] = (v >> 8) & 0xff;
    });
  writeFileSync(join(dir, `${name}.dat`), dat);
  const lines = sigs.map((s) => {
    const sum = s.values.reduce((a, v) => (a + v) & 0xffff, 0);
    return `${name}.dat 16 ${s.gain} 16 0 ${s.values[0]} ${(sum << 16) >> 16} 0 ${s.desc}`;
  });
  writeFileSync(join(dir, `${name}.hea`), [`${name} ${sigs.length} 100 ${n}`, ...lines, ''].join('\n'));
}
const phys = (rec, name) => Array.from(rec.signals.find((s) => s.name === name).physical);

test('fixed layout: two segments stitched; a part across the segment edge', () => {
  segment('f1', [
    { desc: 'a', gain: 10, values: [10, 20, 30, 40, 50] },
    { desc: 'b', gain: 10, values: [1, 2, 3, 4, 5] },
  ]);
  segment('f2', [
    { desc: 'a', gain: 10, values: [60, 70, 80] },
    { desc: 'b', gain: 10, values: [6, 7, 8] },
  ]);
  writeFileSync(join(dir, 'fixed.hea'), 'fixed/2 2 100 8\nf1 5\nf2 3\n');
  const rec = readWfdbRecord(join(dir, 'fixed'));
  assert.is(rec.nSamples, 8);
  assert.equal(phys(rec, 'a'), [1, 2, 3, 4, 5, 6, 7, 8]);
  assert.equal(phys(rec, 'b'), [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]);
  const part = readWfdbRecord(join(dir, 'fixed'), { from: 3, to: 7, channels: [0] });
  assert.equal(
    part.signals.map((s) => s.name),
    ['a'],
  );
  assert.equal(phys(part, 'a'), [4, 5, 6, 7]);
});

test('variable layout: a null segment and a segment without one signal read as NaN; gains per segment', () => {
  writeFileSync(join(dir, 'v_layout.hea'), 'v_layout 2 100 0\n~ 0 10 16 0 0 0 0 a\n~ 0 10 16 0 0 0 0 b\n');
  segment('v1', [
    { desc: 'a', gain: 10, values: [10, 20, 30, 40] },
    { desc: 'b', gain: 10, values: [5, 6, 7, 8] },
  ]);
  segment('v3', [{ desc: 'b', gain: 100, values: [900, 1000] }]);
  writeFileSync(join(dir, 'var.hea'), 'var/4 2 100 9\nv_layout 0\nv1 4\n~ 3\nv3 2\n');
  const rec = readWfdbRecord(join(dir, 'var'));
  assert.is(rec.nSamples, 9);
  const a = phys(rec, 'a');
  const b = phys(rec, 'b');
  assert.equal(a.slice(0, 4), [1, 2, 3, 4]);
  assert.ok(a.slice(4).every(Number.isNaN), 'a: null segment, then a segment without a');
  assert.equal(b.slice(0, 4), [0.5, 0.6, 0.7, 0.8]);
  assert.ok(b.slice(4, 7).every(Number.isNaN), 'b: the null segment');
  assert.equal(b.slice(7), [9, 10]); // its own gain (100 adu per unit)
  // The layout header parses (format 0 on '~' signals) but has no samples to decode.
  assert.is(parseWfdbHeader('v_layout 2 100 0\n~ 0 10 16 0 0 0 0 a\n~ 0 10 16 0 0 0 0 b\n').signals.length, 2);
});

test('refusals: a segment that is itself multi-segment, lengths that do not add up', () => {
  writeFileSync(join(dir, 'loop.hea'), 'loop/1 1 100 4\nloop 4\n');
  throwsTyped(() => readWfdbRecord(join(dir, 'loop')), FormatError, /single-segment/);
  segment('g1', [{ desc: 'a', gain: 1, values: [1, 2, 3] }]);
  writeFileSync(join(dir, 'bad.hea'), 'bad/1 1 100 99\ng1 3\n');
  throwsTyped(() => readWfdbRecord(join(dir, 'bad')), FormatError, /record length 99/);
  writeFileSync(join(dir, 'many.hea'), 'many/9999999 1 100\ng1 3\n');
  throwsTyped(() => readWfdbRecord(join(dir, 'many')), FormatError, /segments/);
});

test.run();
