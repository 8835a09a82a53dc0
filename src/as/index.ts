// WASM SIMD kernels of the fast backend (compiled by asc into one module).
export { gemmPacked, gemmPackedQ, packPanels, packPanelsT, biasAct, transpose } from './gemm';
export { softmax, gelu } from './activations';
export { attention, ATTENTION_ROWS } from './attention';
export { layerNorm } from './layer-norm';
export { binary, reduceLast, transpose0213, copyBlocks } from './elementwise';
export { quantizeRows, quantizeTensor } from './hybrid';
export { gemmInt } from './gemm-int';
export { attentionInt } from './attention-int';
