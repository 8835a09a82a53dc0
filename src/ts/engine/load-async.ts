// Promise-returning loader (the sync one lives in model.ts, which stays ES5-clean).
import { loadModelSync, type LoadOptions, type Model } from './model.js';

export async function loadModel(bytes: Uint8Array, opts: LoadOptions = {}): Promise<Model> {
  return loadModelSync(bytes, opts);
}
