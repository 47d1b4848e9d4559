// One GRPO step, read top to bottom like nanoGPT's train.py: draw tasks → sample completions → score them →
// group-relative advantages → update the policy → push the new weights to the sampler → metrics (TRL's names).
// The loss math is grpo-loss.ts; token layout and the trainer's conventions are chat-template.ts; persistence
// and the step loop are grpo-run.ts. Mode 'sft' runs the same step but updates on the tasks' oracle demos.
import type { Completion } from '../rollout/index.ts';
import type { TrainerBackend } from '../train/backend.ts';
import { groupAdvantages, hasSpread } from './advantages.ts';
import { completionLogprobs, type Segment } from './chat-template.ts';
import type { Environment, RlTask, Scored } from './env.ts';
import { grpoLoss } from './grpo-loss.ts';
import { learningRateAt } from './options.ts';
import { hashSeed } from './seed.ts';
import type { OrtSampler } from './sampler.ts';
import { packedBatches } from './packed-batches.ts';
import { trainerBatches, type TrainerBatch } from './rows.ts';
import type { GrpoOptions, Moved, RolloutRecord, StepMetrics, StepRecord } from './types.ts';

export interface GrpoContext {
  env: Environment;
  trainer: TrainerBackend;
  /** The frozen base policy, for the KL term (beta > 0). */
  ref?: TrainerBackend;
  sampler: OrtSampler;
  opts: ResolvedGrpoOptions;
  pad: number;
}

export type ResolvedGrpoOptions = GrpoOptions &
  Required<Pick<GrpoOptions, 'per_device_train_batch_size' | 'max_prompt_length' | 'save_steps' | 'levels'>>;

/** Counters carried across steps (and checkpoints). */
export interface RunCounters {
  skipped_steps: number;
  zero_std_groups: number;
}

/** A sequence the update trains on: a segment with its advantage, token mask and log-probs. */
export interface TrainSeq {
  seg: Segment;
  advantage: number;
  mask: number[];
  old?: Float64Array;
  ref?: Float64Array;
}

// ── 1. draw ────────────────────────────────────────────────────────────────────────────────────────────────────
/** The step's prompts; a later generation batch of the same step (dynamic sampling) draws from its own stream. */
export function drawTasks(ctx: GrpoContext, step: number, batch = 0): RlTask[] {
  const seed = batch === 0 ? ctx.opts.seed : hashSeed(ctx.opts.seed, `draw-batch-${batch}`, step);
  return ctx.env.draw(step, ctx.opts.prompts_per_step, seed);
}

// ── 2. sample ──────────────────────────────────────────────────────────────────────────────────────────────────
export async function sampleCompletions(
  ctx: GrpoContext,
  tasks: readonly RlTask[],
  step: number,
  batch = 0,
  compact = true,
): Promise<{ groups: Completion[][]; tokens: number }> {
  const o = ctx.opts;
  return ctx.sampler.sample(
    tasks.map((t) => t.prompt),
    {
      num_generations: o.num_generations,
      temperature: o.temperature,
      top_p: o.top_p,
      max_completion_length: o.max_completion_length,
      seed: hashSeed(o.seed, batch === 0 ? 'sample' : `sample-batch-${batch}`, step),
      eos: ctx.env.eos,
      vocab_size: ctx.env.vocabSize,
      compact,
    },
  );
}

// ── 3. score (the environment runs code in sandbox workers, off this thread) ──────────────────────────────────
export async function scoreCompletions(
  ctx: GrpoContext,
  tasks: readonly RlTask[],
  groups: readonly Completion[][],
): Promise<Scored[][]> {
  const items = tasks.flatMap((task, p) => groups[p].map((c) => ({ task, completion: c.tokens })));
  const flat = await ctx.env.score(items);
  return groups.map((g, p) => flat.slice(p * g.length, (p + 1) * g.length));
}

