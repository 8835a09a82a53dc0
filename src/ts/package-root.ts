// The installed package's root directory (Node only): where models/, samples/ and dist/ live.
// This file compiles to dist/package-root.js, so the root is one level up. The CommonJS bundle
// (dist/openecg-node.cjs) defines import.meta.url as this file's URL, so the same code works there.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export function packageRoot(): string {
  return join(dirname(fileURLToPath(import.meta.url)), '..');
}
