// `atomgym bench rl [--json] [--preset demo] [--steps 2] [--warmup 1] [TRL-named options]`: one RL step's time split
// (sampling / rewards / forward-backward / explain / weight sync), steps per hour and samples per hour, for the demo
// preset when it exists (else micro), from a random init unless --init DIR is given. The whole step is the real loop
// (grpoStep): ORT sampler, sandbox workers, the trainer the loop gets from makeTrainer. The task pool is generated
// before timing.
// A weak policy often earns the same reward on every completion of a group; such groups are dropped by the loop, which
// would leave nothing to time in the update. The bench then updates on the step's completions with stand-in
// advantages (±1, alternating) and says so (`update_on_stand_in_advantages`): same tokens, same cost. Each step's
// sampling is also timed with finished completions kept in the decoding batch (the anchor; not part of the step).
import { loadavg, tmpdir } from 'node:os';
import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { PRESETS } from '../../model/config.ts';
import {
  computeAdvantages,
  logprobsAfterUpdate,
  drawTasks,
  sampleCompletions,
  scoreCompletions,
  syncSampler,
  trainSequences,
  updateBatches,
  updatePolicy,
  type GrpoContext,
  type TrainSeq,
} from '../../rl/grpo.ts';
import { median } from '../../util/stats.ts';
import { boolFlag, numberFlag, type ParsedArgs } from '../args.ts';
import { buildGrpoContextFromArgs, grpoOptionsFromArgs } from '../rl/grpo-setup.ts';

const PARTS = ['time/sampling', 'time/rewards', 'time/update', 'time/explain', 'time/weight_sync'] as const;

