// The paper's experiment as a resumable plan (Node: it lives in a results folder). Arms: the SFT base, joint,
// single-skill ×5 and composite-only, each RL arm per seed, all with the same number of updates (the first RL arm
// trains for the minutes given and fixes the update count for every other) and evaluated on the same test tasks
// (written once to tasks.jsonl). An arm is finished when its done.json exists — written last, atomically, after its
// checkpoint and eval.json — so a rerun skips finished arms and the experiment can span several sittings.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PresetName } from '../../model/config.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { readPack, writePack } from '../../tasks/pack.ts';
import type { Level, TaskBase, TaskKind } from '../../tasks/types.ts';
import { defaultBaselines } from '../baselines-default.ts';
import type { ChartSpec } from '../chart-spec.ts';
import { loadTasks, writeFileAtomic } from '../node-io.ts';
import type { EvalReport } from '../report.ts';
import { runEvaluation } from '../run.ts';
import { chatTemplate } from '../template.ts';
import type { BaselineProvider, Policy } from '../types.ts';
import { PAPER_ARMS, type Arm, type ArmBudget, type TrainArm, type TrainArmResult } from './arm.ts';
import { experimentChart, experimentMarkdown, experimentResults, type ArmRun } from './tables.ts';

export interface ExperimentOptions {
  preset: PresetName;
  budgetMinutes: number;
  /** A fixed update count for every arm instead of minutes (tests; or to match an earlier experiment). */
  budgetSteps?: number;
  seeds: number;
  /** Use this checkpoint as the base instead of training one. */
  baseCheckpoint?: string;
  tasks: { kinds: TaskKind[]; n: number; seed: number; level?: Level; pack?: string };
  eval: { k: number; temperature: number; maxNewTokens: number; composed: boolean };
}

export interface ExperimentDeps {
  trainArm: TrainArm;
  loadPolicy: (dir: string) => Promise<Policy & { stats?: object }>;
  sandbox: Sandbox;
  baselines?: BaselineProvider;
  /** Renders charts to PNG (the CLI passes its headless-Chromium writer); omitted = no PNG. */
  writeCharts?: (charts: Array<{ spec: ChartSpec; file: string }>) => Promise<void>;
  say?: (message: string) => void;
  /** Recorded per sitting: how it was started and where. */
  sitting: { command: string; commit: string; machine: string };
  /** Run only these arms (by name) in this sitting; the report covers every finished arm. */
  arms?: string[];
}

interface Manifest {
  format: 'atomgym-experiment/1';
  options: ExperimentOptions;
  /** Set by the first RL arm that finishes; every later arm trains this many updates. */
  budget?: { steps: number; samples: number; setBy: string };
  sittings: Array<{ startedAt: string; command: string; commit: string; machine: string; wallSeconds: number; trained: string[] }>;
}

interface DoneMarker {
  arm: string;
  mode: string;
  seed: number;
  train: TrainArmResult;
  evalSeconds: number;
}

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;

export function armDirName(arm: Arm, seed: number): string {
  return arm.mode === 'sft' ? arm.name : `${arm.name}-s${seed}`;
}

