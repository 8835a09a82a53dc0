// One batch record: read it, run the report pipeline once, and return its JSON line's object.
// Any failure becomes { id, ok: false, error } — a batch logs and skips unreadable records.
import type { Inference } from '../inference.js';
import { loadSignalFile } from '../io/load-signal.js';
import { OpenEcgError } from '../errors.js';

export interface RecordJobOptions {
  lead?: string;
  fs?: number;
  waves?: boolean;
}

export function recordJob(
  det: Inference,
  id: string,
  path: string,
  opts: RecordJobOptions,
  onProgress?: (done: number, total: number) => void,
): Record<string, unknown> {
  try {
    const { signal, fs, lead } = loadSignalFile(path, { lead: opts.lead, fs: opts.fs });
    const r = det.report(signal, { fs, onProgress });
    const line: Record<string, unknown> = { id, ok: true, lead, fs, durationS: signal.length / fs, report: r.toJSON() };
    if (opts.waves)
      line.waves = r.delineation.waves.map((w) => ({ ...w, t: Math.round((w.onset / fs) * 1000) / 1000 }));
    return line;
  } catch (e) {
    const err = e as Error;
    const known = err instanceof OpenEcgError || (err && typeof (err as NodeJS.ErrnoException).code === 'string');
    return { id, ok: false, error: known ? err.message : `internal error: ${String(err && err.message)}` };
  }
}
