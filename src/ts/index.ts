// Portable package entry (browsers, workers, any JS engine). Node adds file access in node.ts.
import './wasm/register.js';
export { loadModelSync, type Model, type LoadOptions, type Backend } from './engine/model.js';
export { loadModel } from './engine/load-async.js';
export { OpenEcgError, ModelError, FormatError, SignalError } from './errors.js';
export { readTflite } from './tflite/model.js';
export { WebPool, type WebPoolOptions } from './delineate/web-pool.js';
export {
  Inference,
  type Delineation,
  type InferenceOptions,
  type PredictOptions,
  type WindowBoundary,
  type ClassifierChoice,
} from './inference.js';
export { Delineator } from './delineate/delineator.js';
export { microModelBytes, MICRO_MODEL_NAME } from './delineate/embedded-micro.js';
export {
  classify,
  type Classifier,
  type ClassifyInput,
  type BeatLabel,
  type RhythmLabel,
} from './classify/classifier.js';
export { rulesClassifier } from './classify/rules-classifier.js';
export { aamiOfType, type Aami } from './classify/beat-types.js';
export { groupBeats, beatIntervals, type Wave, type Beat, type Intervals, type BeatIntervals } from './ecg/beats.js';
export { decodeWaves, decodeWindow } from './ecg/decode.js';
export { rankNormalize } from './dsp/rank-normalize.js';
export { resample } from './dsp/resample.js';
export { parseWfdbHeader, parseWfdbMultiSegmentHeader } from './io/wfdb-header.js';
export { decodeWfdbSignals, frameAveraged, highResolution } from './io/wfdb-signal.js';
export { parseWfdbAnnotations, parseWfdbAnnotationFile, inRecordSamples } from './io/wfdb-annotation.js';
export { decodeFlac, type FlacStream } from './io/flac.js';
export { readEdfRanged, readWfdbRanged, blobSource, type RangeSource } from './io/ranged.js';
export { readWfdbRecord, type RemoteRecord } from './io/read-record.js';
export {
  readPhysionetRecord,
  readPhysionetAnnotations,
  parsePhysionetPath,
  PHYSIONET_FILES,
  type PhysionetPath,
  type PhysionetReadOptions,
} from './io/physionet.js';
export { httpSource, type ByteCache, type FetchLike, type HttpSourceOptions } from './io/http-source.js';
export { indexedDbCache } from './io/http-cache-idb.js';
export type { AnnotationFile, AnnotationLabel } from './io/wfdb-annotation.js';
export { parseCsv } from './io/csv.js';
export {
  decodeEdf,
  parseEdfHeader,
  type EdfRecording,
  type EdfHeader,
  type EdfReadOptions,
  type EdfAnnotation,
} from './io/edf.js';
export { parseNpy, writeNpy, npyColumn, npyLeadNames } from './io/npy.js';
export { matchBoundaries, scoreBoundaries, type BoundaryScore, type Scores } from './eval/martinez.js';
export { bxbCompare, bxbStats, sumMatrices, BXB_ROWS, AAMI_TEST_CODE } from './eval/bxb.js';
export type { BxbAnnotation, BxbOptions, BxbResult, BxbStats, BxbMatrix } from './eval/bxb.js';
export {
  compareBeats,
  AAMI_CLASSES,
  type BeatMark,
  type BeatComparison,
  type CompareOptions,
} from './eval/compare-beats.js';
export { beatColumns, type BeatColumns } from './ecg/columns.js';
export { beatQuality, type BeatQuality } from './ecg/beat-quality.js';
export { scoreEc57, type Ec57Record, type Ec57Result } from './eval/ec57.js';
export { encodeWfdbAnnotations, WFDB_CODE, type AnnotationOut } from './io/wfdb-annotation-write.js';
export { renderSvg } from './report/svg.js';
export * as codec from './codec/tokens.js';
export * as vocab from './codec/vocab.js';
export { LayeredCodec } from './layered/codec.js';
export { streamWindows } from './layered/encode.js';
export { afibScore } from './classify/afib.js';
export { detectPacerSpikes, classifyBeats, classifyRhythm } from './classify/rules.js';
export { detectPacerSpikesLocalized } from './classify/pacer.js';
export * as layers from './classify/classes.js';
export type { EcgReport, ReportOptions } from './report/report.js';
export { holterSummary, type HolterSummary, type HolterEpisode, type HolterHour } from './report/holter.js';
