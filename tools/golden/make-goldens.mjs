// Writes test/fixtures/golden/golden.json: for every golden case, the sha256 of the model
// and inputs, LiteRT.js's outputs (base64 float32) and the sha256 of this engine's JS-backend
// output bytes. Run after `npm run build` (and tsc -p tsconfig.tools.json): `npm run golden`.
import { writeFileSync, mkdirSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { goldenCases } from './cases.mjs';
import { loadLiteRt, runLiteRt } from './litert-node.mjs';
import { loadModelSync } from '../../build/src/ts/engine/model.js';

const sha = (arrs) => {
  const h = createHash('sha256');
  for (const a of arrs) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return h.digest('hex');
};
const b64 = (a) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

const lit = await loadLiteRt();
const out = [];
for (const c of goldenCases()) {
  const ref = await runLiteRt(lit, c.model, c.inputs);
  const ours = loadModelSync(c.model, { backend: 'js' }).run(c.inputs);
  out.push({
    group: c.group,
    name: c.name,
    op: c.op,
    modelSha256: sha([c.model]),
    inputSha256: sha(c.inputs),
    litert: ref.map(b64),
    jsSha256: sha(ours),
  });
  process.stderr.write(`${c.name}\n`);
}
mkdirSync('test/fixtures/golden', { recursive: true });
writeFileSync(
  'test/fixtures/golden/golden.json',
  JSON.stringify({ generator: 'LiteRT.js @litertjs/core 2.5.3 (wasm, 1 thread)', cases: out }, null, 0),
);
console.log(`${out.length} golden cases written`);
process.exit(0);
