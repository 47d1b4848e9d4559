// Host-side batch inputs: token ids, the padding mask and the position ids derived from it, checked
// against the planned (B, T) and the vocabulary before anything reaches the GPU.
import { checkPackedMask, hasSegments, packedPositions } from '../model/packed-rows.ts';

/** [B, T] as B rows, or flat row-major. */
export type BatchInput = ArrayLike<number> | ArrayLike<number>[];

function isRows(x: BatchInput): x is ArrayLike<number>[] {
  return x.length > 0 && typeof (x as ArrayLike<unknown>)[0] === 'object';
}

/**
 * Flattens [B, T] input into `out` (length B*T), with an error naming the input and the bad shape; into integer
 * storage (token ids, the mask) only non-negative integers go, rather than being truncated or wrapped silently.
 */
export function flattenBatch(what: string, x: BatchInput, B: number, T: number, out: Uint32Array | Float32Array): void {
  const integers = !(out instanceof Float32Array);
  const put = (i: number, v: number) => {
    out[i] = v;
    if (integers && out[i] !== v)
      throw new RangeError(`Trainer: ${what} entry ${i} is ${v}; expected a non-negative integer`);
  };
  if (isRows(x)) {
    if (x.length !== B) throw new RangeError(`Trainer: ${what} has ${x.length} rows, the plan is for B = ${B}`);
    for (let b = 0; b < B; b++) {
      const row = x[b];
      if (row.length !== T)
        throw new RangeError(`Trainer: ${what} row ${b} has ${row.length} entries, the plan is for T = ${T}`);
      for (let t = 0; t < T; t++) put(b * T + t, row[t]);
    }
    return;
  }
  if (x.length !== B * T)
    throw new RangeError(`Trainer: ${what} has ${x.length} entries, the plan is for B*T = ${B}*${T}`);
  for (let i = 0; i < B * T; i++) put(i, (x as ArrayLike<number>)[i]);
}

export function checkTokens(tokens: Uint32Array, vocab: number): void {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] >= vocab)
      throw new RangeError(`Trainer: token ${i} is ${tokens[i]}, outside the vocabulary [0, ${vocab})`);
  }
}

/**
 * Checks the mask (0 padding, 1 a real token, ≥ 2 a packed row's segment: src/model/packed-rows.ts) and tells whether
 * it packs several sequences into a row.
 */
export function checkMask(mask: Uint32Array | Float32Array): { packed: boolean } {
  checkPackedMask('Trainer: mask', mask);
  return { packed: hasSegments(mask) };
}

/** Positions count the real tokens each token sees before itself (left padding and packed rows alike). */
export function positionsFromMask(mask: Uint32Array | Float32Array, B: number, T: number, out: Uint32Array): void {
  packedPositions(mask, B, T, out);
}