// ── 4. advantages ──────────────────────────────────────────────────────────────────────────────────────────────
export function computeAdvantages(ctx: GrpoContext, scored: readonly Scored[][]): ReturnType<typeof groupAdvantages> {
  return groupAdvantages(
    scored.map((g) => g.map((s) => s.reward)),
    ctx.opts.scale_rewards,
  );
}

/**
 * The sequences the update trains on. Zero-variance groups carry no signal: they are dropped (the step counts them);
 * with mask_truncated_completions a completion that hit max_completion_length keeps its tokens out of the loss.
 */
export function trainSequences(
  ctx: GrpoContext,
  tasks: readonly RlTask[],
  groups: readonly Completion[][],
  adv: { advantages: number[][]; zeroStd: boolean[] },
): { seqs: TrainSeq[]; samplerLps: number[][] } {
  const seqs: TrainSeq[] = [];
  const samplerLps: number[][] = [];
  tasks.forEach((task, p) => {
    if (adv.zeroStd[p]) return;
    groups[p].forEach((c, g) => {
      const drop = ctx.opts.mask_truncated_completions && c.finish === 'length';
      seqs.push({
        seg: { prompt: task.prompt, completion: c.tokens },
        advantage: adv.advantages[p][g],
        mask: c.tokens.map(() => (drop ? 0 : 1)),
      });
      samplerLps.push(c.modelLogprobs);
    });
  });
  return { seqs, samplerLps };
}

// ── 5. update ──────────────────────────────────────────────────────────────────────────────────────────────────
export interface UpdateStats {
  loss: number;
  grad_norm: number;
  kl: number;
  clipLow: number;
  clipHigh: number;
  clipRegion: number;
  /** Mean |sampler − trainer| log-prob on the same completion tokens (first iteration). */
  mismatch: number;
  updates: number;
  skipped: number;
}

/** GRPO update: num_iterations optimizer steps at `lr` over the kept sequences, accumulated over micro-batches. */
export async function updatePolicy(
  ctx: GrpoContext,
  seqs: TrainSeq[],
  samplerLps: number[][],
  lr = ctx.opts.learning_rate,
): Promise<UpdateStats> {
  const o = ctx.opts;
  const { trainer } = ctx;
  const totals = { sequences: seqs.length, tokens: seqs.reduce((a, s) => a + s.mask.reduce((x, m) => x + m, 0), 0) };
  const stats: UpdateStats = {
    loss: 0,
    grad_norm: 0,
    kl: 0,
    clipLow: 0,
    clipHigh: 0,
    clipRegion: 0,
    mismatch: 0,
    updates: 0,
    skipped: 0,
  };
  if (seqs.length === 0) return stats;
  const batches = updateBatches(ctx, seqs);
  if (o.beta > 0) {
    if (!ctx.ref) throw new Error('updatePolicy: beta > 0 needs the frozen base policy (ctx.ref)');
    for (const b of batches) {
      const lps = b.logprobsOf(await ctx.ref.forward(b.tokens, b.mask));
      b.members.forEach((i, m) => (seqs[i].ref = lps[m]));
    }
  }
  let mismatchSum = 0,
    mismatchN = 0,
    tokens = 0;
  // One on-policy iteration without a KL term: every ratio is exactly 1 and nothing else in the loss reads the
  // log-probs, so the per-token weights are known before the forward and the trainer can run forward and backward
  // as one pass (the wasm backend's fused graph: the same log-probs and gradients bit for bit, less copying).
  const weightsFirst = o.num_iterations === 1 && o.beta === 0;
  const onPolicy = (i: number, cur: Float64Array) => {
    seqs[i].old = cur; // on-policy: the ratio is exactly 1 on the first iteration
    cur.forEach((x, t) => ((mismatchSum += Math.abs(x - samplerLps[i][t])), mismatchN++));
  };
  for (let it = 0; it < o.num_iterations; it++) {
    trainer.zeroGrad();
    for (const b of batches) {
      let r: ReturnType<typeof grpoLoss>;
      if (weightsFirst) {
        const part = b.members.map((i) => {
          const { mask, advantage } = seqs[i];
          const same = new Float64Array(mask.length);
          return { logprobs: same, old: same, advantage, mask };
        });
        r = grpoLoss(part, { ...o, totals });
        const lps = b.logprobsOf(await trainer.forwardBackward(b.tokens, b.mask, b.weightsFrom(r.grads)));
        b.members.forEach((i, m) => onPolicy(i, lps[m]));
      } else {
        const lps = b.logprobsOf(await trainer.forward(b.tokens, b.mask));
        const part = b.members.map((i, m) => {
          const s = seqs[i];
          const cur = lps[m];
          if (it === 0) onPolicy(i, cur);
          return { logprobs: cur, old: s.old!, ref: s.ref, advantage: s.advantage, mask: s.mask };
        });
        r = grpoLoss(part, { ...o, totals });
        await trainer.backward(b.weightsFrom(r.grads));
      }
      stats.loss += r.loss / o.num_iterations;
      stats.kl += r.kl * r.tokens;
      stats.clipLow += r.clipLow * r.tokens;
      stats.clipHigh += r.clipHigh * r.tokens;
      tokens += r.tokens;
    }
    const res = await trainer.step(lr);
    stats.grad_norm = res.gradNorm;
    if (res.skipped) stats.skipped++;
    else stats.updates++;
  }
  const per = (x: number) => (tokens ? x / tokens : 0);
  Object.assign(stats, {
    kl: per(stats.kl),
    clipLow: per(stats.clipLow),
    clipHigh: per(stats.clipHigh),
    clipRegion: per(stats.clipLow + stats.clipHigh),
  });
  stats.mismatch = mismatchN ? mismatchSum / mismatchN : 0;
  return stats;
}

