// A RangeSource over HTTP: each read is one `Range: bytes=a-b` GET. The size comes from a one-byte probe
// (`bytes=0-0` → 206 with `Content-Range: bytes 0-0/SIZE`). A server that ignores ranges (200 with the whole body)
// is served from that body when it is at most `maxWholeBytes`, else refused. Every failure is a FormatError that
// names the URL: HTTP status (404, …), a body shorter than asked for (a truncated transfer), a timeout.
import { FormatError } from '../errors.js';
import type { RangeSource } from './ranged.js';

/** The part of `fetch` this reader uses (global fetch in Node ≥ 18 and browsers; a test may pass its own). */
export type FetchLike = (
  url: string,
  init: { headers: Record<string, string>; signal?: AbortSignal },
) => Promise<{
  status: number;
  headers: { get(name: string): string | null };
  arrayBuffer(): Promise<ArrayBuffer>;
}>;

/** A byte store for fetched ranges (io/http-cache-node.ts: a directory; io/http-cache-idb.ts: IndexedDB). */
export interface ByteCache {
  get(key: string): Promise<Uint8Array | undefined>;
  put(key: string, bytes: Uint8Array): Promise<void>;
}

export interface HttpSourceOptions {
  fetch?: FetchLike;
  cache?: ByteCache | null;
  /** Per request, ms (default 30 000). */
  timeoutMs?: number;
  /** Largest body accepted from a server that ignores Range (default 64 MiB). */
  maxWholeBytes?: number;
}

export async function httpGet(
  url: string,
  headers: Record<string, string>,
  opts: HttpSourceOptions,
): Promise<{ status: number; contentRange: string | null; body: Uint8Array; length: number | null }> {
  const f = opts.fetch ?? (globalThis as unknown as { fetch?: FetchLike }).fetch;
  if (!f) throw new FormatError(url, 'no fetch() in this JavaScript engine: pass { fetch }');
  const ms = opts.timeoutMs ?? 30000;
  const ctl = typeof AbortController === 'function' ? new AbortController() : null;
  const timer = ctl ? setTimeout(() => ctl.abort(), ms) : null;
  try {
    const r = await f(url, { headers, signal: ctl ? ctl.signal : undefined });
    if (r.status === 404) throw new FormatError(url, 'not found (HTTP 404)');
    if (r.status !== 200 && r.status !== 206) throw new FormatError(url, `HTTP ${r.status}`);
    const len = r.headers.get('content-length');
    const max = opts.maxWholeBytes ?? 64 * 1024 * 1024;
    if (r.status === 200 && len !== null && Number(len) > max)
      throw new FormatError(url, `the server ignores range requests and the file is ${len} bytes (at most ${max})`);
    const body = new Uint8Array(await r.arrayBuffer());
    if (len !== null && /^\d+$/.test(len) && body.length !== Number(len))
      throw new FormatError(url, `truncated: ${len} bytes announced, ${body.length} received`);
    return {
      status: r.status,
      contentRange: r.headers.get('content-range'),
      body,
      length: len === null ? null : Number(len),
    };
  } catch (e) {
    if (e instanceof FormatError) throw e;
    const err = e as Error;
    if (err && err.name === 'AbortError') throw new FormatError(url, `no answer within ${ms} ms`);
    throw new FormatError(url, `download failed: ${err && err.message ? err.message : String(err)}`);
  } finally {
    if (timer) clearTimeout(timer);
  }
}

/** Opens `url` as a RangeSource (one probe request, or the cached size). */
export async function httpSource(url: string, opts: HttpSourceOptions = {}): Promise<RangeSource> {
  const cache = opts.cache ?? null;
  const sizeKey = `${url}#size`;
  const cachedSize = cache ? await cache.get(sizeKey) : undefined;
  let whole: Uint8Array | null = null;
  let size: number;
  if (cachedSize && cachedSize.length === 8)
    size = Number(new DataView(cachedSize.buffer, cachedSize.byteOffset).getFloat64(0));
  else {
    const probe = await httpGet(url, { Range: 'bytes=0-0' }, opts);
    if (probe.status === 206) {
      const m = /^bytes\s+\d+-\d+\/(\d+)\s*$/i.exec(probe.contentRange ?? '');
      if (!m)
        throw new FormatError(url, `a range answer without the file size (Content-Range '${probe.contentRange}')`);
      size = Number(m[1]);
    } else {
      whole = probe.body; // the server sent it all
      size = whole.length;
    }
    if (cache) {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setFloat64(0, size);
      await cache.put(sizeKey, b);
    }
  }
  return {
    size,
    async read(at, n) {
      if (at < 0 || n < 0 || at + n > size) throw new FormatError(url, `bytes ${at}..${at + n} outside its ${size}`);
      if (n === 0) return new Uint8Array(0);
      if (whole) return whole.slice(at, at + n);
      const key = `${url}#${at}+${n}`;
      const hit = cache ? await cache.get(key) : undefined;
      if (hit && hit.length === n) return hit;
      const r = await httpGet(url, { Range: `bytes=${at}-${at + n - 1}` }, opts);
      let bytes: Uint8Array;
      if (r.status === 206) {
        const m = /^bytes\s+(\d+)-(\d+)\//i.exec(r.contentRange ?? '');
        if (!m || Number(m[1]) !== at)
          throw new FormatError(url, `asked for bytes from ${at}, got '${r.contentRange}'`);
        bytes = r.body;
      } else {
        whole = r.body; // ranges refused now: keep the whole body
        bytes = r.body.slice(at, at + n);
      }
      if (bytes.length !== n)
        throw new FormatError(url, `truncated: ${n} bytes wanted from byte ${at}, ${bytes.length} received`);
      if (cache) await cache.put(key, bytes);
      return bytes;
    },
  };
}
