// float32 rounding for the JS backend. Math.fround where it exists; elsewhere (Duktape,
// ES5 engines) a store through a Float32Array, which rounds identically (IEEE-754 RNE).
const slot = new Float32Array(1);
function froundPolyfill(x: number): number {
  slot[0] = x;
  return slot[0];
}
const native = (Math as any).fround as ((x: number) => number) | undefined;
export const fround: (x: number) => number = typeof native === 'function' ? native : froundPolyfill;
