// The model numerics hint (src/ts/engine/numerics.ts): a metadata entry that asks for dynamic int8 BATCH_MATMUL.
// Honoured by both backends, overridable at load, and a malformed hint is a typed error, never ignored.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadModelSync, ModelError, OpenEcgError } from '../dist/index.js';
import { GraphBuilder } from '../build/tools/convert/tflite-writer.js';
import { NUMERICS_METADATA, DYNAMIC_INT8_MATMUL } from '../dist/engine/numerics.js';

/** A [1,4,8]·[1,8,5] BATCH_MATMUL of two inputs, with `hint` (a string) as numerics metadata when given. */
function matmul(hint) {
  const g = new GraphBuilder();
  const a = g.input('a', [1, 4, 8]);
  const b = g.input('b', [1, 8, 5]);
  const y = g.tensor('y', [1, 4, 5]);
  g.op('BATCH_MATMUL', [a, b], [y], {});
  g.output(y);
  if (hint !== undefined) g.metadata(NUMERICS_METADATA, new TextEncoder().encode(hint));
  return g.finish('mm');
}
const A = Float32Array.from({ length: 32 }, (_, i) => Math.sin(i * 0.7));
const B = Float32Array.from({ length: 40 }, (_, i) => Math.cos(i * 0.3));
const bits = (a) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length)).join();

test('the hint changes the numerics on both backends alike; numerics: float ignores it', () => {
  const plain = loadModelSync(matmul(), { backend: 'js' }).run([A, B])[0];
  const hinted = matmul(DYNAMIC_INT8_MATMUL);
  const js = loadModelSync(hinted, { backend: 'js' }).run([A, B])[0];
  const wasm = loadModelSync(hinted, { backend: 'wasm' }).run([A, B])[0];
  const fl = loadModelSync(hinted, { backend: 'js', numerics: 'float' }).run([A, B])[0];
  assert.is(bits(wasm), bits(js), 'wasm = js');
  assert.is(bits(fl), bits(plain), "numerics 'float' = no hint");
  assert.not.equal(bits(js), bits(plain), 'the integer path really runs');
  for (let i = 0; i < js.length; i++) assert.ok(Math.abs(js[i] - plain[i]) < 0.05, `close to float [${i}]`);
});

test('malformed hints and options are typed errors', () => {
  assert.throws(
    () => loadModelSync(matmul('batch_matmul=int4')),
    (e) => e instanceof ModelError && /unknown/.test(e.message),
  );
  assert.throws(
    () => loadModelSync(matmul('x'.repeat(2000))),
    (e) => e instanceof ModelError && /1024/.test(e.message),
  );
  assert.throws(
    () => loadModelSync(matmul(), { numerics: 'fast' }),
    (e) => e instanceof OpenEcgError,
  );
  // An empty or whitespace hint is no hint.
  const a = loadModelSync(matmul(' '), { backend: 'js' }).run([A, B])[0];
  assert.is(bits(a), bits(loadModelSync(matmul(), { backend: 'js' }).run([A, B])[0]));
});

test.run();
