// The inference path for ES5 engines (Duktape, old browsers): engine + JS kernels +
// preprocessing + decoder, no Map/Set/Promise, no Node APIs. Bundled by tools/build/es5-bundle.mjs.
export { loadModelSync } from './engine/model.js';
export { readTflite } from './tflite/model.js';
export { rankNormalize } from './dsp/rank-normalize.js';
export { resample } from './dsp/resample.js';
export { decodeWaves, decodeWindow } from './ecg/decode.js';
export { OpenEcgError, ModelError, SignalError, FormatError } from './errors.js';
export { decodeEdf } from './io/edf.js';
export { parseWfdbHeader } from './io/wfdb-header.js';
export { decodeWfdbSignals } from './io/wfdb-signal.js';
export { parseWfdbAnnotationFile } from './io/wfdb-annotation.js';
export { decodeFlac } from './io/flac.js';
export { Es5Inference as Inference } from './es5-inference.js';
