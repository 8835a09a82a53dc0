// Which recordings a batch covers, in a deterministic order: a directory (searched recursively for
// WFDB headers, and CSV/.npy files when a sampling rate is given), a list file (one path per line,
// relative to the list file; '#' starts a comment), or a glob ('*' within a name, '**' across folders).
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { OpenEcgError } from '../errors.js';

export interface BatchItem {
  id: string;
  path: string;
} // id: path relative to the batch root, '/'-separated

const RECORDING = /\.(hea|csv|npy)$/i;
const MAX_ITEMS = 10_000_000;

function walk(dir: string, out: string[], accept: (p: string) => boolean): void {
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
      continue;
    }
    if (st.isDirectory()) walk(p, out, accept);
    else if (st.isFile() && accept(p)) {
      if (out.length >= MAX_ITEMS)
        throw new OpenEcgError(`more than ${MAX_ITEMS} recordings: split the batch with --shard`);
      out.push(p);
    }
  }
}

function globToRegExp(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      re += '.*';
      i++;
      if (glob[i + 1] === '/') i++;
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
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
    const re = globToRegExp(toId(root, abs));
    walk(root, paths, (p) => re.test(toId(root, p)));
  } else {
    if (!existsSync(spec)) throw new OpenEcgError(`no such file or directory: ${spec}`);
    root = resolve(spec);
    if (statSync(spec).isDirectory()) walk(root, paths, accept);
    else {
      root = dirname(root);
      paths = readFileSync(spec, 'utf8')
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
