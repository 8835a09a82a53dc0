// A ByteCache in IndexedDB (browsers, workers): one object store, keys = the range keys, values = the bytes.
// Where IndexedDB is missing or refuses (private windows, quotas) every call is a miss and puts are dropped:
// the cache only ever saves downloads, it never fails a read.
import type { ByteCache } from './http-source.js';

interface IdbRequest<T> {
  result: T;
  onsuccess: (() => void) | null;
  onerror: (() => void) | null;
}
interface IdbFactory {
  open(name: string, version: number): IdbRequest<IdbDatabase> & { onupgradeneeded: (() => void) | null };
}
interface IdbDatabase {
  createObjectStore(name: string): unknown;
  objectStoreNames: { contains(name: string): boolean };
  transaction(
    store: string,
    mode: 'readonly' | 'readwrite',
  ): {
    objectStore(name: string): {
      get(key: string): IdbRequest<unknown>;
      put(value: unknown, key: string): IdbRequest<unknown>;
    };
  };
}

const STORE = 'ranges';

export function indexedDbCache(dbName = 'openecg-http'): ByteCache | null {
  const idb = (globalThis as unknown as { indexedDB?: IdbFactory }).indexedDB;
  if (!idb) return null;
  let db: Promise<IdbDatabase | null> | null = null;
  const open = () =>
    (db =
      db ??
      new Promise<IdbDatabase | null>((resolve) => {
        try {
          const req = idb.open(dbName, 1);
          req.onupgradeneeded = () => {
            if (!req.result.objectStoreNames.contains(STORE)) req.result.createObjectStore(STORE);
          };
          req.onsuccess = () => resolve(req.result);
          req.onerror = () => resolve(null);
        } catch {
          resolve(null);
        }
      }));
  const call = <T>(
    mode: 'readonly' | 'readwrite',
    f: (s: ReturnType<ReturnType<IdbDatabase['transaction']>['objectStore']>) => IdbRequest<T>,
  ) =>
    open().then(
      (d) =>
        new Promise<T | undefined>((resolve) => {
          if (!d) return resolve(undefined);
          try {
            const req = f(d.transaction(STORE, mode).objectStore(STORE));
            req.onsuccess = () => resolve(req.result);
            req.onerror = () => resolve(undefined);
          } catch {
            resolve(undefined);
          }
        }),
    );
  return {
    async get(key) {
      const v = await call('readonly', (s) => s.get(key));
      return v instanceof Uint8Array ? v : v instanceof ArrayBuffer ? new Uint8Array(v) : undefined;
    },
    async put(key, bytes) {
      await call('readwrite', (s) => s.put(bytes, key));
    },
  };
}
