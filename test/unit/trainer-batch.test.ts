// Host-side Trainer helpers that need no GPU: batch flattening, position ids from the mask, options.
import { describe, expect, it } from 'vitest';
import { checkTokens, flattenBatch, positionsFromMask } from '../../src/train/batch.ts';
import { resolveOptions } from '../../src/train/options.ts';
import { positionsFromMask as referencePositions } from '../../src/model/reference/model.ts';
import { PRESETS } from '../../src/model/config.ts';

describe('trainer batch inputs', () => {
  it('positions count real tokens only (left and right padding) and match the reference', () => {
    const rows = [
      [0, 0, 1, 1, 1],
      [1, 1, 1, 0, 0],
      [1, 0, 1, 0, 1],
    ];
    const mask = new Float32Array(15);
    flattenBatch('mask', rows, 3, 5, mask);
    const pos = new Uint32Array(15);
    positionsFromMask(mask, 3, 5, pos);
    expect(Array.from(pos)).toEqual(referencePositions(rows).flat());
    expect(Array.from(pos)).toEqual([0, 0, 0, 1, 2, 0, 1, 2, 2, 2, 0, 0, 1, 1, 2]);
  });

  it('shape and vocabulary errors name the input', () => {
    const out = new Uint32Array(6);
    expect(() => flattenBatch('tokens', [[1, 2, 3]], 2, 3, out)).toThrow(/tokens has 1 rows, the plan is for B = 2/);
    expect(() =>
      flattenBatch(
        'tokens',
        [
          [1, 2, 3],
          [1, 2],
        ],
        2,
        3,
        out,
      ),
    ).toThrow(/tokens row 1 has 2 entries, the plan is for T = 3/);
    expect(() => flattenBatch('weights', [1, 2, 3], 2, 3, new Float32Array(6))).toThrow(
      /weights has 3 entries, the plan is for B\*T = 2\*3/,
    );
    flattenBatch('tokens', [1, 2, 3, 4, 5, 40], 2, 3, out);
    expect(() => checkTokens(out, 32)).toThrow(/token 5 is 40, outside the vocabulary \[0, 32\)/);
  });

  it('options are validated', () => {
    expect(resolveOptions({ config: PRESETS.micro, batch: 2, seqLen: 16 }).optimizer.maxGradNorm).toBe(1);
    expect(() => resolveOptions({ config: PRESETS.micro, batch: 0, seqLen: 16 })).toThrow(
      /batch must be a positive integer/,
    );
    expect(() => resolveOptions({ config: PRESETS.micro, batch: 1, seqLen: 5000 })).toThrow(
      /exceeds max_position_embeddings/,
    );
    expect(() => resolveOptions({ config: PRESETS.micro, batch: 1, seqLen: 8, optimizer: { beta2: 1 } })).toThrow(
      /betas/,
    );
    expect(() => resolveOptions({ config: { ...PRESETS.micro, num_key_value_heads: 3 }, batch: 1, seqLen: 8 })).toThrow(
      /num_key_value_heads/,
    );
  });
});
