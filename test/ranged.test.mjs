// Partial reads without Node's file system (src/ts/io/ranged.ts): a Blob (what a browser File is) read by slices.
// The same parts as the Node readers, and only the bytes they need.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readEdfRanged, readWfdbRanged, blobSource, FormatError } from '../dist/index.js';
import { readWfdbRecord, decodeEdf } from '../dist/node.js';
import { writeEdf } from './edf-writer.mjs';
import { FIX } from './helpers.mjs';

test('EDF in a Blob: a 10-s part of 30 minutes reads the header and 10 records', async () => {
  const n = 1800;
  const digital = Int32Array.from({ length: 500 * n }, (_, i) => ((i * 7919) % 65536) - 32768);
  const s = { label: 'ECG', samplesPerRecord: 500, physMin: -5, physMax: 5, digMin: -32768, digMax: 32767 };
  const bytes = writeEdf({ signals: [{ ...s, unit: 'mV', digital }], recordDuration: 1, nRecords: n, format: 'EDF' });
  const part = await readEdfRanged(blobSource(new Blob([bytes])), { from: 600, to: 610 }, 'holter.edf');
  assert.is(part.bytesRead, 512 + 10 * 1000);
  const whole = decodeEdf(bytes, 'holter.edf', { from: 600, to: 610 });
  assert.equal(Array.from(part.signals[0].physical), Array.from(whole.signals[0].physical));
});

test('WFDB in Blobs: frames 1000–2000 of the MIT-BIH 119 excerpt read 3,000 bytes, equal to the Node read', async () => {
  const dir = join(FIX, 'mitdb');
  const hea = readFileSync(join(dir, '119.hea'), 'latin1');
  const dat = new Blob([readFileSync(join(dir, '119.dat'))]);
  const part = await readWfdbRanged(hea, { '119.dat': blobSource(dat) }, { from: 1000, to: 2000, channels: [1] });
  assert.is(part.bytesRead, 3000);
  const node = readWfdbRecord(join(dir, '119'), { from: 1000, to: 2000, channels: [1] });
  assert.equal(Array.from(part.signals[0].physical), Array.from(node.signals[0].physical));
  // FLAC needs the whole file: read whole, then cut — still equal.
  const fdir = join(FIX, 'flac');
  const fl = await readWfdbRanged(
    readFileSync(join(fdir, '119_516.hea'), 'latin1'),
    { '119_516.dat': blobSource(new Blob([readFileSync(join(fdir, '119_516.dat'))])) },
    { from: 500, to: 800 },
  );
  const flWhole = readWfdbRecord(join(fdir, '119_516'));
  assert.equal(Array.from(fl.signals[0].digital), Array.from(flWhole.signals[0].digital.subarray(500, 800)));
});

test('missing files and short sources are typed errors', async () => {
  const hea = readFileSync(join(FIX, 'mitdb', '119.hea'), 'latin1');
  let e1 = null;
  try {
    await readWfdbRanged(hea, {});
  } catch (e) {
    e1 = e;
  }
  assert.instance(e1, FormatError);
  let e2 = null;
  const lying = { size: 1e9, read: async (at, n) => blobSource(new Blob([new Uint8Array(10)])).read(at, n) };
  try {
    await readEdfRanged(lying, {}, 'x.edf');
  } catch (e) {
    e2 = e;
  }
  assert.instance(e2, FormatError);
});

test.run();
