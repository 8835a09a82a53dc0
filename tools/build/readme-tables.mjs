// Writes the generated tables into README.md between their markers (<!-- size:begin --> … <!-- size:end -->,
// <!-- bench:begin --> … <!-- bench:end -->, <!-- ops:begin --> … <!-- ops:end -->, <!-- micro:begin --> …). test/readme-numbers.test.mjs checks
// the README holds exactly these.
//   node tools/build/readme-tables.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { sizeRows, sizeMarkdown } from './size.mjs';
import { benchMarkdown, opsMarkdown, microMarkdown } from '../../bench/readme-table.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export async function readmeTables() {
  return { size: sizeMarkdown(await sizeRows()), bench: benchMarkdown(), ops: opsMarkdown(), micro: microMarkdown() };
}

export function between(text, name) {
  const a = text.indexOf(`<!-- ${name}:begin -->\n`);
  const b = text.indexOf(`<!-- ${name}:end -->`);
  if (a < 0 || b < a) return null;
  return text.slice(a + `<!-- ${name}:begin -->\n`.length, b).trimEnd();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const p = join(ROOT, 'README.md');
  let text = readFileSync(p, 'utf8');
  for (const [name, table] of Object.entries(await readmeTables())) {
    const a = text.indexOf(`<!-- ${name}:begin -->`);
    const b = text.indexOf(`<!-- ${name}:end -->`);
    if (a < 0 || b < a) throw new Error(`README.md has no ${name} markers`);
    text = text.slice(0, a) + `<!-- ${name}:begin -->\n${table}\n` + text.slice(b);
  }
  writeFileSync(p, text);
  console.log('README.md tables written');
}
