// `--reuse-arms`: an experiment copies another's finished RL arm, instead of training it, exactly when what decides
// the arm's training is the same in both. Two layers: the experiment's bookkeeping with the real reference trainer and
// sampler at tiny size (which arms are copied, trained, evaluated, recorded), and the real training-inputs record of a
// GRPO arm (src/rl/node/arm-inputs.ts) on real generated pools.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceSftArmWith } from '../../src/eval/experiment/reference-sft.ts';
import { runExperiment, type ExperimentDeps, type ExperimentOptions } from '../../src/eval/experiment/run.ts';
import type { ArmInputsOf, ArmSettings, TrainArm, TrainArmRequest } from '../../src/eval/experiment/arm.ts';
import { loadCheckpointPolicy } from '../../src/eval/node-io.ts';
import { ARM_INPUTS_FILE, grpoArmInputs } from '../../src/rl/node/arm-inputs.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { writeTinyCheckpoint } from './eval-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'atomgym-reuse-'));
const base = join(dir, 'base-ckpt');
let sandbox: Sandbox;
beforeAll(async () => {
  await writeTinyCheckpoint(base, 9);
  sandbox = await createQuickJsSandbox();
});
afterAll(() => {
  sandbox?.dispose?.();
  rmSync(dir, { recursive: true, force: true });
});

const options: ExperimentOptions = {
  preset: 'micro',
  budgetMinutes: 0,
  budgetSteps: 2,
  seeds: 1,
  baseCheckpoint: base,
  tasks: { kinds: ['localization', 'review'], n: 1, seed: 3, level: 1 },
  eval: { k: 1, temperature: 1, maxNewTokens: 6, composed: false },
};

const trained: string[] = [];
const realSft = referenceSftArmWith({ batch: 1, seqLen: 96, learningRate: 1e-2, poolPerKind: 1, level: 1 });
const trainArm: TrainArm = async (req) => (trained.push(req.mode), realSft(req));
/**
 * Stands in for the GRPO record where the reference trainer has no pool: what the real one compares — mode, seed,
 * budget, options, starting weights, and a pool that only localization's unseen-package form changes.
 */
const inputs: ArmInputsOf = async (r, settings) => ({
  mode: r.mode,
  seed: r.seed,
  budget: r.budget,
  grpo: settings.grpo ?? {},
  init: r.init,
  pool: r.mode === 'single:localization' || r.mode === 'joint' ? (r.unseenPackages ?? null) : null,
});
const deps = (arms: string[], reuseFrom?: string): ExperimentDeps => ({
  trainArm,
  loadPolicy: (d) => loadCheckpointPolicy(d, { backend: 'wasm' }),
  sandbox,
  sitting: { command: 'test', commit: 'test', machine: 'test' },
  arms,
  ...(reuseFrom ? { reuseFrom, armInputs: inputs } : {}),
});
const done = (out: string, arm: string) => JSON.parse(readFileSync(join(out, 'arms', arm, 'done.json'), 'utf8'));
const weights = (path: string) => readFileSync(join(path, 'model.safetensors'));

