// What a boundary model costs, read from the model file by this project's reader and interpreter:
// weights (int8 and other constant bytes), activation arena, multiply-accumulates per 10-s window, operators.
//   node tools/convert/model-stats.mjs [model.tflite | micro] [--json] [--check]
// --check exits 1 unless the micro model's budgets hold (int8 weights ≤ 64 kB, arena ≤ 256 kB, MACs ≤ 3 M).
import { readFileSync } from 'node:fs';
import { readTflite, loadModelSync } from '../../dist/index.js';
import { readModelFile } from '../../dist/models-path.js';

export const MICRO_BUDGET = { int8WeightBytes: 64 * 1024, arenaBytes: 256 * 1024, macsPerWindow: 3e6 };
const TYPE_NAMES = { 0: 'float32', 2: 'int32', 9: 'int8', 3: 'uint8', 4: 'int64', 7: 'int16' };

/** Statistics of one model file's bytes. */
export function modelStats(bytes) {
  const m = readTflite(bytes);
  const g = m.subgraphs[0];
  const constBytes = {};
  for (const t of g.tensors) {
    const b = m.buffers[t.buffer];
    if (!b || !b.length) continue;
    const k = TYPE_NAMES[t.type] ?? `type${t.type}`;
    constBytes[k] = (constBytes[k] ?? 0) + b.length;
  }
  const ops = {};
  for (const o of g.operators) ops[o.opName] = (ops[o.opName] ?? 0) + 1;
  const run = loadModelSync(bytes, { backend: 'js' });
  return {
    fileBytes: bytes.length,
    int8WeightBytes: constBytes.int8 ?? 0,
    constBytes,
    arenaBytes: run.stats.arenaBytes,
    macsPerWindow: run.stats.macsPerRun,
    operators: run.stats.operators,
    ops,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const arg = process.argv.slice(2).find((a) => !a.startsWith('--'));
  const bytes = arg === undefined || arg === 'micro' ? readModelFile('micro') : new Uint8Array(readFileSync(arg));
  const s = modelStats(bytes);
  if (process.argv.includes('--json')) console.log(JSON.stringify(s, null, 1));
  else {
    console.log(`file                 ${s.fileBytes} bytes`);
    console.log(`int8 weights         ${s.int8WeightBytes} bytes`);
    console.log(
      `constants by type    ${Object.entries(s.constBytes)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
    );
    console.log(`activation arena     ${s.arenaBytes} bytes`);
    console.log(`MACs per 10-s window ${s.macsPerWindow}`);
    console.log(
      `operators            ${s.operators} (${Object.entries(s.ops)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')})`,
    );
  }
  if (process.argv.includes('--check')) {
    const over = Object.entries(MICRO_BUDGET).filter(([k, v]) => s[k] > v);
    for (const [k, v] of over) console.error(`${k} ${s[k]} is over the budget ${v}`);
    process.exit(over.length ? 1 : 0);
  }
}
