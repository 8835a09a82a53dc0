// How the engine computes a model's float operations beyond what the TFLite ops themselves say.
// A model may carry a metadata entry NUMERICS_METADATA whose UTF-8 text lists hints; the one known today:
//   batch_matmul=dynamic_int8   BATCH_MATMUL of two float activations quantises both operands on the fly
//                               (kernels/batch-matmul.ts: rows of the left and columns of the right operand
//                               each by the dynamic-quant.ts formula) and sums exact integers.
// Other runtimes ignore metadata, so they compute such a file in float (a stated deviation); the JS and WASM
// backends of this engine both follow the hint, bit for bit. Loading with `numerics: 'float'` ignores it.
import type { TfliteModel } from '../tflite/model.js';
import { ModelError } from '../errors.js';

export const NUMERICS_METADATA = 'openecg_numerics';
export const DYNAMIC_INT8_MATMUL = 'batch_matmul=dynamic_int8';

export interface Numerics {
  /** BATCH_MATMUL of two activations in dynamically quantised integers. */
  dynamicMatmul: boolean;
}

export const FLOAT_NUMERICS: Numerics = { dynamicMatmul: false };

/** The hints of a model's numerics metadata (none: float numerics). Unknown hints are refused, not ignored. */
export function numericsOf(model: TfliteModel): Numerics {
  let data: Uint8Array | null = null;
  for (let i = 0; i < model.metadata.length; i++)
    if (model.metadata[i].name === NUMERICS_METADATA) data = model.metadata[i].data;
  if (!data) return FLOAT_NUMERICS;
  if (data.length > 1024) throw new ModelError(`${NUMERICS_METADATA} metadata is over 1024 bytes`);
  let text = '';
  for (let i = 0; i < data.length; i++) text += String.fromCharCode(data[i]);
  const hints = text.split(/[\s,;]+/).filter((h) => h !== '');
  let dynamicMatmul = false;
  for (let i = 0; i < hints.length; i++) {
    if (hints[i] !== DYNAMIC_INT8_MATMUL)
      throw new ModelError(`unknown ${NUMERICS_METADATA} hint '${hints[i].slice(0, 40)}'`);
    dynamicMatmul = true;
  }
  return { dynamicMatmul };
}