describe('an experiment reusing another experiment’s arms', () => {
  it('copies an arm with the same training inputs, trains the others, evaluates every arm on its tasks', async () => {
    const first = join(dir, 'first');
    await runExperiment(first, options, deps(['base', 'single-review']));
    expect(trained).toEqual(['single:review']);
    trained.length = 0;

    const second = join(dir, 'second');
    const moved: ExperimentOptions = { ...options, unseenPackages: { share: 1, names: 'words' } };
    const outcome = await runExperiment(second, moved, deps(['base', 'single-localization', 'single-review'], first));
    // Localization's pool changes with the unseen-package form: trained; review's does not: copied.
    expect(trained).toEqual(['single:localization']);
    expect(outcome.trained).toEqual(['base', 'single-localization-s0', 'single-review-s0']);
    const copied = done(second, 'single-review-s0');
    // The first experiment kept no record of its arms' inputs (the reference trainer writes none): recomputed.
    const from = join(first, 'arms', 'single-review-s0');
    expect(copied.reused).toEqual({ experiment: first, from, inputs: 'recomputed' });
    expect(copied.train.steps).toBe(2);
    expect(copied.train.checkpoint).toBe(join(second, 'arms', 'single-review-s0', 'checkpoint', 'model'));
    expect(weights(copied.train.checkpoint)).toEqual(weights(done(first, 'single-review-s0').train.checkpoint));
    expect(done(second, 'single-localization-s0').reused).toBeUndefined();
    // Evaluated here on this experiment's tasks: the review task is the same task in both, so its result there is
    // kept; the localization task moved into a package is evaluated.
    const evaluated = JSON.parse(readFileSync(join(second, 'arms', 'single-review-s0', 'eval.json'), 'utf8'));
    const there = JSON.parse(readFileSync(join(from, 'eval.json'), 'utf8'));
    expect(evaluated.tasks).toMatch(/localization 1 as unseen packages/);
    expect(evaluated.knownResults).toEqual({ tasks: 1, from: join(from, 'eval.json') });
    const review = (r: { results: Array<{ kind: string }> }) => r.results.find((x) => x.kind === 'review');
    expect(review(evaluated)).toEqual(review(there));
    const loc = evaluated.results.find((x: { kind: string }) => x.kind === 'localization');
    expect(loc.id).toMatch(/~package$/);
    expect(loc.sampled).toHaveLength(1);
    // The base is the same given checkpoint there: its result on the shared review task is kept too.
    const baseEval = (out: string) => JSON.parse(readFileSync(join(out, 'arms', 'base', 'eval.json'), 'utf8'));
    expect(baseEval(second).knownResults).toEqual({ tasks: 1, from: join(first, 'arms', 'base', 'eval.json') });
    expect(review(baseEval(second))).toEqual(review(baseEval(first)));
    expect(done(second, 'base').reused).toBeUndefined();
    const md = readFileSync(join(second, 'results.md'), 'utf8');
    expect(md).toContain(`single-review-s0 ← ${from} (inputs recomputed)`);
    expect(JSON.parse(readFileSync(join(second, 'results.json'), 'utf8')).reused).toEqual({
      'single-review-s0': copied.reused,
    });

    // Weights not kept there (results folders often keep only some arms'): trained here.
    const weightsFile = join(done(first, 'single-review-s0').train.checkpoint, 'model.safetensors');
    const kept = readFileSync(weightsFile);
    rmSync(weightsFile);
    trained.length = 0;
    await runExperiment(join(dir, 'unkept'), options, deps(['base', 'single-review'], first));
    expect(trained).toEqual(['single:review']);
    // ... unless its log shows that none of its updates applied an optimizer step (every group without a reward
    // spread, as composite-only RL at small scale): then its weights are the starting checkpoint's.
    const logFile = join(first, 'arms', 'single-review-s0', 'checkpoint', 'log.jsonl');
    const logOf = (updates: number[]) =>
      updates.map((n, i) => JSON.stringify({ step: i + 1, num_updates: n })).join('\n');
    writeFileSync(logFile, logOf([0, 0]));
    trained.length = 0;
    const unmoved = join(dir, 'unmoved');
    await runExperiment(unmoved, options, deps(['base', 'single-review'], first));
    expect(trained).toEqual([]);
    const copy = done(unmoved, 'single-review-s0');
    expect(copy.reused.weights).toBe('starting checkpoint');
    expect(weights(copy.train.checkpoint)).toEqual(weights(base));
    expect(readFileSync(join(unmoved, 'results.md'), 'utf8')).toContain(
      'no optimizer step there: the starting weights',
    );
    for (const [name, log] of [
      ['stepped', logOf([0, 1])],
      ['short-log', logOf([0])],
    ]) {
      writeFileSync(logFile, log);
      trained.length = 0;
      await runExperiment(join(dir, name), options, deps(['base', 'single-review'], first));
      expect(trained, name).toEqual(['single:review']);
    }
    rmSync(logFile);
    writeFileSync(weightsFile, kept);

    // Other GRPO options: nothing is copied.
    trained.length = 0;
    const other: ExperimentOptions = { ...options, grpo: { beta: 0.04 } };
    await runExperiment(join(dir, 'third'), other, deps(['base', 'single-review'], first));
    expect(trained).toEqual(['single:review']);
    expect(done(join(dir, 'third'), 'single-review-s0').reused).toBeUndefined();

    // A record written when the arm trained is what is compared, not a recomputation.
    const recordFile = join(first, 'arms', 'single-review-s0', 'checkpoint', ARM_INPUTS_FILE);
    const firstRequest = { mode: 'single:review', seed: 0, budget: { steps: 2 }, init: base } as TrainArmRequest;
    const record = await inputs(firstRequest, {}, '');
    writeFileSync(recordFile, JSON.stringify({ ...record, pool: 'another pool' }));
    trained.length = 0;
    await runExperiment(join(dir, 'fourth'), options, deps(['base', 'single-review'], first));
    expect(trained).toEqual(['single:review']);
    writeFileSync(recordFile, JSON.stringify(record));
    await runExperiment(join(dir, 'fifth'), options, deps(['base', 'single-review'], first));
    expect(done(join(dir, 'fifth'), 'single-review-s0').reused).toEqual({
      experiment: first,
      from,
      inputs: 'recorded',
    });
    // Same tasks and options: every result kept, nothing sampled again.
    const fifth = JSON.parse(readFileSync(join(dir, 'fifth', 'arms', 'single-review-s0', 'eval.json'), 'utf8'));
    expect(fifth.knownResults.tasks).toBe(2);
    expect(fifth.results).toEqual(there.results);
    expect(baseEval(join(dir, 'fifth')).results).toEqual(baseEval(first).results);

    // Another given base (other weights): its evaluation is its own.
    const otherBase = join(dir, 'other-base');
    await writeTinyCheckpoint(otherBase, 10);
    const sixth = join(dir, 'sixth');
    await runExperiment(sixth, { ...options, baseCheckpoint: otherBase }, deps(['base'], first));
    expect(baseEval(sixth).knownResults).toBeUndefined();
  }, 240_000);
});

