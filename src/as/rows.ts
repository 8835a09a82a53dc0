// Helpers for reductions vectorised across rows: lane l holds one element of row l, so a
// row's sum stays one sequential float32 chain (the JS reference order) while four rows advance at once.

/** [*p0, *p1, *p2, *p3] as one f32x4. */
@inline export function gather4(p0: usize, p1: usize, p2: usize, p3: usize): v128 {
  let v = f32x4.splat(load<f32>(p0));
  v = f32x4.replace_lane(v, 1, load<f32>(p1));
  v = f32x4.replace_lane(v, 2, load<f32>(p2));
  v = f32x4.replace_lane(v, 3, load<f32>(p3));
  return v;
}
