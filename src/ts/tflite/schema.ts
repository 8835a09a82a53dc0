// The parts of the TFLite schema (schema.fbs) the engine reads: field indices of each
// table, tensor types, builtin operator codes and the option tables of supported ops.

export const enum TensorType { FLOAT32 = 0, FLOAT16 = 1, INT32 = 2, UINT8 = 3, INT64 = 4, STRING = 5, BOOL = 6, INT16 = 7, COMPLEX64 = 8, INT8 = 9, FLOAT64 = 10 }
export const TENSOR_TYPE_NAMES = ['float32', 'float16', 'int32', 'uint8', 'int64', 'string', 'bool', 'int16', 'complex64', 'int8', 'float64'];
export const TENSOR_TYPE_SIZES = [4, 2, 4, 1, 8, 0, 1, 2, 8, 1, 8];

/** Builtin operator codes (schema.fbs `enum BuiltinOperator`) of the ops this engine knows. */
export const Op = {
  ADD: 0, AVERAGE_POOL_2D: 1, CONCATENATION: 2, CONV_2D: 3, DEPTHWISE_CONV_2D: 4, DEQUANTIZE: 6,
  FULLY_CONNECTED: 9, LOGISTIC: 14, MAX_POOL_2D: 17, MUL: 18, RELU: 19, RELU6: 21, RESHAPE: 22,
  SOFTMAX: 25, TANH: 28, PAD: 34, GATHER: 36, TRANSPOSE: 39, MEAN: 40, SUB: 41, DIV: 42, SQUEEZE: 43,
  STRIDED_SLICE: 45, EXP: 47, SPLIT: 49, LOG_SOFTMAX: 50, CAST: 53, MAXIMUM: 55, MINIMUM: 57, NEG: 59,
  SLICE: 65, SIN: 66, EXPAND_DIMS: 70, LOG: 73, SUM: 74, SQRT: 75, RSQRT: 76, POW: 78, REDUCE_MAX: 82,
  PACK: 83, UNPACK: 88, SQUARE: 92, SQUARED_DIFFERENCE: 99, ABS: 101, SPLIT_V: 102, COS: 108,
  HARD_SWISH: 117, BATCH_MATMUL: 126, BROADCAST_TO: 130, GELU: 150,
} as const;
export type OpName = keyof typeof Op;
export const OP_NAMES: Record<number, OpName> = {};
for (const k of Object.keys(Op) as OpName[]) OP_NAMES[Op[k]] = k;

/** BuiltinOptions union member ids used by the writer (schema.fbs `union BuiltinOptions`). */
export const OptionsType = {
  Conv2DOptions: 1, DepthwiseConv2DOptions: 2, Pool2DOptions: 5, FullyConnectedOptions: 8, SoftmaxOptions: 9,
  ConcatenationOptions: 10, AddOptions: 11, ReshapeOptions: 17, MulOptions: 21, PadOptions: 22, GatherOptions: 23,
  TransposeOptions: 26, ReducerOptions: 27, SubOptions: 28, DivOptions: 29, SqueezeOptions: 30, StridedSliceOptions: 32,
  ExpOptions: 33, SplitOptions: 35, LogSoftmaxOptions: 36, CastOptions: 37, DequantizeOptions: 38,
  MaximumMinimumOptions: 39, NegOptions: 42, SliceOptions: 48, ExpandDimsOptions: 52, PowOptions: 56, PackOptions: 59,
  UnpackOptions: 64, SquareOptions: 66, SquaredDifferenceOptions: 76, AbsOptions: 78, SplitVOptions: 79,
  HardSwishOptions: 91, BatchMatMulOptions: 101, BroadcastToOptions: 104, GeluOptions: 116,
} as const;

export type FieldKind = 'i32' | 'u8' | 'i8' | 'bool' | 'f32' | 'i32s';
/** Option table layouts: [name, field index, kind, default]. */
export type OptionSpec = [string, number, FieldKind, number | boolean | number[]][];

