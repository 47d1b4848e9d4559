// Node-side setup shared by the CLI commands (sft, train, bench rl) and the experiment's arms: the policy (a
// checkpoint, or a preset's config and tokenizer), the cached task pool of a run directory, the pool of sandbox
// workers that score completions, and a GRPO context built from those.
import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { readCheckpoint, type Checkpoint } from '../../model/checkpoint.ts';
import { directoryReader } from '../../model/checkpoint-node.ts';
import { PRESETS, type LlamaConfig, type PresetName } from '../../model/config.ts';
import { tokenizerFromHfJson, type Tokenizer } from '../../model/tokenizer/index.ts';
import { generateTaskPool, kindsForMode, TaskEnvironment } from '../task-env.ts';
import { assembleGrpoContext, rowLength } from '../context.ts';
import type { GrpoContext, ResolvedGrpoOptions } from '../grpo.ts';
import { nodeTrainerPlacement } from './gpu.ts';
import { resolveGrpoOptions } from '../options.ts';
import type { GrpoOptions } from '../types.ts';
import { createNodeWorkerPool, createNodeWorkerSandbox } from '../../sandbox/worker/node.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { readPack, writePack } from '../../tasks/pack.ts';
import { writeFileAtomic } from '../../util/atomic-file.ts';
import type { TaskBase, TaskKind } from '../../tasks/types.ts';
import type { FamilySet } from '../../tasks/world/families/index.ts';
import type { RenameStyle } from '../../tasks/rename-identifiers.ts';

export interface Policy {
  config: LlamaConfig;
  tokenizer: Tokenizer;
  /** Parsed tokenizer.json, stored with every checkpoint. */
  tokenizerJson: unknown;
  init?: Checkpoint;
  source: string;
}

export interface PolicySource {
  /** A checkpoint directory (or a run directory: its model/ or latest snapshot). */
  init?: string;
  /**
   * A preset for a fresh, seeded model; its tokenizer is public/tokenizer/<preset>.json unless `tokenizer` is given.
   */
  preset?: string;
  tokenizer?: string;
  /** With a preset: a different depth or RoPE base (the shipped base is the demo width at 3 layers, θ 500,000). */
  layers?: number;
  ropeTheta?: number;
  /** With a preset: a vocab_size fitted to a smaller tokenizer (the LM head is a large share of a shallow model). */
  vocab?: number;
  /** With a preset: max_position_embeddings, the context the model is trained for (the sampler's limit and the
   * length prompts are fitted to). RoPE has no learnt positions: this changes no weight. */
  context?: number;
}

export async function loadPolicy(o: PolicySource): Promise<Policy> {
  if (o.init) {
    const dir = checkpointDir(o.init);
    const { checkpoint } = await readCheckpoint(directoryReader(dir), { source: dir, requireTokenizer: true });
    const text = JSON.stringify(checkpoint.tokenizer);
    return {
      config: checkpoint.config,
      tokenizer: tokenizerFromHfJson(text, `${dir}/tokenizer.json`),
      tokenizerJson: checkpoint.tokenizer,
      init: checkpoint,
      source: dir,
    };
  }
  const preset = o.preset;
  if (!preset) throw new Error('a policy needs a checkpoint (init) or a preset');
  const presetConfig = (PRESETS as Record<string, LlamaConfig>)[preset];
  if (!presetConfig) throw new Error(`preset must be one of ${Object.keys(PRESETS).join(', ')}, got ${preset}`);
  const config = { ...presetConfig };
  if (o.layers !== undefined) {
    if (!(Number.isInteger(o.layers) && o.layers >= 1))
      throw new Error(`layers must be an integer ≥ 1, got ${o.layers}`);
    config.num_hidden_layers = o.layers;
  }
  if (o.ropeTheta !== undefined) {
    if (!(o.ropeTheta > 0)) throw new Error(`rope theta must be > 0, got ${o.ropeTheta}`);
    config.rope_theta = o.ropeTheta;
  }
  if (o.context !== undefined) {
    if (!(Number.isInteger(o.context) && o.context >= 16))
      throw new Error(`context must be an integer ≥ 16, got ${o.context}`);
    config.max_position_embeddings = o.context;
  }
  const tokPath = o.tokenizer ?? `public/tokenizer/${preset as PresetName}.json`;
  if (!existsSync(tokPath)) throw new Error(`tokenizer ${tokPath} not found (give a tokenizer.json)`);
  const text = await readFile(tokPath, 'utf8');
  const tokenizer = tokenizerFromHfJson(text, tokPath);
  if (o.vocab !== undefined) {
    if (!(Number.isInteger(o.vocab) && o.vocab >= tokenizer.vocabSize))
      throw new Error(`vocab must be an integer ≥ ${tokPath}'s ${tokenizer.vocabSize} tokens, got ${o.vocab}`);
    config.vocab_size = o.vocab;
  }
  if (tokenizer.vocabSize > config.vocab_size)
    throw new Error(
      `${tokPath} has ${tokenizer.vocabSize} tokens; preset ${preset} has vocab_size ${config.vocab_size}`,
    );
  return { config, tokenizer, tokenizerJson: JSON.parse(text), source: `preset ${preset} (random init)` };
}

