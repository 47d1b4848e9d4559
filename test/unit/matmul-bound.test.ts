// The parity bound of src/parity/matmul.ts must accept fp32 rounding in any summation order and
// reject the errors a buggy kernel makes. Pure CPU.
import { describe, expect, it } from 'vitest';
import { randomMatrix, referenceWithBound } from '../../src/parity/matmul.ts';
import { matmulReference } from '../../src/model/reference/matmul.ts';
import type { MatmulSpec } from '../../src/train/ops/matmul.ts';

describe('the parity bound', () => {
  it('accepts fp32 rounding but rejects a dropped term or a wrong transposition', () => {
    const spec: MatmulSpec = { M: 9, N: 11, K: 37, variant: 'nt', bias: true };
    const a = randomMatrix(9 * 37, 1);
    const b = randomMatrix(11 * 37, 2);
    const bias = randomMatrix(11, 3);
    const { ref, bound } = referenceWithBound(spec, a, b, undefined, bias);
    const within = (got: ArrayLike<number>) => Array.from(ref).every((r, i) => Math.abs(got[i] - r) <= bound[i]);
    // fp32 summation in a different order: within the bound.
    const fp32 = new Float32Array(9 * 11);
    for (let i = 0; i < 9; i++) {
      for (let j = 0; j < 11; j++) {
        let s = Math.fround(bias[j]);
        for (let k = 36; k >= 0; k--) s = Math.fround(s + Math.fround(a[i * 37 + k] * b[j * 37 + k]));
        fp32[i * 11 + j] = s;
      }
    }
    expect(within(fp32)).toBe(true);
    // The last k term missing: outside.
    const dropped = Float64Array.from(ref, (r, idx) => r - a[Math.floor(idx / 11) * 37 + 36] * b[(idx % 11) * 37 + 36]);
    expect(within(dropped)).toBe(false);
    // B read as [K,N] instead of [N,K]: outside.
    const wrong = matmulReference({ M: 9, N: 11, K: 37, variant: 'nn' }, a, b.subarray(0, 37 * 11), undefined, bias);
    expect(within(wrong)).toBe(false);
  });
});
