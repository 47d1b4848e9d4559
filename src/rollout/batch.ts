// Laying out a batch of prompts: padding side, attention mask, position ids (conventions: position = cumsum(mask)-1,
// clamped at 0), context-length checks and the documented left-truncation rule.

export type PaddingSide = 'left' | 'right';

export interface PromptBatch {
  B: number;
  L: number; // padded prompt length
  ids: BigInt64Array; // [B,L]
  mask: BigInt64Array; // [B,L]
  positions: BigInt64Array; // [B,L]
  /** Index in [0,L) of each row's last real token (whose logits give the first new token). */
  lastIndex: BigInt64Array;
  /** Real tokens per row = the position id of the next token. */
  lengths: number[];
}

export class ContextLengthError extends Error {
  override name = 'ContextLengthError';
}

/**
 * Prompts longer than `maxPositions - maxNewTokens` throw a ContextLengthError, or with truncate 'left' keep only their
 * last tokens (the start of a long prompt is dropped — the end, where the question is, survives).
 */
export function fitPrompts(
  prompts: readonly (readonly number[])[],
  maxPositions: number,
  maxNewTokens: number,
  truncate: 'error' | 'left',
): number[][] {
  const budget = maxPositions - maxNewTokens;
  if (budget < 1)
    throw new ContextLengthError(
      `maxNewTokens ${maxNewTokens} leaves no room for a prompt in a context of ${maxPositions}`,
    );
  return prompts.map((p, i) => {
    if (p.length === 0)
      throw new ContextLengthError(
        `prompt ${i} is empty: generation needs at least one token (e.g. a BOS or template token)`,
      );
    if (p.length <= budget) return [...p];
    if (truncate === 'left') return p.slice(p.length - budget);
    throw new ContextLengthError(
      `prompt ${i} has ${p.length} tokens; with maxNewTokens ${maxNewTokens} the context of ${maxPositions} ` +
        `allows ${budget} (use truncate: 'left' to keep the last ${budget})`,
    );
  });
}

export function layoutPrompts(prompts: readonly (readonly number[])[], padId: number, side: PaddingSide): PromptBatch {
  const B = prompts.length;
  const L = Math.max(...prompts.map((p) => p.length));
  const ids = new BigInt64Array(B * L).fill(BigInt(padId));
  const mask = new BigInt64Array(B * L);
  const positions = new BigInt64Array(B * L);
  const lastIndex = new BigInt64Array(B);
  prompts.forEach((p, b) => {
    const start = side === 'left' ? L - p.length : 0;
    for (let t = 0; t < p.length; t++) {
      ids[b * L + start + t] = BigInt(p[t]);
      mask[b * L + start + t] = 1n;
    }
    let seen = 0;
    for (let t = 0; t < L; t++) {
      if (mask[b * L + t] === 1n) seen++;
      positions[b * L + t] = BigInt(Math.max(seen - 1, 0));
    }
    lastIndex[b] = BigInt(start + p.length - 1);
  });
  return { B, L, ids, mask, positions, lastIndex, lengths: prompts.map((p) => p.length) };
}