/** A checkpoint directory, or a run directory's exported model/, or its latest snapshot. */
export function checkpointDir(dir: string): string {
  if (existsSync(join(dir, 'config.json'))) return dir;
  if (existsSync(join(dir, 'model', 'config.json'))) return join(dir, 'model');
  if (existsSync(join(dir, 'latest'))) return join(dir, readFileSync(join(dir, 'latest'), 'utf8').trim());
  throw new Error(`${dir}: no config.json here or in ${dir}/model`);
}

/** What a run's task pool is made of; its metadata file records these (see taskPool). */
export interface PoolOptions {
  kinds: TaskKind[];
  levels: number[];
  perKind: number;
  perKindOf?: Partial<Record<TaskKind, number>>;
  seed: number;
  families?: FamilySet;
  packageSurface?: number;
  packageNames?: RenameStyle;
  packageNeighbors?: number;
  packageOneWord?: number;
}

/** How a GRPO run's pool is drawn beyond its options: its size per kind, families and the unseen-package form. */
export interface PoolEnvironment {
  poolPerKind?: number;
  families?: FamilySet;
  packageSurface?: number;
  packageNames?: RenameStyle;
  packageNeighbors?: number;
  packageOneWord?: number;
}

/**
 * The run's task pool: loaded from DIR/tasks.jsonl when present (a resumed run reuses it), else generated and saved.
 */
export async function taskPool(
  dir: string,
  o: PoolOptions,
  log: (s: string) => void,
  reuseFrom: readonly string[] = [],
): Promise<TaskBase[]> {
  const file = join(dir, 'tasks.jsonl');
  const metaFile = join(dir, 'tasks.meta.json');
  // The family set joins the options only when extended, and per-kind counts only when given, so older pools keep
  // the metadata their runs wrote (and --pool-from and resuming keep matching them).
  const { families, perKindOf, packageSurface, packageNames, packageNeighbors, packageOneWord, ...rest } = o;
  const meta = JSON.stringify({
    ...rest,
    ...(families === 'extended' ? { families } : {}),
    ...(packageSurface ? { packageSurface } : {}),
    ...(packageSurface && packageNames && packageNames !== 'syllables' ? { packageNames } : {}),
    ...(packageSurface && packageNeighbors ? { packageNeighbors } : {}),
    ...(packageSurface && packageOneWord ? { packageOneWord } : {}),
    ...(perKindOf && Object.keys(perKindOf).length > 0 ? { perKindOf } : {}),
  });
  // A pool made with the same options in another run folder is the same pool (generation is seeded): copy it.
  const donor = existsSync(file) ? undefined : reuseFrom.find((d) => sameText(join(d, 'tasks.meta.json'), meta));
  // The metadata goes first and the pool atomically after it: a run killed in between finds no pool and makes it
  // again, never a cut pool it would read as a smaller one.
  if (donor) {
    await writeFileAtomic(metaFile, meta);
    await writeFileAtomic(file, await readFile(join(donor, 'tasks.jsonl')));
    log(`task pool copied from ${donor}`);
  }
  if (existsSync(file)) {
    const had = existsSync(metaFile) ? await readFile(metaFile, 'utf8') : undefined;
    if (had !== undefined && had !== meta)
      throw new Error(
        `${file} was generated for ${had}; this call asks for ${meta} (use another folder, or the same options)`,
      );
    return readPack(await readFile(file, 'utf8'), file);
  }
  const t0 = performance.now();
  const jobs = generationJobs();
  const sandbox = createNodeWorkerPool(jobs);
  const tasks = await generateTaskPool({ ...o, sandbox }).finally(() => sandbox.dispose());
  await writeFileAtomic(metaFile, meta);
  await writeFileAtomic(file, writePack(tasks));
  log(
    `generated ${tasks.length} train-split tasks (${o.kinds.join(', ')}; levels ${o.levels.join(',')}) in ` +
      `${((performance.now() - t0) / 1000).toFixed(1)}s on ${jobs} sandbox workers → ${file}`,
  );
  return tasks;
}

