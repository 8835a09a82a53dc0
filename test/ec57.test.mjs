// EC57 scoring as PhysioNet's bxb counts it (src/ts/eval/bxb.ts): for five MIT-BIH records and four test
// annotators (gqrs, wqrs, sqrs and an openecg run), bxb's full confusion matrix — from 5:00 (EC57) and from 0 —
// was written by tools/fixtures/ec57-bxb-cases.sh into test/fixtures/ec57/bxb.txt; ours must equal it cell by cell.
// Also the WFDB annotation writer: what it writes reads back exactly, and `eval --protocol ec57` agrees.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { bxbCompare, BXB_ROWS, encodeWfdbAnnotations, parseWfdbAnnotations } from '../dist/index.js';
import { readWfdbAnnotations } from '../dist/node.js';

const here = dirname(fileURLToPath(import.meta.url));
const FIX = join(here, 'fixtures', 'ec57');
const CLI = join(here, '..', 'bin', 'openecg.js');
const records = readFileSync(join(FIX, 'RECORDS'), 'utf8').split(/\s+/).filter(Boolean);

function bxbCases() {
  const cases = [];
  let cur = null;
  for (const line of readFileSync(join(FIX, 'bxb.txt'), 'utf8').split('\n')) {
    const h = /^== (\S+) (\S+) from (\d+)$/.exec(line);
    if (h) cases.push((cur = { record: h[1], ann: h[2], from: Number(h[3]), rows: {} }));
    const m = /^ ([NSVFQOX]) \|((?:\s+-?\d+)+)\s*$/.exec(line);
    if (m && cur) cur.rows[m[1]] = m[2].trim().split(/\s+/).map(Number);
  }
  return cases;
}
const header = (r) => {
  const first = readFileSync(join(FIX, r + '.hea'), 'latin1')
    .split('\n')[0]
    .split(/\s+/);
  return { fs: Number(first[2]), length: Number(first[3]) };
};
const anns = (r, a) =>
  readWfdbAnnotations(join(FIX, r), a).map((x) => ({ time: x.sample, code: x.code, subtype: x.subtype }));

test('bxb counts: every cell of every committed case', () => {
  const cases = bxbCases();
  assert.is(cases.length, records.length * 8);
  for (const c of cases) {
    const { fs, length } = header(c.record);
    const res = bxbCompare(anns(c.record, 'atr'), anns(c.record, c.ann), { fs, length, startS: c.from });
    BXB_ROWS.forEach((R, i) => {
      const want = c.rows[R];
      assert.ok(want, `${c.record} ${c.ann}: row ${R} in bxb.txt`);
      want.forEach((v, j) =>
        assert.is(res.matrix[i][j], v, `${c.record} ${c.ann} from ${c.from}: ${R}${'nsvfqox'[j]}`),
      );
    });
  }
});

test('bxb rules: the closer next test beat takes the reference beat; -f/-w honoured', () => {
  // Two beats 32 samples around a reference at 96 and the next at 160 (bxb.c's 2002 example, window 37 of 250 Hz)
  const fs = 250,
    base = 300 * fs;
  const ref = [base + 96, base + 160].map((time) => ({ time, code: 1 }));
  const tst = [base + 128, base + 185].map((time) => ({ time, code: 1 }));
  const r = bxbCompare(ref, tst, { fs, length: base + 1000, windowS: 0.148 });
  assert.is(r.qrs.tp, 2, 'both matched as bxb matches them');
  assert.is(r.qrs.fn + r.qrs.fp, 0);
  const none = bxbCompare(ref, tst, { fs, length: base + 1000, windowS: 0.01 });
  assert.is(none.qrs.tp, 0);
  assert.is(none.qrs.fn, 2);
  assert.is(none.qrs.fp, 2);
});

