// The worker pool gives exactly the result of Inference.predict.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { join } from 'node:path';
import { Inference, Pool, readWfdbRecord } from '../dist/node.js';
import { FIX } from './helpers.mjs';

test('Pool(2).predict equals Inference.predict on a 60-s recording', async () => {
  const ii = readWfdbRecord(join(FIX, 'ludb', '1')).signals[1].physical;
  const long = new Float64Array(6 * 5000);
  for (let k = 0; k < 6; k++) for (let i = 0; i < 5000; i++) long[k * 5000 + i] = ii[i] * (1 + 0.05 * k);
  const pool = await Pool.create({ size: 2 });
  let ticks = 0;
  const a = await pool.predict(long, { fs: 500, onProgress: () => ticks++ });
  await pool.close();
  const b = Inference.createSync().predict(long, { fs: 500 });
  assert.equal(JSON.stringify(a), JSON.stringify(b));
  assert.ok(ticks >= 9);
});

test.run();