/**
 * Sandbox workers that generate tasks: one per core (at most 16; ATOMGYM_GEN_JOBS overrides). Generation is seeded
 * per task, so the pool is the same however many there are.
 */
export function generationJobs(): number {
  const env = process.env.ATOMGYM_GEN_JOBS;
  if (env !== undefined) {
    const n = Number(env);
    if (!(Number.isInteger(n) && n >= 1 && n <= 64)) throw new Error(`ATOMGYM_GEN_JOBS must be 1..64, got ${env}`);
    return n;
  }
  return Math.max(1, Math.min(16, availableParallelism()));
}

const sameText = (file: string, text: string) => existsSync(file) && readFileSync(file, 'utf8') === text;

/**
 * Sandbox workers (worker_threads), one guest run at a time each; default: one per core beyond the first, at most 4.
 */
export function sandboxPool(n?: number): Sandbox[] {
  const count = n ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  return Array.from({ length: count }, () => createNodeWorkerSandbox());
}

export interface BuiltContext {
  ctx: GrpoContext;
  policy: Policy;
  env: TaskEnvironment;
  sandboxes: Sandbox[];
  close(): Promise<void>;
}

/** The options of a GRPO run's task pool: its mode's kinds at its levels and seed, shown as `env` asks. */
export function grpoPoolOptions(o: ResolvedGrpoOptions, env: PoolEnvironment): PoolOptions {
  return {
    kinds: [...kindsForMode(o.mode, o.skill_mix).keys()],
    levels: o.levels,
    perKind: env.poolPerKind ?? 64,
    seed: o.seed,
    families: env.families,
    packageSurface: env.packageSurface,
    packageNames: env.packageNames,
    packageNeighbors: env.packageNeighbors,
    packageOneWord: env.packageOneWord,
  };
}

/**
 * Everything one GRPO run needs; `dir` holds (or receives) its task pool. `close()` frees trainer, sampler, workers.
 */
export async function buildGrpoContext(
  source: PolicySource,
  dir: string,
  opts: GrpoOptions,
  env: PoolEnvironment & { sandboxes?: number },
  log: (s: string) => void,
): Promise<BuiltContext> {
  const o = resolveGrpoOptions(opts);
  const policy = await loadPolicy(source);
  rowLength(o, policy.config);
  const tasks = await taskPool(dir, grpoPoolOptions(o, env), log);
  const sandboxes = sandboxPool(env.sandboxes);
  const made = await assembleGrpoContext(
    {
      config: policy.config,
      tokenizer: policy.tokenizer,
      weights: policy.init?.weights,
      tasks,
      sandboxes,
      placement: await nodeTrainerPlacement(),
    },
    o,
  ).catch((e: unknown) => {
    for (const s of sandboxes) (s as { dispose?: () => void }).dispose?.();
    throw e;
  });
  log(`policy ${policy.source}; ${made.description}`);
  log(
    `tasks per kind ${JSON.stringify(made.env.sizes)}; prompts over ${o.max_prompt_length} tokens left out: ` +
      JSON.stringify(made.env.excluded),
  );
  return {
    ctx: made.ctx,
    policy,
    env: made.env,
    sandboxes,
    async close() {
      await made.release();
      for (const s of sandboxes) (s as { dispose?: () => void }).dispose?.();
    },
  };
}
