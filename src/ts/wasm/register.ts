// Makes the WASM SIMD backend available to loadModel / loadModelSync.
import { registerFastBackend } from '../engine/model.js';
import { WasmBackend, wasmSimdSupported } from './backend.js';

let supported: boolean | null = null;
registerFastBackend({
  supported: () => (supported === null ? (supported = wasmSimdSupported()) : supported),
  create: () => new WasmBackend(),
});
