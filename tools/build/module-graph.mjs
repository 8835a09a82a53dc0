// The import graph of src/ts (every `import … from './x.js'`, type-only imports included) and its cycles.
//   node tools/build/module-graph.mjs [src dir]   → prints each cycle, exits 1 when there is one
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, dirname, resolve, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

export function moduleGraph(root) {
  const files = [];
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (p.endsWith('.ts')) files.push(p);
    }
  };
  walk(root);
  const graph = new Map();
  for (const f of files) {
    const src = readFileSync(f, 'utf8');
    const deps = [];
    for (const m of src.matchAll(/(?:import|export)\s[^'";]*?from\s+['"](\.[^'"]+)['"]/g)) {
      deps.push(relative(root, resolve(dirname(f), m[1].replace(/\.js$/, '.ts'))));
    }
    graph.set(relative(root, f), deps);
  }
  return graph;
}

/** Every elementary cycle found by depth-first search (each reported once, from its smallest node). */
export function findCycles(graph) {
  const cycles = [];
  const state = new Map();
  const stack = [];
  const visit = (n) => {
    state.set(n, 1);
    stack.push(n);
    for (const m of graph.get(n) ?? []) {
      if (state.get(m) === 1) cycles.push([...stack.slice(stack.indexOf(m)), m]);
      else if (!state.has(m)) visit(m);
    }
    stack.pop();
    state.set(n, 2);
  };
  for (const n of [...graph.keys()].sort()) if (!state.has(n)) visit(n);
  return cycles;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const root = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '../../src/ts');
  const cycles = findCycles(moduleGraph(root));
  for (const c of cycles) console.log('cycle: ' + c.join(' → '));
  console.log(`${moduleGraph(root).size} modules, ${cycles.length} cycles`);
  process.exit(cycles.length ? 1 : 0);
}
