// The experiment's orchestration with real parts at tiny size: a random-weights base checkpoint, arms trained by the
// float64 reference SFT (real updates), evaluated by the real sampler and sandbox. Checks the same budget for every
// arm, the results files, and that a rerun skips finished arms (and redoes only an unfinished one).
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceSftArmWith } from '../../src/eval/experiment/reference-sft.ts';
import { runExperiment, type ExperimentDeps, type ExperimentOptions } from '../../src/eval/experiment/run.ts';
import type { TrainArm } from '../../src/eval/experiment/arm.ts';
import { loadCheckpointPolicy } from '../../src/eval/node-io.ts';
import { readCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryReader } from '../../src/model/checkpoint-node.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { createNodeWorkerPool } from '../../src/sandbox/worker/node.ts';
import { loadTasks } from '../../src/eval/node-io.ts';
import { writePack } from '../../src/tasks/pack.ts';
import { isTestPath } from '../../src/tasks/skills/answer.ts';
import { writeTinyCheckpoint } from './eval-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'atomgym-exp-'));
const base = join(dir, 'base-ckpt');
const out = join(dir, 'results');
let sandbox: Sandbox;
afterAll(() => {
  sandbox?.dispose?.();
  rmSync(dir, { recursive: true, force: true });
});
beforeAll(async () => {
  await writeTinyCheckpoint(base, 9);
  sandbox = await createQuickJsSandbox();
});

const options: ExperimentOptions = {
  preset: 'micro',
  budgetMinutes: 1,
  budgetSteps: 2,
  seeds: 1,
  baseCheckpoint: base,
  tasks: { kinds: ['localization', 'review', 'bug-fixing'], n: 1, seed: 3, level: 1 },
  eval: { k: 1, temperature: 1, maxNewTokens: 6, composed: true },
};

const calls: string[] = [];
const realSft = referenceSftArmWith({ batch: 1, seqLen: 96, learningRate: 1e-2, poolPerKind: 1, level: 1 });
/** The real reference trainer, with a record of which arms it was asked to train. */
const trainArm: TrainArm = async (req) => {
  calls.push(`${req.mode}@${req.outDir.split('/').slice(-2, -1)[0]}${req.families ? `+${req.families}` : ''}`);
  return realSft(req);
};
/** The test tasks are made on a real 2-worker pool, as the CLI does; each pool made is counted and must be disposed. */
const makers = { made: 0, disposed: 0 };
const generationSandbox = (): Sandbox => {
  const pool = createNodeWorkerPool(2);
  makers.made++;
  const dispose = pool.dispose.bind(pool);
  return Object.assign(pool, { dispose: () => (makers.disposed++, dispose()) });
};
const deps = (arms: string[]): ExperimentDeps => ({
  trainArm,
  loadPolicy: (d) => loadCheckpointPolicy(d, { backend: 'wasm' }),
  sandbox,
  generationSandbox,
  sitting: { command: 'test', commit: 'test', machine: 'test' },
  arms,
});

