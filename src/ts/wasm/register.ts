// Makes the WASM backends available to loadModel / loadModelSync: 'wasm' (SIMD, bit-identical)
// and the opt-in 'wasm-relaxed' (relaxed-SIMD FMA, not bit-identical).
import { registerFastBackend } from '../engine/model.js';
import { WasmBackend, wasmSimdSupported } from './backend.js';

const supported: { [kind: string]: boolean } = {};
registerFastBackend({
  supported: (kind) =>
    kind in supported ? supported[kind] : (supported[kind] = wasmSimdSupported(kind === 'wasm-relaxed')),
  create: (kind) => new WasmBackend(kind === 'wasm-relaxed'),
});
