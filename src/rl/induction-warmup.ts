// Induction warm-up: train on pure copying (random token runs that come back later in the row; loss on the
// repeats only) so the policy has an induction circuit before SFT asks it to copy names out of a long prompt.
// No prior predicts a random run, only attending back to its first showing does (results/copy-drills/ §9–10).
import { mulberry32 } from '../model/reference/rng.ts';
import type { TrainerBackend } from '../train/backend.ts';
import { lookupRunBatch, type LookupMarkers } from './lookup-runs.ts';
import { randomRunBatch, recallRunBatch } from './random-runs.ts';

/**
 * 'next': each run is followed at once by its repeat; 'recall': a shown run may come back anywhere later;
 * 'lookup': which random file declares a key (lookup-runs.ts), the hop after the copy.
 */
export type RunLayout = 'next' | 'recall' | 'lookup';

/** Rows shorter than this cannot hold a lookup row's files and a question. */
export const LOOKUP_MIN_SEQ_LEN = 256;

export interface WarmupOptions {
  steps: number;
  learning_rate: number;
  /** Linear ramp to the peak over these steps, then constant. */
  warmup_steps: number;
  layout: RunLayout;
  /** Rows per step and tokens per row: must match the trainer's batch and seqLen. */
  batch: number;
  seqLen: number;
  seed: number;
  /** The fixed parts of lookup rows, in the policy's token ids: required by the 'lookup' layout. */
  lookupMarkers?: LookupMarkers;
  /** Lookup rows: the chance a file declares its key first thing, as a one-function module does (default 0.5). */
  lookupDeclareFirst?: number;
}

export interface WarmupProgress {
  step: number;
  /** Mean NLL of the scored repeat tokens at this step. */
  loss: number;
  lr: number;
  tokensPerSecond: number;
  etaSeconds: number;
}

/**
 * Runs `steps` updates on random-run rows over `ordinary` token ids (the tokenizer's non-special ones) and returns
 * the per-step repeat loss. A non-finite loss skips that step's update and is counted, as SFT and GRPO do.
 */
export async function runInductionWarmup(
  trainer: TrainerBackend,
  ordinary: readonly number[],
  o: WarmupOptions,
  progress?: (p: WarmupProgress) => void,
): Promise<{ losses: number[]; skipped: number }> {
  if (ordinary.length < 2)
    throw new Error(`induction warm-up needs at least 2 ordinary tokens, got ${ordinary.length}`);
  if (!(o.steps >= 1 && Number.isInteger(o.steps))) throw new Error(`steps must be an integer ≥ 1, got ${o.steps}`);
  const markers = o.lookupMarkers;
  if (o.layout === 'lookup' && !markers) throw new Error('the lookup layout needs lookupMarkers');
  if (o.layout === 'lookup' && o.seqLen < LOOKUP_MIN_SEQ_LEN)
    throw new Error(`lookup rows need seqLen ≥ ${LOOKUP_MIN_SEQ_LEN}, got ${o.seqLen}`);
  const declareFirst = o.lookupDeclareFirst ?? 0.5;
  if (!(declareFirst >= 0 && declareFirst <= 1))
    throw new Error(`lookupDeclareFirst must be in [0, 1], got ${declareFirst}`);
  const makeBatch =
    o.layout === 'lookup'
      ? (r: () => number, B: number, T: number, tok: () => number) =>
          lookupRunBatch(r, B, T, tok, markers!, declareFirst)
      : o.layout === 'recall'
        ? recallRunBatch
        : randomRunBatch;
  // 11 + seed: seed 0 draws the rows public/base's warm-up was built with.
  const rand = mulberry32(11 + o.seed);
  const mask = new Array<number>(o.batch * o.seqLen).fill(1);
  const losses: number[] = [];
  let skipped = 0;
  const t0 = performance.now();
  for (let s = 1; s <= o.steps; s++) {
    const { tokens, weights } = makeBatch(
      rand,
      o.batch,
      o.seqLen,
      () => ordinary[Math.floor(rand() * ordinary.length)],
    );
    const logprobs = await trainer.forwardBackward(tokens, mask, weights);
    // weights are −1/n on the scored tokens, so Σ w·logprob is their mean NLL.
    const loss = logprobs.reduce((a, x, i) => a + x * weights[i], 0);
    const lr = o.learning_rate * Math.min(1, s / Math.max(1, o.warmup_steps));
    if (Number.isFinite(loss)) await trainer.step(lr);
    else skipped++;
    trainer.zeroGrad();
    losses.push(loss);
    const seconds = (performance.now() - t0) / 1000;
    progress?.({
      step: s,
      loss,
      lr,
      tokensPerSecond: (s * o.batch * o.seqLen) / seconds,
      etaSeconds: (seconds / s) * (o.steps - s),
    });
  }
  return { losses, skipped };
}
