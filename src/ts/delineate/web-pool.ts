// Browser worker pool: Web Workers (module workers), each with its own engine — the same sharing
// out of windows and the same results as the Node pool (pool-core.ts). The model bytes are copied
// to each worker and signals are transferred, so no SharedArrayBuffer (and no cross-origin
// isolation) is needed.
import { OpenEcgError } from '../errors.js';
import { predictPooled, whenReady, poolSize, type PoolPort, type Init } from './pool-core.js';
import type { Delineation, PredictOptions } from './delineator.js';
import type { Backend } from '../engine/model.js';

export interface WebPoolOptions {
  /** Model bytes (in a browser there is no bundled file to read). */
  model: Uint8Array;
  size?: number;
  backend?: Backend;
  /**
   * The worker script; by default web-pool-worker.js next to this module (dist/delineate/ or, for the bundle, dist/).
   */
  workerUrl?: string | URL;
}

declare const navigator: { hardwareConcurrency?: number } | undefined;
declare const Worker: { new (url: string | URL, opts?: { type?: 'module' | 'classic' }): any } | undefined;

function defaultWorkerUrl(): URL {
  try {
    return new URL('./web-pool-worker.js', import.meta.url);
  } catch {
    throw new OpenEcgError('WebPool: pass workerUrl (this build cannot locate web-pool-worker.js by itself)');
  }
}

export class WebPool {
  private constructor(private readonly ports: PoolPort[]) {}

  static async create(opts: WebPoolOptions): Promise<WebPool> {
    if (typeof Worker !== 'function') throw new OpenEcgError('WebPool needs Web Workers (use Pool in Node)');
    if (!(opts && opts.model instanceof Uint8Array))
      throw new OpenEcgError('WebPool: model bytes (Uint8Array) are required');
    const cores = (typeof navigator === 'object' && navigator && navigator.hardwareConcurrency) || 2;
    const size = poolSize(opts.size, cores);
    const url = opts.workerUrl ?? defaultWorkerUrl();
    const ports = await Promise.all(
      Array.from({ length: size }, async () => {
        const w = new Worker!(url, { type: 'module' });
        const port: PoolPort = {
          post: (m, transfer) => w.postMessage(m, transfer || []),
          listen: (fn) => {
            const h = (e: { data: unknown }) => fn(e.data);
            const fail = (e: { message?: string }) =>
              fn({ error: `WebPool worker failed: ${e && e.message ? e.message : String(url)}` });
            w.addEventListener('message', h);
            w.addEventListener('error', fail);
            return () => {
              w.removeEventListener('message', h);
              w.removeEventListener('error', fail);
            };
          },
          terminate: () => w.terminate(),
        };
        const ready = whenReady(port);
        const init: Init = { model: opts.model.slice(), backend: opts.backend ?? 'auto' };
        port.post(init, [init.model.buffer as ArrayBuffer]);
        await ready;
        return port;
      }),
    );
    return new WebPool(ports);
  }

  get size(): number {
    return this.ports.length;
  }

  /** Same result as Inference.predict, with the windows spread over the workers. */
  predict(signal: ArrayLike<number>, opts: PredictOptions): Promise<Delineation> {
    return predictPooled(this.ports, signal, opts);
  }

  close(): void {
    for (const p of this.ports) p.terminate();
  }
}
