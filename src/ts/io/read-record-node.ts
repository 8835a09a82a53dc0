// readWfdbRecord of the Node entry: a path on disk is read synchronously (io/wfdb-node.ts); a
// 'physionet:<db>/<version>/<record>' path returns a Promise, read over HTTP range requests with a directory cache
// ($XDG_CACHE_HOME/openecg/http or ~/.cache/openecg/http; `cache: null` for none, `cacheDir` for another folder).
import { readWfdbRecord as readLocal, type WfdbPartialRecord } from './wfdb-node.js';
import { isPhysionetPath, readPhysionetRecord, type PhysionetPath, type PhysionetReadOptions } from './physionet.js';
import { directoryCache } from './http-cache-node.js';
import type { WfdbReadOptions } from './wfdb-part.js';
import type { RemoteRecord } from './read-record.js';

export interface NodePhysionetOptions extends PhysionetReadOptions {
  /** Folder of the download cache (default: the user's cache folder). */
  cacheDir?: string;
}

export function readWfdbRecord(path: PhysionetPath, opts?: NodePhysionetOptions): Promise<RemoteRecord>;
export function readWfdbRecord(path: string, opts?: WfdbReadOptions): WfdbPartialRecord;
export function readWfdbRecord(
  path: string,
  opts?: WfdbReadOptions | NodePhysionetOptions,
): WfdbPartialRecord | Promise<RemoteRecord> {
  if (!isPhysionetPath(path)) return readLocal(path, opts);
  const o = (opts ?? {}) as NodePhysionetOptions;
  const cache = o.cache !== undefined ? o.cache : directoryCache(o.cacheDir);
  return readPhysionetRecord(path, { ...o, cache });
}