const act: OptionSpec[number] = ['fused_activation_function', 0, 'i8', 0];
export const OPTION_SPECS: Partial<Record<OpName, { type: number; fields: OptionSpec }>> = {
  CONV_2D: { type: OptionsType.Conv2DOptions, fields: [['padding', 0, 'i8', 0], ['stride_w', 1, 'i32', 0], ['stride_h', 2, 'i32', 0], ['fused_activation_function', 3, 'i8', 0], ['dilation_w_factor', 4, 'i32', 1], ['dilation_h_factor', 5, 'i32', 1]] },
  DEPTHWISE_CONV_2D: { type: OptionsType.DepthwiseConv2DOptions, fields: [['padding', 0, 'i8', 0], ['stride_w', 1, 'i32', 0], ['stride_h', 2, 'i32', 0], ['depth_multiplier', 3, 'i32', 0], ['fused_activation_function', 4, 'i8', 0], ['dilation_w_factor', 5, 'i32', 1], ['dilation_h_factor', 6, 'i32', 1]] },
  AVERAGE_POOL_2D: { type: OptionsType.Pool2DOptions, fields: [['padding', 0, 'i8', 0], ['stride_w', 1, 'i32', 0], ['stride_h', 2, 'i32', 0], ['filter_width', 3, 'i32', 0], ['filter_height', 4, 'i32', 0], ['fused_activation_function', 5, 'i8', 0]] },
  MAX_POOL_2D: { type: OptionsType.Pool2DOptions, fields: [['padding', 0, 'i8', 0], ['stride_w', 1, 'i32', 0], ['stride_h', 2, 'i32', 0], ['filter_width', 3, 'i32', 0], ['filter_height', 4, 'i32', 0], ['fused_activation_function', 5, 'i8', 0]] },
  FULLY_CONNECTED: { type: OptionsType.FullyConnectedOptions, fields: [act, ['weights_format', 1, 'i8', 0], ['keep_num_dims', 2, 'bool', false], ['asymmetric_quantize_inputs', 3, 'bool', false]] },
  SOFTMAX: { type: OptionsType.SoftmaxOptions, fields: [['beta', 0, 'f32', 0]] },
  LOG_SOFTMAX: { type: OptionsType.LogSoftmaxOptions, fields: [] },
  CONCATENATION: { type: OptionsType.ConcatenationOptions, fields: [['axis', 0, 'i32', 0], ['fused_activation_function', 1, 'i8', 0]] },
  ADD: { type: OptionsType.AddOptions, fields: [act] },
  SUB: { type: OptionsType.SubOptions, fields: [act] },
  MUL: { type: OptionsType.MulOptions, fields: [act] },
  DIV: { type: OptionsType.DivOptions, fields: [act] },
  RESHAPE: { type: OptionsType.ReshapeOptions, fields: [['new_shape', 0, 'i32s', []]] },
  PAD: { type: OptionsType.PadOptions, fields: [] },
  GATHER: { type: OptionsType.GatherOptions, fields: [['axis', 0, 'i32', 0], ['batch_dims', 1, 'i32', 0]] },
  TRANSPOSE: { type: OptionsType.TransposeOptions, fields: [] },
  MEAN: { type: OptionsType.ReducerOptions, fields: [['keep_dims', 0, 'bool', false]] },
  SUM: { type: OptionsType.ReducerOptions, fields: [['keep_dims', 0, 'bool', false]] },
  REDUCE_MAX: { type: OptionsType.ReducerOptions, fields: [['keep_dims', 0, 'bool', false]] },
  SQUEEZE: { type: OptionsType.SqueezeOptions, fields: [['squeeze_dims', 0, 'i32s', []]] },
  STRIDED_SLICE: { type: OptionsType.StridedSliceOptions, fields: [['begin_mask', 0, 'i32', 0], ['end_mask', 1, 'i32', 0], ['ellipsis_mask', 2, 'i32', 0], ['new_axis_mask', 3, 'i32', 0], ['shrink_axis_mask', 4, 'i32', 0], ['offset', 5, 'bool', false]] },
  EXP: { type: OptionsType.ExpOptions, fields: [] },
  SPLIT: { type: OptionsType.SplitOptions, fields: [['num_splits', 0, 'i32', 0]] },
  SPLIT_V: { type: OptionsType.SplitVOptions, fields: [['num_splits', 0, 'i32', 0]] },
  CAST: { type: OptionsType.CastOptions, fields: [['in_data_type', 0, 'i8', 0], ['out_data_type', 1, 'i8', 0]] },
  DEQUANTIZE: { type: OptionsType.DequantizeOptions, fields: [] },
  MAXIMUM: { type: OptionsType.MaximumMinimumOptions, fields: [] },
  MINIMUM: { type: OptionsType.MaximumMinimumOptions, fields: [] },
  NEG: { type: OptionsType.NegOptions, fields: [] },
  SLICE: { type: OptionsType.SliceOptions, fields: [] },
  EXPAND_DIMS: { type: OptionsType.ExpandDimsOptions, fields: [] },
  POW: { type: OptionsType.PowOptions, fields: [] },
  PACK: { type: OptionsType.PackOptions, fields: [['values_count', 0, 'i32', 0], ['axis', 1, 'i32', 0]] },
  UNPACK: { type: OptionsType.UnpackOptions, fields: [['num', 0, 'i32', 0], ['axis', 1, 'i32', 0]] },
  SQUARE: { type: OptionsType.SquareOptions, fields: [] },
  SQUARED_DIFFERENCE: { type: OptionsType.SquaredDifferenceOptions, fields: [] },
  ABS: { type: OptionsType.AbsOptions, fields: [] },
  HARD_SWISH: { type: OptionsType.HardSwishOptions, fields: [] },
  BATCH_MATMUL: { type: OptionsType.BatchMatMulOptions, fields: [['adj_x', 0, 'bool', false], ['adj_y', 1, 'bool', false], ['asymmetric_quantize_inputs', 2, 'bool', false]] },
  BROADCAST_TO: { type: OptionsType.BroadcastToOptions, fields: [] },
  GELU: { type: OptionsType.GeluOptions, fields: [['approximate', 0, 'bool', false]] },
};
