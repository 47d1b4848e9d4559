// Builds a GRPO context from CLI flags (TRL's option names, e.g. --num_generations 8 --loss_type dapo): the policy
// and its frozen base, the ORT sampler, the task environment over a cached train-split pool and sandbox workers.
import { chatTemplate } from '../../rl/chat-template.ts';
import type { GrpoContext } from '../../rl/grpo.ts';
import { makeTrainer } from '../../rl/make-trainer.ts';
import { resolveGrpoOptions } from '../../rl/options.ts';
import { OrtSampler } from '../../rl/sampler.ts';
import { kindsForMode, TaskEnvironment } from '../../rl/task-env.ts';
import type { GrpoOptions, LossType, RlMode, ScaleRewards } from '../../rl/types.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { boolFlag, numberFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { listFlag, loadPolicy, sandboxPool, taskPool, type Policy } from './setup.ts';

const NUMERIC: (keyof GrpoOptions)[] = [
  'prompts_per_step',
  'num_generations',
  'temperature',
  'top_p',
  'max_completion_length',
  'learning_rate',
  'beta',
  'epsilon',
  'epsilon_high',
  'num_iterations',
  'max_steps',
  'seed',
  'per_device_train_batch_size',
  'max_prompt_length',
  'save_steps',
];

export function grpoOptionsFromArgs(args: ParsedArgs, defaults: Partial<GrpoOptions> = {}): GrpoOptions {
  const o: Partial<GrpoOptions> = { ...defaults };
  for (const k of NUMERIC) if (args.flags.has(k)) (o as Record<string, number>)[k] = numberFlag(args, k);
  if (args.flags.has('steps')) o.max_steps = numberFlag(args, 'steps');
  if (args.flags.has('mode')) o.mode = stringFlag(args, 'mode') as RlMode;
  if (args.flags.has('loss_type')) o.loss_type = stringFlag(args, 'loss_type') as LossType;
  if (args.flags.has('scale_rewards')) o.scale_rewards = stringFlag(args, 'scale_rewards') as ScaleRewards;
  if (args.flags.has('mask_truncated_completions')) {
    const v = args.flags.get('mask_truncated_completions');
    o.mask_truncated_completions = v === true || v === 'true' || v === '1';
  }
  if (args.flags.has('levels')) o.levels = listFlag(args, 'levels', []).map(Number);
  if (args.flags.has('skill_mix')) {
    o.skill_mix = Object.fromEntries(
      listFlag(args, 'skill_mix', []).map((kv) => {
        const [k, v] = kv.split('=');
        if (v === undefined) throw new UsageError(`--skill_mix takes skill=weight pairs, got ${kv}`);
        return [k, Number(v)];
      }),
    );
  }
  return resolveGrpoOptions(o);
}

export interface BuiltContext {
  ctx: GrpoContext;
  policy: Policy;
  env: TaskEnvironment;
  sandboxes: Sandbox[];
  close(): Promise<void>;
}

export async function buildGrpoContext(
  args: ParsedArgs,
  dir: string,
  opts: GrpoOptions,
  log: (s: string) => void,
): Promise<BuiltContext> {
  const o = resolveGrpoOptions(opts);
  const policy = await loadPolicy(args);
  const template = chatTemplate(policy.tokenizer);
  const T = o.max_prompt_length + o.max_completion_length;
  if (T > policy.config.max_position_embeddings) {
    throw new UsageError(
      `max_prompt_length + max_completion_length = ${T} exceeds the model's max_position_embeddings ${policy.config.max_position_embeddings}`,
    );
  }
  const weights = kindsForMode(o.mode, o.skill_mix);
  const tasks = await taskPool(
    dir,
    { kinds: [...weights.keys()], levels: o.levels, perKind: numberFlag(args, 'pool', 64), seed: o.seed },
    log,
  );
  const sandboxes = sandboxPool(args.flags.has('sandboxes') ? numberFlag(args, 'sandboxes') : undefined);
  const env = new TaskEnvironment({ template, tasks, weights, sandboxes, maxPromptTokens: o.max_prompt_length });
  const init = { weights: policy.init?.weights, seed: o.seed };
  const shape = {
    config: policy.config,
    batch: o.per_device_train_batch_size,
    seqLen: T,
    optimizer: { weightDecay: 0, maxGradNorm: 1 },
  };
  const trainer = await makeTrainer(shape, init);
  const ref = o.beta > 0 ? await makeTrainer(shape, init) : undefined;
  const sampler = new OrtSampler(policy.config);
  log(
    `policy ${policy.source}; trainer ${trainer.kind} B=${shape.batch} T=${T}; sampler ORT ${sampler.backend}; ${sandboxes.length} sandbox workers`,
  );
  log(
    `tasks per kind ${JSON.stringify(env.sizes)}; prompts over ${o.max_prompt_length} tokens left out: ${JSON.stringify(env.excluded)}`,
  );
  const ctx: GrpoContext = { env, trainer, ref, sampler, opts: o, pad: template.pad };
  return {
    ctx,
    policy,
    env,
    sandboxes,
    async close() {
      trainer.destroy();
      ref?.destroy();
      await sampler.release();
      for (const s of sandboxes) (s as { dispose?: () => void }).dispose?.();
    },
  };
}

export const wantsJson = (args: ParsedArgs): boolean => boolFlag(args, 'json');
