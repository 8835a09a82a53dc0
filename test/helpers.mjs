// Shared test helpers.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const FIX = join(ROOT, 'test', 'fixtures');
/** The shared data sets, when this checkout sits next to them (CI does; a fresh clone may not). */
export const SHARED = join(ROOT, '..', 'shared', 'data');
export const hasShared = existsSync(join(SHARED, 'ludb', 'RECORDS')) && existsSync(join(SHARED, 'qtdb', 'RECORDS'));

export function sha256(arrays) {
  const h = createHash('sha256');
  for (const a of arrays) h.update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  return h.digest('hex');
}
export const fromB64 = (s) => { const b = Buffer.from(s, 'base64'); return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)); };

/** Throws unless fn throws an error of class C whose message matches re. */
export function throwsTyped(fn, C, re) {
  try { fn(); } catch (e) {
    if (!(e instanceof C)) throw new Error(`expected ${C.name}, got ${e && e.constructor && e.constructor.name}: ${e && e.message}`);
    if (re && !re.test(e.message)) throw new Error(`message '${e.message}' does not match ${re}`);
    return e;
  }
  throw new Error(`expected ${C.name} to be thrown`);
}
