// The ES5 bundle of the inference path under Debian's Duktape (ES5.1, no Math.fround, Map,
// Set or Promise): every single-op golden model must give exactly
// the same output bytes as Node.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildOpCases } from '../build/tools/convert/op-cases.js';
import { loadModelSync } from '../dist/index.js';
import { ROOT, hasDuk, testIf } from './helpers.mjs';

const dukTest = testIf(test, hasDuk, 'duk not installed (apt-get install duktape)');
const hex = (arrs) => arrs.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('hex')).join('|');

test('ES5 bundle builds and contains no ES2015 syntax', () => {
  execFileSync('npx', ['tsc', '-p', 'tsconfig.es5.json'], { cwd: ROOT });
  execFileSync(process.execPath, ['tools/build/es5-bundle.mjs'], { cwd: ROOT });
  const js = readFileSync(join(ROOT, 'build', 'openecg-es5.js'), 'utf8');
  // Without comments and string literals ('4 class logits' in an error message is not a class).
  const code = js
    .replace(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"/g, "''")
    .replace(/\/\*[^]*?\*\//g, '')
    .replace(/\/\/.*$/gm, '');
  assert.not.match(code, /\b(let|const|class)\s/);
  assert.not.match(code, /=>|`/);
  assert.not.match(code, /new (Map|Set|Promise)\b/);
});

dukTest(
  'Duktape output bytes equal Node for every golden op model (FC hybrid/dequant, conv, attention ops, layer norm, ...)',
  () => {
    const cases = buildOpCases().map((c) => ({ name: c.name, model: c.model, inputs: c.inputs }));
    const lines = [];
    const expected = {};
    lines.push(
      'function hex(a){var b=new Uint8Array(a.buffer,a.byteOffset,a.byteLength),s="",i,h;for(i=0;i<b.length;i++){h=b[i].toString(16);s+=h.length<2?"0"+h:h;}return s;}',
    );
    for (const c of cases) {
      expected[c.name] = hex(loadModelSync(c.model).run(c.inputs));
      lines.push(
        `(function(){var m=openecg.loadModelSync(new Uint8Array(${JSON.stringify(Array.from(c.model))}));` +
          `var o=m.run([${c.inputs.map((a) => `new Float32Array(new Uint8Array(${JSON.stringify(Array.from(new Uint8Array(a.buffer)))}).buffer)`).join(',')}]);` +
          `var s=[];for(var i=0;i<o.length;i++)s.push(hex(o[i]));print(${JSON.stringify(c.name)}+" "+s.join("|"));})();`,
      );
    }
    const dir = mkdtempSync(join(tmpdir(), 'openecg-duk-'));
    const file = join(dir, 'run.js');
    writeFileSync(file, readFileSync(join(ROOT, 'build', 'openecg-es5.js'), 'utf8') + '\n' + lines.join('\n'));
    const r = spawnSync('duk', [file], { encoding: 'utf8', maxBuffer: 1 << 26, timeout: 120000 });
    assert.is(r.status, 0, r.stderr || r.stdout.slice(-500));
    const got = {};
    for (const l of r.stdout.trim().split('\n')) {
      const k = l.indexOf(' ');
      got[l.slice(0, k)] = l.slice(k + 1);
    }
    for (const c of cases) assert.is(got[c.name], expected[c.name], `${c.name}: Duktape bytes differ from Node`);
  },
);

dukTest('ES5 bundle with the model: Duktape decodes the same model bytes and loads the model', () => {
  const model = readFileSync(join(ROOT, 'models', 'boundary_int8.tflite'));
  let sum = 0;
  for (const b of model) sum = (sum + b) % 1000003;
  const dir = mkdtempSync(join(tmpdir(), 'openecg-duk-'));
  const file = join(dir, 'model.js');
  writeFileSync(
    file,
    readFileSync(join(ROOT, 'build', 'openecg-es5-with-model.js'), 'utf8') +
      '\nvar b = openecg.bundledModelBytes(), s = 0; for (var i = 0; i < b.length; i++) s = (s + b[i]) % 1000003;' +
      '\nvar m = openecg.loadModelSync(b); print(b.length + " " + s + " " + m.inputs[0].shape.join("x") + " " + m.outputs.length);',
  );
  const r = spawnSync('duk', [file], { encoding: 'utf8', timeout: 120000 });
  assert.is(r.status, 0, r.stderr);
  assert.is(r.stdout.trim(), `${model.length} ${sum} 1x2500 2`);
});

test.run();
