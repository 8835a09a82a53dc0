// Where the bundled model lives (Node): <package>/models/boundary_int8.tflite.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-root.js';
import { OpenEcgError } from './errors.js';
import { microModelBytes, MICRO_MODEL_NAME } from './delineate/embedded-micro.js';

export const BUNDLED_MODEL_NAME = 'boundary_int8.tflite';

export function bundledModelPath(): string {
  return join(packageRoot(), 'models', BUNDLED_MODEL_NAME);
}

/** The model file at `path` (the bundled model without one; 'micro': the embedded micro model, docs/micro.md). */
export function readModelFile(path?: string): Uint8Array {
  if (path === MICRO_MODEL_NAME) return microModelBytes();
  const p = path ?? bundledModelPath();
  if (!existsSync(p))
    throw new OpenEcgError(
      path
        ? `model file not found: ${p}`
        : 'the bundled model is missing from this installation (models/boundary_int8.tflite)',
    );
  if (!statSync(p).isFile()) throw new OpenEcgError(`model path is not a file: ${p}`);
  return new Uint8Array(readFileSync(p));
}

/** Path of a recording shipped in the package's samples/ folder (WFDB record name, without extension). */
export function samplePath(name = 'ludb-4'): string {
  return join(packageRoot(), 'samples', name);
}
