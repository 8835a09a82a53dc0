// The README's JavaScript examples run as written (package self-reference 'openecg').
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT } from './helpers.mjs';

const md = readFileSync(join(ROOT, 'README.md'), 'utf8');
const blocks = [...md.matchAll(/```js\n([^]*?)```/g)].map((m) => m[1]);

test('README has JavaScript examples', () => { assert.ok(blocks.length >= 2); });

blocks.forEach((code, i) => {
  test(`README example ${i + 1} runs`, () => {
    const src = (code.includes("from 'node:fs'") ? '' : "import { readFileSync } from 'node:fs';\n") + code + '\nconsole.log("EXAMPLE-OK");\n';
    const file = join(ROOT, 'build', `readme-example-${i + 1}.mjs`);
    writeFileSync(file, src.replace(/console\.log\(([^)"]*)\);/g, 'void ($1);'));
    const r = spawnSync(process.execPath, [file], { cwd: ROOT, encoding: 'utf8' });
    assert.is(r.status, 0, r.stderr);
    assert.match(r.stdout, /EXAMPLE-OK/);
  });
});

test.run();
