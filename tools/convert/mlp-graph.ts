// A small classifier MLP (tools/classify/train_mlp.py: input standardisation norm.scale/norm.shift, then
// fc0 … fcN with ReLU between) as a TFLite graph: input [1, F] → MUL scale → ADD shift (float32, so the
// int8 rows of fc0 see inputs of one size) → N × [FULLY_CONNECTED (int8 per-channel weights +
// DEQUANTIZE, float32 bias, fused RELU but on the last)] → SOFTMAX → output [1, K] class probabilities.
// Weight-only int8 like the boundary model: activations stay float32, so the JS and WASM backends
// compute the same float32 chain (kernels/fully-connected.ts) and agree bit for bit.
import { GraphBuilder } from './tflite-writer.js';
import type { Weights } from './safetensors.js';

const RELU = 1; // TFLite ActivationFunctionType

export function buildMlpGraph(w: Weights, description: string): Uint8Array {
  const g = new GraphBuilder();
  const layers: { W: Weights[string]; b: Weights[string] }[] = [];
  for (let i = 0; w[`fc${i}.weight`]; i++) layers.push({ W: w[`fc${i}.weight`], b: w[`fc${i}.bias`] });
  if (!layers.length) throw new Error('no fc0.weight in the checkpoint');
  const F = layers[0].W.shape[1];
  let x = g.input('features', [1, F]);
  if (w['norm.scale'] && w['norm.shift']) {
    const scaled = g.tensor('scaled', [1, F]);
    g.op('MUL', [x, g.constF32('norm.scale', [F], w['norm.scale'].data)], [scaled]);
    const shifted = g.tensor('standardised', [1, F]);
    g.op('ADD', [scaled, g.constF32('norm.shift', [F], w['norm.shift'].data)], [shifted]);
    x = shifted;
  }
  layers.forEach((l, i) => {
    const [out, inn] = l.W.shape;
    const q = g.constI8PerChannel(`fc${i}.weight`, [out, inn], l.W.data, 0);
    const deq = g.tensor(`fc${i}.weight_dequant`, [out, inn]);
    g.op('DEQUANTIZE', [q], [deq]);
    const y = g.tensor(`fc${i}`, [1, out]);
    const last = i === layers.length - 1;
    g.op(
      'FULLY_CONNECTED',
      [x, deq, g.constF32(`fc${i}.bias`, [out], l.b.data)],
      [y],
      { fused_activation_function: last ? 0 : RELU },
      5,
    );
    x = y;
  });
  const k = layers[layers.length - 1].W.shape[0];
  const probs = g.tensor('probabilities', [1, k]);
  g.op('SOFTMAX', [x], [probs], { beta: 1 });
  g.output(probs);
  return g.finish(description);
}
