// Fused attention in dynamic int8 numerics: Y = softmax(beta · Q·Kᵀ) · V per head, where both products are
// the dynamically quantised BATCH_MATMUL of src/ts/kernels/batch-matmul.ts (a model's numerics hint):
//   scores[l][s] = f32(f32(f32(Σ_d qQ[l][d]·qK[s][d]) · sQ_l) · sK_s)     (rows of Q, columns of Kᵀ = rows of K)
//   probs        = the float softmax of activations.ts (unchanged)
//   y[l][c]      = f32(f32(f32(Σ_s qP[l][s]·qV[c][s]) · sP_l) · sV_c)     (rows of P, columns of V)
// Each row or column is quantised by itself (hybrid.ts), so quantising a block of ATTENTION_ROWS query rows at a
// time gives exactly the unfused ops' values; the integer sums are exact in any order (gemm-int.ts).
// Covered layout: K as [S][D] (adj_y) and V as [S][Dv]; other layouts keep the unfused ops.
import { gemmInt } from './gemm-int';
import { quantizeRows } from './hybrid';
import { softmax } from './activations';
import { transpose } from './gemm';
import { ATTENTION_ROWS } from './attention';

/**
 * q: H×[L][D]; k: H×[S][D]; v: H×[S][Dv]; y: H×[L][Dv]. Scratch (bytes, 16-aligned each):
 * kq S·Dp·2, kp ⌈S/8⌉·Dp·32 (Dp = D rounded up to even), ks ⌈S/8⌉·32; vt Dv·S·4, vq Dv·Sp·2, vp ⌈Dv/8⌉·Sp·32
 * (Sp = S rounded up to even), vs ⌈Dv/8⌉·32; qq ROWS·Dp·2, qs ROWS·4, sc ROWS·S·4, pq ROWS·Sp·2, ps ROWS·4.
 */
export function attentionInt(
  q: usize, k: usize, v: usize, y: usize, H: i32, L: i32, S: i32, D: i32, Dv: i32, beta: f32,
  kq: usize, kp: usize, ks: usize, vt: usize, vq: usize, vp: usize, vs: usize,
  qq: usize, qs: usize, sc: usize, pq: usize, ps: usize,
): void {
  const Dp = (D + 1) & ~1, Sp = (S + 1) & ~1;
  for (let h = 0; h < H; h++) {
    const qh = q + (<usize>(h * L * D) << 2), kh = k + (<usize>(h * S * D) << 2);
    const vh = v + (<usize>(h * S * Dv) << 2), yh = y + (<usize>(h * L * Dv) << 2);
    // Kᵀ's columns are K's rows; V's columns are the rows of its transpose.
    quantizeRows(kh, S, D, kq, Dp, ks, 1);
    packPairPanels16(kq, Dp, kp, S, Dp);
    transpose(vh, Dv, vt, S, S, Dv);
    quantizeRows(vt, Dv, S, vq, Sp, vs, 1);
    packPairPanels16(vq, Sp, vp, Dv, Sp);
    for (let m = 0; m < L; m += ATTENTION_ROWS) {
      const rows = L - m < ATTENTION_ROWS ? L - m : ATTENTION_ROWS;
      quantizeRows(qh + (<usize>(m * D) << 2), rows, D, qq, Dp, qs, 1);
      gemmInt(qq, Dp, qs, 1, kp, ks, 0, sc, S, rows, S, Dp);
      softmax(sc, sc, rows, S, beta);
      quantizeRows(sc, rows, S, pq, Sp, ps, 1);
      gemmInt(pq, Sp, ps, 1, vp, vs, 0, yh + (<usize>(m * Dv) << 2), Dv, rows, Dv, Sp);
    }
  }
}

/** N rows of Kp int16 (row stride lds elements, Kp even) → the int16 pair panels of gemm-int.ts (zero past N). */
export function packPairPanels16(src: usize, lds: i32, dst: usize, N: i32, Kp: i32): void {
  const panels = (N + 7) >> 3, pairs = Kp >> 1;
  for (let p = 0; p < panels; p++) {
    for (let j = 0; j < pairs; j++) {
      const o = dst + (<usize>((p * pairs + j) * 16) << 1);
      for (let c = 0; c < 8; c++) {
        const n = (p << 3) + c;
        // One pair (two int16) moves as one i32.
        store<i32>(o + (<usize>c << 2), n < N ? load<i32>(src + (<usize>(n * lds + 2 * j) << 1)) : 0);
      }
    }
  }
}
