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
import { createRng } from '../../tasks/rng.ts';
import { hashSeed } from '../../rl/seed.ts';
import { asUnseenPackages } from '../../tasks/surface.ts';
import type { Level, TaskBase, TaskKind } from '../../tasks/types.ts';
import type { GrpoOptions } from '../../rl/types.ts';
import { trivialBaselines } from '../../tasks/baselines.ts';
import type { ChartSpec } from '../chart-spec.ts';
import { loadTasks, writeFileAtomic } from '../node-io.ts';
import type { EvalReport } from '../report.ts';
import { runEvaluation } from '../run.ts';
import { chatTemplate } from '../template.ts';
import { recountDecisions } from '../evaluate.ts';
import type { BaselineProvider, Policy, TaskResult } from '../types.ts';
import {
  PAPER_ARMS,
  armRequest,
  type Arm,
  type ArmBudget,
  type ArmInputsOf,
  type TrainArm,
  type TrainArmResult,
  type UnseenPackages,
} from './arm.ts';
import { knownResults, reuseFinishedArm, sameGivenBase, type ArmReuse } from './reuse.ts';
import {
  experimentChart,
  experimentMarkdown,
  experimentResults,
  type ArmRun,
  type ExperimentResults,
} from './tables.ts';

export interface ExperimentOptions {
  preset: PresetName;
  budgetMinutes: number;
  /** A fixed update count for every arm instead of minutes (tests; or to match an earlier experiment). */
  budgetSteps?: number;
  seeds: number;
  /** Use this checkpoint as the base instead of training one. */
  baseCheckpoint?: string;
  /**
   * `extended`: every arm's train-split tasks also come from the train-only families. Left out for core, so the
   * manifests of experiments made before the option existed still match and resume.
   */
  families?: 'extended';
  /**
   * This share of the RL arms' localization tasks, and of the generated test tasks' (not a pack's), shown as unseen
   * npm packages. Left out when none, so older manifests still match.
   */
  unseenPackages?: UnseenPackages;
  /** GRPO options of every RL arm beyond the defaults (mode, seed and steps are the arm's); left out if none. */
  grpo?: Partial<GrpoOptions>;
  /** Train tasks generated per kind for each RL arm's pool (left out: the trainer's default). */
  poolPerKind?: number;
  tasks: { kinds: TaskKind[]; n: number; seed: number; level?: Level; pack?: string };
  eval: { k: number; temperature: number; maxNewTokens: number; composed: boolean };
}

export interface ExperimentDeps {
  trainArm: TrainArm;
  loadPolicy: (dir: string) => Promise<Policy & { stats?: object }>;
  sandbox: Sandbox;
  /**
   * Where the test tasks are generated when the experiment has none saved yet (the CLI: a pool of worker sandboxes,
   * one per core, which makes the same tasks sooner); disposed once they are made. Omitted: `sandbox`.
   */
  generationSandbox?: () => Sandbox;
  baselines?: BaselineProvider;
  /** Renders charts to PNG (the CLI passes its headless-Chromium writer); omitted = no PNG. */
  writeCharts?: (charts: Array<{ spec: ChartSpec; file: string }>) => Promise<void>;
  say?: (message: string) => void;
  /** Recorded per sitting: how it was started and where. */
  sitting: { command: string; commit: string; machine: string };
  /** Run only these arms (by name) in this sitting; the report covers every finished arm. */
  arms?: string[];
  /**
   * Another experiment's folder: an RL arm finished there is copied rather than trained when its training inputs
   * (armInputs) equal this one's; it is still evaluated here.
   */
  reuseFrom?: string;
  armInputs?: ArmInputsOf;
}

type Sitting = {
  startedAt: string;
  /** The process, so two sittings started in the same millisecond stay apart (absent in older manifests). */
  pid?: number;
  command: string;
  commit: string;
  machine: string;
  wallSeconds: number;
  trained: string[];
};

