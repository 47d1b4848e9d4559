// GRPO options: TRL's defaults where TRL has one, checked with errors that name the field.
import { ATOMIC_SKILLS } from '../tasks/types.ts';
import type { ResolvedGrpoOptions } from './grpo.ts';
import type { GrpoOptions } from './types.ts';

export const DEFAULT_GRPO: ResolvedGrpoOptions = {
  mode: 'joint',
  prompts_per_step: 4,
  num_generations: 8,
  temperature: 1,
  max_completion_length: 128,
  learning_rate: 1e-4,
  warmup_steps: 0,
  beta: 0,
  epsilon: 0.2,
  loss_type: 'dapo',
  scale_rewards: 'group',
  mask_truncated_completions: false,
  num_iterations: 1,
  max_steps: 100,
  seed: 0,
  levels: [1],
  per_device_train_batch_size: 8,
  max_prompt_length: 512,
  save_steps: 10,
  review_verdict_credit: 0,
  max_num_gen_batches: 1,
};

export class OptionsError extends Error {
  override name = 'OptionsError';
}

export function resolveGrpoOptions(o: Partial<GrpoOptions>): ResolvedGrpoOptions {
  const r = {
    ...DEFAULT_GRPO,
    ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)),
  } as ResolvedGrpoOptions;
  const int = (k: keyof ResolvedGrpoOptions, min: number) => {
    const v = r[k];
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min)
      throw new OptionsError(`GRPO option ${k} must be an integer ≥ ${min}, got ${JSON.stringify(v)}`);
  };
  const num = (k: keyof ResolvedGrpoOptions, ok: (v: number) => boolean, what: string) => {
    const v = r[k];
    if (v === undefined) return;
    if (typeof v !== 'number' || !Number.isFinite(v) || !ok(v))
      throw new OptionsError(`GRPO option ${k} must be ${what}, got ${JSON.stringify(v)}`);
  };
  for (const k of [
    'prompts_per_step',
    'max_completion_length',
    'num_iterations',
    'per_device_train_batch_size',
    'max_prompt_length',
    'save_steps',
    'max_num_gen_batches',
  ] as const)
    int(k, 1);
  int('num_generations', 2); // a group of one has no spread
  int('max_steps', 0);
  int('warmup_steps', 0);
  int('seed', 0);
  num('temperature', (v) => v > 0, '> 0 (sampling)');
  num('top_p', (v) => v > 0 && v <= 1, 'in (0, 1]');
  num('learning_rate', (v) => v >= 0, '≥ 0');
  num('beta', (v) => v >= 0, '≥ 0');
  num('epsilon', (v) => v >= 0 && v < 1, 'in [0, 1)');
  num('epsilon_high', (v) => v >= 0, '≥ 0');
  num('review_verdict_credit', (v) => v >= 0 && v <= 1, 'in [0, 1]');
  if (!['grpo', 'dr_grpo', 'dapo'].includes(r.loss_type))
    throw new OptionsError(`GRPO option loss_type must be grpo, dr_grpo or dapo, got ${JSON.stringify(r.loss_type)}`);
  if (!['group', 'batch', 'none'].includes(r.scale_rewards))
    throw new OptionsError(
      `GRPO option scale_rewards must be group, batch or none, got ${JSON.stringify(r.scale_rewards)}`,
    );
  if (r.pack_groups !== undefined && typeof r.pack_groups !== 'boolean' && r.pack_groups !== 'auto') {
    throw new OptionsError(
      `GRPO option pack_groups must be true, false or "auto", got ${JSON.stringify(r.pack_groups)}`,
    );
  }
  // A packed row holds a whole group, and the wasm trainer's time per row does not depend on B (mini, T = 968:
  // 3.1–3.4 s a row at B = 1, 2 and 8): a micro-batch of one row leaves no filler rows to compute.
  if (r.pack_groups === true && o.per_device_train_batch_size === undefined) r.per_device_train_batch_size = 1;
  const single = /^single:(.+)$/.exec(r.mode);
  if (
    !(
      ['joint', 'composite', 'sft'].includes(r.mode) ||
      (single && (ATOMIC_SKILLS as readonly string[]).includes(single[1]))
    )
  ) {
    throw new OptionsError(
      `GRPO option mode must be joint, composite, sft or single:<${ATOMIC_SKILLS.join('|')}>, got ${JSON.stringify(r.mode)}`,
    );
  }
  if (!Array.isArray(r.levels) || r.levels.length === 0 || r.levels.some((l) => ![1, 2, 3, 4, 5].includes(l))) {
    throw new OptionsError(`GRPO option levels must be a non-empty list of 1..5, got ${JSON.stringify(r.levels)}`);
  }
  for (const [k, w] of Object.entries(r.skill_mix ?? {})) {
    if (!(ATOMIC_SKILLS as readonly string[]).includes(k))
      throw new OptionsError(`GRPO option skill_mix has unknown skill ${JSON.stringify(k)}`);
    if (typeof w !== 'number' || !(w >= 0))
      throw new OptionsError(`GRPO option skill_mix.${k} must be ≥ 0, got ${JSON.stringify(w)}`);
  }
  return r;
}

/** The learning rate of the update at 0-based step `step`: linear warm-up over warmup_steps, then constant. */
export function learningRateAt(o: Pick<GrpoOptions, 'learning_rate' | 'warmup_steps'>, step: number): number {
  const w = o.warmup_steps ?? 0;
  return w > 0 && step < w ? (o.learning_rate * (step + 1)) / w : o.learning_rate;
}
