// Comparing a GPU result with the float64 reference: the worst error relative to a tolerance
// |got − want| ≤ atol + rtol·|want|, used by the page's checks, the browser tests and the Node unit tests.

/** fp32 unit roundoff: bounds of f32 sums are written as multiples of it. */
export const F32_EPS = 2 ** -24;

export interface Comparison {
  /** Worst |got − want| / (atol + rtol·|want|); ≤ 1 passes, a NaN result gives Infinity. */
  ratio: number;
  /** Index of the worst element (−1 when all match exactly or the lengths differ). */
  at: number;
}

export function compare(got: ArrayLike<number>, want: ArrayLike<number>, rtol: number, atol: number): Comparison {
  if (got.length !== want.length) return { ratio: Infinity, at: -1 };
  let ratio = 0;
  let at = -1;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i] - want[i]);
    // A NaN/Inf result never passes; an exact match passes even under a zero tolerance (0/0).
    const v = Number.isNaN(err) ? Infinity : err === 0 ? 0 : err / (atol + rtol * Math.abs(want[i]));
    if (v > ratio) {
      ratio = v;
      at = i;
    }
  }
  return { ratio, at };
}

/** Rounds through f32 so the float64 reference sees exactly what the GPU sees. */
export function f32(a: ArrayLike<number>): Float64Array {
  return Float64Array.from(Float32Array.from(a));
}

/** Largest |x| of a reference tensor (to scale absolute tolerances of reductions). */
export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
