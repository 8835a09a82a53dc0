// `openecg batch <dir | list file | glob> --out results.jsonl [--shard k/n] [--workers N] [--resume]
//   [--lead ii] [--fs N] [--waves]`: one JSON line per recording, in sorted id order (the same for any
// number of workers); unreadable recordings become { id, ok: false, error } lines and a note on stderr;
// --resume keeps the complete lines of an existing output and does only the rest.
import { existsSync, readFileSync, openSync, writeSync, closeSync, truncateSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { listBatchInputs, shardOf, type BatchItem } from '../batch/inputs.js';
import { recordJob, type RecordJobOptions } from '../batch/record-job.js';
import { completeLinesOf } from '../batch/resume.js';
import { packageRoot } from '../package-root.js';
import { OpenEcgError } from '../errors.js';
import { readModelFile } from '../models-path.js';
import { backendArg, fsArg, leadArg, modelArg, inferenceFor, classifierArg } from './options.js';
import { progress } from './progress.js';
import { printable } from './warnings.js';
import { version } from './version.js';
import { createHash } from 'node:crypto';
import type { Args } from './args.js';

/** The complete lines of an existing `out` (batch/resume.ts), none when it does not exist. */
function completeLines(out: string): { ids: string[]; settings: string[]; bytes: number } {
  if (!existsSync(out)) return { ids: [], settings: [], bytes: 0 };
  return completeLinesOf(new Uint8Array(readFileSync(out)));
}

/** SHA-256 of a model file, or of the embedded micro model (a resumed batch must use the same model). */
function modelDigest(path: string): string {
  return createHash('sha256').update(readModelFile(path)).digest('hex').slice(0, 16);
}

/** The output must not be one of the inputs: the list file, a recording or a file beside it with the same stem. */
function refuseInputAsOutput(out: string, spec: string, items: BatchItem[]): void {
  const real = (p: string) => {
    try {
      return realpathSync(p);
    } catch {
      return resolve(p);
    }
  };
  const o = real(out);
  const stem = (p: string) => p.replace(/\.[^./\\]*$/, '');
  const clash = o === real(spec) || items.some((it) => o === real(it.path) || stem(o) === stem(real(it.path)));
  if (clash) throw new OpenEcgError(`batch: --out ${out} is one of the inputs (or a file of one); choose another path`);
}

export async function batchCommand(a: Args): Promise<number> {
  const spec = a._[1];
  if (!spec) throw new OpenEcgError("batch: give a directory, a list file or a glob (see 'openecg batch --help')");
  if (typeof a.out !== 'string') throw new OpenEcgError('batch: --out <results.jsonl> is required');
  const fs = fsArg(a);
  const workers = a.workers !== undefined ? Number(a.workers) : 1;
  if (!Number.isInteger(workers) || workers < 1 || workers > 256)
    throw new OpenEcgError(`--workers takes a whole number from 1 to 256, got '${a.workers}'`);
  const opts: RecordJobOptions = { lead: leadArg(a), fs, waves: !!a.waves };
  // What every line was made with: a resumed file must not mix results of different settings
  const settings = {
    lead: opts.lead ?? null,
    fs: fs ?? null,
    model: modelArg(a) ? modelDigest(modelArg(a) as string) : 'bundled',
    classifier: classifierArg(a),
    waves: !!a.waves,
    version: version(),
  };
  const { items: all } = listBatchInputs(spec, fs !== undefined);
  const items = shardOf(all, typeof a.shard === 'string' ? a.shard : undefined);
  const out = a.out;
  refuseInputAsOutput(out, spec, all);
  if (!a.resume && !a.force && existsSync(out))
    throw new OpenEcgError(`batch: ${out} exists; --resume continues it, --force overwrites it`);
  let todo: BatchItem[] = items;
  let fd: number;
  if (a.resume) {
    const done = completeLines(out);
    const mine = JSON.stringify(settings);
    const other = done.settings.findIndex((s) => s !== mine);
    if (other >= 0)
      throw new OpenEcgError(
        `--resume: line ${other + 1} of ${out} was made with other settings (${done.settings[other].slice(0, 200)}; ` +
          `now ${mine}): give the same --lead/--fs/--model/--classifier/--waves, or start anew with --force`,
      );
    for (let k = 0; k < done.ids.length; k++) {
      if (k >= items.length || done.ids[k] !== items[k].id)
        throw new OpenEcgError(
          `--resume: ${out} does not start with this batch's records (line ${k + 1} is '${done.ids[k]}')`,
        );
    }
    todo = items.slice(done.ids.length);
    if (existsSync(out)) truncateSync(out, done.bytes); // drops a partly written last line
    fd = openSync(out, 'a');
  } else fd = openSync(out, 'w');
  const t0 = Date.now();
  const bar = progress('batch', !a.quiet, 'records');
  let nDone = 0,
    nFailed = 0;
  const write = (line: string) => {
    const o = JSON.parse(line);
    writeSync(fd, JSON.stringify({ ...o, settings }) + '\n', null, 'utf8');
    if (!o.ok) {
      nFailed++;
      bar.note(`skipped ${o.id}: ${printable(String(o.error))}`);
    }
    nDone++;
    bar.tick(nDone, todo.length);
  };
  const modelPath = modelArg(a);
  try {
    if (workers === 1 || todo.length <= 1) {
      const det = inferenceFor(a);
      // one worker: the line also moves while a long record is analysed (its windows as a fraction of a record)
      for (const it of todo)
        write(JSON.stringify(recordJob(det, it.id, it.path, opts, (i, n) => bar.tick(nDone + i / n, todo.length))));
    } else await runPool(todo, Math.min(workers, todo.length), { modelPath, backend: backendArg(a), opts }, write);
  } finally {
    closeSync(fd);
    bar.end();
  }
  process.stderr.write(
    `batch: ${todo.length} recordings in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${nFailed} unreadable, → ` +
      `${printable(out)}\n`,
  );
  return 0;
}

/** Hands records to worker threads and writes their lines in item order. */
function runPool(items: BatchItem[], size: number, workerData: object, write: (line: string) => void): Promise<void> {
  return new Promise((resolvePool, rejectPool) => {
    const file = join(packageRoot(), 'dist', 'batch', 'worker.js');
    const pending = new Map<number, string>();
    let next = 0,
      flushed = 0,
      live = 0,
      failed = false;
    const pool: Worker[] = [];
    const finish = (err?: Error) => {
      if (failed) return;
      if (err) failed = true;
      for (const w of pool) void w.terminate();
      if (err) rejectPool(err);
      else resolvePool();
    };
    const feed = (w: Worker) => {
      if (next < items.length) {
        const i = next++;
        w.postMessage({ i, id: items[i].id, path: items[i].path });
      }
    };
    for (let k = 0; k < size; k++) {
      const w = new Worker(file, { workerData });
      pool.push(w);
      live++;
      w.on('message', (m: { ready?: boolean; i?: number; line?: string }) => {
        if (m.ready) {
          feed(w);
          return;
        }
        pending.set(m.i as number, m.line as string);
        while (pending.has(flushed)) {
          write(pending.get(flushed) as string);
          pending.delete(flushed);
          flushed++;
        }
        if (flushed === items.length) finish();
        else feed(w);
      });
      w.on('error', (e) => finish(new OpenEcgError(`batch worker failed: ${e.message}`)));
      w.on('exit', () => {
        live--;
        if (!live && flushed < items.length) finish(new OpenEcgError('batch workers exited early'));
      });
    }
  });
}
