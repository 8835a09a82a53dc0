// The part of a worker pool that does not depend on the kind of worker (Node worker_threads or
// browser Web Workers): how windows are shared out, what the messages are, and how a worker
// answers them. Each worker holds its own engine and delineates a contiguous run of windows; the
// result is identical to Inference.predict because each window is decoded the same way and kept
// by the same rule. Messages carry plain copies or transferred buffers — no SharedArrayBuffer.
import { planWindows, type WindowPlan } from './stitch.js';
import { OpenEcgError } from '../errors.js';
import { prepareSignal, finishDelineation, windowWaves, type Delineation, type PredictOptions } from './delineator.js';
import type { Wave } from '../ecg/beats.js';
import { loadModelSync, type Backend } from '../engine/model.js';
import { WindowModel } from './window-model.js';

/** One worker as the pool sees it. */
export interface PoolPort {
  post(msg: unknown, transfer?: ArrayBuffer[]): void;
  /** Messages, and a worker failure as { error } — returns the unsubscribe function. */
  listen(fn: (msg: any) => void): () => void;
  terminate(): Promise<void> | void;
}

export interface Job {
  sig: Float64Array;
  offset: number;
  n250: number;
  plans: WindowPlan[];
}
export type Reply = { progress: 1 } | { waves: Wave[] } | { error: string };
export interface Init {
  model: Uint8Array;
  backend: Backend;
}

/** Waits for a new worker's 'ready' (or its load error). */
export function whenReady(port: PoolPort): Promise<void> {
  return new Promise((resolve, reject) => {
    const stop = port.listen((m) => {
      stop();
      if (m === 'ready') resolve();
      else reject(new OpenEcgError(m && m.error ? m.error : String(m)));
    });
  });
}

/** Delineates `signal` with the windows shared out over `ports` in contiguous runs. */
export async function predictPooled(
  ports: PoolPort[],
  signal: ArrayLike<number>,
  opts: PredictOptions,
): Promise<Delineation> {
  const prep = prepareSignal(signal, opts && opts.fs);
  const n250 = prep.sig250.length;
  const plans = prep.constant ? [] : planWindows(n250);
  const per = Math.ceil(plans.length / ports.length);
  let done = 0;
  const parts = await Promise.all(
    ports.map((port, k) => {
      const mine = plans.slice(k * per, (k + 1) * per);
      if (!mine.length) return Promise.resolve([] as Wave[]);
      const from = mine[0].start,
        to = Math.min(n250, mine[mine.length - 1].start + 2500);
      const sig = prep.sig250.slice(from, to);
      return new Promise<Wave[]>((resolve, reject) => {
        const stop = port.listen((m: Reply) => {
          if ('progress' in m) {
            done++;
            if (opts.onProgress) opts.onProgress(done, plans.length);
            return;
          }
          stop();
          if ('error' in m) reject(new OpenEcgError(m.error));
          else resolve(m.waves);
        });
        const job: Job = { sig, offset: from, n250, plans: mine };
        port.post(job, [sig.buffer as ArrayBuffer]);
      });
    }),
  );
  const waves250: Wave[] = [];
  for (const p of parts) for (const w of p) waves250.push(w);
  return finishDelineation(prep, waves250);
}

/** The worker side: builds the engine from `init`, then answers jobs until terminated. */
export function serveWindows(init: Init, post: (m: unknown) => void, listen: (fn: (m: Job) => void) => void): void {
  let wm: WindowModel;
  try {
    wm = new WindowModel(loadModelSync(init.model, { backend: init.backend }));
  } catch (e) {
    post((e as Error).message);
    return;
  }
  listen((m) => {
    try {
      post({ waves: windowWaves(wm, m.sig, m.offset, m.n250, m.plans, () => post({ progress: 1 })) });
    } catch (e) {
      post({ error: (e as Error).message });
    }
  });
  post('ready');
}

/** Most workers a pool starts (each holds a model and its arena). */
export const MAX_POOL_SIZE = 256;

/** A pool's size: a whole number 1..MAX_POOL_SIZE (default `dflt`), else a typed error. */
export function poolSize(size: unknown, dflt: number): number {
  const n = size === undefined ? Math.max(1, Math.min(MAX_POOL_SIZE, Math.floor(dflt) || 1)) : size;
  if (!(typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= MAX_POOL_SIZE))
    throw new OpenEcgError(`pool size must be a whole number from 1 to ${MAX_POOL_SIZE}, got ${String(size)}`);
  return n;
}