export interface Manifest {
  format: 'atomgym-experiment/1';
  options: ExperimentOptions;
  /** Set by the first RL arm that finishes; every later arm trains this many updates. */
  budget?: { steps: number; samples: number; setBy: string };
  sittings: Sitting[];
}

export interface DoneMarker {
  arm: string;
  mode: string;
  seed: number;
  train: TrainArmResult;
  evalSeconds: number;
  /** Where it was copied from (--reuse-arms); absent when trained here. */
  reused?: ArmReuse;
}

export interface ExperimentOutcome {
  results: ExperimentResults;
  markdown: string;
  /** Arms (folder names) trained and evaluated in this sitting, and those skipped as finished before. */
  trained: string[];
  skipped: string[];
}

const readJson = async <T>(path: string): Promise<T> => JSON.parse(await readFile(path, 'utf8')) as T;
const json = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`;

export function armDirName(arm: Arm, seed: number): string {
  return arm.mode === 'sft' ? arm.name : `${arm.name}-s${seed}`;
}

const seedsOf = (arm: Arm, options: ExperimentOptions) => (arm.mode === 'sft' ? [0] : [...Array(options.seeds).keys()]);

/** Runs what is not finished yet, then writes results.json / results.md / results.png over every finished arm. */
export async function runExperiment(
  outDir: string,
  options: ExperimentOptions,
  deps: ExperimentDeps,
): Promise<ExperimentOutcome> {
  const t0 = performance.now();
  const say = deps.say ?? (() => {});
  const unknown = (deps.arms ?? []).filter((n) => !PAPER_ARMS.some((a) => a.name === n));
  if (unknown.length)
    throw new Error(`unknown arm(s) ${unknown.join(', ')}: expected ${PAPER_ARMS.map((a) => a.name).join(', ')}`);
  const manifestPath = join(outDir, 'experiment.json');
  const manifest = await openManifest(manifestPath, options);
  const sitting: Sitting = {
    startedAt: new Date().toISOString(),
    pid: globalThis.process?.pid,
    ...deps.sitting,
    wallSeconds: 0,
    trained: [],
  };
  manifest.sittings.push(sitting);
  const saveManifest = async () => {
    sitting.wallSeconds = (performance.now() - t0) / 1000;
    // Other processes may be running other arms into this folder (--arms, one process per core): their sittings and
    // the budget the first of them set are taken from the file rather than overwritten. Writes come at arm
    // boundaries only; two landing in the same few milliseconds can still lose one sitting record, never an arm.
    const onDisk = existsSync(manifestPath) ? await readJson<Manifest>(manifestPath) : undefined;
    if (onDisk) {
      const others = onDisk.sittings.filter((x) => sittingKey(x) !== sittingKey(sitting));
      manifest.sittings = [...others, sitting].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
      manifest.budget = onDisk.budget ?? manifest.budget;
    }
    return writeFileAtomic(manifestPath, json(manifest));
  };
  await saveManifest();
  const { tasks, label } = await experimentTasks(outDir, options, deps);

  const trained: string[] = [],
    skipped: string[] = [];
  const baseDir = join(outDir, 'arms', 'base');
  for (const arm of PAPER_ARMS) {
    for (const seed of seedsOf(arm, options)) {
      const name = armDirName(arm, seed);
      const dir = join(outDir, 'arms', name);
      if (existsSync(join(dir, 'done.json'))) {
        skipped.push(name);
        say(`${name}: finished in an earlier sitting, skipped`);
        continue;
      }
      if (deps.arms && !deps.arms.includes(arm.name)) continue;
      const { train, reused } = await trainOne(arm, seed, dir, baseDir, manifest, options, deps);
      if (arm.mode !== 'sft' && !manifest.budget)
        manifest.budget = { steps: train.steps, samples: train.samples, setBy: name };
      await saveManifest();
      say(`${name}: evaluating ${train.checkpoint}`);
      // A given base evaluated in the experiment RL arms are reused from has its results there kept on shared tasks.
      const known =
        arm.mode === 'sft' && deps.reuseFrom && options.baseCheckpoint
          ? await sameGivenBase(deps.reuseFrom, options.baseCheckpoint, (m) => say(`${name}: ${m}`))
          : reused;
      const report = await evaluateArm(
        train.checkpoint,
        tasks,
        label,
        options,
        deps,
        arm.mode === 'sft' ? undefined : baseDir,
        known,
      );
      await writeFileAtomic(join(dir, 'eval.json'), json(report));
      // The marker goes last: an arm killed before this point is redone by the next sitting.
      const done: DoneMarker = {
        arm: arm.name,
        mode: arm.mode,
        seed,
        train,
        evalSeconds: report.wallSeconds,
        ...(reused ? { reused } : {}),
      };
      await writeFileAtomic(join(dir, 'done.json'), json(done));
      trained.push(name);
      sitting.trained.push(name);
      await saveManifest();
      // A report after every arm: a sitting stopped before the last arm still leaves the tables of the finished ones.
      await writeResults(outDir, options, manifest, { tasks, label }, deps);
    }
  }
  const { results, markdown } = await writeResults(outDir, options, manifest, { tasks, label }, deps);
  await saveManifest();
  return { results, markdown, trained, skipped };
}

const sittingKey = (s: Sitting) => `${s.startedAt}|${s.pid ?? ''}|${s.command}`;

async function openManifest(path: string, options: ExperimentOptions): Promise<Manifest> {
  if (!existsSync(path)) return { format: 'atomgym-experiment/1', options, sittings: [] };
  const manifest = await readJson<Manifest>(path);
  const was = JSON.stringify(manifest.options),
    now = JSON.stringify(options);
  if (was !== now) {
    throw new Error(
      `${path} was made with options ${was}; this run asks ${now}. Resume with the same options or use another --out`,
    );
  }
  return manifest;
}

/** The same test tasks for every arm and every sitting: generated (or read from the pack) once, kept in tasks.jsonl. */
async function experimentTasks(
  outDir: string,
  options: ExperimentOptions,
  deps: Pick<ExperimentDeps, 'sandbox' | 'generationSandbox'>,
): Promise<{ tasks: TaskBase[]; label: string }> {
  const path = join(outDir, 'tasks.jsonl');
  if (existsSync(path)) {
    const tasks = readPack(await readFile(path, 'utf8'), path);
    return { tasks, label: `${path} (${tasks.length} tasks)` };
  }
  const makers = options.tasks.pack ? undefined : deps.generationSandbox?.();
  const loaded = await loadTasks(
    { ...options.tasks, split: options.tasks.pack ? undefined : 'test' },
    makers ?? deps.sandbox,
  ).finally(() => makers?.dispose?.());
  const moved = options.unseenPackages && !options.tasks.pack ? options.unseenPackages : undefined;
  // The stream `atomgym tasks generate --package-surface` uses, so the same seed moves the same way.
  const tasks = moved
    ? asUnseenPackages(
        loaded.tasks,
        moved.share,
        createRng(hashSeed(options.tasks.seed, 'tasks-package-surface', 0)),
        moved.names,
        moved.neighbors ?? 0,
        moved.oneWord ?? 0,
      )
    : loaded.tasks;
  await writeFileAtomic(path, writePack(tasks));
  const shown = moved ? `, localization ${moved.share} as unseen packages` : '';
  return { tasks, label: `${loaded.label}${shown} (saved as tasks.jsonl)` };
}

async function trainOne(
  arm: Arm,
  seed: number,
  dir: string,
  baseDir: string,
  manifest: Manifest,
  options: ExperimentOptions,
  deps: ExperimentDeps,
): Promise<{ train: TrainArmResult; reused?: ArmReuse }> {
  const name = armDirName(arm, seed);
  const say = (m: string) => deps.say?.(`${name}: ${m}`);
  if (arm.mode === 'sft' && options.baseCheckpoint) {
    return {
      train: { checkpoint: options.baseCheckpoint, steps: 0, samples: 0, seconds: 0, trainer: 'given (--base)' },
    };
  }
  let init: string | null = null;
  if (arm.mode !== 'sft') {
    if (!existsSync(join(baseDir, 'done.json')))
      throw new Error(`${name} starts from the base, which is not finished: run the 'base' arm first`);
    init = (await readJson<DoneMarker>(join(baseDir, 'done.json'))).train.checkpoint;
  }
  const budget: ArmBudget = manifest.budget
    ? { steps: manifest.budget.steps }
    : options.budgetSteps !== undefined
      ? { steps: options.budgetSteps }
      : { minutes: options.budgetMinutes };
  const request = armRequest(arm, seed, options, init, budget, join(dir, 'checkpoint'), say);
  if (deps.reuseFrom && arm.mode !== 'sft' && 'steps' in budget) {
    if (!deps.armInputs) throw new Error("reuseFrom needs armInputs: what decides an arm's training");
    const settings = { grpo: options.grpo, poolPerKind: options.poolPerKind };
    const reused = await reuseFinishedArm({
      arm,
      seed,
      dir,
      request,
      settings,
      from: deps.reuseFrom,
      armInputs: deps.armInputs,
      say,
    });
    if (reused) return reused;
  }
  say(
    `training (${arm.mode}, ${'steps' in budget ? `${budget.steps} updates` : `${budget.minutes} min`}, seed ${seed})`,
  );
  const train = await deps.trainArm(request);
  const b = manifest.budget;
  if (arm.mode !== 'sft' && b && (train.steps !== b.steps || train.samples !== b.samples)) {
    say(`WARNING trained ${train.steps} updates / ${train.samples} samples; the budget is ${b.steps} / ${b.samples}`);
  }
  return { train };
}

async function evaluateArm(
  checkpoint: string,
  tasks: TaskBase[],
  label: string,
  options: ExperimentOptions,
  deps: ExperimentDeps,
  baseDir?: string,
  reused?: Pick<ArmReuse, 'experiment' | 'from'>,
): Promise<EvalReport> {
  const policy = await deps.loadPolicy(checkpoint);
  try {
    const base = baseDir
      ? { name: 'base', results: (await readJson<EvalReport>(join(baseDir, 'eval.json'))).results }
      : undefined;
    const baselinesName = deps.baselines ? 'injected' : 'trivial baselines of the task suite (src/tasks/baselines.ts)';
    const e = options.eval;
    const planned = { ...e, seed: options.tasks.seed, baselines: baselinesName, template: chatTemplate.name };
    const say = (m: string) => deps.say?.(`${checkpoint}: ${m}`);
    const known = reused ? await knownResults(reused, tasks, planned, say) : undefined;
    return await runEvaluation({
      policy,
      tasks,
      tasksLabel: label,
      sandbox: deps.sandbox,
      options: {
        ...options.eval,
        seed: options.tasks.seed,
        baselines: deps.baselines ?? trivialBaselines,
        onProgress: deps.say,
      },
      baselinesName,
      templateName: chatTemplate.name,
      policyStats: () => ({ ...(policy.stats ?? {}) }) as Record<string, number | string>,
      base,
      ...(known?.size ? { known, knownFrom: join(reused!.from, 'eval.json') } : {}),
    });
  } finally {
    await policy.release?.();
  }
}

/**
 * Tables over every finished arm (this sitting's and earlier ones'): results.json, results.md, results.png; written
 * after each arm and at the end, naming the arms not finished yet.
 */
async function writeResults(
  outDir: string,
  options: ExperimentOptions,
  manifest: Manifest,
  { tasks, label }: { tasks: readonly TaskBase[]; label: string },
  deps: ExperimentDeps,
) {
  // Recounted from the kept answers, so arms evaluated before a skill had a decision (or kept from another
  // experiment) count answers that decide as a baseline the way this sitting's do.
  const recounted = (rs: readonly TaskResult[]) => recountDecisions(rs, tasks, deps.baselines ?? trivialBaselines);
  const runs: ArmRun[] = [];
  const unfinished: string[] = [];
  const reused: Record<string, ArmReuse> = {};
  const trainers = new Set<string>();
  for (const arm of PAPER_ARMS) {
    for (const seed of seedsOf(arm, options)) {
      const dir = join(outDir, 'arms', armDirName(arm, seed));
      if (!existsSync(join(dir, 'done.json'))) {
        unfinished.push(armDirName(arm, seed));
        continue;
      }
      const done = await readJson<DoneMarker>(join(dir, 'done.json'));
      const train = done.train;
      if (done.reused) reused[armDirName(arm, seed)] = done.reused;
      const results = recounted((await readJson<EvalReport>(join(dir, 'eval.json'))).results);
      trainers.add(train.trainer);
      runs.push({
        arm: arm.name,
        mode: arm.mode,
        seed,
        steps: train.steps,
        samples: train.samples,
        trainSeconds: train.seconds,
        results,
      });
    }
  }
  const results = experimentResults(runs, options.tasks.seed);
  const totalWall = manifest.sittings.reduce((a, s) => a + s.wallSeconds, 0);
  const b = manifest.budget;
  const budget = b
    ? `${b.steps} updates / ${b.samples} samples per RL arm (set by ${b.setBy})`
    : options.budgetSteps !== undefined
      ? `${options.budgetSteps} updates`
      : `${options.budgetMinutes} min`;
  const sittings = manifest.sittings.map(
    (s) =>
      `${s.startedAt} \`${s.command}\` at ${s.commit} on ${s.machine}, ${s.wallSeconds.toFixed(0)} s, ` +
      `trained ${s.trained.join(', ') || 'nothing'}`,
  );
  const e = options.eval;
  const markdown = [
    '# Experiment: paper arms',
    '',
    `Preset ${options.preset}; budget ${budget}; seeds ${options.seeds}; Avg@${e.k} at temperature ${e.temperature}, ` +
      `max ${e.maxNewTokens} new tokens; tasks: ${label}.`,
    `Trainer(s): ${[...trainers].join('; ') || '—'}. Chat template: ${chatTemplate.name}.`,
    `Sittings: ${sittings.join('; ')}. Total wall time ${totalWall.toFixed(0)} s.`,
    ...(Object.keys(reused).length
      ? [
          '',
          'Copied from another experiment, not trained here (`--reuse-arms`: the same mode, seed, updates, GRPO ' +
            'options, starting weights and task pool), and evaluated on these tasks: ' +
            `${Object.entries(reused)
              .map(([arm, r]) => `${arm} ← ${r.from}${reuseNotes(r)}`)
              .join('; ')}.`,
        ]
      : []),
    ...(unfinished.length
      ? [
          '',
          `**In progress: ${runs.length} of ${runs.length + unfinished.length} arms finished.** Not finished yet: ` +
            `${unfinished.join(', ')}; the same command goes on with them (finished arms are skipped).`,
        ]
      : []),
    '',
    ...experimentMarkdown(results, e.k),
  ].join('\n');
  const record = {
    format: 'atomgym-experiment-results/1',
    options,
    budget: b,
    sittings: manifest.sittings,
    totalWallSeconds: totalWall,
    trainers: [...trainers],
    unfinished,
    reused,
    ...results,
  };
  await writeFileAtomic(join(outDir, 'results.json'), json(record));
  await writeFileAtomic(join(outDir, 'results.md'), `${markdown}\n`);
  if (deps.writeCharts) {
    await deps.writeCharts([
      { spec: experimentChart(results, e.k, 'atomgym: paper arms'), file: join(outDir, 'results.png') },
    ]);
  }
  return { results, markdown };
}

/** What a copied arm's line in results.md adds: how its inputs were compared, and where its weights came from. */
function reuseNotes(r: ArmReuse): string {
  const notes = [
    ...(r.inputs === 'recomputed' ? ['inputs recomputed'] : []),
    ...(r.weights ? ['no optimizer step there: the starting weights'] : []),
  ];
  return notes.length ? ` (${notes.join('; ')})` : '';
}
