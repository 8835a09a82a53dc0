// A Node pool worker: one engine, delineates the windows it is sent (protocol in pool-core.ts).
import { parentPort, workerData } from 'node:worker_threads';
import '../wasm/register.js';
import { serveWindows } from './pool-core.js';

serveWindows(
  workerData,
  (m) => parentPort!.postMessage(m),
  (fn) => parentPort!.on('message', fn),
);