export async function run(args: ParsedArgs): Promise<number> {
  const json = boolFlag(args, 'json');
  const say = (s: string) => (json ? console.error(s) : console.log(s));
  if (!args.flags.has('init') && !args.flags.has('preset'))
    args.flags.set('preset', 'demo' in PRESETS ? 'demo' : 'micro');
  const steps = numberFlag(args, 'steps', 2);
  const warmup = numberFlag(args, 'warmup', 1);
  const opts = grpoOptionsFromArgs(args, {
    prompts_per_step: 2,
    num_generations: 4,
    max_completion_length: 32,
    max_prompt_length: 480,
    learning_rate: 1e-5,
  });
  const dir = await mkdtemp(join(tmpdir(), 'atomgym-bench-rl-'));
  const load0 = loadavg();
  try {
    const built = await buildGrpoContextFromArgs(args, dir, opts, say);
    const t0 = performance.now();
    await syncSampler(built.ctx);
    const firstSyncS = (performance.now() - t0) / 1000;
    const measured: Record<string, number>[] = [];
    let standIn = 0;
    const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
      const t = performance.now();
      const r = await f();
      return [r, (performance.now() - t) / 1000];
    };
    const ctx = built.ctx;
    // ctx.opts, not opts: pack_groups 'auto' is decided with the trainer (and the micro-batch with it).
    const packed = ctx.opts.pack_groups === true;
    for (let s = 0; s < warmup + steps; s++) {
      const tasks = drawTasks(ctx, s);
      const [{ groups, tokens }, sampling] = await time(() => sampleCompletions(ctx, tasks, s));
      // The anchor: the same sampling with finished completions kept in the decoding batch to the end.
      const [full, samplingFull] = await time(() => sampleCompletions(ctx, tasks, s, 0, false));
      const same =
        JSON.stringify(full.groups.map((g) => g.map((c) => c.tokens))) ===
        JSON.stringify(groups.map((g) => g.map((c) => c.tokens)));
      const [scored, rewards] = await time(() => scoreCompletions(ctx, tasks, groups));
      let adv = computeAdvantages(ctx, scored);
      const real = adv.zeroStd.some((z) => !z);
      if (!real)
        adv = {
          ...adv,
          advantages: groups.map((g) => g.map((_, i) => (i % 2 ? 1 : -1))),
          zeroStd: adv.zeroStd.map(() => false),
        };
      const { seqs, samplerLps } = trainSequences(ctx, tasks, groups, adv);
      // pack_groups: the update's forward+backward passes over the same sequences in both layouts, the plain one the
      // anchor (gradients cleared after, no optimizer step, so the run itself is unchanged).
      const rows = packed
        ? { plain: await time(() => passes(ctx, seqs, false)), packed: await time(() => passes(ctx, seqs, true)) }
        : undefined;
      const [upd, update] = await time(() => updatePolicy(ctx, seqs, samplerLps));
      // As grpoStep does: the explained group's log-probs after the update, for the classroom explainer.
      const explainGroup = opts.log_token_moves === false ? [] : seqs.slice(0, opts.num_generations);
      const [, explain] = await time(() => logprobsAfterUpdate(ctx, explainGroup));
      const [, sync] = await time(() => syncSampler(ctx));
      const total = sampling + rewards + update + explain + sync;
      const rs = scored.flat().map((x) => x.reward);
      say(
        `${s < warmup ? 'warm-up' : 'step'} ${s + 1}: ` +
          Object.entries({ sampling, rewards, update, explain, weight_sync: sync, total })
            .map(([k, v]) => `${k} ${v.toFixed(2)}s`)
            .join('  ') +
          `  reward ${(rs.reduce((a, b) => a + b, 0) / rs.length).toFixed(2)}${real ? '' : ' (stand-in advantages)'}`,
      );
      if (s < warmup) continue;
      if (!real) standIn++;
      const lengths = groups.flat().map((c) => c.tokens.length);
      measured.push({
        'time/sampling': sampling,
        'time/rewards': rewards,
        'time/update': update,
        'time/explain': explain,
        'time/weight_sync': sync,
        step_time: total,
        tokens_per_second: tokens / sampling,
        sandbox_runs_per_second: rs.length / rewards,
        'completions/mean_length': lengths.reduce((a, b) => a + b, 0) / lengths.length,
        updates: upd.updates,
        ...(rows
          ? {
              rows_plain: rows.plain[0],
              rows_packed: rows.packed[0],
              passes_plain: rows.plain[1],
              passes_packed: rows.packed[1],
            }
          : {}),
        sampling_full_batch: samplingFull,
        same_tokens: same ? 1 : 0,
      });
    }
    await built.close();
    const mean = (k: string) => measured.reduce((a, m) => a + m[k], 0) / measured.length;
    const stepS = mean('step_time');
    const samples = opts.prompts_per_step * opts.num_generations;
    const result = {
      preset: built.policy.source,
      trainer: built.ctx.trainer.kind,
      sampler: `onnxruntime-web ${built.ctx.sampler.backend}`,
      sandboxes: built.sandboxes.length,
      options: {
        prompts_per_step: opts.prompts_per_step,
        num_generations: opts.num_generations,
        max_completion_length: opts.max_completion_length,
        max_prompt_length: opts.max_prompt_length,
        per_device_train_batch_size: ctx.opts.per_device_train_batch_size,
        pack_groups: packed,
      },
      steps_measured: measured.length,
      step_seconds: stepS,
      split_seconds: Object.fromEntries(PARTS.map((p) => [p.slice(5), mean(p)])),
      split_note: "update = forward + backward + AdamW over all of the step's sequences (micro-batches accumulated)",
      split_fraction: Object.fromEntries(PARTS.map((p) => [p.slice(5), mean(p) / stepS])),
      sampling_tokens_per_second: mean('tokens_per_second'),
      // Anchor in the same process: finished completions kept in the batch (GenerateOptions.compact = false).
      sampling_full_batch_seconds: median(measured.map((m) => m.sampling_full_batch)),
      sampling_speedup_vs_full_batch: median(measured.map((m) => m.sampling_full_batch / m['time/sampling'])),
      sampling_same_tokens_as_full_batch: measured.every((m) => m.same_tokens === 1),
      sandbox_runs_per_second: mean('sandbox_runs_per_second'),
      mean_completion_length: mean('completions/mean_length'),
      update_on_stand_in_advantages: standIn,
      ...(packed
        ? {
            pack_groups: {
              note: 'forward+backward over one step of sequences: one row each (anchor) vs packed (pack_groups)',
              rows_plain: mean('rows_plain'),
              rows_packed: mean('rows_packed'),
              plain_seconds: median(measured.map((m) => m.passes_plain)),
              packed_seconds: median(measured.map((m) => m.passes_packed)),
              speedup: median(measured.map((m) => m.passes_plain / m.passes_packed)),
            },
          }
        : {}),
      first_sync_seconds: firstSyncS,
      steps_per_hour: 3600 / stepS,
      samples_per_hour: (3600 / stepS) * samples,
      loadavg_before: load0.map((x) => Math.round(x * 100) / 100),
      loadavg_after: loadavg().map((x) => Math.round(x * 100) / 100),
    };
    if (json) console.log(JSON.stringify(result, null, 2));
    else
      say(
        `${result.steps_per_hour.toFixed(1)} steps/h, ${Math.round(result.samples_per_hour)} samples/h; split ${PARTS.map((p) => `${p.slice(5)} ${(100 * result.split_fraction[p.slice(5)]).toFixed(0)}%`).join(', ')}`,
      );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return 0;
}

/** Forward+backward over the update's rows in one layout, gradients cleared after; the rows used. */
async function passes(ctx: GrpoContext, seqs: readonly TrainSeq[], packed: boolean): Promise<number> {
  const batches = updateBatches(ctx, seqs, packed);
  for (const b of batches) await ctx.trainer.forwardBackward(b.tokens, b.mask, new Float32Array(b.tokens.length));
  ctx.trainer.zeroGrad();
  return batches.length * ctx.trainer.options.B;
}