/** Mode 'sft': one optimizer step at `lr` of mean token NLL on the drawn tasks' oracle demonstrations. */
export async function updateOnDemos(
  ctx: GrpoContext,
  tasks: readonly RlTask[],
  lr = ctx.opts.learning_rate,
): Promise<UpdateStats> {
  const { trainer } = ctx;
  const segs = tasks.map((t) => {
    if (!t.demo) throw new Error(`mode 'sft': task ${t.id} has no oracle demonstration`);
    return { prompt: t.prompt, completion: t.demo };
  });
  const fits = segs.filter((s) => s.prompt.length + s.completion.length <= trainer.options.T);
  const n = fits.reduce((a, s) => a + s.completion.length, 0);
  const stats: UpdateStats = {
    loss: 0,
    grad_norm: 0,
    kl: 0,
    clipLow: 0,
    clipHigh: 0,
    clipRegion: 0,
    mismatch: 0,
    updates: 0,
    skipped: 0,
  };
  if (n === 0) return stats;
  trainer.zeroGrad();
  for (const b of trainerBatches(fits, trainer.options.B, trainer.options.T, ctx.pad)) {
    const lp = await trainer.forward(b.tokens, b.mask);
    b.members.forEach(
      (i, r) =>
        (stats.loss -=
          completionLogprobs(lp.subarray(r * b.T, (r + 1) * b.T), fits[i], 0).reduce((a, x) => a + x, 0) / n),
    );
    await trainer.backward(
      b.weightsFrom(b.members.map((i) => new Float64Array(fits[i].completion.length).fill(-1 / n))),
    );
  }
  const res = await trainer.step(lr);
  stats.grad_norm = res.gradNorm;
  if (res.skipped) stats.skipped = 1;
  else stats.updates = 1;
  return stats;
}
/**
 * The trainer's log-probs of `seqs`' completion tokens now, after the update: with their pre-update values
 * (`old`) they show how far each token's probability actually moved — what the classroom explainer draws.
 */
export async function logprobsAfterUpdate(ctx: GrpoContext, seqs: readonly TrainSeq[]): Promise<Float64Array[]> {
  const after: Float64Array[] = [];
  for (const b of updateBatches(ctx, seqs)) {
    const lps = b.logprobsOf(await ctx.trainer.forward(b.tokens, b.mask));
    b.members.forEach((i, m) => (after[i] = lps[m]));
  }
  return after;
}

