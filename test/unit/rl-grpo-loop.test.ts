// The GRPO loop end to end on a toy task with the real parts: the webgpu Trainer (Dawn + SwiftShader in Node),
// the ORT wasm sampler, the loss through per-token weights, the run store. Reward rises within a few steps; a run
// stopped after k steps and resumed logs the same next steps and ends with the same weights as an uninterrupted
// run; a step whose gradient is NaN is skipped, counted, and leaves the weights untouched.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initParams } from '../../src/model/reference/params.ts';
import { meanLogprobChange } from '../../src/app/explainer/grpo-math.ts';
import { grpoStep, syncSampler, type GrpoContext } from '../../src/rl/grpo.ts';
import { runGrpo, type GrpoRunState } from '../../src/rl/grpo-run.ts';
import { makeTrainer } from '../../src/rl/make-trainer.ts';
import { resolveGrpoOptions } from '../../src/rl/options.ts';
import { nodeRunStore } from '../../src/rl/run-store-node.ts';
import { OrtSampler } from '../../src/rl/sampler.ts';
import type { GrpoOptions } from '../../src/rl/types.ts';
import { TOY_CONFIG, toyEnv } from './rl-toy-env.ts';

const dirs: string[] = [];
afterAll(async () => {
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});
const tempDir = async () => {
  const d = await mkdtemp(join(tmpdir(), 'atomgym-grpo-'));
  dirs.push(d);
  return d;
};

const base: Partial<GrpoOptions> = {
  prompts_per_step: 4,
  num_generations: 8,
  max_completion_length: 3,
  learning_rate: 3e-2,
  per_device_train_batch_size: 16,
  max_prompt_length: 3,
  seed: 5,
  loss_type: 'dapo',
};

async function context(opts: Partial<GrpoOptions>, env = toyEnv()): Promise<GrpoContext> {
  const o = resolveGrpoOptions({ ...base, ...opts });
  const weights = initParams(TOY_CONFIG, 11, 0.2);
  const trainer = await makeTrainer(
    { config: TOY_CONFIG, batch: o.per_device_train_batch_size, seqLen: 8 },
    { weights },
  );
  const ref =
    o.beta > 0
      ? await makeTrainer({ config: TOY_CONFIG, batch: o.per_device_train_batch_size, seqLen: 8 }, { weights })
      : undefined;
  return { env, trainer, ref, sampler: new OrtSampler(TOY_CONFIG), opts: o, pad: 0 };
}
const close = async (ctx: GrpoContext) => {
  ctx.trainer.destroy();
  ctx.ref?.destroy();
  await ctx.sampler.release();
};
const TIMING = /^(time\/|step_time|tokens_per_second|sandbox_runs_per_second)/;
const withoutTimes = (r: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(r).filter(([k]) => !TIMING.test(k)));

