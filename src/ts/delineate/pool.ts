// Node worker pool for long recordings (worker_threads); the sharing out of windows and the
// message protocol are in pool-core.ts, shared with the browser pool (web-pool.ts).
import { Worker } from 'node:worker_threads';
import { join } from 'node:path';
import { packageRoot } from '../package-root.js';
import { predictPooled, whenReady, poolSize, type PoolPort } from './pool-core.js';
import type { Delineation, PredictOptions } from './delineator.js';
import { readModelFile } from '../models-path.js';
import type { Backend } from '../engine/model.js';

const WORKER = join(packageRoot(), 'dist', 'delineate', 'pool-worker.js');

function portOf(w: Worker): PoolPort {
  return {
    post: (m, transfer) => w.postMessage(m, transfer as any),
    listen: (fn) => {
      const fail = (e: Error) => fn({ error: `pool worker failed: ${e.message}` });
      w.on('message', fn);
      w.on('error', fail);
      return () => {
        w.off('message', fn);
        w.off('error', fail);
      };
    },
    terminate: async () => {
      await w.terminate();
    },
  };
}

export class Pool {
  private constructor(private readonly ports: PoolPort[]) {}

  /** `size` workers (default 2), each loading `model` (bytes or path; default the bundled model). */
  static async create(opts: { size?: number; model?: Uint8Array | string; backend?: Backend } = {}): Promise<Pool> {
    const size = poolSize(opts.size, 2);
    const bytes = opts.model instanceof Uint8Array ? opts.model : readModelFile(opts.model);
    const ports = await Promise.all(
      Array.from({ length: size }, async () => {
        const w = new Worker(WORKER, { workerData: { model: bytes, backend: opts.backend ?? 'auto' } });
        const port = portOf(w);
        await whenReady(port);
        return port;
      }),
    );
    return new Pool(ports);
  }

  get size(): number {
    return this.ports.length;
  }

  /** Same result as Inference.predict, with the windows spread over the workers. */
  predict(signal: ArrayLike<number>, opts: PredictOptions): Promise<Delineation> {
    return predictPooled(this.ports, signal, opts);
  }

  async close(): Promise<void> {
    await Promise.all(this.ports.map((p) => p.terminate()));
  }
}
