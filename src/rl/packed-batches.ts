// GRPO's trainer batches with each group's prompt written once: a row holds the prompt (but its last token) as
// shared tokens, then one segment per completion — a copy of the prompt's last token, whose log-prob entry scores
// the completion's first token, and the completion — as many as fit in T; a group that does not fit continues in
// another row with the prompt again. Rows never mix groups. The mask convention is src/model/packed-rows.ts; only
// a trainer with `packsRows` (the wasm backend) takes these rows. Same log-probs and gradients as one row per
// sequence (to float32 rounding: test/unit/packed-rows.test.ts), for a fraction of the rows when prompts are long
// and completions short.
import { SHARED } from '../model/packed-rows.ts';
import { ChatTemplateError, completionLogprobs, placeCompletionWeights, type Segment } from './chat-template.ts';
import type { TrainerBatch } from './rows.ts';

interface Placed {
  /** Index into the caller's segments. */
  index: number;
  /** The segment as laid out in the row: the copied prompt token, then the completion, from column `offset`. */
  seg: Segment;
  offset: number;
}

interface PackedRow {
  tokens: number[];
  mask: number[];
  placed: Placed[];
}

const samePrompt = (a: readonly number[], b: readonly number[]) =>
  a === b || (a.length === b.length && a.every((x, i) => x === b[i]));

/** Rows for `segs`, whose consecutive runs with the same prompt are the groups. */
export function packedRows(segs: readonly Segment[], T: number): PackedRow[] {
  const rows: PackedRow[] = [];
  let row: PackedRow | undefined;
  segs.forEach((s, index) => {
    const P = s.prompt.length;
    if (P === 0) throw new ChatTemplateError(`packedRows: segment ${index} has no prompt token`);
    if (P + s.completion.length > T)
      throw new ChatTemplateError(`segment ${index} has ${P + s.completion.length} tokens; trainer rows hold ${T}`);
    const previous = index > 0 ? segs[index - 1].prompt : undefined;
    const needed = 1 + s.completion.length;
    if (!row || !previous || !samePrompt(previous, s.prompt) || row.tokens.length + needed > T) {
      row = { tokens: s.prompt.slice(0, P - 1), mask: new Array<number>(P - 1).fill(SHARED), placed: [] };
      rows.push(row);
    }
    const offset = row.tokens.length;
    const segment = SHARED + 1 + row.placed.length;
    row.tokens.push(s.prompt[P - 1], ...s.completion);
    row.mask.push(...new Array<number>(needed).fill(segment));
    row.placed.push({ index, seg: { prompt: [s.prompt[P - 1]], completion: s.completion }, offset });
  });
  return rows;
}

/** packedRows grouped into the trainer's [B, T] batches; a batch short of B rows is filled as trainerBatches does. */
export function packedBatches(segs: readonly Segment[], B: number, T: number, pad: number): TrainerBatch[] {
  const rows = packedRows(segs, T);
  const out: TrainerBatch[] = [];
  for (let start = 0; start < rows.length; start += B) {
    const used = rows.slice(start, start + B);
    const tokens = new Int32Array(B * T).fill(pad);
    const mask = new Uint16Array(B * T); // segments are numbered per row: up to a group's size + 1
    used.forEach((r, b) => (tokens.set(r.tokens, b * T), mask.set(r.mask, b * T)));
    for (let b = used.length; b < B; b++) mask[b * T] = 1;
    const placed = used.flatMap((r, b) => r.placed.map((p) => ({ ...p, row: b })));
    const rowOf = (b: number, w: Float32Array) => w.subarray(b * T, (b + 1) * T);
    out.push({
      T,
      tokens,
      mask,
      members: placed.map((p) => p.index),
      weightsFrom: (grads) => {
        const w = new Float32Array(B * T);
        placed.forEach((p, m) => placeCompletionWeights(rowOf(p.row, w), p.seg, p.offset, grads[m]));
        return w;
      },
      logprobsOf: (lp) => placed.map((p) => completionLogprobs(rowOf(p.row, lp), p.seg, p.offset)),
    });
  }
  return out;
}