describe('GRPO loop on a toy task', () => {
  it('raises the reward within a few steps and logs TRL-named metrics', async () => {
    const dir = await tempDir();
    const ctx = await context({ max_steps: 8, save_steps: 100, beta: 0.01, epsilon_high: 0.28 });
    const store = nodeRunStore<GrpoRunState>(dir);
    await runGrpo(ctx, store);
    const log = await store.readLog();
    await close(ctx);
    expect(log).toHaveLength(8);
    for (const k of [
      'reward',
      'reward_std',
      'frac_reward_zero_std',
      'kl',
      'clip_ratio/region_mean',
      'entropy',
      'completions/mean_length',
      'completions/clipped_ratio',
      'step_time',
      'logprob_mismatch',
      'rewards/odd/mean',
      'rewards/even/mean',
    ]) {
      expect(
        Object.keys(log[0]).some((x) => x === k || (k.startsWith('rewards/') && x.startsWith('rewards/'))),
        k,
      ).toBe(true);
    }
    const reward = log.map((l) => l.reward as number);
    const first = (reward[0] + reward[1]) / 2;
    const last = (reward[6] + reward[7]) / 2;
    expect(last, `rewards per step: ${reward.join(', ')}`).toBeGreaterThan(first + 0.25);
    // The sampler (ORT wasm, f32) and the trainer (WGSL, f32) score the same tokens alike.
    expect(Math.max(...log.map((l) => l.logprob_mismatch as number))).toBeLessThan(1e-3);
    expect(log.at(-1)!.kl as number).toBeGreaterThan(0);
  }, 300_000);

  it('dynamic sampling draws batches until prompts_per_step groups have a signal, the same on a rerun', async () => {
    const run = async (max_num_gen_batches: number) => {
      const ctx = await context({ prompts_per_step: 2, max_num_gen_batches }, toyEnv({ constantKinds: ['even'] }));
      await syncSampler(ctx);
      const steps = [];
      for (let s = 0; s < 4; s++) steps.push(await grpoStep(ctx, s, { skipped_steps: 0, zero_std_groups: 0 }));
      await close(ctx);
      return steps;
    };
    const once = await run(1);
    const refilled = await run(6);
    const signalled = (r: (typeof once)[number]) =>
      new Set(r.rollouts.filter((x) => x.advantage !== 0).map((x) => x.group));
    // One batch: whatever the draw gives (the 'even' half of the tasks never has a signal).
    expect(once.map((r) => r.metrics.num_gen_batches)).toEqual([1, 1, 1, 1]);
    expect(once.some((r) => signalled(r).size < 2)).toBe(true);
    // Refilled: every step updates on exactly prompts_per_step groups with a signal, drawn over several batches.
    for (const r of refilled) {
      expect(r.rollouts.filter((x) => x.advantage !== 0 && (x.skill as string) === 'even')).toEqual([]);
      expect(signalled(r).size).toBe(2);
      expect(r.rollouts.length).toBe(r.metrics.num_gen_batches * 2 * 8);
    }
    expect(Math.max(...refilled.map((r) => r.metrics.num_gen_batches))).toBeGreaterThan(1);
    // The first batch of a step is the one a run without refills draws.
    expect(refilled[0].rollouts.slice(0, 16).map((x) => x.completion)).toEqual(
      once[0].rollouts.map((x) => x.completion),
    );
    const again = await run(6);
    expect(again.map((r) => withoutTimes(r.metrics))).toEqual(refilled.map((r) => withoutTimes(r.metrics)));
  }, 300_000);

  it("measures what the update did to the explained group's tokens: the surrogate's direction", async () => {
    const ctx = await context({ max_steps: 1, learning_rate: 1e-2 });
    await syncSampler(ctx);
    const rec = await grpoStep(ctx, 0, { skipped_steps: 0, zero_std_groups: 0 });
    await close(ctx);
    const measured = rec.rollouts.filter((r) => r.moved);
    expect(new Set(measured.map((r) => r.group)).size).toBe(1);
    const group = rec.rollouts.filter((r) => r.group === measured[0].group);
    expect(measured).toEqual(group); // the whole group, and it is the first one whose rewards differ
    expect(new Set(group.map((r) => r.reward)).size).toBeGreaterThan(1);
    const firstWithSignal = rec.rollouts.find((r) =>
      rec.rollouts.some((o) => o.group === r.group && o.reward !== r.reward),
    );
    expect(firstWithSignal!.group).toBe(measured[0].group);
    for (const r of group) {
      expect(r.moved!.before).toHaveLength(r.tokens.length);
      r.moved!.before.forEach((lp, t) => expect(Math.abs(lp - r.logprobs[t])).toBeLessThan(1e-3)); // = the sampler's
    }
    // One small step up the surrogate Σ A_i · mean_t log p: it rises, so Σ A_i · mean Δlog p > 0.
    const lift = group.reduce((a, r) => a + r.advantage * meanLogprobChange(r.moved!), 0);
    expect(lift).toBeGreaterThan(0);
    expect(rec.metrics['time/explain']).toBeGreaterThan(0);
  }, 300_000);

  it('a run killed between snapshots resumes exactly like an uninterrupted run', async () => {
    const opts = { max_steps: 5, save_steps: 2 };
    const whole = await tempDir();
    const a = await context(opts);
    await runGrpo(a, nodeRunStore(whole));
    const wa = await a.trainer.getWeights();
    await close(a);

    const split = await tempDir();
    const b1 = await context(opts);
    // The process dies after logging step index 2, before the snapshot due at 4: the store has the snapshot at 2.
    const kill = (r: { metrics: { step: number } }) => {
      if (r.metrics.step === 3) throw new Error('killed');
    };
    await expect(runGrpo(b1, nodeRunStore(split), { onStep: kill })).rejects.toThrow('killed');
    await close(b1);
    expect(await nodeRunStore(split).readLog()).toHaveLength(3);
    const b2 = await context(opts);
    const resumed = await runGrpo(b2, nodeRunStore(split));
    const wb = await b2.trainer.getWeights();
    await close(b2);

    expect(resumed.step).toBe(5);
    const la = (await nodeRunStore(whole).readLog()).map(withoutTimes);
    const lb = (await nodeRunStore(split).readLog()).map(withoutTimes);
    expect(lb).toEqual(la);
    for (const [name, w] of wa) expect(Array.from(wb.get(name)!), name).toEqual(Array.from(w));
  }, 300_000);

  it("mode 'sft' updates on the tasks' demonstrations (same draws, same metrics); their NLL falls", async () => {
    const ctx = await context({ mode: 'sft', max_steps: 6, save_steps: 100, learning_rate: 2e-2 });
    const store = nodeRunStore<GrpoRunState>(await tempDir());
    await runGrpo(ctx, store);
    await close(ctx);
    const log = await store.readLog();
    expect(log.every((l) => l.num_updates === 1)).toBe(true);
    expect(log[5].loss as number).toBeLessThan((log[0].loss as number) * 0.6);
    expect(log[5]).toHaveProperty('reward'); // sampled and scored like the RL arms, so the curves compare
  }, 300_000);

  it('num_iterations > 1: one optimizer step per iteration; later iterations are off-policy and clip', async () => {
    const ctx = await context({
      max_steps: 2,
      save_steps: 100,
      num_iterations: 3,
      learning_rate: 5e-2,
      epsilon: 0.05,
      loss_type: 'grpo',
      scale_rewards: 'none',
    });
    const store = nodeRunStore<GrpoRunState>(await tempDir());
    await runGrpo(ctx, store);
    await close(ctx);
    const log = await store.readLog();
    const updated = log.filter((l) => (l.zero_std_groups as number) < 4);
    expect(updated.length).toBeGreaterThan(0);
    for (const l of updated) expect(l.num_updates).toBe(3);
    expect(Math.max(...updated.map((l) => l['clip_ratio/region_mean'] as number))).toBeGreaterThan(0);
  }, 300_000);

  it('warmup_steps ramps the rate: a fresh AdamW moves each weight by ~lr, so step 1 moves ¼ as far', async () => {
    const firstMove = async (warmup_steps: number, max_steps: number) => {
      const ctx = await context({ max_steps, save_steps: 100, learning_rate: 1e-2, warmup_steps });
      const before = await ctx.trainer.getWeights();
      let move = 0;
      await runGrpo(ctx, nodeRunStore<GrpoRunState>(await tempDir()), {
        onStep: async (r) => {
          if (r.metrics.step !== 1) return;
          for (const [name, w] of await ctx.trainer.getWeights()) {
            const b = before.get(name)!;
            w.forEach((x, i) => (move = Math.max(move, Math.abs(x - b[i]))));
          }
        },
      });
      await close(ctx);
      return move;
    };
    const store = nodeRunStore<GrpoRunState>(await tempDir());
    const ctx = await context({ max_steps: 5, save_steps: 100, learning_rate: 1e-2, warmup_steps: 4 });
    await runGrpo(ctx, store);
    await close(ctx);
    const rates = (await store.readLog()).map((l) => l.learning_rate as number);
    rates.forEach((r, i) => expect(r).toBeCloseTo([2.5e-3, 5e-3, 7.5e-3, 1e-2, 1e-2][i], 12));
    const [plain, warmed] = [await firstMove(0, 1), await firstMove(4, 1)];
    expect(plain).toBeGreaterThan(0.9e-2); // AdamW's first update: about lr wherever the gradient is not zero
    expect(plain).toBeLessThan(1.1e-2);
    expect(warmed / plain).toBeCloseTo(0.25, 2);
  }, 300_000);

  it('skips and counts a step whose gradient is NaN, leaving the weights untouched', async () => {
    const ctx = await context({ max_steps: 2, save_steps: 100 }, toyEnv({ nanAtStep: 1 }));
    const store = nodeRunStore<GrpoRunState>(await tempDir());
    let before: Map<string, Float32Array> | undefined;
    const state = await runGrpo(ctx, store, {
      onStep: async (r) => void (r.metrics.step === 1 && (before = await ctx.trainer.getWeights())),
    });
    const after = await ctx.trainer.getWeights();
    await close(ctx);
    const log = await store.readLog();
    expect(state.counters.skipped_steps).toBe(1);
    expect(log[1].skipped_steps).toBe(1);
    expect(log[1].num_updates).toBe(0);
    for (const [name, w] of before!) expect(Array.from(after.get(name)!), name).toEqual(Array.from(w));
  }, 300_000);

  it('with no group having a reward spread, no optimizer step is taken: num_updates 0, weights kept', async () => {
    const ctx = await context({ max_steps: 2, save_steps: 100 }, toyEnv({ constantKinds: ['even', 'odd'] }));
    const before = await ctx.trainer.getWeights();
    const store = nodeRunStore<GrpoRunState>(await tempDir());
    await runGrpo(ctx, store);
    const after = await ctx.trainer.getWeights();
    await close(ctx);
    const log = await store.readLog();
    expect(log.map((l) => [l.num_updates, l.frac_reward_zero_std, l.skipped_steps])).toEqual([
      [0, 1, 0],
      [0, 1, 0],
    ]);
    for (const [name, w] of before) expect(Array.from(after.get(name)!), name).toEqual(Array.from(w));
  }, 300_000);

  it('one on-policy iteration without KL: forward+backward as one trainer pass, the same update as split', async () => {
    const run = async (opts: Partial<GrpoOptions>, split: boolean) => {
      const ctx = await context({ max_steps: 2, save_steps: 100, learning_rate: 5e-2, ...opts });
      const calls = { fused: 0, forward: 0 };
      const t = ctx.trainer;
      const [forward, backward, fused] = [t.forward.bind(t), t.backward.bind(t), t.forwardBackward.bind(t)];
      t.forward = (tokens, mask) => (calls.forward++, forward(tokens, mask));
      t.forwardBackward = async (tokens, mask, w) => {
        calls.fused++;
        if (!split) return fused(tokens, mask, w);
        const lp = await forward(tokens, mask);
        await backward(w);
        return lp;
      };
      await runGrpo(ctx, nodeRunStore<GrpoRunState>(await tempDir()));
      const weights = await t.getWeights();
      await close(ctx);
      return { calls, weights };
    };
    const one = await run({}, false);
    expect(one.calls.fused).toBeGreaterThan(0);
    const apart = await run({}, true);
    for (const [name, w] of one.weights) expect(Array.from(apart.weights.get(name)!), name).toEqual(Array.from(w));
    // A second iteration reads the updated log-probs, and a KL term the current ones: forward, then backward.
    for (const opts of [{ num_iterations: 2 }, { beta: 0.04 }]) expect((await run(opts, false)).calls.fused).toBe(0);
  }, 300_000);

  it('pack_groups: the same run to float32 rounding, in packed rows', async () => {
    const run = async (pack_groups: boolean) => {
      const ctx = await context({ max_steps: 3, save_steps: 100, learning_rate: 5e-2, pack_groups });
      const rows: number[] = [];
      const t = ctx.trainer;
      const fused = t.forwardBackward.bind(t);
      t.forwardBackward = (tokens, mask, w) => {
        rows.push(new Set(Array.from(mask as ArrayLike<number>).filter((m) => m > 1)).size);
        return fused(tokens, mask, w);
      };
      const store = nodeRunStore<GrpoRunState>(await tempDir());
      await runGrpo(ctx, store);
      const weights = await t.getWeights();
      await close(ctx);
      return { log: await store.readLog(), weights, segments: rows.reduce((a, b) => a + b, 0) };
    };
    const [plain, packed] = [await run(false), await run(true)];
    expect(plain.segments).toBe(0);
    expect(packed.segments).toBeGreaterThan(0);
    packed.log.forEach((l, i) => {
      expect(l.reward, `step ${i + 1}`).toBe(plain.log[i].reward);
      expect(l.loss as number).toBeCloseTo(plain.log[i].loss as number, 5);
      expect(l.logprob_mismatch as number).toBeCloseTo(plain.log[i].logprob_mismatch as number, 5);
    });
    for (const [name, w] of plain.weights) {
      const other = packed.weights.get(name)!;
      w.forEach((x, i) => expect(Math.abs(other[i] - x), `${name}[${i}]`).toBeLessThan(1e-4));
    }
  }, 300_000);
});
