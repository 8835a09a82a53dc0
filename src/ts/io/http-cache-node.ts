// A ByteCache in a directory (Node): one file per fetched range, named by a 64-bit FNV-1a hash of its key
// (URL and byte range), written to a temporary name and renamed, so a crash never leaves half a file under a
// valid name. The first bytes of each file repeat the key, so a hash collision reads as a miss.
import { mkdirSync, readFileSync, writeFileSync, renameSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { homedir } from 'node:os';
import type { ByteCache } from './http-source.js';

/** $XDG_CACHE_HOME/openecg/http, else ~/.cache/openecg/http. */
export function defaultCacheDir(): string {
  const xdg = process.env.XDG_CACHE_HOME;
  return join(xdg && xdg.startsWith('/') ? xdg : join(homedir(), '.cache'), 'openecg', 'http');
}

function fnv1a64(s: string): string {
  let h = 0xcbf29ce484222325n;
  const bytes = new TextEncoder().encode(s);
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h.toString(16).padStart(16, '0');
}

export function directoryCache(dir: string = defaultCacheDir()): ByteCache {
  let made = false;
  const fileOf = (key: string) => join(dir, fnv1a64(key));
  return {
    async get(key) {
      const f = fileOf(key);
      if (!existsSync(f)) return undefined;
      const b = new Uint8Array(readFileSync(f));
      const k = new TextEncoder().encode(key);
      const n = b.length >= 4 ? new DataView(b.buffer, b.byteOffset).getUint32(0, true) : -1;
      if (n !== k.length || b.length < 4 + n) return undefined;
      for (let i = 0; i < n; i++) if (b[4 + i] !== k[i]) return undefined;
      return b.slice(4 + n);
    },
    async put(key, bytes) {
      if (!made) {
        mkdirSync(dir, { recursive: true });
        made = true;
      }
      const k = new TextEncoder().encode(key);
      const out = new Uint8Array(4 + k.length + bytes.length);
      new DataView(out.buffer).setUint32(0, k.length, true);
      out.set(k, 4);
      out.set(bytes, 4 + k.length);
      const f = fileOf(key);
      const tmp = `${f}.${process.pid}.tmp`;
      writeFileSync(tmp, out);
      renameSync(tmp, f);
    },
  };
}
