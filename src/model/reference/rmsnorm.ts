// float64 reference: RMSNorm y = x · rstd · w with rstd = 1/sqrt(mean(x²) + eps), per row of C.
import { expectLength, expectPositiveInts, type Numeric } from './checks.ts';

export function rmsnormForward(
  x: Numeric,
  w: Numeric,
  rows: number,
  C: number,
  eps: number,
): { y: Float64Array; rstd: Float64Array } {
  expectPositiveInts('rmsnormForward', { rows, C });
  expectLength('rmsnormForward', 'x', x, rows * C);
  expectLength('rmsnormForward', 'w', w, C);
  const y = new Float64Array(rows * C);
  const rstd = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let ss = 0;
    for (let c = 0; c < C; c++) ss += x[r * C + c] * x[r * C + c];
    const s = 1 / Math.sqrt(ss / C + eps);
    rstd[r] = s;
    for (let c = 0; c < C; c++) y[r * C + c] = x[r * C + c] * s * w[c];
  }
  return { y, rstd };
}

/**
 * With g = dy ⊙ w: dx = rstd·g − rstd³/C · x · Σ(g ⊙ x)  (the second term is the gradient through rstd);
 * dw = Σ_rows dy ⊙ x · rstd.
 */
export function rmsnormBackward(
  dy: Numeric,
  x: Numeric,
  w: Numeric,
  rstd: Numeric,
  rows: number,
  C: number,
): { dx: Float64Array; dw: Float64Array } {
  expectPositiveInts('rmsnormBackward', { rows, C });
  for (const [name, a] of [
    ['dy', dy],
    ['x', x],
  ] as const)
    expectLength('rmsnormBackward', name, a, rows * C);
  expectLength('rmsnormBackward', 'w', w, C);
  expectLength('rmsnormBackward', 'rstd', rstd, rows);
  const dx = new Float64Array(rows * C);
  const dw = new Float64Array(C);
  for (let r = 0; r < rows; r++) {
    const s = rstd[r];
    let dot = 0;
    for (let c = 0; c < C; c++) dot += dy[r * C + c] * w[c] * x[r * C + c];
    const k = (s * s * s * dot) / C;
    for (let c = 0; c < C; c++) {
      const i = r * C + c;
      dx[i] = s * dy[i] * w[c] - k * x[i];
      dw[c] += dy[i] * x[i] * s;
    }
  }
  return { dx, dw };
}
