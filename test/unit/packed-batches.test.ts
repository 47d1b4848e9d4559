// GRPO's packed trainer rows (src/rl/packed-batches.ts): each group's prompt once per row, its completions after it
// as segments, as many as fit; the weights and log-probs of each sequence land on the entries that score it.
import { describe, expect, it } from 'vitest';
import { packedBatches, packedRows } from '../../src/rl/packed-batches.ts';
import { trainerBatches } from '../../src/rl/rows.ts';

const A = [7, 8, 9];
const B = [4, 5];
const segs = [
  { prompt: A, completion: [1, 2] },
  { prompt: A, completion: [3] },
  { prompt: A, completion: [6, 6, 6] },
  { prompt: B, completion: [2, 2] },
];

describe('packed GRPO rows', () => {
  it('write a group’s prompt once per row, start a row when a completion does not fit, never mix groups', () => {
    const rows = packedRows(segs, 9);
    expect(rows.map((r) => r.tokens)).toEqual([
      [7, 8, 9, 1, 2, 9, 3], // A's head, then [9 1 2] and [9 3]
      [7, 8, 9, 6, 6, 6], // [9 6 6 6] would need 10 columns in the first row
      [4, 5, 2, 2],
    ]);
    expect(rows.map((r) => r.mask)).toEqual([
      [1, 1, 2, 2, 2, 3, 3],
      [1, 1, 2, 2, 2, 2],
      [1, 2, 2, 2],
    ]);
    expect(() => packedRows([{ prompt: A, completion: [1, 2, 3, 4, 5, 6, 7] }], 9)).toThrow(/segment 0 has 10 tokens/);
  });

  it('place each sequence’s weights and read its log-probs where one row per sequence would', () => {
    const T = 9;
    const grads = segs.map((s, i) => s.completion.map((_, t) => 10 * (i + 1) + t));
    const packed = packedBatches(segs, 2, T, 0);
    const plain = trainerBatches(segs, 4, T, 0)[0];
    expect(packed.map((b) => b.members)).toEqual([[0, 1, 2], [3]]);
    // Reading back what was placed returns each sequence's own values, in both layouts.
    for (const b of packed) {
      const w = b.weightsFrom(b.members.map((i) => grads[i]));
      expect(b.logprobsOf(w).map((x) => Array.from(x))).toEqual(b.members.map((i) => grads[i]));
    }
    const w = plain.weightsFrom(grads);
    expect(plain.logprobsOf(w).map((x) => Array.from(x))).toEqual(grads);
    // The second batch has one real row; the other is a one-token filler.
    expect(Array.from(packed[1].mask.subarray(T, 2 * T))).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
