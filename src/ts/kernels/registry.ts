// Op name → kernel. An op missing here is rejected when the model loads.
import type { Kernel } from '../engine/tensor.js';
import type { OpName } from '../tflite/schema.js';
import { FullyConnected } from './fully-connected.js';
import { Conv2D } from './conv-2d.js';
import { DepthwiseConv2D } from './depthwise-conv-2d.js';
import { BatchMatMul } from './batch-matmul.js';
import { Softmax, LogSoftmax } from './softmax.js';
import { unaryKernel } from './unary.js';
import { binaryKernel } from './binary.js';
import { reduceKernel } from './reduce.js';
import { Reshape, Squeeze, ExpandDims } from './reshape.js';
import { Transpose } from './transpose.js';
import { Concatenation, Pack, Split, SplitV, Unpack } from './concat-split.js';
import { Slice, StridedSlice } from './slice.js';
import { Pad, Gather, Cast, Dequantize, BroadcastTo } from './misc.js';
import { poolKernel } from './pool-2d.js';

export const KERNELS: Partial<Record<OpName, Kernel>> = {
  FULLY_CONNECTED: FullyConnected,
  CONV_2D: Conv2D,
  DEPTHWISE_CONV_2D: DepthwiseConv2D,
  BATCH_MATMUL: BatchMatMul,
  SOFTMAX: Softmax,
  LOG_SOFTMAX: LogSoftmax,
  GELU: unaryKernel('GELU'),
  TANH: unaryKernel('TANH'),
  LOGISTIC: unaryKernel('LOGISTIC'),
  EXP: unaryKernel('EXP'),
  LOG: unaryKernel('LOG'),
  SQRT: unaryKernel('SQRT'),
  RSQRT: unaryKernel('RSQRT'),
  SQUARE: unaryKernel('SQUARE'),
  ABS: unaryKernel('ABS'),
  NEG: unaryKernel('NEG'),
  RELU: unaryKernel('RELU'),
  RELU6: unaryKernel('RELU6'),
  HARD_SWISH: unaryKernel('HARD_SWISH'),
  ADD: binaryKernel('ADD'),
  SUB: binaryKernel('SUB'),
  MUL: binaryKernel('MUL'),
  DIV: binaryKernel('DIV'),
  MAXIMUM: binaryKernel('MAXIMUM'),
  MINIMUM: binaryKernel('MINIMUM'),
  POW: binaryKernel('POW'),
  SQUARED_DIFFERENCE: binaryKernel('SQUARED_DIFFERENCE'),
  MEAN: reduceKernel('MEAN'),
  SUM: reduceKernel('SUM'),
  REDUCE_MAX: reduceKernel('REDUCE_MAX'),
  RESHAPE: Reshape,
  SQUEEZE: Squeeze,
  EXPAND_DIMS: ExpandDims,
  TRANSPOSE: Transpose,
  CONCATENATION: Concatenation,
  PACK: Pack,
  SPLIT: Split,
  SPLIT_V: SplitV,
  UNPACK: Unpack,
  SLICE: Slice,
  STRIDED_SLICE: StridedSlice,
  PAD: Pad,
  GATHER: Gather,
  CAST: Cast,
  DEQUANTIZE: Dequantize,
  BROADCAST_TO: BroadcastTo,
  AVERAGE_POOL_2D: poolKernel('avg'),
  MAX_POOL_2D: poolKernel('max'),
};
