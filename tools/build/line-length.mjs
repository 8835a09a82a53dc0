// Lines longer than the formatter's print width (120 characters, counted as Unicode code points) in src/:
// Prettier does not break comments or string literals, so this check covers what it leaves.
//   node tools/build/line-length.mjs [dir …]   → each long line, exit 1 when there is one
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const MAX_COLUMNS = 120;

export function longLines(dirs, root) {
  const out = [];
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) {
        readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
          const n = [...line].length;
          if (n > MAX_COLUMNS) out.push(`${p.slice(root.length + 1)}:${i + 1}: ${n} columns`);
        });
      }
    }
  };
  for (const d of dirs) walk(join(root, d));
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const dirs = process.argv.length > 2 ? process.argv.slice(2) : ['src'];
  const bad = longLines(dirs, root);
  for (const b of bad) console.log(b);
  console.log(`${bad.length} lines over ${MAX_COLUMNS} columns`);
  process.exit(bad.length ? 1 : 0);
}
