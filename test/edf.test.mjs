// EDF, EDF+ (continuous, discontinuous, annotations) and BDF: files written by test/edf-writer.mjs and read back
// exactly; per-signal rates; a partial read of a 30-minute file touches only the records it needs; hostile headers
// are refused before anything is allocated; the CLI and loadSignalFile accept .edf (a real LUDB record, delineated
// the same as from its WFDB files).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import {
  decodeEdf,
  parseEdfHeader,
  readEdfFile,
  loadSignalFile,
  readWfdbRecord,
  Inference,
  FormatError,
} from '../dist/node.js';
import { writeEdf, wfdbAsEdfSignals } from './edf-writer.mjs';
import { ROOT, FIX, throwsTyped } from './helpers.mjs';

const tmp = mkdtempSync(join(tmpdir(), 'edf-'));
const ramp = (n, f) => Int32Array.from({ length: n }, (_, i) => f(i));
// EDFlib's formula, in its order: bitvalue = (physMax − physMin) / (digMax − digMin), offset = physMax / bitvalue −
// digMax, physical = bitvalue · (offset + d) (test/edflib.test.mjs compares with EDFlib's own reads).
const phys = (d, s) => {
  const bitvalue = (s.physMax - s.physMin) / (s.digMax - s.digMin);
  return bitvalue * (s.physMax / bitvalue - s.digMax + d);
};

test('EDF: two signals at their own rates (500 and 250 Hz) read back exactly in physical units', () => {
  const a = {
    label: 'ECG I',
    samplesPerRecord: 500,
    physMin: -5,
    physMax: 5,
    digMin: -2048,
    digMax: 2047,
    unit: 'mV',
    digital: ramp(1500, (i) => ((i * 37) % 4095) - 2048),
  };
  const b = {
    label: 'ECG II',
    samplesPerRecord: 250,
    physMin: -10,
    physMax: 10,
    digMin: -32768,
    digMax: 32767,
    unit: 'mV',
    digital: ramp(750, (i) => (i * 997) % 32767),
  };
  const r = decodeEdf(writeEdf({ signals: [a, b], recordDuration: 1, nRecords: 3, format: 'EDF' }), 'two.edf');
  assert.is(r.header.format, 'EDF');
  assert.equal(
    r.signals.map((s) => [s.name, s.fs, s.unit, s.physical.length]),
    [
      ['ECG I', 500, 'mV', 1500],
      ['ECG II', 250, 'mV', 750],
    ],
  );
  assert.equal(
    Array.from(r.signals[0].physical),
    Array.from(a.digital, (d) => phys(d, a)),
  );
  assert.equal(
    Array.from(r.signals[1].physical),
    Array.from(b.digital, (d) => phys(d, b)),
  );
});

test('EDF+C: the annotation signal gives onset, duration and text; time-keeping TALs are not annotations', () => {
  const s = {
    label: 'ECG',
    samplesPerRecord: 100,
    physMin: -1,
    physMax: 1,
    digMin: -100,
    digMax: 100,
    unit: 'mV',
    digital: ramp(200, (i) => i % 100),
  };
  const annotations = [
    ['+0\x14\x14\x00', '+0.5\x150.25\x14Beat\x14\x00'],
    ['+1\x14\x14\x00', '+1.5\x14Lights off\x14Note\x14\x00'],
  ];
  const r = decodeEdf(
    writeEdf({ signals: [s], recordDuration: 1, nRecords: 2, format: 'EDF+C', annotations, annotationBytes: 120 }),
    'c.edf',
  );
  assert.is(r.header.format, 'EDF+C');
  assert.is(r.signals.length, 1); // the annotation signal is not a signal
  assert.equal(r.annotations, [
    { onsetS: 0.5, durationS: 0.25, text: 'Beat' },
    { onsetS: 1.5, durationS: null, text: 'Lights off' },
    { onsetS: 1.5, durationS: null, text: 'Note' },
  ]);
});

test('EDF+D: records are placed at their time-keeping onsets; a missing second reads as NaN', () => {
  const s = {
    label: 'ECG',
    samplesPerRecord: 4,
    physMin: -8,
    physMax: 8,
    digMin: -8,
    digMax: 8,
    unit: 'mV',
    digital: ramp(12, (i) => i - 6),
  };
  const annotations = [['+0\x14\x14\x00'], ['+1\x14\x14\x00'], ['+3\x14\x14\x00']];
  const r = decodeEdf(
    writeEdf({ signals: [s], recordDuration: 1, nRecords: 3, format: 'EDF+D', annotations, annotationBytes: 20 }),
    'd.edf',
  );
  const x = Array.from(r.signals[0].physical);
  assert.is(x.length, 16); // 4 s at 4 Hz
  assert.equal(x.slice(0, 8), [-6, -5, -4, -3, -2, -1, 0, 1]);
  assert.ok(
    x.slice(8, 12).every((v) => Number.isNaN(v)),
    'the gap',
  );
  assert.equal(x.slice(12), [2, 3, 4, 5]);
});

