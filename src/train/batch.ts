// Host-side batch inputs: token ids, the padding mask and the position ids derived from it, checked
// against the planned (B, T) and the vocabulary before anything reaches the GPU.

/** [B, T] as B rows, or flat row-major. */
export type BatchInput = ArrayLike<number> | ArrayLike<number>[];

function isRows(x: BatchInput): x is ArrayLike<number>[] {
  return x.length > 0 && typeof (x as ArrayLike<unknown>)[0] === 'object';
}

/** Flattens [B, T] input into `out` (length B*T), with an error naming the input and the bad shape. */
export function flattenBatch(what: string, x: BatchInput, B: number, T: number, out: Uint32Array | Float32Array): void {
  if (isRows(x)) {
    if (x.length !== B) throw new RangeError(`Trainer: ${what} has ${x.length} rows, the plan is for B = ${B}`);
    for (let b = 0; b < B; b++) {
      const row = x[b];
      if (row.length !== T)
        throw new RangeError(`Trainer: ${what} row ${b} has ${row.length} entries, the plan is for T = ${T}`);
      for (let t = 0; t < T; t++) out[b * T + t] = row[t];
    }
    return;
  }
  if (x.length !== B * T)
    throw new RangeError(`Trainer: ${what} has ${x.length} entries, the plan is for B*T = ${B}*${T}`);
  for (let i = 0; i < B * T; i++) out[i] = (x as ArrayLike<number>)[i];
}

export function checkTokens(tokens: Uint32Array, vocab: number): void {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i] >= vocab)
      throw new RangeError(`Trainer: token ${i} is ${tokens[i]}, outside the vocabulary [0, ${vocab})`);
  }
}

/** Any non-zero mask entry is a real token: normalise to 0/1 for the kernels' u32 mask. */
export function normaliseMask(mask: Uint32Array): void {
  for (let i = 0; i < mask.length; i++) mask[i] = mask[i] !== 0 ? 1 : 0;
}

/** Positions count real tokens only: cumsum(mask) − 1 per row, clamped at 0 on (left) padding. */
export function positionsFromMask(mask: Uint32Array | Float32Array, B: number, T: number, out: Uint32Array): void {
  for (let b = 0; b < B; b++) {
    let seen = 0;
    for (let t = 0; t < T; t++) {
      if (mask[b * T + t] !== 0) seen++;
      out[b * T + t] = Math.max(seen - 1, 0);
    }
  }
}
