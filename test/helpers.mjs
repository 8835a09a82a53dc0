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
export const fromB64 = (s) => {
  const b = Buffer.from(s, 'base64');
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
};

/** Throws unless fn throws an error of class C whose message matches re. */
export function throwsTyped(fn, C, re) {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof C))
      throw new Error(`expected ${C.name}, got ${e && e.constructor && e.constructor.name}: ${e && e.message}`);
    if (re && !re.test(e.message)) throw new Error(`message '${e.message}' does not match ${re}`);
    return e;
  }
  throw new Error(`expected ${C.name} to be thrown`);
}

/** Resolves unless `promise` rejects with an error of class C whose message matches re (the async throwsTyped). */
export async function rejectsTyped(promise, C, re) {
  try {
    await promise;
  } catch (e) {
    if (!(e instanceof C))
      throw new Error(`expected ${C.name}, got ${e && e.constructor && e.constructor.name}: ${e && e.message}`);
    if (re && !re.test(e.message)) throw new Error(`message '${e.message}' does not match ${re}`);
    return e;
  }
  throw new Error(`expected ${C.name} to be thrown`);
}

// ---- Optional tools. A test that needs one is *skipped* (and counted as skipped) where it is missing;
// `.ci/run` installs all of them, and test/run.mjs fails a CI run that skipped anything.
import { spawnSync as spawnSyncForProbe } from 'node:child_process';
const probe = (cmd, args) => {
  const r = spawnSyncForProbe(cmd, args, { encoding: 'utf8', timeout: 20000 });
  return !r.error && r.status === 0;
};
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);
export const hasDuk = probe('duk', ['-e', 'print(1)']);
export const hasTorch = existsSync('/usr/bin/python3') && probe('/usr/bin/python3', ['-c', 'import torch, numpy']);
export const hasMitdb = existsSync(join(SHARED, 'mitdb', 'RECORDS'));

/**
 * `testIf(test, ok, why)(name, fn)`: registers fn as a test when ok, else as a skipped test with
 * a visible line "skipped: name — why" (uvu counts it under Skipped).
 */
export function testIf(t, ok, why) {
  return (name, fn) => {
    if (ok) return t(name, fn);
    console.log(`  skipped: ${name} — ${why}`);
    return t.skip(name, fn);
  };
}
export const NO_SHARED = '../shared/data not present next to this checkout';

/**
 * A small JSON Schema checker for the project's own schemas (type incl. unions, const, required, properties,
 * items, $ref to #/$defs/...). Returns the list of problems (empty = valid).
 */
export function schemaProblems(schema, value, root = schema, path = '$') {
  if (schema.$ref)
    return schemaProblems(
      schema.$ref
        .replace('#/$defs/', '')
        .split('/')
        .reduce((o, k) => o[k], root.$defs),
      value,
      root,
      path,
    );
  const out = [];
  const typeOf = (v) => (v === null ? 'null' : Array.isArray(v) ? 'array' : Number.isInteger(v) ? 'integer' : typeof v);
  if ('const' in schema && value !== schema.const) out.push(`${path}: expected ${JSON.stringify(schema.const)}`);
  if (schema.type) {
    const want = [].concat(schema.type),
      t = typeOf(value);
    if (!want.includes(t) && !(t === 'integer' && want.includes('number'))) {
      out.push(`${path}: ${t}, expected ${want.join('|')}`);
      return out;
    }
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const k of schema.required ?? []) if (!(k in value)) out.push(`${path}: missing '${k}'`);
    for (const [k, sub] of Object.entries(schema.properties ?? {}))
      if (k in value) out.push(...schemaProblems(sub, value[k], root, `${path}.${k}`));
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((v, i) => out.push(...schemaProblems(schema.items, v, root, `${path}[${i}]`)));
  return out;
}
