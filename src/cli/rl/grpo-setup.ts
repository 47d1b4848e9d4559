// GRPO options from CLI flags under TRL's names (e.g. --num_generations 8 --loss_type dapo), and the GRPO context a
// command runs (src/rl/node/setup.ts builds it).
import { resolveGrpoOptions } from '../../rl/options.ts';
import { buildGrpoContext } from '../../rl/node/setup.ts';
import type { GrpoOptions, LossType, RlMode, ScaleRewards } from '../../rl/types.ts';
import {
  familiesFlag,
  numberFlag,
  unseenPackageFlags,
  type UnseenPackageFlags,
  stringFlag,
  UsageError,
  type ParsedArgs,
} from '../args.ts';
import { listFlag, pairsFlag, policySource } from './setup.ts';

const NUMERIC: (keyof GrpoOptions)[] = [
  'prompts_per_step',
  'num_generations',
  'temperature',
  'top_p',
  'max_completion_length',
  'learning_rate',
  'warmup_steps',
  'beta',
  'epsilon',
  'epsilon_high',
  'num_iterations',
  'seed',
  'per_device_train_batch_size',
  'max_prompt_length',
  'save_steps',
  'review_verdict_credit',
  'max_num_gen_batches',
];

export function grpoOptionsFromArgs(args: ParsedArgs, defaults: Partial<GrpoOptions> = {}): GrpoOptions {
  const o: Partial<GrpoOptions> = { ...defaults, ...grpoFlagValues(args) };
  if (args.flags.has('max_steps')) o.max_steps = numberFlag(args, 'max_steps');
  if (args.flags.has('steps')) o.max_steps = numberFlag(args, 'steps');
  if (args.flags.has('mode')) o.mode = stringFlag(args, 'mode') as RlMode;
  return resolveGrpoOptions(o);
}

/** The GRPO options the flags give but a run's mode and length (no defaults filled in): an experiment's arms'. */
export function grpoFlagValues(args: ParsedArgs): Partial<GrpoOptions> {
  const o: Partial<GrpoOptions> = {};
  for (const k of NUMERIC) if (args.flags.has(k)) (o as Record<string, number>)[k] = numberFlag(args, k);
  if (args.flags.has('loss_type')) o.loss_type = stringFlag(args, 'loss_type') as LossType;
  if (args.flags.has('scale_rewards')) o.scale_rewards = stringFlag(args, 'scale_rewards') as ScaleRewards;
  if (args.flags.get('pack_groups') === 'auto') o.pack_groups = 'auto';
  for (const k of ['mask_truncated_completions', 'log_token_moves', 'pack_groups'] as const) {
    if (!args.flags.has(k) || o[k] === 'auto') continue;
    const v = args.flags.get(k);
    if (![true, 'true', '1', 'false', '0'].includes(v as string | boolean))
      throw new UsageError(`--${k} takes true or false${k === 'pack_groups' ? ' (or auto)' : ''}, got ${String(v)}`);
    o[k] = v === true || v === 'true' || v === '1';
  }
  if (args.flags.has('levels')) o.levels = listFlag(args, 'levels', []).map(Number);
  if (args.flags.has('skill_mix')) o.skill_mix = Object.fromEntries(pairsFlag(args, 'skill_mix', 'skill=weight'));
  return o;
}

// The pool options of buildGrpoContext from the unseen-package flags.
const packageEnv = (f: UnseenPackageFlags) => ({
  packageSurface: f.share,
  packageNames: f.names,
  packageNeighbors: f.neighbors,
  packageOneWord: f.oneWord,
});

/**
 * The GRPO context for a command: --init/--preset, --pool (tasks per kind), --families, --package-surface and
 * --package-names, --sandboxes (workers).
 */
export const buildGrpoContextFromArgs = (args: ParsedArgs, dir: string, opts: GrpoOptions, log: (s: string) => void) =>
  buildGrpoContext(
    policySource(args),
    dir,
    opts,
    {
      poolPerKind: args.flags.has('pool') ? numberFlag(args, 'pool') : undefined,
      sandboxes: args.flags.has('sandboxes') ? numberFlag(args, 'sandboxes') : undefined,
      families: familiesFlag(args),
      ...packageEnv(unseenPackageFlags(args)),
    },
    log,
  );
