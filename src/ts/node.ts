// Node entry point: everything of the portable entry, plus file access (bundled model, WFDB paths).
import { setModelReader } from './inference.js';
import { readModelFile } from './models-path.js';
setModelReader(readModelFile);
export * from './index.js';
export { readWfdbRecord, readWfdbAnnotations, type NodePhysionetOptions } from './io/read-record-node.js';
export { directoryCache } from './io/http-cache-node.js';
export { loadSignalFile } from './io/load-signal.js';
export { readEdfFile } from './io/edf-node.js';
export { bundledModelPath, readModelFile, samplePath } from './models-path.js';
export { Pool } from './delineate/pool.js';
export { rPeaks } from './r-peaks-node.js';
