// Writing a file the user named (--svg, --out): any failure is one OpenEcgError naming the path.
import { writeFileSync } from 'node:fs';
import { OpenEcgError } from '../errors.js';

export function writeOutput(path: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    const why =
      err.code === 'EISDIR'
        ? 'it is a directory'
        : err.code === 'ENOENT'
          ? 'its folder does not exist'
          : err.code === 'EACCES'
            ? 'permission denied'
            : err.message;
    throw new OpenEcgError(`cannot write ${path}: ${why}`);
  }
}
