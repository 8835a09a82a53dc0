// The file system as a hostile user arranges it: headers, segment and layout headers and annotation files that are
// symlinks to /dev/zero, directories or FIFOs; symlink loops in a batch folder; a glob with many '*'. Each is a
// typed error (or a clean listing) within seconds — never an endless read, a hang or a stack trace.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { mkdtempSync, symlinkSync, mkdirSync, copyFileSync, writeFileSync, existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readWfdbRecord, readWfdbAnnotations, FormatError } from '../dist/node.js';
import { listBatchInputs, globMatches } from '../dist/batch/inputs.js';
import { FIX, ROOT, throwsTyped } from './helpers.mjs';

const CLI = join(ROOT, 'bin', 'openecg.js');
const tmp = () => mkdtempSync(join(tmpdir(), 'openecg-fs-'));
const zero = existsSync('/dev/zero');
const copy119 = (dir, name = '119') => {
  for (const e of ['hea', 'dat', 'atr']) copyFileSync(join(FIX, 'mitdb', `119.${e}`), join(dir, `${name}.${e}`));
};

(zero ? test : test.skip)('a header, segment header, layout header or .atr linked to /dev/zero: a typed error', () => {
  const d = tmp();
  copy119(d);
  symlinkSync('/dev/zero', join(d, 'z.hea'));
  throwsTyped(() => readWfdbRecord(join(d, 'z')), FormatError, /not a regular file/);
  // multi-segment record whose segment header is /dev/zero
  writeFileSync(join(d, 'ms.hea'), 'ms/2 2 360 21600\nseg1 10800\n119 10800\n');
  symlinkSync('/dev/zero', join(d, 'seg1.hea'));
  throwsTyped(() => readWfdbRecord(join(d, 'ms')), FormatError, /segment header is not a regular file/);
  // variable layout: the layout header is /dev/zero
  writeFileSync(join(d, 'vl.hea'), 'vl/2 2 360 10800\nlay 0\n119 10800\n');
  symlinkSync('/dev/zero', join(d, 'lay.hea'));
  throwsTyped(() => readWfdbRecord(join(d, 'vl')), FormatError, /layout header is not a regular file/);
  symlinkSync('/dev/zero', join(d, '119.zzz'));
  throwsTyped(() => readWfdbAnnotations(join(d, '119'), 'zzz'), FormatError, /annotation file is not a regular file/);
  const r = spawnSync(process.execPath, [CLI, 'report', join(d, 'z.hea')], { encoding: 'utf8', timeout: 20000 });
  assert.is(r.status, 1, r.stderr);
  assert.match(r.stderr, /^openecg: .*not a regular file[^\n]*\n$/);
});

test('a header or .atr that is a directory: a typed error', () => {
  const d = tmp();
  copy119(d);
  mkdirSync(join(d, 'dir.hea'));
  throwsTyped(() => readWfdbRecord(join(d, 'dir')), FormatError, /header is a directory/);
  mkdirSync(join(d, '119.qrs'));
  throwsTyped(() => readWfdbAnnotations(join(d, '119'), 'qrs'), FormatError, /annotation file is a directory/);
});

const hasMkfifo = spawnSync('mkfifo', ['--version']).status === 0;
(hasMkfifo ? test : test.skip)(
  'a FIFO as header or EDF file: refused without opening it (no wait for a writer)',
  () => {
    const d = tmp();
    for (const f of ['f.hea', 'f.edf']) {
      assert.is(spawnSync('mkfifo', [join(d, f)]).status, 0);
      const r = spawnSync(process.execPath, [CLI, 'report', join(d, f)], { encoding: 'utf8', timeout: 20000 });
      assert.is(r.status, 1, `${f}: ${r.stderr} ${r.signal}`);
      assert.match(r.stderr, /not a regular file/);
    }
  },
);

test('symlink loops in a batch folder: every record listed once, the walk ends', () => {
  const d = tmp();
  mkdirSync(join(d, 'a', 'b'), { recursive: true });
  copy119(join(d, 'a'));
  copy119(join(d, 'a', 'b'), '120');
  symlinkSync(join(d, 'a'), join(d, 'a', 'b', 'up')); // loop 1: a/b/up → a
  symlinkSync(d, join(d, 'a', 'root')); // loop 2: a/root → the batch root
  const t0 = Date.now();
  const { items } = listBatchInputs(d, false);
  assert.ok(Date.now() - t0 < 5000);
  assert.equal(
    items.map((i) => i.id),
    ['a/119.hea', 'a/b/120.hea'],
  );
});

test('a glob with many * is matched in linear-ish time', () => {
  const t0 = Date.now();
  assert.is(globMatches('*'.repeat(40) + 'b', 'a'.repeat(5000)), false);
  assert.is(globMatches('a*'.repeat(50) + 'b', 'a'.repeat(5000)), false);
  assert.is(globMatches('**/' + '*a'.repeat(30) + '.hea', 'x/y/' + 'a'.repeat(3000) + '.hea'), true);
  assert.ok(Date.now() - t0 < 2000, `${Date.now() - t0} ms`);
  assert.is(globMatches('a/*.hea', 'a/b/x.hea'), false);
  assert.is(globMatches('a/**/x?.hea', 'a/x1.hea'), true);
  const d = tmp();
  copy119(d);
  const r = spawnSync(process.execPath, [CLI, 'batch', join(d, '*'.repeat(60) + '.hea'), '--out', join(d, 'o.jsonl')], {
    encoding: 'utf8',
    timeout: 60000,
  });
  assert.is(r.status, 0, r.stderr);
});

test.run();
