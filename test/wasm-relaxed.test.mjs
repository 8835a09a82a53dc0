// The opt-in 'wasm-relaxed' backend (relaxed-SIMD fused multiply-adds): never chosen by 'auto',
// a clear error where the engine lacks relaxed SIMD, and — where it runs — close to the JS
// reference (not bit-identical, by design) while 'wasm' in the same process stays bit-identical.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadModelSync, OpenEcgError } from '../dist/index.js';
import { wasmSimdSupported } from '../dist/wasm/backend.js';
import { ROOT } from './helpers.mjs';

const model = new Uint8Array(readFileSync(new URL('../models/boundary_int8.tflite', import.meta.url)));

test('auto never picks the relaxed backend; without relaxed SIMD it is a clear error', () => {
  assert.is(loadModelSync(model, { backend: 'auto' }).backend, 'wasm');
  if (wasmSimdSupported(true)) return; // this Node already validates relaxed SIMD: nothing to refuse
  try {
    loadModelSync(model, { backend: 'wasm-relaxed' });
    assert.unreachable('loaded');
  } catch (e) {
    assert.ok(e instanceof OpenEcgError, String(e));
    assert.match(e.message, /relaxed SIMD/);
  }
});

test('with relaxed SIMD enabled: float32 FMA results within 1e-3 of the JS reference, same frame classes; wasm still identical', () => {
  const script = `
    import { readFileSync } from 'node:fs';
    import { createHash } from 'node:crypto';
    import { loadModelSync, rankNormalize, resample, readWfdbRecord } from './dist/node.js';
    const rec = readWfdbRecord('test/fixtures/ludb/1');
    const all = {};
    for (const file of ['models/boundary_f32.tflite', 'models/boundary_int8.tflite']) {
    const bytes = new Uint8Array(readFileSync(file));
    const sha = (o) => createHash('sha256').update(Buffer.concat(o.map((a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength)))).digest('hex');
    const js = loadModelSync(bytes, { backend: 'js' }), w = loadModelSync(bytes, { backend: 'wasm' }), r = loadModelSync(bytes, { backend: 'wasm-relaxed' });
    const out = { backend: r.backend, maxAbs: 0, argmax: 0, frames: 0, wasmIdentical: true };
    for (const lead of [0, 1, 6]) {
      const x = rankNormalize(resample(rec.signals[lead].physical, 500, 250).subarray(0, 2500));
      const a = js.run([x]), b = r.run([x]);
      if (sha(w.run([x])) !== sha(a)) out.wasmIdentical = false;
      for (let i = 0; i < a[0].length; i++) out.maxAbs = Math.max(out.maxAbs, Math.abs(a[0][i] - b[0][i]));
      for (let f = 0; f < 500; f++) {
        const am = (o) => { let k = 0; for (let c = 1; c < 4; c++) if (o[f * 4 + c] > o[f * 4 + k]) k = c; return k; };
        out.frames++; if (am(a[0]) === am(b[0])) out.argmax++;
      }
    }
    all[file] = out;
    }
    console.log(JSON.stringify(all));`;
  const p = spawnSync(process.execPath, ['--experimental-wasm-relaxed-simd', '--input-type=module', '-e', script], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.is(p.status, 0, p.stderr);
  const all = JSON.parse(p.stdout.trim().split('\n').pop());
  const r = all['models/boundary_f32.tflite'],
    b = all['models/boundary_int8.tflite'];
  assert.is(r.backend, 'wasm-relaxed');
  // Float weights: (0 is allowed: an engine may lower relaxed_madd to a separate multiply and add.)
  assert.ok(r.maxAbs < 1e-3, `max |relaxed − js| = ${r.maxAbs}`);
  assert.ok(r.argmax >= r.frames - 2, `frame classes agree on ${r.argmax}/${r.frames}`);
  // The bundled integer file: its integer sums are exact, but an FMA-rounded float value can land on the other
  // side of a dynamic-quantisation step, so only the frame classes are compared (≥ 99 %).
  assert.ok(b.argmax >= 0.99 * b.frames, `bundled: frame classes agree on ${b.argmax}/${b.frames}`);
  for (const o of [r, b]) assert.ok(o.wasmIdentical, "'wasm' lost bit identity next to 'wasm-relaxed'");
});

test.run();
