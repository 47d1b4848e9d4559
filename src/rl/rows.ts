// Segments (prompt + completion) → the trainer's fixed [B, T] batches, one segment per row, right-padded.
// A batch with fewer segments than B is filled with one-token rows (mask 1 on the first entry only, weight 0):
// a row with no real token at all would give its attention an empty softmax.
import {
  ChatTemplateError,
  completionLogprobs,
  layoutRow,
  placeCompletionWeights,
  segmentLength,
  type Segment,
} from './chat-template.ts';

export interface TrainerBatch {
  T: number;
  tokens: Int32Array; // [B*T]
  mask: Uint8Array | Uint16Array; // [B*T]; packed rows (packed-batches.ts) number their segments
  /** Index (into the caller's segment list) of the segment in each used row. */
  members: number[];
  /** Per-member ∂L/∂logprob of its completion tokens → the trainer's weights [B*T]. */
  weightsFrom(grads: readonly ArrayLike<number>[]): Float32Array;
  /** The trainer's log-probs [B*T] → each member's completion-token log-probs. */
  logprobsOf(lp: Float32Array): Float64Array[];
}

export function trainerBatches(segs: readonly Segment[], B: number, T: number, pad: number): TrainerBatch[] {
  segs.forEach((s, i) => {
    if (segmentLength(s) > T)
      throw new ChatTemplateError(`segment ${i} has ${segmentLength(s)} tokens; trainer rows hold ${T}`);
  });
  const out: TrainerBatch[] = [];
  for (let start = 0; start < segs.length; start += B) {
    const members = Array.from({ length: Math.min(B, segs.length - start) }, (_, k) => start + k);
    const tokens = new Int32Array(B * T).fill(pad);
    const mask = new Uint8Array(B * T);
    members.forEach((i, r) => {
      const row = layoutRow([segs[i]], T, pad);
      tokens.set(row.tokens, r * T);
      mask.set(row.mask, r * T);
    });
    for (let r = members.length; r < B; r++) mask[r * T] = 1;
    const weightsFrom = (grads: readonly ArrayLike<number>[]): Float32Array => {
      const w = new Float32Array(B * T);
      members.forEach((i, r) => placeCompletionWeights(w.subarray(r * T, (r + 1) * T), segs[i], 0, grads[r]));
      return w;
    };
    const logprobsOf = (lp: Float32Array): Float64Array[] =>
      members.map((i, r) => completionLogprobs(lp.subarray(r * T, (r + 1) * T), segs[i], 0));
    out.push({ T, tokens, mask, members, weightsFrom, logprobsOf });
  }
  return out;
}
