// Checkpoint → .tflite.
//   node build/tools/convert/convert.js <weights.safetensors> --out <model.tflite> [--quant int8|float32|hybrid|integer]
//   node build/tools/convert/convert.js --random <seed> --out <model.tflite> [--quant ...]   (random weights, exact architecture)
// A micro model's weights (tools/train/micro_model.py: they hold 'embed.weight') build the micro graph
// (micro-graph.ts; --quant int8|float32|hybrid; --config <its config.json> for the dilations).
import { readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { readSafetensors } from './safetensors.js';
import { buildBoundaryGraph, randomBoundaryWeights, countParams, type Quant } from './boundary-graph.js';
import { buildMicroGraph, microDimsOf, type MicroQuant } from './micro-graph.js';

const argv = process.argv.slice(2);
const opt = (k: string) => {
  const i = argv.indexOf('--' + k);
  return i >= 0 ? argv[i + 1] : undefined;
};
const out = opt('out');
const quant = (opt('quant') ?? 'int8') as Quant;
if (!out || !['int8', 'float32', 'hybrid', 'integer'].includes(quant)) {
  console.error(
    'usage: convert <weights.safetensors> | --random <seed>  --out model.tflite [--quant int8|float32|hybrid|integer]',
  );
  process.exit(2);
}
const rnd = opt('random');
const weights =
  rnd !== undefined ? randomBoundaryWeights(Number(rnd)) : readSafetensors(new Uint8Array(readFileSync(argv[0])));
const micro = 'embed.weight' in weights;
if (micro && quant === 'integer') {
  console.error('the micro model has no integer attention: use --quant int8, float32 or hybrid');
  process.exit(2);
}
// The micro model's dilations are not in its weights: from --config (its training config.json), else the default.
const config = opt('config');
const dilations = config ? (JSON.parse(readFileSync(config, 'utf8')).dilations as number[]) : undefined;
const bytes = micro
  ? buildMicroGraph(weights, quant as MicroQuant, microDimsOf(weights, dilations))
  : buildBoundaryGraph(weights, quant);
writeFileSync(out, bytes);
console.log(
  `${out}: ${quant}, ${countParams(weights)} parameters, ${bytes.length} bytes, sha256 ${createHash('sha256').update(bytes).digest('hex')}`,
);
