// WFDB annotation file metadata (src/ts/io/wfdb-annotation.ts): the time resolution and custom label table that
// WFDB writers put at the head of a file — hand-made byte sequences in the writers' layout.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { parseWfdbAnnotationFile, parseWfdbAnnotations, inRecordSamples, FormatError } from '../dist/index.js';
import { readWfdbAnnotations } from '../dist/node.js';

/** MIT-format words: [code, step] pairs, {aux: text} for an AUX field, {skip: n} for a SKIP. */
function annotationBytes(items) {
  const words = [];
  const w = (a, i) => words.push(((a << 10) | (i & 0x3ff)) & 0xffff);
  for (const it of items) {
    if (Array.isArray(it)) w(it[0], it[1]);
    else if ('aux' in it) {
      w(63, it.aux.length);
      const b = [...it.aux].map((c) => c.charCodeAt(0));
      if (b.length & 1) b.push(0);
      for (let k = 0; k < b.length; k += 2) words.push(b[k] | (b[k + 1] << 8));
    } else if ('skip' in it) {
      w(59, 0);
      words.push((it.skip >>> 16) & 0xffff, it.skip & 0xffff);
    }
  }
  w(0, 0);
  const bytes = new Uint8Array(words.length * 2);
  words.forEach((v, k) => {
    bytes[2 * k] = v & 255;
    bytes[2 * k + 1] = v >> 8;
  });
  return bytes;
}
const NOTE = 22;
/** The head a WFDB writer emits: time resolution, the label table, then SKIP −1 and NOTQRS +1 back to time 0. */
const head = (defs, resolution) => [
  ...(resolution ? [[NOTE, 0], { aux: `## time resolution: ${resolution}` }] : []),
  [NOTE, 0],
  { aux: '## annotation type definitions' },
  ...defs.flatMap((d) => [[NOTE, 0], { aux: d }]),
  [NOTE, 0],
  { aux: '## end of definitions' },
  { skip: -1 },
  [0, 1],
];

test('custom labels name their codes; the table and the time resolution are metadata, not annotations', () => {
  const bytes = annotationBytes([...head(['48 QM mystery beat', '45 k'], 1000), [48, 1000], [1, 1000], [45, 500]]);
  const f = parseWfdbAnnotationFile(bytes, 'x.atr');
  assert.is(f.timeResolution, 1000);
  assert.equal(f.labels, [
    { code: 48, symbol: 'QM', description: 'mystery beat' },
    { code: 45, symbol: 'k', description: '' },
  ]);
  assert.equal(
    f.annotations.map((a) => [a.symbol, a.code, a.sample]),
    [
      ['QM', 48, 1000],
      ['N', 1, 2000],
      ['k', 45, 2500],
    ],
  );
  // In record samples at 360 Hz: ticks of 1 ms → round(t · 360 / 1000).
  assert.equal(
    inRecordSamples(f, 360).map((a) => a.sample),
    [360, 720, 900],
  );
  assert.equal(parseWfdbAnnotations(bytes).length, 3);
});

test('readWfdbAnnotations converts a stated time resolution with the record header and bounds the result', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ann-'));
  writeFileSync(join(dir, 'r.hea'), 'r 1 250 1000\nr.dat 16 200 0 0\n');
  writeFileSync(join(dir, 'r.atr'), annotationBytes([...head([], 1000), [1, 1000], [5, 1000]]));
  assert.equal(
    readWfdbAnnotations(join(dir, 'r'), 'atr', 1000).map((a) => a.sample),
    [250, 500],
  );
  assert.throws(
    () => readWfdbAnnotations(join(dir, 'r'), 'atr', 400),
    (e) => e instanceof FormatError && /past the end/.test(e.message),
  );
  writeFileSync(join(dir, 'q.atr'), annotationBytes([...head([], 1000), [1, 10]]));
  assert.throws(
    () => readWfdbAnnotations(join(dir, 'q'), 'atr'),
    (e) => e instanceof FormatError && /header is needed/.test(e.message),
  );
});

test('malformed metadata is a FormatError', () => {
  const bad = [
    ['table without its end', [[NOTE, 0], { aux: '## annotation type definitions' }, [NOTE, 0], { aux: '48 QM x' }]],
    ['definition without a mnemonic', head(['48'])],
    ['code out of range', head(['77 QM x'])],
    ['time resolution not a number', [[NOTE, 0], { aux: '## time resolution: fast' }, [1, 5]]],
    ['time resolution zero', [[NOTE, 0], { aux: '## time resolution: 0' }, [1, 5]]],
  ];
  for (const [what, items] of bad)
    assert.throws(
      () => parseWfdbAnnotationFile(annotationBytes(items), 'x'),
      (e) => e instanceof FormatError,
      what,
    );
  // A NOTE at sample 0 outside a table is an annotation like any other.
  const f = parseWfdbAnnotationFile(annotationBytes([[NOTE, 0], { aux: 'patient moved' }, [1, 10]]), 'x');
  assert.equal(
    f.annotations.map((a) => [a.code, a.aux]),
    [
      [NOTE, 'patient moved'],
      [1, ''],
    ],
  );
});

test.run();
