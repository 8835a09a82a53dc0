// Portable package entry (browsers, workers, any JS engine). Node adds file access in node.ts.
export { loadModelSync, type Model, type LoadOptions, type Backend } from './engine/model.js';
export { loadModel } from './engine/load-async.js';
export { OpenEcgError, ModelError, FormatError, SignalError } from './errors.js';
export { readTflite } from './tflite/model.js';
export { Inference, type Delineation, type InferenceOptions, type PredictOptions, type WindowBoundary } from './delineate/inference.js';
export { groupBeats, beatIntervals, type Wave, type Beat, type Intervals, type BeatIntervals } from './ecg/beats.js';
export { decodeWaves, decodeWindow } from './ecg/decode.js';
export { rankNormalize } from './dsp/rank-normalize.js';
export { resample } from './dsp/resample.js';
export { parseWfdbHeader } from './io/wfdb-header.js';
export { decodeWfdbSignals } from './io/wfdb-signal.js';
export { parseWfdbAnnotations } from './io/wfdb-annotation.js';
export { parseCsv } from './io/csv.js';
export { parseNpy, writeNpy } from './io/npy.js';
export { matchBoundaries, scoreBoundaries, type BoundaryScore, type Scores } from './eval/martinez.js';
export { renderSvg } from './report/svg.js';
export * as codec from './codec/tokens.js';
export * as vocab from './codec/vocab.js';
