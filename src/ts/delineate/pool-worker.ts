// A pool worker: one engine, delineates the windows it is sent.
import { parentPort, workerData } from 'node:worker_threads';
import '../wasm/register.js';
import { loadModelSync } from '../engine/model.js';
import { WindowModel } from './window-model.js';
import { windowWaves } from './inference.js';

try {
  const wm = new WindowModel(loadModelSync(workerData.model, { backend: workerData.backend }));
  parentPort!.on('message', (m: { sig: Float64Array; offset: number; n250: number; plans: any[] }) => {
    try {
      const waves = windowWaves(wm, m.sig, m.offset, m.n250, m.plans, () => parentPort!.postMessage({ progress: 1 }));
      parentPort!.postMessage({ waves });
    } catch (e) { parentPort!.postMessage({ error: (e as Error).message }); }
  });
  parentPort!.postMessage('ready');
} catch (e) { parentPort!.postMessage((e as Error).message); }