describe('a GRPO arm’s training inputs (real pools)', () => {
  const request = (over: Partial<TrainArmRequest> = {}): TrainArmRequest => ({
    mode: 'single:review',
    budget: { steps: 2 },
    init: base,
    preset: 'micro',
    outDir: join(dir, 'unused'),
    seed: 0,
    ...over,
  });
  const settings: ArmSettings = { grpo: { levels: [1] }, poolPerKind: 2 };
  let n = 0;
  const of = (r: TrainArmRequest, s = settings) => grpoArmInputs(r, s, join(dir, `pool-${n++}`));
  const packages = { unseenPackages: { share: 1, names: 'words' as const } };

  it('are equal when only another kind’s form differs, and differ in whatever decides training', async () => {
    const review = await of(request());
    expect(review.pool.tasks).toBe(2);
    expect(await of(request(packages))).toEqual(review);
    const loc = await of(request({ mode: 'single:localization' }));
    const locMoved = await of(request({ mode: 'single:localization', ...packages }));
    expect(locMoved.pool.sha256).not.toBe(loc.pool.sha256);
    const seeded = await of(request({ seed: 1 }));
    expect(seeded.pool.sha256).not.toBe(review.pool.sha256);
    expect(seeded.grpo.seed).toBe(1);
    expect((await of(request(), { ...settings, grpo: { ...settings.grpo, beta: 0.04 } })).grpo.beta).toBe(0.04);
    expect((await of(request({ budget: { steps: 3 } }))).grpo.max_steps).toBe(3);
    const elsewhere = join(dir, 'other-base');
    await writeTinyCheckpoint(elsewhere, 10);
    expect((await of(request({ init: elsewhere }))).init).not.toBe(review.init);
  }, 120_000);
});
