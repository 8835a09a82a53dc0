// Hostile input files: seeded mutations of real WFDB headers, signal and annotation files, CSV and
// .npy — every failure is a FormatError naming the file (never a RangeError/TypeError, a hang or
// a huge allocation), and whatever parses is well-formed (finite lengths, numbers or NaN-free ints).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  parseWfdbHeader,
  decodeWfdbSignals,
  parseWfdbAnnotations,
  parseCsv,
  parseNpy,
  writeNpy,
  FormatError,
} from '../dist/index.js';
import { FIX } from './helpers.mjs';

function rng(seed) {
  let a = seed >>> 0;
  return (n) => {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    return a % n;
  };
}
const heaText = readFileSync(join(FIX, 'ludb', '1.hea'), 'utf8');
const dat = new Uint8Array(readFileSync(join(FIX, 'ludb', '1.dat')));
const atr = new Uint8Array(readFileSync(join(FIX, 'qtdb', 'sel100.q1c')));

/** Runs fn; counts a FormatError as a clean rejection, anything else thrown as a failure. */
function typed(fn, what, stats) {
  const t0 = performance.now();
  try {
    fn();
    stats.ok++;
  } catch (e) {
    if (e instanceof FormatError) stats.rejected++;
    else {
      stats.other++;
      if (stats.other <= 3) console.error(what, e);
    }
  }
  stats.slowest = Math.max(stats.slowest, performance.now() - t0);
}

const mutateText = (s, r) => {
  const chars = ' 0123456789.-+/()#:xabc\té';
  let out = s;
  for (let k = 1 + r(4); k > 0; k--) {
    const pos = r(out.length + 1),
      op = r(3);
    const ch = r(8) === 0 ? '\n' : chars[r(chars.length)];
    out =
      op === 0
        ? out.slice(0, pos) + ch + out.slice(pos)
        : op === 1
          ? out.slice(0, pos) + out.slice(pos + 1 + r(4))
          : out.slice(0, pos) + ch + out.slice(pos + 1);
  }
  return out;
};
const mutateBytes = (b, r) => {
  if (r(3) === 0) return b.subarray(0, r(b.length + 1));
  const c = b.slice();
  for (let k = 1 + r(8); k > 0; k--) c[r(c.length)] = r(256);
  return c;
};

test('WFDB: 3,000 mutated headers and signal files → parsed or FormatError', () => {
  const r = rng(5),
    stats = { ok: 0, rejected: 0, other: 0, slowest: 0 };
  for (let i = 0; i < 3000; i++) {
    const text = i % 2 ? mutateText(heaText, r) : heaText;
    const bytes = i % 2 ? dat : mutateBytes(dat, r);
    typed(
      () => {
        const h = parseWfdbHeader(text, '1.hea');
        const rec = decodeWfdbSignals(h, { '1.dat': bytes });
        if (rec.warnings.length) stats.flagged = (stats.flagged ?? 0) + 1;
        for (const s of rec.signals)
          if (!(s.physical.length >= 0 && s.physical.length <= 10 * 5000))
            throw new Error(`implausible length ${s.physical.length}`);
      },
      'wfdb',
      stats,
    );
  }
  assert.is(stats.other, 0, 'non-FormatError exceptions');
  // most mutated .dat files contradict their checksum: flagged with a warning (rdsamp reads them too)
  assert.ok(stats.rejected + (stats.flagged ?? 0) > 300 && stats.ok > 100, JSON.stringify(stats));
  assert.ok((stats.flagged ?? 0) > 300, JSON.stringify(stats));
  assert.ok(stats.slowest < 1000, `slowest case ${stats.slowest} ms`);
});

test('WFDB annotations: 3,000 mutated files → parsed (sorted, in range) or FormatError', () => {
  const r = rng(6),
    stats = { ok: 0, rejected: 0, other: 0, slowest: 0 };
  for (let i = 0; i < 3000; i++) {
    const bytes = mutateBytes(atr, r);
    typed(
      () => {
        const a = parseWfdbAnnotations(bytes, 'sel100.q1c', 225000);
        for (const x of a)
          if (!(Number.isInteger(x.sample) && x.sample >= 0 && x.sample < 225000))
            throw new Error(`annotation sample ${x.sample}`);
      },
      'annotations',
      stats,
    );
  }
  assert.is(stats.other, 0, 'non-FormatError exceptions');
  assert.ok(stats.slowest < 1000, `slowest case ${stats.slowest} ms`);
});

test('CSV and .npy: mutated files → parsed or FormatError', () => {
  const r = rng(7),
    stats = { ok: 0, rejected: 0, other: 0, slowest: 0 };
  const csv =
    'i,ii\n' +
    Array.from({ length: 200 }, (_, k) => `${Math.sin(k / 9).toFixed(4)},${Math.cos(k / 7).toFixed(4)}`).join('\n');
  const npy = writeNpy(
    Float64Array.from({ length: 300 }, (_, k) => Math.sin(k)),
    [100, 3],
  );
  for (let i = 0; i < 2000; i++) {
    typed(
      () => {
        parseCsv(mutateText(csv, r), 'x.csv');
      },
      'csv',
      stats,
    );
    typed(
      () => {
        parseNpy(mutateBytes(npy, r), 'x.npy');
      },
      'npy',
      stats,
    );
  }
  assert.is(stats.other, 0, 'non-FormatError exceptions');
  assert.ok(stats.slowest < 1000, `slowest case ${stats.slowest} ms`);
});

test.run();