test('BDF: 24-bit samples, negative values sign-extended', () => {
  const s = {
    label: 'EXG1',
    samplesPerRecord: 8,
    physMin: -262144,
    physMax: 262143,
    digMin: -8388608,
    digMax: 8388607,
    unit: 'uV',
    digital: Int32Array.from([-8388608, -1, 0, 1, 8388607, -65536, 65535, 123456]),
  };
  const r = decodeEdf(writeEdf({ signals: [s], recordDuration: 1, nRecords: 1, format: 'BDF' }), 'x.bdf');
  assert.is(r.header.format, 'BDF');
  assert.equal(
    Array.from(r.signals[0].physical),
    Array.from(s.digital, (d) => phys(d, s)),
  );
});

test('partial read of a 30-minute EDF reads the header and the 10 records it needs, nothing else', () => {
  const n = 1800;
  const s = {
    label: 'ECG',
    samplesPerRecord: 500,
    physMin: -5,
    physMax: 5,
    digMin: -32768,
    digMax: 32767,
    unit: 'mV',
    digital: ramp(500 * n, (i) => ((i * 7919) % 65536) - 32768),
  };
  const file = join(tmp, 'holter.edf');
  writeFileSync(file, writeEdf({ signals: [s], recordDuration: 1, nRecords: n, format: 'EDF' }));
  const part = readEdfFile(file, { from: 600, to: 610 });
  assert.is(part.bytesRead, 512 + 10 * 1000, `${part.bytesRead} bytes read`);
  assert.is(part.fromS, 600);
  assert.equal(
    Array.from(part.signals[0].physical),
    Array.from(s.digital.subarray(300000, 305000), (d) => phys(d, s)),
  );
  // A read that starts inside a record reads that record and keeps only the asked span.
  const mid = readEdfFile(file, { from: 600.5, to: 601.5 });
  assert.is(mid.bytesRead, 512 + 2 * 1000);
  assert.equal(
    Array.from(mid.signals[0].physical),
    Array.from(s.digital.subarray(300250, 300750), (d) => phys(d, s)),
  );
});

test('hostile EDF headers: clear FormatErrors before allocation, never a hang or a RangeError', () => {
  const s = {
    label: 'ECG',
    samplesPerRecord: 10,
    physMin: -1,
    physMax: 1,
    digMin: -10,
    digMax: 10,
    unit: 'mV',
    digital: ramp(100, (i) => i % 10),
  };
  const good = writeEdf({ signals: [s], recordDuration: 1, nRecords: 10, format: 'EDF' });
  throwsTyped(() => decodeEdf(good.subarray(0, 300), 't.edf'), FormatError, /truncated header/);
  throwsTyped(
    () =>
      decodeEdf(
        writeEdf({ signals: [s], recordDuration: 1, nRecords: 10, headerRecords: 1000000, format: 'EDF' }),
        'big.edf',
      ),
    FormatError,
    /announces 1000000 data records, file holds 10/,
  );
  throwsTyped(
    () =>
      decodeEdf(writeEdf({ signals: [s], recordDuration: 1, nRecords: 1, nsOverride: 9999, format: 'EDF' }), 'ns.edf'),
    FormatError,
    /9999 signals/,
  );
  throwsTyped(
    () =>
      decodeEdf(
        writeEdf({ signals: [{ ...s, digMax: -10 }], recordDuration: 1, nRecords: 1, format: 'EDF' }),
        'dig.edf',
      ),
    FormatError,
    /digital maximum/,
  );
  throwsTyped(
    () =>
      decodeEdf(
        writeEdf({ signals: [{ ...s, samplesPerRecord: 0 }], recordDuration: 1, nRecords: 0, format: 'EDF' }),
        'spr.edf',
      ),
    FormatError,
    /samples per record/,
  );
  throwsTyped(() => decodeEdf(new TextEncoder().encode('x'.repeat(400)), 'junk.edf'), FormatError, /not an EDF/);
  throwsTyped(
    () =>
      parseEdfHeader(
        good.map((v, i) => (i >= 236 && i < 244 ? 65 : v)),
        'n.edf',
      ),
    FormatError,
    /number of data records 'AAAAAAAA'/,
  );
  // Written while recording (−1 records): the file size says how many.
  assert.is(
    parseEdfHeader(
      writeEdf({ signals: [s], recordDuration: 1, nRecords: 10, headerRecords: -1, format: 'EDF' }),
      'live.edf',
    ).nRecords,
    10,
  );
});

test('an LUDB record as EDF: loadSignalFile and the CLI read it; the delineation equals the WFDB read', () => {
  const rec = readWfdbRecord(join(FIX, 'ludb', '1'));
  const sigs = wfdbAsEdfSignals(rec); // its own digital samples; the EDF gain is the WFDB one
  const file = join(tmp, 'ludb1.edf');
  writeFileSync(file, writeEdf({ signals: sigs, recordDuration: 1, nRecords: 10, format: 'EDF' }));
  const s = loadSignalFile(file, { lead: 'ii' });
  assert.is(s.fs, 500);
  const ii = rec.signals.find((x) => x.name === 'ii').physical;
  for (let i = 0; i < ii.length; i++) assert.ok(Math.abs(s.signal[i] - ii[i]) < 1e-9);
  const det = Inference.createSync();
  const strip = (d) => d.waves.map(({ wave, onset, offset }) => [wave, onset, offset]);
  assert.equal(strip(det.predict(s.signal, { fs: 500 })), strip(det.predict(ii, { fs: 500 })));
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'openecg.js'), 'report', file, '--json'], {
    encoding: 'utf8',
  });
  assert.is(r.status, 0, r.stderr);
  assert.is(JSON.parse(r.stdout).fs, 500);
});

test.run();
