// Every "§" a comment cites must name a section of docs/specification.md, as "specification §x.y" (or a range
// "specification §x.y–x.z"): the documents the code relies on are in the repository, and a citation cannot dangle.
//   node tools/build/check-refs.mjs   → each bad citation, exit 1 when there is one
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const EXT = /\.(ts|mjs|js|py)$/;
const SKIP = new Set(['node_modules', 'fixtures']);
const SELF = fileURLToPath(import.meta.url); // documents the citation syntax itself

/** Section numbers that docs/specification.md defines (headings "## §6" or "### §6.6 …"). */
export function specSections(root) {
  const text = readFileSync(join(root, 'docs', 'specification.md'), 'utf8');
  return new Set(Array.from(text.matchAll(/^#{2,3} §(\d+(?:\.\d+)?)\b/gm), (m) => m[1]));
}

/** Bad citations under `dirs`: "file:line: text" for each § that is not a known "specification §…". */
export function danglingRefs(root, dirs, sections = specSections(root)) {
  const bad = [];
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (SKIP.has(f) || p === SELF) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (EXT.test(f)) {
        readFileSync(p, 'utf8').split('\n').forEach((line, i) => {
          for (const m of line.matchAll(/(\S*\s?)§([\d.–-]*\d)?/g)) {
            const cited = /specification\s$/.test(m[1]) && m[2] ? m[2].split(/[–-]/) : null;
            if (!cited || !cited.every((s) => sections.has(s))) bad.push(`${p.slice(root.length + 1)}:${i + 1}: ${m[0].trim()}`);
          }
        });
      }
    }
  };
  for (const d of dirs) walk(join(root, d));
  return bad;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const bad = danglingRefs(root, ['src', 'tools', 'test', 'web', 'bench']);
  for (const b of bad) console.log(b);
  console.log(`${bad.length} dangling § citations`);
  process.exit(bad.length ? 1 : 0);
}
