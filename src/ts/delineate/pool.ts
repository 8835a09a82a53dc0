// Node worker pool for long recordings: each worker_thread holds its own engine (WASM where
// available) and delineates a contiguous run of windows; results are identical to
// Inference.predict because each window is decoded the same way and kept by the same rule.
import { Worker } from 'node:worker_threads';
import { fileURLToPath } from 'node:url';
import { OpenEcgError } from '../errors.js';
import { planWindows } from './stitch.js';
import { prepareSignal, finishDelineation, type Delineation, type PredictOptions } from './inference.js';
import type { Wave } from '../ecg/beats.js';
import { readModelFile } from '../models-path.js';
import type { Backend } from '../engine/model.js';

const WORKER = fileURLToPath(new URL('./pool-worker.js', import.meta.url));

export class Pool {
  private constructor(private readonly workers: Worker[]) {}

  static async create(opts: { size?: number; model?: Uint8Array | string; backend?: Backend } = {}): Promise<Pool> {
    const size = Math.max(1, opts.size ?? 2);
    const bytes = opts.model instanceof Uint8Array ? opts.model : readModelFile(opts.model);
    const workers = await Promise.all(Array.from({ length: size }, () => new Promise<Worker>((resolve, reject) => {
      const w = new Worker(WORKER, { workerData: { model: bytes, backend: opts.backend ?? 'auto' } });
      w.once('message', (m) => (m === 'ready' ? resolve(w) : reject(new OpenEcgError(String(m)))));
      w.once('error', reject);
    })));
    return new Pool(workers);
  }

  get size(): number { return this.workers.length; }

  async predict(signal: ArrayLike<number>, opts: PredictOptions): Promise<Delineation> {
    const prep = prepareSignal(signal, opts && opts.fs);
    const n250 = prep.sig250.length;
    const plans = prep.constant ? [] : planWindows(n250);
    const per = Math.ceil(plans.length / this.workers.length);
    let done = 0;
    const parts = await Promise.all(this.workers.map((w, k) => {
      const mine = plans.slice(k * per, (k + 1) * per);
      if (!mine.length) return Promise.resolve([] as Wave[]);
      const from = mine[0].start, to = Math.min(n250, mine[mine.length - 1].start + 2500);
      const slice = prep.sig250.slice(from, to);
      return new Promise<Wave[]>((resolve, reject) => {
        const onMsg = (m: any) => {
          if (m.progress) { done++; if (opts.onProgress) opts.onProgress(done, plans.length); return; }
          w.off('message', onMsg); w.off('error', reject);
          if (m.error) reject(new OpenEcgError(m.error)); else resolve(m.waves);
        };
        w.on('message', onMsg); w.once('error', reject);
        w.postMessage({ sig: slice, offset: from, n250, plans: mine }, [slice.buffer]);
      });
    }));
    const waves250: Wave[] = [];
    for (const p of parts) for (const w of p) waves250.push(w);
    return finishDelineation(prep, waves250);
  }

  async close(): Promise<void> { await Promise.all(this.workers.map((w) => w.terminate())); }
}
