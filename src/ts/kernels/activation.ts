// Fused activation functions (TFLite ActivationFunctionType): 0 NONE, 1 RELU, 2 RELU_N1_TO_1, 3 RELU6.
import { ModelError } from '../errors.js';

export function checkActivation(code: number, where: string): void {
  if (code < 0 || code > 3)
    throw new ModelError(`${where}: fused activation ${code} is not supported (NONE, RELU, RELU_N1_TO_1, RELU6)`);
}

/** Applies the fused activation in place on data[0..n). Exact: only comparisons. */
export function applyActivation(code: number, d: Float32Array, from = 0, to = d.length): void {
  if (code === 0) return;
  const lo = code === 2 ? -1 : 0,
    hi = code === 1 ? Infinity : code === 2 ? 1 : 6;
  for (let i = from; i < to; i++) {
    const v = d[i];
    d[i] = v < lo ? lo : v > hi ? hi : v;
  }
}
