// Element-wise unary float ops. Each is one float32 expression per element:
//   GELU exact: f32(f32(0.5·x)·f32(1 + erf32(f32(x·(1/√2)))))
//   GELU tanh:  f32(f32(0.5·x)·f32(1 + tanh32(f32(√(2/π)·f32(x + f32(0.044715·f32(x·f32(x·x))))))))
//   TANH tanh32, LOGISTIC sigmoid32, EXP exp32, LOG log32, SQRT f32(√x), RSQRT f32(1/f32(√x)),
//   SQUARE f32(x·x), ABS, NEG, RELU max(0,x), RELU6, HARD_SWISH f32(x·f32(relu6(f32(x+3))/6)).
import { fround as f } from './f32.js';
import { erf32, exp32, log32, sigmoid32, tanh32 } from './math32.js';
import { type Kernel, input, expectType } from '../engine/tensor.js';
import { TensorType } from '../tflite/schema.js';

const INV_SQRT2 = f(0.7071067811865476),
  SQRT_2_PI = f(0.7978845608028654),
  GC = f(0.044715);

export const UNARY_FNS: Record<string, (x: number) => number> = {
  GELU: (x) => f(f(0.5 * x) * f(1 + erf32(f(x * INV_SQRT2)))),
  GELU_TANH: (x) => f(f(0.5 * x) * f(1 + tanh32(f(SQRT_2_PI * f(x + f(GC * f(x * f(x * x)))))))),
  TANH: tanh32,
  LOGISTIC: sigmoid32,
  EXP: exp32,
  LOG: log32,
  SQRT: (x) => f(Math.sqrt(x)),
  RSQRT: (x) => f(1 / f(Math.sqrt(x))),
  SQUARE: (x) => f(x * x),
  ABS: (x) => (x < 0 ? -x : x === 0 ? 0 : x),
  NEG: (x) => -x,
  RELU: (x) => (x > 0 ? x : 0),
  RELU6: (x) => (x > 6 ? 6 : x > 0 ? x : 0),
  HARD_SWISH: (x) => {
    const r = f(x + 3);
    return f(x * f((r > 6 ? 6 : r > 0 ? r : 0) / 6));
  },
};

export function unaryKernel(name: string): Kernel {
  return {
    prepare(ctx) {
      const x = input(ctx, 0);
      const intOk = name === 'ABS' || name === 'NEG';
      expectType(ctx, x, intOk ? [TensorType.FLOAT32, TensorType.INT32] : [TensorType.FLOAT32], 'input');
      return [x.shape.slice()];
    },
    run(ctx) {
      const fn = name === 'GELU' && ctx.op.options.approximate ? UNARY_FNS.GELU_TANH : UNARY_FNS[name];
      const x = ctx.inputs[0]!.data,
        y = ctx.outputs[0].data;
      for (let i = 0; i < x.length; i++) y[i] = fn(x[i]);
    },
  };
}
