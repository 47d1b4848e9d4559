import { describe, expect, it } from 'vitest';
import { adamwReference, clipReference, globalNormReference, hasNonFinite } from '../../src/model/reference/optim.ts';

describe('adamwReference', () => {
  it('follows PyTorch AdamW for two steps (values worked by hand)', () => {
    const hp = { lr: 0.1, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 };
    const p = new Float64Array([1, -2]);
    const m = new Float64Array(2),
      v = new Float64Array(2);
    adamwReference(p, [0.5, 0], m, v, { ...hp, step: 1 });
    // step 1: mhat = g, vhat = g² ⇒ update = sign(g) (up to eps); decay uses the old p
    expect(p[0]).toBeCloseTo(1 - 0.1 * (0.5 / (0.5 + 1e-8) + 0.01 * 1), 12);
    expect(p[1]).toBeCloseTo(-2 - 0.1 * (0 + 0.01 * -2), 12);
    expect(m[0]).toBeCloseTo(0.05, 12);
    expect(v[0]).toBeCloseTo(0.00025, 12);
    const p0 = p[0];
    adamwReference(p, [-0.25, 0], m, v, { ...hp, step: 2 });
    const m2 = 0.9 * 0.05 + 0.1 * -0.25,
      v2 = 0.999 * 0.00025 + 0.001 * 0.0625;
    const mhat = m2 / (1 - 0.81),
      vhat = v2 / (1 - 0.999 ** 2);
    expect(p[0]).toBeCloseTo(p0 - 0.1 * (mhat / (Math.sqrt(vhat) + 1e-8) + 0.01 * p0), 12);
  });
  it('rejects a step count below 1 and mismatched lengths', () => {
    const z = () => new Float64Array(2);
    expect(() =>
      adamwReference(z(), z(), z(), z(), { lr: 1, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0, step: 0 }),
    ).toThrow(/step/);
    expect(() =>
      adamwReference(z(), [1], z(), z(), { lr: 1, beta1: 0.9, beta2: 0.99, eps: 1e-8, weightDecay: 0, step: 1 }),
    ).toThrow(/g has 1 elements/);
  });
});

describe('global norm and clipping', () => {
  it('computes the norm over all tensors and clips only above maxNorm', () => {
    const grads = [new Float64Array([3, 0]), new Float64Array([4])];
    expect(globalNormReference(grads)).toBe(5);
    expect(clipReference(grads, 10)).toBe(5);
    expect(Array.from(grads[0])).toEqual([3, 0]);
    expect(clipReference(grads, 1)).toBe(5);
    expect(grads[0][0]).toBeCloseTo(0.6, 12);
    expect(grads[1][0]).toBeCloseTo(0.8, 12);
    expect(globalNormReference(grads)).toBeCloseTo(1, 12);
  });
  it('flags NaN and Inf, and leaves non-finite gradients unscaled', () => {
    expect(hasNonFinite([1, 2, 3])).toBe(false);
    expect(hasNonFinite([1, NaN])).toBe(true);
    expect(hasNonFinite(new Float32Array([-Infinity]))).toBe(true);
    const g = [new Float64Array([1, Infinity])];
    expect(clipReference(g, 1)).toBe(Infinity);
    expect(g[0][0]).toBe(1);
  });
});
