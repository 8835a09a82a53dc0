// Which recordings a batch covers, in a deterministic order: a directory (searched recursively for
// WFDB headers, and CSV/.npy files when a sampling rate is given), a list file (one path per line,
// relative to the list file; '#' starts a comment), or a glob ('*' within a name, '**' across folders).
import { readdirSync, statSync, existsSync, realpathSync } from 'node:fs';
import { readRegularFile } from '../io/read-file.js';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { OpenEcgError } from '../errors.js';

export interface BatchItem {
  id: string;
  path: string;
} // id: path relative to the batch root, '/'-separated

const RECORDING = /\.(hea|csv|npy)$/i;
const MAX_ITEMS = 10_000_000;

/** Depth-first walk; each directory is entered once by its real path, so symlink loops end. */
function walk(dir: string, out: string[], accept: (p: string) => boolean, seen = new Set<string>()): void {
  let real: string;
  try {
    real = realpathSync(dir);
  } catch (e) {
    throw new OpenEcgError(`cannot read directory ${dir}: ${(e as Error).message}`);
  }
  if (seen.has(real)) return;
  seen.add(real);
  let names: string[];
  try {
    names = readdirSync(dir).sort();
  } catch (e) {
    throw new OpenEcgError(`cannot read directory ${dir}: ${(e as Error).message}`);
  }
  for (const n of names) {
    if (n.startsWith('.')) continue;
    const p = join(dir, n);
    let st;
    try {
      st = statSync(p);
    } catch {
      continue; // a dangling or looping symlink
    }
    if (st.isDirectory()) walk(p, out, accept, seen);
    else if (st.isFile() && accept(p)) {
      if (out.length >= MAX_ITEMS)
        throw new OpenEcgError(`more than ${MAX_ITEMS} recordings: split the batch with --shard`);
      out.push(p);
    }
  }
}

/** Whether `name` matches one path segment's pattern ('*' any run, '?' one character): greedy with one
 *  backtrack point, O(pattern × name) at worst — never exponential, however many '*'. */
function segmentMatches(pat: string, name: string): boolean {
  let p = 0,
    n = 0,
    star = -1,
    mark = 0;
  while (n < name.length) {
    if (p < pat.length && (pat[p] === '?' || pat[p] === name[n])) {
      p++;
      n++;
    } else if (p < pat.length && pat[p] === '*') {
      star = p++;
      mark = n;
    } else if (star >= 0) {
      p = star + 1;
      n = ++mark;
    } else return false;
  }
  while (p < pat.length && pat[p] === '*') p++;
  return p === pat.length;
}

/** A glob over '/'-separated ids: '**' as a whole segment spans any number of folders. Dynamic programming over
 *  (pattern segment, path segment): O(segments² × segment length) at worst. */
export function globMatches(glob: string, id: string): boolean {
  const g = glob.split('/').filter((x, i, a) => !(x === '**' && a[i - 1] === '**'));
  const s = id.split('/');
  let ok = new Uint8Array(s.length + 1); // ok[j]: the pattern so far matches path segments [0, j)
  ok[0] = 1;
  for (const seg of g) {
    const next = new Uint8Array(s.length + 1);
    if (seg === '**') {
      let any = 0;
      for (let j = 0; j <= s.length; j++) {
        any |= ok[j];
        next[j] = any;
      }
    } else for (let j = 0; j < s.length; j++) if (ok[j] && segmentMatches(seg, s[j])) next[j + 1] = 1;
    ok = next;
  }
  return ok[s.length] === 1;
}

const toId = (root: string, p: string) => relative(root, p).split(sep).join('/');

/** Every recording of `spec`, sorted by id. `withRate`: CSV/.npy files count too (they need --fs). */
export function listBatchInputs(spec: string, withRate: boolean): { root: string; items: BatchItem[] } {
  const accept = (p: string) => (withRate ? RECORDING.test(p) : /\.hea$/i.test(p));
  let root: string,
    paths: string[] = [];
  if (/[*?]/.test(spec)) {
    const abs = resolve(spec);
    const firstGlob = abs.search(/[*?]/);
    root = abs.slice(0, abs.lastIndexOf(sep, firstGlob));
    if (!existsSync(root)) throw new OpenEcgError(`no such directory: ${root}`);
    const pattern = toId(root, abs);
    walk(root, paths, (p) => globMatches(pattern, toId(root, p)));
  } else {
    if (!existsSync(spec)) throw new OpenEcgError(`no such file or directory: ${spec}`);
    root = resolve(spec);
    if (statSync(spec).isDirectory()) walk(root, paths, accept);
    else {
      root = dirname(root);
      paths = Buffer.from(readRegularFile(spec, 'list file', 256 * 1024 * 1024))
        .toString('utf8')
        .split(/\r?\n/)
        .map((l) => l.replace(/#.*/, '').trim())
        .filter(Boolean)
        .map((l) => resolve(root, l));
    }
  }
  const items = paths.map((p) => ({ id: toId(root, p), path: p }));
  items.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { root, items };
}

/** `k/n` (0 ≤ k < n): the k-th of n contiguous blocks, so shards 0..n-1 concatenated are the whole batch. */
export function shardOf<T>(items: T[], shard: string | undefined): T[] {
  if (shard === undefined) return items;
  const m = /^(\d+)\/(\d+)$/.exec(shard);
  if (!m) throw new OpenEcgError(`--shard takes k/n with 0 ≤ k < n, got '${shard}'`);
  const k = Number(m[1]),
    n = Number(m[2]);
  if (!(n >= 1 && k < n)) throw new OpenEcgError(`--shard takes k/n with 0 ≤ k < n, got '${shard}'`);
  return items.slice(Math.floor((k * items.length) / n), Math.floor(((k + 1) * items.length) / n));
}