/** Runs what is not finished yet, then writes results.json / results.md / results.png over every finished arm. */
export async function runExperiment(outDir: string, options: ExperimentOptions, deps: ExperimentDeps): Promise<{ results: ReturnType<typeof experimentResults>; markdown: string; trained: string[]; skipped: string[] }> {
  const t0 = performance.now();
  const say = deps.say ?? (() => {});
  const unknown = (deps.arms ?? []).filter((n) => !PAPER_ARMS.some((a) => a.name === n));
  if (unknown.length) throw new Error(`unknown arm(s) ${unknown.join(', ')}: expected ${PAPER_ARMS.map((a) => a.name).join(', ')}`);
  const manifestPath = join(outDir, 'experiment.json');
  let manifest: Manifest;
  if (existsSync(manifestPath)) {
    manifest = await readJson<Manifest>(manifestPath);
    const was = JSON.stringify(manifest.options), now = JSON.stringify(options);
    if (was !== now) throw new Error(`${manifestPath} was made with options ${was}; this run asks ${now}. Resume with the same options or use another --out`);
  } else manifest = { format: 'atomgym-experiment/1', options, sittings: [] };
  const sitting = { startedAt: new Date().toISOString(), ...deps.sitting, wallSeconds: 0, trained: [] as string[] };
  manifest.sittings.push(sitting);
  const saveManifest = () => writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 1)}\n`);
  await saveManifest();

  // The same test tasks for every arm and every sitting.
  const tasksPath = join(outDir, 'tasks.jsonl');
  let tasks: TaskBase[];
  let label: string;
  if (existsSync(tasksPath)) {
    tasks = readPack(await readFile(tasksPath, 'utf8'), tasksPath);
    label = `${tasksPath} (${tasks.length} tasks)`;
  } else {
    const loaded = await loadTasks({ ...options.tasks, split: options.tasks.pack ? undefined : 'test' }, deps.sandbox);
    tasks = loaded.tasks;
    label = `${loaded.label} (saved as tasks.jsonl)`;
    await writeFileAtomic(tasksPath, writePack(tasks));
  }

  const wanted = (a: Arm) => !deps.arms || deps.arms.includes(a.name);
  const trained: string[] = [], skipped: string[] = [];
  const baseDir = join(outDir, 'arms', 'base');

  for (const arm of PAPER_ARMS) {
    const seeds = arm.mode === 'sft' ? [0] : Array.from({ length: options.seeds }, (_, s) => s);
    for (const seed of seeds) {
      const name = armDirName(arm, seed);
      const dir = join(outDir, 'arms', name);
      if (existsSync(join(dir, 'done.json'))) {
        skipped.push(name);
        say(`${name}: finished in an earlier sitting, skipped`);
        continue;
      }
      if (!wanted(arm)) continue;
      let train: TrainArmResult;
      if (arm.mode === 'sft' && options.baseCheckpoint) {
        train = { checkpoint: options.baseCheckpoint, steps: 0, samples: 0, seconds: 0, trainer: 'given (--base)' };
      } else {
        if (arm.mode !== 'sft' && !existsSync(join(baseDir, 'done.json'))) throw new Error(`${name} starts from the base, which is not finished: run the 'base' arm first`);
        const budget: ArmBudget = manifest.budget ? { steps: manifest.budget.steps } : options.budgetSteps !== undefined ? { steps: options.budgetSteps } : { minutes: options.budgetMinutes };
        const init = arm.mode === 'sft' ? null : (await readJson<DoneMarker>(join(baseDir, 'done.json'))).train.checkpoint;
        say(`${name}: training (${arm.mode}, ${'steps' in budget ? `${budget.steps} updates` : `${budget.minutes} min`}, seed ${seed})`);
        train = await deps.trainArm({ mode: arm.mode, budget, init, preset: options.preset, outDir: join(dir, 'checkpoint'), seed, say: (m) => say(`${name}: ${m}`) });
        if (arm.mode !== 'sft' && !manifest.budget) {
          manifest.budget = { steps: train.steps, samples: train.samples, setBy: name };
          await saveManifest();
        }
        if (arm.mode !== 'sft' && manifest.budget && (train.steps !== manifest.budget.steps || train.samples !== manifest.budget.samples)) {
          say(`${name}: WARNING trained ${train.steps} updates / ${train.samples} samples; the budget is ${manifest.budget.steps} / ${manifest.budget.samples}`);
        }
      }
      say(`${name}: evaluating ${train.checkpoint}`);
      const report = await evaluateArm(train.checkpoint, tasks, label, options, deps, arm.mode === 'sft' ? undefined : baseDir);
      await writeFileAtomic(join(dir, 'eval.json'), `${JSON.stringify(report, null, 1)}\n`);
      const done: DoneMarker = { arm: arm.name, mode: arm.mode, seed, train, evalSeconds: report.wallSeconds };
      await writeFileAtomic(join(dir, 'done.json'), `${JSON.stringify(done, null, 1)}\n`);
      trained.push(name);
      sitting.trained.push(name);
      sitting.wallSeconds = (performance.now() - t0) / 1000;
      await saveManifest();
    }
  }

  const runs: ArmRun[] = [];
  const trainers = new Set<string>();
  for (const arm of PAPER_ARMS) {
    for (let seed = 0; seed < (arm.mode === 'sft' ? 1 : options.seeds); seed++) {
      const dir = join(outDir, 'arms', armDirName(arm, seed));
      if (!existsSync(join(dir, 'done.json'))) continue;
      const done = await readJson<DoneMarker>(join(dir, 'done.json'));
      const report = await readJson<EvalReport>(join(dir, 'eval.json'));
      trainers.add(done.train.trainer);
      runs.push({ arm: arm.name, mode: arm.mode, seed, steps: done.train.steps, samples: done.train.samples, trainSeconds: done.train.seconds, results: report.results });
    }
  }
  const results = experimentResults(runs, options.tasks.seed);
  sitting.wallSeconds = (performance.now() - t0) / 1000;
  await saveManifest();
  const totalWall = manifest.sittings.reduce((a, s) => a + s.wallSeconds, 0);
  const md = [
    '# Experiment: paper arms',
    '',
    `Preset ${options.preset}; budget ${manifest.budget ? `${manifest.budget.steps} updates / ${manifest.budget.samples} samples per RL arm (set by ${manifest.budget.setBy})` : options.budgetSteps !== undefined ? `${options.budgetSteps} updates` : `${options.budgetMinutes} min`}; seeds ${options.seeds}; ` +
      `Avg@${options.eval.k} at temperature ${options.eval.temperature}, max ${options.eval.maxNewTokens} new tokens; tasks: ${label}.`,
    `Trainer(s): ${[...trainers].join('; ') || '—'}. Chat template: ${chatTemplate.name}.`,
    `Sittings: ${manifest.sittings.map((s) => `${s.startedAt} \`${s.command}\` at ${s.commit} on ${s.machine}, ${s.wallSeconds.toFixed(0)} s, trained ${s.trained.join(', ') || 'nothing'}`).join('; ')}. Total wall time ${totalWall.toFixed(0)} s.`,
    '',
    ...experimentMarkdown(results, options.eval.k),
  ].join('\n');
  await writeFileAtomic(join(outDir, 'results.json'), `${JSON.stringify({ format: 'atomgym-experiment-results/1', options, budget: manifest.budget, sittings: manifest.sittings, totalWallSeconds: totalWall, trainers: [...trainers], ...results }, null, 1)}\n`);
  await writeFileAtomic(join(outDir, 'results.md'), `${md}\n`);
  if (deps.writeCharts) await deps.writeCharts([{ spec: experimentChart(results, options.eval.k, 'atomgym: paper arms'), file: join(outDir, 'results.png') }]);
  return { results, markdown: md, trained, skipped };
}

async function evaluateArm(checkpoint: string, tasks: TaskBase[], label: string, options: ExperimentOptions, deps: ExperimentDeps, baseDir?: string): Promise<EvalReport> {
  const policy = await deps.loadPolicy(checkpoint);
  try {
    const base = baseDir ? { name: 'base', results: (await readJson<EvalReport>(join(baseDir, 'eval.json'))).results } : undefined;
    return await runEvaluation({
      policy,
      tasks,
      tasksLabel: label,
      sandbox: deps.sandbox,
      options: { ...options.eval, seed: options.tasks.seed, baselines: deps.baselines ?? defaultBaselines, onProgress: deps.say },
      baselinesName: deps.baselines ? 'injected' : 'default trivial baselines (src/eval/baselines-default.ts)',
      templateName: chatTemplate.name,
      policyStats: () => ({ ...(policy.stats ?? {}) }) as Record<string, number | string>,
      base,
    });
  } finally {
    await policy.release?.();
  }
}