/** The update's trainer batches: one row per sequence, or each group's prompt written once (`pack_groups`). */
export function updateBatches(
  ctx: GrpoContext,
  seqs: readonly TrainSeq[],
  packed = ctx.opts.pack_groups === true,
): TrainerBatch[] {
  const { B, T } = ctx.trainer.options;
  const segs = seqs.map((s) => s.seg);
  return packed ? packedBatches(segs, B, T, ctx.pad) : trainerBatches(segs, B, T, ctx.pad);
}

// ── 6. weight sync ─────────────────────────────────────────────────────────────────────────────────────────────
export async function syncSampler(ctx: GrpoContext): Promise<number> {
  return ctx.sampler.sync(await ctx.trainer.getWeights());
}

// ── the step ───────────────────────────────────────────────────────────────────────────────────────────────────
export async function grpoStep(ctx: GrpoContext, step: number, counters: RunCounters): Promise<StepRecord> {
  const o = ctx.opts;
  const t0 = performance.now();
  const { tasks, groups, scored, tokens, batches, sampleMs, scoreMs } = await generateBatches(ctx, step);
  const t1 = t0 + sampleMs;
  const t2 = t1 + scoreMs;
  const adv = computeAdvantages(ctx, scored);
  // The update takes at most prompts_per_step groups with a signal, the first ones drawn (dynamic sampling may
  // have found more in its last batch).
  let signals = 0;
  const used = { ...adv, zeroStd: adv.zeroStd.map((z) => z || ++signals > o.prompts_per_step) };

  const { seqs, samplerLps } = trainSequences(ctx, tasks, groups, used);
  const zeroStd = adv.zeroStd.filter(Boolean).length;
  const lr = learningRateAt(o, step);
  const upd = o.mode === 'sft' ? await updateOnDemos(ctx, tasks, lr) : await updatePolicy(ctx, seqs, samplerLps, lr);
  const t3 = performance.now();
  // The first group with a signal is the explainer's; its sequences lead `seqs` (zero-variance groups are dropped).
  const explained = used.zeroStd.indexOf(false);
  const moved = new Map<number, Moved[]>();
  if (o.log_token_moves !== false && o.mode !== 'sft' && upd.updates > 0 && explained >= 0) {
    const mine = seqs.slice(0, groups[explained].length);
    const after = await logprobsAfterUpdate(ctx, mine);
    moved.set(
      explained,
      mine.map((s, g) => ({ before: [...s.old!], after: [...after[g]] })),
    );
  }
  const tMoved = performance.now();
  const syncMs = upd.updates > 0 ? await syncSampler(ctx) : 0;
  const t4 = performance.now();
  counters.skipped_steps += upd.skipped;
  counters.zero_std_groups += zeroStd;

  const all = groups.flat();
  const rewards = scored.flat().map((s) => s.reward);
  const lengths = all.map((c) => c.tokens.length);
  const modelLps = all.flatMap((c) => c.modelLogprobs);
  const seconds = (t4 - t0) / 1000;
  // Logged as steps completed (TRL's global_step: 1 after the first update); `step` itself is the 0-based index
  // that seeds the draw and the sampling.
  const metrics: StepMetrics = {
    step: step + 1,
    reward: mean(rewards),
    reward_std: adv.meanGroupStd,
    frac_reward_zero_std: zeroStd / tasks.length,
    ...perKindRewards(tasks, scored),
    loss: upd.loss,
    grad_norm: upd.grad_norm,
    learning_rate: lr,
    kl: upd.kl,
    'clip_ratio/low_mean': upd.clipLow,
    'clip_ratio/high_mean': upd.clipHigh,
    'clip_ratio/region_mean': upd.clipRegion,
    // A Monte-Carlo estimate from the sampled tokens (−mean log-prob under the model), not the full-vocabulary sum.
    entropy: modelLps.length ? -mean(modelLps) : 0,
    'completions/mean_length': mean(lengths),
    'completions/min_length': Math.min(...lengths),
    'completions/max_length': Math.max(...lengths),
    'completions/clipped_ratio': all.filter((c) => c.finish === 'length').length / all.length,
    logprob_mismatch: upd.mismatch,
    tokens_per_second: tokens / seconds,
    sandbox_runs_per_second: rewards.length / Math.max((t2 - t1) / 1000, 1e-9),
    zero_std_groups: zeroStd,
    num_gen_batches: batches,
    skipped_steps: counters.skipped_steps,
    num_updates: upd.updates,
    step_time: seconds,
    'time/sampling': (t1 - t0) / 1000,
    'time/rewards': (t2 - t1) / 1000,
    'time/update': (t3 - t2) / 1000,
    'time/explain': (tMoved - t3) / 1000,
    'time/weight_sync': syncMs / 1000,
  };
  // A group the update did not take shows advantage 0, as a group without spread does.
  const advantages = adv.advantages.map((a, p) => (used.zeroStd[p] ? a.map(() => 0) : a));
  return { metrics, rollouts: rolloutRecords(ctx, step + 1, tasks, groups, scored, advantages, moved) };
}

