// Fused attention: Y = softmax(beta · Q·Kᵀ) · V per head, a block of query rows at a time, so the
// L×S score matrix never exists in full — only a ROWS×S block in scratch (L1-sized).
// Numerics: exactly the three unfused ops BATCH_MATMUL → SOFTMAX → BATCH_MATMUL (src/ts/kernels/
// batch-matmul.ts, softmax.ts): every score and every output element is the same single float32 chain
// over k ascending (gemmPacked), and every softmax row the same max / exp32 / sequential sum / divide.
// Blocking only changes which outputs are computed together, never an output's operations.
import { gemmPacked, packPanels, packPanelsT } from './gemm';
import { softmax } from './activations';

export const ATTENTION_ROWS: i32 = 16;

/**
 * q: H×[L][D] (a transposed Q, adj_x, is never fused); k: H×[S][D] when kT (adj_y) else H×[D][S];
 * v: H×[S][Dv] when !vT else H×[Dv][S]; y: H×[L][Dv].
 * Scratch: kp ≥ ceil(S/8)·8·D floats, vp ≥ ceil(Dv/8)·8·S floats, sc ≥ ATTENTION_ROWS·S floats.
 */
export function attention(
  q: usize, k: usize, v: usize, y: usize,
  H: i32, L: i32, S: i32, D: i32, Dv: i32, beta: f32, kT: i32, vT: i32,
  kp: usize, vp: usize, sc: usize,
): void {
  for (let h = 0; h < H; h++) {
    const qh = q + (<usize>(h * L * D) << 2), kh = k + (<usize>(h * S * D) << 2);
    const vh = v + (<usize>(h * S * Dv) << 2), yh = y + (<usize>(h * L * Dv) << 2);
    // Kᵀ as the D×S right operand, V as the S×Dv right operand, both in 8-column panels.
    if (kT) packPanelsT(kh, D, kp, D, S); else packPanels(kh, S, kp, D, S);
    if (vT) packPanelsT(vh, S, vp, S, Dv); else packPanels(vh, Dv, vp, S, Dv);
    for (let m = 0; m < L; m += ATTENTION_ROWS) {
      const rows = L - m < ATTENTION_ROWS ? L - m : ATTENTION_ROWS;
      gemmPacked(qh + (<usize>(m * D) << 2), D, kp, sc, S, rows, S, D, 0);
      softmax(sc, sc, rows, S, beta);
      gemmPacked(sc, S, vp, yh + (<usize>(m * Dv) << 2), Dv, rows, Dv, S, 0);
    }
  }
}