test('WFDB annotation writer: read back exactly, long gaps, aux, chan and subtype', () => {
  const list = [
    { sample: 5, code: 1 },
    { sample: 5, code: 5, chan: 1 },
    { sample: 2000, code: 8, subtype: -3 },
    { sample: 70000 * 1000, code: 28, aux: '(AFIB' },
    { sample: 70000 * 1000 + 1, code: 13, num: 4 },
  ];
  const back = parseWfdbAnnotations(encodeWfdbAnnotations(list));
  assert.equal(
    back.map((a) => [a.sample, a.code, a.chan, a.subtype, a.num, a.aux]),
    [
      [5, 1, 0, 0, 0, ''],
      [5, 5, 1, 0, 0, ''],
      [2000, 8, 0, -3, 0, ''],
      [70000000, 28, 0, 0, 0, '(AFIB'],
      [70000001, 13, 0, 0, 4, ''],
    ],
  );
  for (const bad of [
    [{ sample: -1, code: 1 }],
    [{ sample: 1, code: 0 }],
    [
      { sample: 3, code: 1 },
      { sample: 2, code: 1 },
    ],
    [{ sample: 1, code: 1, aux: 'x'.repeat(256) }],
    [{ sample: 1, code: 1, subtype: 200 }],
  ])
    assert.throws(() => encodeWfdbAnnotations(bad));
  // a real file: the reference annotations of 207 (VF, flutter waves, noise) re-encoded byte for byte
  const raw = new Uint8Array(readFileSync(join(FIX, '207.atr')));
  const parsed = parseWfdbAnnotations(raw);
  const again = parseWfdbAnnotations(encodeWfdbAnnotations(parsed));
  assert.equal(again, parsed);
});

test('eval --protocol ec57 --annotator: the same gross counts as bxb summed over records', () => {
  const p = spawnSync(process.execPath, [CLI, 'eval', FIX, '--protocol', 'ec57', '--annotator', 'gqrs', '--json'], {
    encoding: 'utf8',
  });
  assert.is(p.status, 0, p.stderr);
  const res = JSON.parse(p.stdout);
  let tp = 0,
    fn = 0,
    fp = 0;
  for (const c of bxbCases().filter((c) => c.ann === 'gqrs' && c.from === 300)) {
    for (const R of 'NSVFQ') {
      tp += c.rows[R].slice(0, 5).reduce((s, v) => s + v, 0);
      fn += c.rows[R][5] + c.rows[R][6];
    }
    for (const R of 'OX') fp += c.rows[R].reduce((s, v) => s + v, 0);
  }
  assert.equal([res.gross.qrs.tp, res.gross.qrs.fn, res.gross.qrs.fp], [tp, fn, fp]);
  assert.is(res.records.length, records.length);
  const bad = spawnSync(process.execPath, [CLI, 'eval', FIX, '--protocol', 'ec57', '--annotator', '../x'], {
    encoding: 'utf8',
  });
  assert.is(bad.status, 1);
  assert.match(bad.stderr, /annotator/);
});

test('beats --format wfdb: rdann reads what openecg writes (committed rdann text of a re-encoded file)', () => {
  // our writer on the parsed 207.atr must give what rdann printed for the original file
  const parsed = parseWfdbAnnotations(new Uint8Array(readFileSync(join(FIX, '207.atr'))));
  const ours = parseWfdbAnnotations(encodeWfdbAnnotations(parsed));
  const lines = readFileSync(join(FIX, '207.atr.rdann.txt'), 'latin1').trim().split('\n');
  lines.forEach((l, i) => {
    const f = l.trim().split(/\s+/);
    const a = ours[i];
    assert.equal([String(a.sample), a.symbol, String(a.subtype), String(a.chan), String(a.num)], f.slice(1, 6), l);
    assert.is(a.aux, f.slice(6).join(' '), l);
  });
  // the CLI writes one annotation per beat at its R peak with its AAMI label
  const dir = mkdtempSync(join(tmpdir(), 'oecg-wfdb-'));
  const rec = join(here, 'fixtures', 'mitdb', '119.hea');
  const out = join(dir, '119.oecg');
  const w = spawnSync(process.execPath, [CLI, 'beats', rec, '--lead', '0', '--format', 'wfdb', '--out', out], {
    encoding: 'utf8',
  });
  assert.is(w.status, 0, w.stderr);
  const csv = spawnSync(process.execPath, [CLI, 'beats', rec, '--lead', '0', '--format', 'csv'], { encoding: 'utf8' });
  const rows = csv.stdout
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));
  const back = parseWfdbAnnotations(new Uint8Array(readFileSync(out)));
  assert.is(back.length, rows.length);
  const label = { N: 'N', S: 'A', V: 'V', F: 'F', Q: 'Q' };
  rows.forEach((r, i) => assert.equal([back[i].sample, back[i].symbol], [Number(r[0]), label[r[5]]]));
  assert.ok(
    back.some((b) => b.symbol === 'V'),
    'the bigeminy excerpt has V beats',
  );
});

test.run();
