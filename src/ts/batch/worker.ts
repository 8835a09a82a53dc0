// A batch worker thread: builds its own Inference, then answers { i, id, path } with { i, line }.
import { parentPort, workerData } from 'node:worker_threads';
import '../wasm/register.js';
import { Inference } from '../inference.js';
import { readModelFile } from '../models-path.js';
import { recordJob, type RecordJobOptions } from './record-job.js';
import type { Backend } from '../engine/model.js';

const { modelPath, backend, opts } = workerData as { modelPath?: string; backend: Backend; opts: RecordJobOptions };
const det = Inference.createSync({ model: readModelFile(modelPath), backend });
parentPort!.on('message', (m: { i: number; id: string; path: string }) => {
  parentPort!.postMessage({ i: m.i, line: JSON.stringify(recordJob(det, m.id, m.path, opts)) });
});
parentPort!.postMessage({ ready: true });