/**
 * Draw, sample and score generation batches of prompts_per_step prompts: one, or with max_num_gen_batches > 1 (DAPO's
 * dynamic sampling) more until prompts_per_step groups have reward spread or the batches run out. A policy that
 * solves a task every time, or never, gives groups without spread; refilling keeps the update's size.
 */
async function generateBatches(ctx: GrpoContext, step: number) {
  // Mode 'sft' trains on the drawn tasks' demonstrations whatever the samples score: one batch.
  const limit = ctx.opts.mode === 'sft' ? 1 : (ctx.opts.max_num_gen_batches ?? 1);
  const tasks: RlTask[] = [];
  const groups: Completion[][] = [];
  const scored: Scored[][] = [];
  let tokens = 0,
    sampleMs = 0,
    scoreMs = 0,
    batches = 0,
    signals = 0;
  while (batches < limit && (batches === 0 || signals < ctx.opts.prompts_per_step)) {
    const t0 = performance.now();
    const drawn = drawTasks(ctx, step, batches);
    const s = await sampleCompletions(ctx, drawn, step, batches);
    const t1 = performance.now();
    const sc = await scoreCompletions(ctx, drawn, s.groups);
    scoreMs += performance.now() - t1;
    sampleMs += t1 - t0;
    tasks.push(...drawn);
    groups.push(...s.groups);
    scored.push(...sc);
    tokens += s.tokens;
    signals += sc.filter((g) => hasSpread(g.map((x) => x.reward))).length;
    batches++;
  }
  return { tasks, groups, scored, tokens, batches, sampleMs, scoreMs };
}

const mean = (xs: readonly number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

function perKindRewards(tasks: readonly RlTask[], scored: readonly Scored[][]): Record<string, number> {
  const by = new Map<string, number[]>();
  tasks.forEach((t, p) => by.set(t.kind, [...(by.get(t.kind) ?? []), ...scored[p].map((s) => s.reward)]));
  return Object.fromEntries([...by].map(([k, v]) => [`rewards/${k}/mean`, mean(v)]));
}

function rolloutRecords(
  ctx: GrpoContext,
  step: number,
  tasks: readonly RlTask[],
  groups: readonly Completion[][],
  scored: readonly Scored[][],
  adv: number[][],
  moved: ReadonlyMap<number, Moved[]>,
): RolloutRecord[] {
  return tasks.flatMap((task, p) =>
    groups[p].map((c, g) => ({
      step,
      group: p,
      taskId: task.id,
      skill: task.kind as RolloutRecord['skill'],
      prompt: task.promptText,
      completion: ctx.env.decode(c.tokens),
      reward: scored[p][g].reward,
      status: scored[p][g].status,
      detail: scored[p][g].detail,
      advantage: adv[p][g],
      truncated: c.finish === 'length',
      tokens: c.tokens.map((id) => ctx.env.piece(id)),
      logprobs: c.logprobs,
      ...(moved.has(p) ? { moved: moved.get(p)![g] } : {}),
    })),
  );
}
