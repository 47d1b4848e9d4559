// The contract between the learning loop (src/rl, src/eval) and what drives or shows it (src/app, src/worker,
// src/cli): run options under TRL's GRPOConfig names, one metrics record per step under TRL's metric names,
// and the rollouts of a step for the inspector and the classroom explainer. Plain JSON-able data only, so it
// crosses a Worker boundary (comlink) and is written to a JSONL log unchanged.
import type { AtomicSkill, TaskKind } from '../tasks/types.ts';

/** 'joint': one buffer over the five skills; 'single:<skill>'; 'composite': composite tasks only; 'sft'. */
export type RlMode = 'joint' | `single:${AtomicSkill}` | 'composite' | 'sft';

export type LossType = 'grpo' | 'dr_grpo' | 'dapo';
export type ScaleRewards = 'group' | 'batch' | 'none';

/** GRPO knobs, named as in TRL's GRPOConfig. */
export interface GrpoOptions {
  mode: RlMode;
  /** Relative weight per atomic skill for 'joint' (default uniform). */
  skill_mix?: Partial<Record<AtomicSkill, number>>;
  /** Prompts (tasks) drawn per step; each gets num_generations completions. */
  prompts_per_step: number;
  num_generations: number;
  temperature: number;
  top_p?: number;
  max_completion_length: number;
  learning_rate: number;
  /**
   * Steps over which the learning rate rises linearly to learning_rate, then stays (TRL's name; default 0, and no
   * decay after it, where TRL's default scheduler decays linearly). A fresh AdamW's first updates move every weight
   * by about the learning rate whatever its gradient: at 5e-4 one such update halved reproduction's reward
   * (results/verdict-credit/frozen-control/).
   */
  warmup_steps?: number;
  /** KL coefficient to the frozen base (k3 estimator); 0 disables the reference model. */
  beta: number;
  epsilon: number;
  epsilon_high?: number;
  loss_type: LossType;
  scale_rewards: ScaleRewards;
  mask_truncated_completions: boolean;
  /**
   * DAPO's dynamic sampling (verl's name): up to this many generation batches of prompts_per_step prompts per step,
   * until prompts_per_step groups have reward spread; the update takes the first prompts_per_step of those. Default 1.
   */
  max_num_gen_batches?: number;
  /**
   * Not TRL's: the update writes each group's prompt once per trainer row, its completions after it as packed
   * segments (src/rl/packed-batches.ts) — the same update to float32 rounding in fewer rows. Needs a trainer that
   * takes packed rows (the wasm backend). Default off; when on, per_device_train_batch_size defaults to 1. 'auto'
   * (the page's choice) packs where the trainer the run gets takes packed rows, in micro-batches of one packed row,
   * and elsewhere trains plain rows in micro-batches of per_device_train_batch_size.
   */
  pack_groups?: boolean | 'auto';
  /** Policy updates per generation batch (μ in the GRPO paper). */
  num_iterations: number;
  max_steps: number;
  seed: number;
  /**
   * Training reward for a review answer with the right verdict and a wrong or missing line (default 0: the
   * skill's reward). The review reward pays a rejection only with the faulty line, so a group on a faulty change
   * almost never has reward spread while a group on a clean one always rewards approving: without this credit
   * GRPO drives review to the always-approve constant. Evaluation keeps the skill's reward.
   */
  review_verdict_credit?: number;
  /** Task levels drawn from (default [1]). */
  levels?: number[];
  /** Sequences per trainer forward/backward (TRL's name); the generation batch is accumulated over them. */
  per_device_train_batch_size?: number;
  /**
   * Prompts longer than this many tokens are not drawn (TRL's name); with max_completion_length it sets the row length.
   */
  max_prompt_length?: number;
  /** Checkpoint every this many steps (and at the end). */
  save_steps?: number;
  /**
   * Measure the explained group's token log-probs after each update (RolloutRecord.moved, for the classroom
   * explainer): one extra forward pass of one micro-batch per step, logged as time/explain. Default true.
   */
  log_token_moves?: boolean;
}

/**
 * One line of the JSONL log per step. Keys follow TRL: reward, reward_std, `rewards/<skill>/mean`,
 * frac_reward_zero_std, kl, `clip_ratio/low_mean`, `clip_ratio/high_mean`, `clip_ratio/region_mean`, entropy,
 * `completions/mean_length`, `completions/clipped_ratio`, step_time, loss, grad_norm; and ours: tokens_per_second,
 * sandbox_runs_per_second, logprob_mismatch (|sampler − trainer| mean on the same tokens), skipped_steps,
 * zero_std_groups, num_gen_batches, time/sampling, time/rewards, time/update, time/weight_sync (seconds).
 */
export interface StepMetrics {
  step: number;
  [name: string]: number;
}

/** One completion of one group, as the rollout inspector shows it. */
export interface RolloutRecord {
  step: number;
  group: number;
  taskId: string;
  skill: TaskKind;
  prompt: string;
  completion: string;
  reward: number;
  status: string;
  detail: string;
  advantage: number;
  truncated: boolean;
  /** The completion's tokens as decoded text pieces and the sampler's log-prob of each. */
  tokens: string[];
  logprobs: number[];
  /** For the step's explained group (the first whose rewards differ): what the update did to each token. */
  moved?: Moved;
}

/** The trainer's log-prob of each completion token just before and just after the step's update. */
export interface Moved {
  before: number[];
  after: number[];
}

export interface StepRecord {
  metrics: StepMetrics;
  rollouts: RolloutRecord[];
}
