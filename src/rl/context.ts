// A GRPO context from its parts, the same in Node (src/rl/node/setup.ts) and in the page's run worker
// (src/worker/grpo-driver.ts): the caller brings the policy, the task pool and the sandboxes its platform has; this
// builds the environment, the trainer (and the frozen reference when beta > 0) and the sampler around them.
import type { LlamaConfig } from '../model/config.ts';
import type { Tokenizer } from '../model/tokenizer/tokenizer.ts';
import type { Sandbox } from '../sandbox/types.ts';
import type { TaskBase } from '../tasks/types.ts';
import { PACKS_ROWS, type TrainerBackend } from '../train/backend.ts';
import type { TrainerChoice } from '../train/create.ts';
import { chatTemplate } from './chat-template.ts';
import type { GrpoContext, ResolvedGrpoOptions } from './grpo.ts';
import { makeTrainer, placeTrainer, type TrainerPlacement } from './make-trainer.ts';
import { OptionsError } from './options.ts';
import { OrtSampler } from './sampler.ts';
import { kindsForMode, TaskEnvironment } from './task-env.ts';

export interface ContextParts {
  config: LlamaConfig;
  tokenizer: Tokenizer;
  /** Initial weights by HF name (a checkpoint's); a seeded random init without them. */
  weights?: ReadonlyMap<string, Float32Array>;
  tasks: readonly TaskBase[];
  sandboxes: readonly Sandbox[];
  placement?: TrainerPlacement;
}

export interface AssembledContext {
  ctx: GrpoContext;
  env: TaskEnvironment;
  /** One line for progress output and the page: trainer backend and why, sampler, sandboxes, rows. */
  description: string;
  /** Frees the trainers and the sampler (the caller owns the sandboxes). */
  release(): Promise<void>;
}

/**
 * The options a run trains with on the chosen backend: pack_groups 'auto' becomes true (and a micro-batch of one
 * packed row) where the backend takes packed rows, false elsewhere; true on a backend without them is an error.
 */
export function packingFor(o: ResolvedGrpoOptions, choice: TrainerChoice): ResolvedGrpoOptions {
  const packs = PACKS_ROWS[choice.backend];
  if (o.pack_groups === 'auto') {
    return packs ? { ...o, pack_groups: true, per_device_train_batch_size: 1 } : { ...o, pack_groups: false };
  }
  if (o.pack_groups && !packs) {
    throw new OptionsError(
      `GRPO option pack_groups needs a trainer that takes packed rows (wasm); this run's is ${choice.backend} ` +
        `(${choice.reason})`,
    );
  }
  return o;
}

/** The row length a run needs: prompt budget plus completion budget, checked against the model's context. */
export function rowLength(o: ResolvedGrpoOptions, config: LlamaConfig): number {
  const T = o.max_prompt_length + o.max_completion_length;
  if (T > config.max_position_embeddings) {
    throw new Error(
      `max_prompt_length + max_completion_length = ${T} exceeds the model's max_position_embeddings ` +
        `${config.max_position_embeddings}`,
    );
  }
  return T;
}

export async function assembleGrpoContext(p: ContextParts, asked: ResolvedGrpoOptions): Promise<AssembledContext> {
  const placement = await placeTrainer(p.placement);
  const o = packingFor(asked, placement.choice);
  const template = chatTemplate(p.tokenizer);
  const T = rowLength(o, p.config);
  const env = new TaskEnvironment({
    template,
    tasks: p.tasks,
    weights: kindsForMode(o.mode, o.skill_mix),
    sandboxes: p.sandboxes,
    maxPromptTokens: o.max_prompt_length,
    reviewVerdictCredit: o.review_verdict_credit,
  });
  const init = { weights: p.weights, seed: o.seed };
  const shape = {
    config: p.config,
    batch: o.per_device_train_batch_size,
    seqLen: T,
    optimizer: { weightDecay: 0, maxGradNorm: 1 },
  };
  const trainer = await makeTrainer(shape, init, placement);
  const { choice } = placement;
  let ref: TrainerBackend | undefined;
  let sampler: OrtSampler | undefined;
  try {
    ref = o.beta > 0 ? await makeTrainer(shape, init, placement) : undefined;
    sampler = new OrtSampler(p.config);
  } catch (e) {
    trainer.destroy();
    ref?.destroy();
    throw e;
  }
  const rows = o.pack_groups === true ? ' (packed rows: one prompt per group)' : '';
  const description =
    `trainer ${trainer.kind} (${choice.reason}) B=${shape.batch} T=${T}${rows}; sampler ORT ${sampler.backend}; ` +
    `${p.sandboxes.length} sandbox workers`;
  const ctx: GrpoContext = { env, trainer, ref, sampler, opts: o, pad: template.pad };
  const s = sampler;
  return {
    ctx,
    env,
    description,
    async release() {
      trainer.destroy();
      ref?.destroy();
      await s.release();
    },
  };
}
