// readWfdbRecord of the Node entry: a path on disk is read synchronously (io/wfdb-node.ts); a
// 'physionet:<db>/<version>/<record>' path returns a Promise, read over HTTP range requests with a directory cache
// ($XDG_CACHE_HOME/openecg/http or ~/.cache/openecg/http; `cache: null` for none, `cacheDir` for another folder).
// OPENECG_PHYSIONET_URL names a mirror in PhysioNet's layout (its /files/ folder) when `baseUrl` is not given.
import {
  readWfdbRecord as readLocal,
  readWfdbAnnotations as readLocalAnnotations,
  type WfdbPartialRecord,
} from './wfdb-node.js';
import {
  isPhysionetPath,
  readPhysionetRecord,
  readPhysionetAnnotations,
  type PhysionetPath,
  type PhysionetReadOptions,
} from './physionet.js';
import type { Annotation } from './wfdb-annotation.js';
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
  return readPhysionetRecord(path, remoteOptions(opts as NodePhysionetOptions | undefined));
}

/** Options of a remote read in Node: the directory cache, and OPENECG_PHYSIONET_URL as the mirror when set. */
function remoteOptions(opts: NodePhysionetOptions | undefined): PhysionetReadOptions {
  const o = opts ?? {};
  const cache = o.cache !== undefined ? o.cache : directoryCache(o.cacheDir);
  const mirror = process.env.OPENECG_PHYSIONET_URL;
  return { ...o, cache, baseUrl: o.baseUrl ?? (mirror && /^https?:\/\//.test(mirror) ? mirror : undefined) };
}

/** A record's annotations: from a file beside the header, or (a Promise) from PhysioNet for a 'physionet:' path. */
export function readWfdbAnnotations(
  path: PhysionetPath,
  ext: string,
  opts?: NodePhysionetOptions,
): Promise<Annotation[]>;
export function readWfdbAnnotations(path: string, ext: string, nSamples?: number): Annotation[];
export function readWfdbAnnotations(
  path: string,
  ext: string,
  third?: number | NodePhysionetOptions,
): Annotation[] | Promise<Annotation[]> {
  if (!isPhysionetPath(path)) return readLocalAnnotations(path, ext, typeof third === 'number' ? third : undefined);
  return readPhysionetAnnotations(path, ext, remoteOptions(typeof third === 'object' ? third : undefined));
}
