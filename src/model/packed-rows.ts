// Packed rows: one row of a [B, T] batch holding several sequences, told apart by the attention mask's values.
//   0      padding: seen by nothing, scores nothing;
//   1      a shared token: seen by every later real token of its row (a prompt that several completions continue);
//   k ≥ 2  a token of segment k: seen only by later tokens of segment k.
// So key s is visible to query t when s ≤ t, mask[s] ≠ 0 and (mask[s] = 1 or mask[s] = mask[t]). A plain 0/1
// mask is the ordinary causal-with-padding case, unchanged. A token's position counts the keys it sees before it, so a
// segment placed after a shared prompt continues the prompt's positions as if it followed it alone; entry t scores
// token t+1 unless t is another segment's token (a segment's last token does not score the next segment's first).
//
// GRPO's G completions of one prompt then cost one prompt plus G completions instead of G prompts: each segment
// starts with a copy of the prompt's last token, whose log-probs score the completion's first token.
import type { Numeric } from './reference/checks.ts';

/** The mask value of a shared token; segments are numbered from SHARED + 1. */
export const SHARED = 1;

/** Whether query t of row b sees key s (s ≤ t) under the packed-rows mask convention. */
export function sees(mask: Numeric, b: number, T: number, t: number, s: number): boolean {
  const k = mask[b * T + s];
  return s <= t && k !== 0 && (k === SHARED || k === mask[b * T + t]);
}

/**
 * Whether entry (b,t) scores token t+1: a real next token, unless t is a token it does not see (another segment's).
 * A padding t before a real token scores it, as the trainers always have (left padding; such entries weigh 0).
 */
export function scoresNext(mask: Numeric, b: number, t: number, T: number): boolean {
  return t < T - 1 && mask[b * T + t + 1] !== 0 && (mask[b * T + t] === 0 || sees(mask, b, T, t + 1, t));
}

/** True when any entry is a segment (> SHARED), i.e. the batch packs several sequences into a row. */
export function hasSegments(mask: Numeric): boolean {
  for (let i = 0; i < mask.length; i++) if (mask[i] > SHARED) return true;
  return false;
}

/**
 * Position of each token: how many keys it sees before itself (0 on padding). For a 0/1 mask this is
 * cumsum(mask) − 1 clamped at 0, as before packed rows existed.
 */
export function packedPositions(mask: Numeric, B: number, T: number, out: Uint32Array | Float64Array): void {
  for (let b = 0; b < B; b++) {
    let shared = 0;
    const own = new Map<number, number>();
    for (let t = 0; t < T; t++) {
      const m = mask[b * T + t];
      const before = m === 0 ? 0 : shared + (m === SHARED ? 0 : (own.get(m) ?? 0));
      if (m === SHARED) shared++;
      else if (m !== 0) own.set(m, (own.get(m) ?? 0) + 1);
      out[b * T + t] = m === 0 ? Math.max(shared - 1, 0) : before;
    }
  }
}

/** Checks a packed-rows mask: non-negative integers (errors name the entry). */
export function checkPackedMask(what: string, mask: Numeric): void {
  for (let i = 0; i < mask.length; i++) {
    const m = mask[i];
    if (!Number.isInteger(m) || m < 0)
      throw new RangeError(`${what}: mask entry ${i} is ${m}; expected 0 (padding), 1 (shared) or a segment ≥ 2`);
  }
}
