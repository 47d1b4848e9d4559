// float64 reference for the optimizer side: PyTorch-style AdamW, global gradient norm, clipping, non-finite detection.
import { expectLength, type Numeric } from './checks.ts';

export interface AdamwHyper {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  /** Decoupled weight decay; the caller passes 0 for tensors that are not decayed (norm weights). */
  weightDecay: number;
  /** 1-based step count used for bias correction. */
  step: number;
}

/** In place: m, v updated with g; p −= lr·(m̂/(√v̂ + eps) + wd·p), p on the right being the pre-update value. */
export function adamwReference(p: Float64Array, g: Numeric, m: Float64Array, v: Float64Array, o: AdamwHyper): void {
  for (const [name, a] of [
    ['g', g],
    ['m', m],
    ['v', v],
  ] as const)
    expectLength('adamwReference', name, a, p.length);
  if (!Number.isInteger(o.step) || o.step < 1)
    throw new RangeError(`adamwReference: step must be an integer >= 1, got ${o.step}`);
  const bc1 = 1 - Math.pow(o.beta1, o.step);
  const bc2 = 1 - Math.pow(o.beta2, o.step);
  for (let i = 0; i < p.length; i++) {
    m[i] = o.beta1 * m[i] + (1 - o.beta1) * g[i];
    v[i] = o.beta2 * v[i] + (1 - o.beta2) * g[i] * g[i];
    const mhat = m[i] / bc1;
    const vhat = v[i] / bc2;
    p[i] -= o.lr * (mhat / (Math.sqrt(vhat) + o.eps) + o.weightDecay * p[i]);
  }
}

/** ‖g‖₂ over all tensors together (NaN/Inf propagate). */
export function globalNormReference(grads: ArrayLike<number>[]): number {
  let ss = 0;
  for (const g of grads) for (let i = 0; i < g.length; i++) ss += g[i] * g[i];
  return Math.sqrt(ss);
}

/**
 * Scales every gradient by maxNorm/‖g‖ when ‖g‖ > maxNorm; returns the pre-clip norm. A non-finite norm leaves
 * grads as they are.
 */
export function clipReference(grads: Float64Array[], maxNorm: number): number {
  const norm = globalNormReference(grads);
  if (Number.isFinite(norm) && norm > maxNorm) {
    const s = maxNorm / norm;
    for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= s;
  }
  return norm;
}

export function hasNonFinite(xs: ArrayLike<number>): boolean {
  for (let i = 0; i < xs.length; i++) if (!Number.isFinite(xs[i])) return true;
  return false;
}
