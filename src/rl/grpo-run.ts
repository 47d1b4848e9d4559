// The GRPO run: resume from the store when it holds a snapshot, then step until max_steps, logging one JSONL line
// per step and snapshotting every save_steps. Randomness is derived from (seed, step) (seed.ts), so the policy,
// the optimizer state, the step counter and the counters are all a resumed run needs to continue identically.
import type { TrainerBackend } from '../train/backend.ts';
import { grpoStep, syncSampler, type GrpoContext, type ResolvedGrpoOptions, type RunCounters } from './grpo.ts';
import type { RunStore } from './run-store.ts';
import type { StepRecord } from './types.ts';

export interface GrpoRunState {
  kind: 'grpo';
  /** Steps completed (the next step's index). */
  step: number;
  logLines: number;
  /** Seconds spent in steps so far (across sittings), for time budgets. */
  elapsed_s: number;
  counters: RunCounters;
  options: ResolvedGrpoOptions;
}

export interface RunHooks {
  onStep?(record: StepRecord): void | Promise<void>;
  /** Parsed tokenizer.json stored with each checkpoint, so a snapshot is a complete HF model. */
  tokenizer?: unknown;
  /** Stop (after snapshotting) once this many steps are done, below max_steps: used to split a run in sittings. */
  stopAt?: number;
  /** Stop (after snapshotting) once the run's steps have taken this many seconds in total. */
  maxSeconds?: number;
}

/** Options that must not change when a run is resumed (the rest, e.g. max_steps, may). */
const FIXED: (keyof ResolvedGrpoOptions)[] = [
  'mode',
  'seed',
  'prompts_per_step',
  'num_generations',
  'loss_type',
  'scale_rewards',
  'beta',
];

export async function runGrpo(
  ctx: GrpoContext,
  store: RunStore<GrpoRunState>,
  hooks: RunHooks = {},
): Promise<GrpoRunState> {
  const saved = await store.load();
  let state: GrpoRunState;
  if (saved) {
    for (const k of FIXED) {
      if (JSON.stringify(saved.state.options[k]) !== JSON.stringify(ctx.opts[k])) {
        throw new Error(
          `${store.description}: cannot resume with ${k} = ${JSON.stringify(ctx.opts[k])}; the run was started with ${JSON.stringify(saved.state.options[k])}`,
        );
      }
    }
    await ctx.trainer.load(saved.checkpoint);
    await store.truncateLog(saved.state.logLines);
    state = { ...saved.state, elapsed_s: saved.state.elapsed_s ?? 0, options: ctx.opts };
  } else {
    await store.truncateLog(0);
    state = {
      kind: 'grpo',
      step: 0,
      logLines: 0,
      elapsed_s: 0,
      counters: { skipped_steps: 0, zero_std_groups: 0 },
      options: ctx.opts,
    };
  }
  await syncSampler(ctx);
  const end = Math.min(ctx.opts.max_steps, hooks.stopAt ?? Infinity);
  const outOfTime = () => hooks.maxSeconds !== undefined && state.elapsed_s >= hooks.maxSeconds;
  while (state.step < end && !outOfTime()) {
    const record = await grpoStep(ctx, state.step, state.counters);
    await store.appendLog(record.metrics);
    state.logLines++;
    state.step++;
    state.elapsed_s += record.metrics.step_time;
    await hooks.onStep?.(record);
    if (state.step % ctx.opts.save_steps === 0 || state.step === end || outOfTime())
      await snapshot(ctx.trainer, store, state, hooks.tokenizer);
  }
  return state;
}

export async function snapshot<S>(
  trainer: TrainerBackend,
  store: RunStore<S>,
  state: S,
  tokenizer?: unknown,
): Promise<void> {
  await store.save({ state: structuredClone(state), checkpoint: await trainer.save(tokenizer) });
}