describe('atomgym experiment paper (tiny, real)', () => {
  it('trains and evaluates the arms, writes results, and a rerun skips finished arms', async () => {
    const first = await runExperiment(out, options, deps(['base', 'joint', 'single-review']));
    expect(first.trained).toEqual(['base', 'joint-s0', 'single-review-s0']);
    expect(calls).toEqual(['joint@joint-s0', 'single:review@single-review-s0']);
    // The test tasks came from the worker pool (made once, disposed) and are the tasks one sandbox makes.
    expect(makers).toEqual({ made: 1, disposed: 1 });
    const inThread = await loadTasks({ ...options.tasks, split: 'test' }, sandbox);
    expect(readFileSync(join(out, 'tasks.jsonl'), 'utf8')).toBe(writePack(inThread.tasks));
    // Same budget for every RL arm: the update count and samples are equal and recorded.
    const manifest = JSON.parse(readFileSync(join(out, 'experiment.json'), 'utf8'));
    expect(manifest.budget).toMatchObject({ steps: 2, samples: 2 });
    for (const arm of ['joint-s0', 'single-review-s0']) {
      const done = JSON.parse(readFileSync(join(out, 'arms', arm, 'done.json'), 'utf8'));
      expect(done.train).toMatchObject({ steps: 2, samples: 2 });
      expect(existsSync(join(out, 'arms', arm, 'checkpoint', 'model.safetensors'))).toBe(true);
      expect(
        readFileSync(join(out, 'arms', arm, 'checkpoint', 'train-log.jsonl'), 'utf8')
          .trim()
          .split('\n'),
      ).toHaveLength(2);
    }
    // Training really changed the weights.
    const w0 = (await readCheckpoint(directoryReader(base))).checkpoint.weights.get('model.embed_tokens.weight')!;
    const w1 = (
      await readCheckpoint(directoryReader(join(out, 'arms', 'joint-s0', 'checkpoint')))
    ).checkpoint.weights.get('model.embed_tokens.weight')!;
    expect(w1.some((x, i) => x !== w0[i])).toBe(true);
    // Results: every arm on the same tasks, the interference matrix vs base, both formulas.
    expect(first.results.arms.map((a) => a.arm)).toEqual(['base', 'joint', 'single-review']);
    expect(Object.keys(first.results.interference)).toEqual(['joint', 'single-review']);
    expect(first.results.interference.joint.localization).toBeDefined();
    const md = readFileSync(join(out, 'results.md'), 'utf8');
    expect(md).toMatch(/Interference matrix/);
    // Arms this sitting was not asked for are named as not finished, in the report and its JSON.
    expect(md).toMatch(/In progress: 3 of 8 arms finished\.\*\* Not finished yet: single-localization-s0, /);
    const unfinished = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')).unfinished;
    expect(unfinished).toHaveLength(5);
    expect(unfinished).toContain('composite-s0');
    // The best trivial baseline per kind is a row of the table (the task suite's list, scored on the same tasks).
    const best = first.results.bestBaseline.localization!;
    expect(md).toContain(`(${best.name})`);
    expect(md).toMatch(/\| best trivial baseline \|/);
    expect(md).toMatch(/ratio of means/);
    expect(md).toMatch(/\| joint \|/);
    expect(first.results.checks[0]).toMatch(/joint vs base/);
    // Gains are set against the best answer-ignoring baseline, so a constant policy's score is not read as skill.
    expect(first.results.checks.at(-1)).toMatch(
      /^joint's gains against the best trivial baseline: |^joint gains on no kind$/,
    );
    const evalTime = statSync(join(out, 'arms', 'joint-s0', 'eval.json')).mtimeMs;

    // Rerun: nothing is trained or evaluated again.
    const second = await runExperiment(out, options, deps(['base', 'joint', 'single-review']));
    expect(second.trained).toEqual([]);
    expect(second.skipped).toEqual(['base', 'joint-s0', 'single-review-s0']);
    expect(calls).toHaveLength(2);
    expect(makers.made).toBe(1); // the saved tasks are read back, not made again
    expect(statSync(join(out, 'arms', 'joint-s0', 'eval.json')).mtimeMs).toBe(evalTime);

    // An arm without its done marker (killed mid-way) is redone, and only it.
    rmSync(join(out, 'arms', 'single-review-s0', 'done.json'));
    const third = await runExperiment(out, options, deps(['base', 'joint', 'single-review']));
    expect(third.trained).toEqual(['single-review-s0']);
    expect(calls).toEqual(['joint@joint-s0', 'single:review@single-review-s0', 'single:review@single-review-s0']);
    expect(JSON.parse(readFileSync(join(out, 'experiment.json'), 'utf8')).sittings).toHaveLength(3);
  }, 300_000);

  it('keeps the sitting records of another process running other arms into the same folder', async () => {
    const shared = join(dir, 'shared');
    // While this sitting trains, "another process" (sitting B) records itself in the manifest, as a second
    // `--arms` process does when it starts or finishes an arm.
    const other = { startedAt: new Date().toISOString(), pid: -1, command: 'other', commit: 'c', machine: 'm' };
    const concurrent: TrainArm = async (req) => {
      const path = join(shared, 'experiment.json');
      const manifest = JSON.parse(readFileSync(path, 'utf8'));
      manifest.sittings.push({ ...other, wallSeconds: 1, trained: ['single-review-s0'] });
      writeFileSync(path, JSON.stringify(manifest));
      return trainArm(req);
    };
    const o: ExperimentOptions = { ...options, eval: { ...options.eval, composed: false } };
    await runExperiment(shared, o, { ...deps(['base', 'joint']), trainArm: concurrent });
    const sittings = JSON.parse(readFileSync(join(shared, 'experiment.json'), 'utf8')).sittings;
    expect(sittings.map((x: { command: string }) => x.command).sort()).toEqual(['other', 'test']);
    expect(sittings.find((x: { command: string }) => x.command === 'test').trained).toEqual(['base', 'joint-s0']);
  }, 120_000);

  it('leaves a report of the finished arms when a later arm fails', async () => {
    const stopped = join(dir, 'stopped');
    const failing: TrainArm = async () => {
      throw new Error('killed');
    };
    const o: ExperimentOptions = { ...options, eval: { ...options.eval, composed: false } };
    await expect(runExperiment(stopped, o, { ...deps(['base', 'joint']), trainArm: failing })).rejects.toThrow(
      /killed/,
    );
    const md = readFileSync(join(stopped, 'results.md'), 'utf8');
    expect(md).toMatch(/In progress: 1 of 8 arms finished\.\*\* Not finished yet: joint-s0, /);
    expect(md).toMatch(/\| base \|/);
  }, 120_000);

  it('gives every arm the family set it was asked for, and resumes only with the same set', async () => {
    const ext = join(dir, 'extended');
    const o: ExperimentOptions = { ...options, families: 'extended', eval: { ...options.eval, composed: false } };
    expect((await runExperiment(ext, o, deps(['base', 'joint']))).trained).toEqual(['base', 'joint-s0']);
    expect(calls.at(-1)).toBe('joint@joint-s0+extended');
    expect(JSON.parse(readFileSync(join(ext, 'experiment.json'), 'utf8')).options.families).toBe('extended');
    await expect(runExperiment(ext, { ...o, families: undefined }, deps(['joint']))).rejects.toThrow(
      /was made with options/,
    );
  }, 120_000);

  it("moves its generated localization test tasks and every arm's pool into unseen packages when asked", async () => {
    const pkg = join(dir, 'packages');
    const unseenPackages = { share: 1, names: 'words' as const };
    const o: ExperimentOptions = {
      ...options,
      unseenPackages,
      tasks: { ...options.tasks, kinds: ['localization', 'review'], n: 2 },
      eval: { ...options.eval, composed: false },
    };
    let asked: unknown;
    const recording: TrainArm = async (req) => ((asked = req.unseenPackages), trainArm(req));
    await runExperiment(pkg, o, { ...deps(['base', 'joint']), trainArm: recording });
    expect(asked).toEqual(unseenPackages);
    const lines = readFileSync(join(pkg, 'tasks.jsonl'), 'utf8').trim().split('\n');
    const tasks = lines.map(
      (l) => JSON.parse(l) as { id: string; skill: string; repo: { files: Record<string, string> } },
    );
    const loc = tasks.filter((t) => t.skill === 'localization');
    expect(loc).toHaveLength(2);
    for (const t of loc) {
      expect(t.id).toMatch(/~package$/);
      expect(Object.keys(t.repo.files).every((f) => isTestPath(f) || f.startsWith('lib/'))).toBe(true);
    }
    expect(tasks.filter((t) => t.skill === 'review').every((t) => !t.id.includes('~'))).toBe(true);
    expect(JSON.parse(readFileSync(join(pkg, 'experiment.json'), 'utf8')).options.unseenPackages).toEqual(
      unseenPackages,
    );
  }, 120_000);

  it('refuses to resume with different options, and names unknown arms', async () => {
    await expect(runExperiment(out, { ...options, seeds: 2 }, deps(['joint']))).rejects.toThrow(
      /was made with options/,
    );
    await expect(runExperiment(join(dir, 'other'), options, deps(['jiont']))).rejects.toThrow(/unknown arm\(s\) jiont/);
  });
});
