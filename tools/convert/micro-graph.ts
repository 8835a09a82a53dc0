// Builds the micro boundary model (tools/train/micro_model.py) as a TFLite graph from its PyTorch weights.
// Same interface as the boundary model — input [1, 2500] rank-normalised samples, outputs [1, 500, 4] class
// logits and [1, 500, 6] boundary offsets — so WindowModel, the decoder and everything above run it unchanged.
//
//   RESHAPE [1,250,1,10] (40-ms patches, sequence on H as TFLite's Conv1D exports do)
//   → FULLY_CONNECTED 10→C, fused ReLU                                         [1,250,1,C]
//   → per dilation d: DEPTHWISE_CONV_2D k×1 SAME, dilation_h d → FULLY_CONNECTED C→C, fused ReLU → ADD residual
//   → FULLY_CONNECTED C→8 → RESHAPE [1,500,4];  FULLY_CONNECTED C→12 → RESHAPE [1,500,6]
// (the torch model's reshape of 2·n values per 40-ms frame into two 20-ms frames is the same row-major RESHAPE).
//
// Quantisation: 'int8' = symmetric per-output-channel int8 weights behind DEQUANTIZE (float activations);
// 'hybrid' = the FCs read int8 weights directly with dynamic per-row activation quantisation (integer dot
// products: exact, and cheap on an interpreter without a JIT); the depthwise filters stay int8 + DEQUANTIZE.
import { GraphBuilder } from './tflite-writer.js';
import type { Weights } from './safetensors.js';

export type MicroQuant = 'float32' | 'int8' | 'hybrid';
export interface MicroDims {
  channels: number;
  patch: number;
  kernel: number;
  dilations: number[];
  window: number;
}
export const MICRO_DIMS: MicroDims = {
  channels: 16,
  patch: 10,
  kernel: 7,
  dilations: [1, 2, 4, 8, 16, 32],
  window: 2500,
};
const N_CLASSES = 4,
  N_REG = 6,
  SUBFRAMES = 2;

/** The dims a weight file holds (channels from the embedding, blocks from the depthwise count). */
export function microDimsOf(w: Weights, dilations?: number[]): MicroDims {
  const e = w['embed.weight'];
  if (!e) throw new Error("missing weight 'embed.weight'");
  let n = 0;
  while (w[`dw.${n}.weight`]) n++;
  const dil = dilations ?? MICRO_DIMS.dilations.slice(0, n);
  if (dil.length !== n) throw new Error(`${n} depthwise blocks but ${dil.length} dilations`);
  return { channels: e.shape[0], patch: e.shape[1], kernel: w['dw.0.weight'].shape[2], dilations: dil, window: 2500 };
}

export function buildMicroGraph(w: Weights, quant: MicroQuant = 'int8', dims: MicroDims = microDimsOf(w)): Uint8Array {
  const C = dims.channels,
    P = dims.patch,
    K = dims.kernel,
    F = dims.window / P;
  const get = (k: string) => {
    const t = w[k];
    if (!t) throw new Error(`missing weight '${k}'`);
    return t;
  };
  const g = new GraphBuilder();
  let uid = 0;
  const act = (shape: number[], name: string) => g.tensor(`${name}_${uid++}`, shape);
  const dequantized = (name: string, shape: number[], data: ArrayLike<number>, axis: number): number =>
    quant === 'float32' ? g.constF32(name, shape, data) : g.constI8Dequantized(name, shape, data, axis);
  const s4 = [1, F, 1, C];
  const fc = (x: number, name: string, out: number, inn: number, relu: boolean): number => {
    const W = get(`${name}.weight`).data;
    const wt =
      quant === 'hybrid'
        ? g.constI8PerChannel(`${name}.weight`, [out, inn], W, 0)
        : dequantized(`${name}.weight`, [out, inn], W, 0);
    const y = act([1, F, 1, out], name);
    g.op(
      'FULLY_CONNECTED',
      [x, wt, g.constF32(`${name}.bias`, [out], get(`${name}.bias`).data)],
      [y],
      { keep_num_dims: true, fused_activation_function: relu ? 1 : 0 },
      quant === 'hybrid' ? 9 : 5,
    );
    return y;
  };

  const x = g.input('signal', [1, dims.window]);
  const patches = act([1, F, 1, P], 'patches');
  g.op('RESHAPE', [x, g.constI32('shape_patches', [4], [1, F, 1, P])], [patches]);
  let h = fc(patches, 'embed', C, P, true);
  dims.dilations.forEach((d, b) => {
    const tw = get(`dw.${b}.weight`).data; // torch [C, 1, K] → TFLite [1, K, 1, C]
    const filt = new Float32Array(K * C);
    for (let c = 0; c < C; c++) for (let k = 0; k < K; k++) filt[k * C + c] = tw[c * K + k];
    const dwOut = act(s4, `dw${b}`);
    g.op(
      'DEPTHWISE_CONV_2D',
      [
        h,
        dequantized(`dw.${b}.weight`, [1, K, 1, C], filt, 3),
        g.constF32(`dw.${b}.bias`, [C], get(`dw.${b}.bias`).data),
      ],
      [dwOut],
      {
        padding: 0,
        stride_w: 1,
        stride_h: 1,
        depth_multiplier: 1,
        dilation_w_factor: 1,
        dilation_h_factor: d,
        fused_activation_function: 0,
      },
      2,
    );
    const pw = fc(dwOut, `pw.${b}`, C, C, true);
    const sum = act(s4, `res${b}`);
    g.op('ADD', [h, pw], [sum]);
    h = sum;
  });
  const head = (name: string, per: number, outName: string) => {
    const y = fc(h, name, SUBFRAMES * per, C, false);
    const r = act([1, SUBFRAMES * F, per], outName);
    g.op('RESHAPE', [y, g.constI32(`shape_${outName}`, [3], [1, SUBFRAMES * F, per])], [r]);
    g.output(r, outName);
  };
  head('head', N_CLASSES, 'logits');
  head('reg_head', N_REG, 'offsets');
  return g.finish('openecg micro boundary model');
}
