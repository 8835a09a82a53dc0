// Node entry point: everything of the portable entry, plus file access (bundled model, WFDB paths).
import { setModelReader } from './inference.js';
import { readModelFile } from './models-path.js';
setModelReader(readModelFile);
export * from './index.js';
export { readWfdbRecord, readWfdbAnnotations } from './io/wfdb-node.js';
export { loadSignalFile } from './io/load-signal.js';
export { readEdfFile } from './io/edf-node.js';
export { bundledModelPath, readModelFile, samplePath } from './models-path.js';
export { Pool } from './delineate/pool.js';
