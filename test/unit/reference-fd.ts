// Finite-difference helpers for the float64 reference tests (central differences).

/** Σ a·b. */
export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

/** Relative error that does not blow up on entries that are ~0: |a−n| / max(|a|, |n|, floor). */
export function relErr(analytic: number, numeric: number, floor = 1e-6): number {
  return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic), Math.abs(numeric), floor);
}

/**
 * Five-point central difference (error O(h⁴)): with h ≈ 1e-3 both truncation and rounding noise stay
 * near 1e-12, so entries with small gradients are checked as tightly as large ones. Entries below `floor`
 * (e.g. the exact zeros of unused embedding rows) are held to an absolute error of tol·floor.
 */
export function maxFdError5(
  loss: () => number,
  x: Float64Array,
  analytic: ArrayLike<number>,
  indices: number[],
  h = 1e-3,
  floor = 1e-5,
): number {
  let worst = 0;
  for (const i of indices) {
    const orig = x[i];
    const at = (d: number): number => {
      x[i] = orig + d;
      return loss();
    };
    const numeric = (-at(2 * h) + 8 * at(h) - 8 * at(-h) + at(-2 * h)) / (12 * h);
    x[i] = orig;
    worst = Math.max(worst, relErr(analytic[i], numeric, floor));
  }
  return worst;
}

/**
 * Compares `analytic` (the gradient of scalar `loss` w.r.t. `x`) with central differences at `indices`
 * (all entries when omitted). `x` is perturbed in place and restored. Returns the max relative error.
 */
export function maxFdError(
  loss: () => number,
  x: Float64Array,
  analytic: ArrayLike<number>,
  indices?: number[],
  h = 1e-5,
): number {
  let worst = 0;
  const idx = indices ?? Array.from({ length: x.length }, (_, i) => i);
  for (const i of idx) {
    const orig = x[i];
    x[i] = orig + h;
    const up = loss();
    x[i] = orig - h;
    const down = loss();
    x[i] = orig;
    worst = Math.max(worst, relErr(analytic[i], (up - down) / (2 * h)));
  }
  return worst;
}
