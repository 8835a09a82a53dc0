// readWfdbRecord of the portable entry (browsers, workers): 'physionet:<db>/<version>/<record>' paths, read over HTTP
// with an IndexedDB cache where there is one. Files on a disk are the Node entry's (io/read-record-node.ts); in a
// browser, a user's own files go through readWfdbRanged with blobSource.
import { FormatError } from '../errors.js';
import { isPhysionetPath, readPhysionetRecord, type PhysionetPath, type PhysionetReadOptions } from './physionet.js';
import { indexedDbCache } from './http-cache-idb.js';
import type { WfdbRecord } from './wfdb-signal.js';

export type RemoteRecord = WfdbRecord & { from: number; bytesRead: number; url: string };

export function readWfdbRecord(path: PhysionetPath, opts?: PhysionetReadOptions): Promise<RemoteRecord> {
  if (!isPhysionetPath(path))
    return Promise.reject(
      new FormatError(
        String(path).slice(0, 200),
        "this build reads 'physionet:' paths; local files: readWfdbRanged(headerText, { name: blobSource(file) })",
      ),
    );
  const cache = opts && opts.cache !== undefined ? opts.cache : indexedDbCache();
  return readPhysionetRecord(path, { ...opts, cache });
}
