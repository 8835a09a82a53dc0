// The JS backend against LiteRT.js golden outputs: every single-op model (several option
// combinations), the boundary architecture (float32 / int8 weight-only / int8 hybrid, random
// weights, three inputs) and a third-party MediaPipe model. Also the bit-exact sha256 of our bytes,
// which the WASM SIMD backend must reproduce exactly.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenCases } from '../tools/golden/cases.mjs';
import { loadModelSync, readTflite } from '../dist/index.js';
import { FIX, sha256, fromB64 } from './helpers.mjs';

const golden = JSON.parse(readFileSync(join(FIX, 'golden', 'golden.json'), 'utf8'));
const byName = new Map(golden.cases.map((c) => [c.name, c]));
const cases = goldenCases();
const hasOp = (bytes, name) => readTflite(bytes).subgraphs[0].operators.some((o) => o.opName === name);

test('golden set covers every case', () => {
  assert.is(cases.length, golden.cases.length);
  for (const c of cases) assert.ok(byName.has(c.name), c.name);
});

for (const c of cases) {
  test(`${c.group}: ${c.name}`, () => {
    const g = byName.get(c.name);
    assert.is(sha256([c.model]), g.modelSha256, 'model bytes changed: regenerate goldens with a stated reason');
    assert.is(sha256(c.inputs), g.inputSha256);
    const out = loadModelSync(c.model, { backend: 'js' }).run(c.inputs);
    // LiteRT ignores our numerics hint (engine/numerics.ts): compare it with the float numerics of the same file.
    const cmp = loadModelSync(c.model, { backend: 'js', numerics: 'float' }).run(c.inputs);
    const ref = g.litert.map(fromB64);
    assert.is(cmp.length, ref.length);
    let maxAbs = 0,
      relAbs = 0; // the largest difference relative to its output's scale, max(1, max |LiteRT|)
    cmp.forEach((o, k) => {
      assert.is(o.length, ref[k].length, `output ${k} length`);
      let scale = 1,
        worst = 0;
      for (let i = 0; i < o.length; i++) {
        const d = Math.abs(o[i] - ref[k][i]);
        maxAbs = Math.max(maxAbs, d);
        worst = Math.max(worst, d);
        scale = Math.max(scale, Math.abs(ref[k][i]));
        if (c.group === 'ops' && !(d <= 1e-6 || d <= 1e-5 * Math.abs(ref[k][i])))
          assert.unreachable(`${c.name} output ${k}[${i}]: ours ${o[i]} vs LiteRT ${ref[k][i]}`);
        if (c.group === 'third-party' && !(d <= 1e-4 || d <= 1e-5 * Math.abs(ref[k][i])))
          assert.unreachable(`${c.name} output ${k}[${i}]: ours ${o[i]} vs LiteRT ${ref[k][i]}`);
      }
      relAbs = Math.max(relAbs, worst / scale);
    });
    if (c.group === 'boundary' || c.group === 'shipped') {
      // Dynamic activation quantisation (hybrid FC/CONV): the float ops around it round in another order in
      // LiteRT, and a last-bit difference can move a value across a quantisation step — a bound relative to
      // each output's scale (the single-op hybrid cases above match LiteRT bit for bit).
      // (The micro model's FCs are hybrid; only its depthwise filters sit behind DEQUANTIZE.)
      const hybrid = c.op === 'hybrid' || c.op === 'micro' || (c.op === 'shipped' && !hasOp(c.model, 'DEQUANTIZE'));
      if (!hybrid) assert.ok(maxAbs <= 1e-4, `max |ours - LiteRT| = ${maxAbs}`);
      else assert.ok(relAbs <= 0.02, `hybrid max |ours - LiteRT| = ${relAbs} of the output's scale`);
      // Per-frame argmax of the class logits: identical, or on ≥ 490 of 500 frames for hybrid numerics — for the
      // file's own numerics too (the integer attention of the hint against LiteRT's float attention).
      const argmaxSame = (lo, rl) => {
        let same = 0;
        for (let f = 0; f < 500; f++) {
          const am = (a) => {
            let b = 0;
            for (let k = 1; k < 4; k++) if (a[f * 4 + k] > a[f * 4 + b]) b = k;
            return b;
          };
          if (am(lo) === am(rl)) same++;
        }
        return same;
      };
      const same = argmaxSame(cmp[0], ref[0]),
        own = argmaxSame(out[0], ref[0]);
      if (!hybrid) assert.is(same, 500, 'argmax per frame');
      else assert.ok(same >= 490 && own >= 490, `hybrid argmax agreement ${same}/500, own numerics ${own}/500`);
    }
    assert.is(sha256(out), g.jsSha256, 'JS backend output bytes differ from the committed golden');
    const wasm = loadModelSync(c.model, { backend: 'wasm' });
    assert.is(wasm.backend, 'wasm');
    assert.is(sha256(wasm.run(c.inputs)), g.jsSha256, 'WASM backend output bytes differ from the JS backend');
  });
}

test('runs are bit-identical run to run', () => {
  const c = cases.find((x) => x.name === 'boundary_int8_ludb1_ii');
  const m = loadModelSync(c.model);
  const a = m.run(c.inputs),
    b = m.run(c.inputs);
  assert.is(sha256(a), sha256(b));
});

test.run();
