// Loads Google's LiteRT.js (@litertjs/core, a devDependency) in Node 20 — the reference
// runtime the engine is checked against. Its emscripten glue is CommonJS inside an ESM
// package, so the wasm folder is copied next to a {"type":"commonjs"} marker first.
import { createRequire } from 'node:module';
import { mkdirSync, readdirSync, copyFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const wasmDir = resolve(here, '../../build/litert-wasm');

export async function loadLiteRt() {
  const src = join(dirname(require.resolve('@litertjs/core/package.json')), 'wasm');
  if (!existsSync(join(wasmDir, 'package.json'))) {
    mkdirSync(wasmDir, { recursive: true });
    for (const f of readdirSync(src)) copyFileSync(join(src, f), join(wasmDir, f));
    writeFileSync(join(wasmDir, 'package.json'), '{"type":"commonjs"}');
  }
  globalThis.self = globalThis;
  if (!globalThis.navigator) globalThis.navigator = { hardwareConcurrency: os.cpus().length };
  globalThis.importScripts = (url) => {
    globalThis.ModuleFactory = require(url);
  };
  const litert = await import('@litertjs/core');
  const warn = console.warn,
    log = console.log,
    info = console.info;
  console.warn = console.log = console.info = () => {};
  try {
    await litert.loadLiteRt(wasmDir + '/');
  } finally {
    console.warn = warn;
    console.log = log;
    console.info = info;
  }
  return litert;
}

/** Runs a model once: inputs are Float32Arrays in signature order; returns Float32Arrays. */
export async function runLiteRt(litert, bytes, inputs) {
  const warn = console.warn,
    log = console.log,
    info = console.info;
  console.warn = console.log = console.info = () => {};
  let model;
  try {
    model = await litert.loadAndCompile(bytes, { accelerator: 'wasm' });
  } finally {
    console.warn = warn;
    console.log = log;
    console.info = info;
  }
  const det = model.getInputDetails();
  const tensors = inputs.map((x, i) => new litert.Tensor(x, Array.from(det[i].shape)));
  const outs = await model.run(tensors);
  const res = outs.map((t) => Float32Array.from(t.toTypedArray()));
  outs.forEach((t) => t.delete());
  tensors.forEach((t) => t.delete?.());
  model.delete();
  return res;
}
