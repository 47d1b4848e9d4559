// What the sft, train and bench rl commands share: the preset's config and tokenizer, an initial checkpoint,
// the cached task pool of a run directory, and the pool of sandbox workers that score completions.
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { readCheckpoint, type Checkpoint } from '../../model/checkpoint.ts';
import { directoryReader } from '../../model/checkpoint-node.ts';
import { PRESETS, type LlamaConfig, type PresetName } from '../../model/config.ts';
import { tokenizerFromHfJson, type Tokenizer } from '../../model/tokenizer/index.ts';
import { generateTaskPool } from '../../rl/task-env.ts';
import { createQuickJsSandbox } from '../../sandbox/index.ts';
import { createNodeWorkerSandbox } from '../../sandbox/worker/node.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import { readPack, writePack } from '../../tasks/pack.ts';
import type { TaskBase, TaskKind } from '../../tasks/types.ts';
import { UsageError, type ParsedArgs } from '../args.ts';

export interface Policy {
  config: LlamaConfig;
  tokenizer: Tokenizer;
  /** Parsed tokenizer.json, stored with every checkpoint. */
  tokenizerJson: unknown;
  init?: Checkpoint;
  source: string;
}

/** --init DIR (a checkpoint, or a run directory whose `latest` names one) or --preset P (random init, seeded). */
export async function loadPolicy(args: ParsedArgs): Promise<Policy> {
  const initFlag = args.flags.get('init') ?? args.flags.get('checkpoint');
  if (typeof initFlag === 'string') {
    const dir = checkpointDir(initFlag);
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
  const preset = args.flags.get('preset');
  if (typeof preset !== 'string') throw new UsageError('give --preset <name> (random init) or --init <checkpoint dir>');
  const config = (PRESETS as Record<string, LlamaConfig>)[preset];
  if (!config) throw new UsageError(`--preset must be one of ${Object.keys(PRESETS).join(', ')}`);
  const tokPath =
    typeof args.flags.get('tokenizer') === 'string'
      ? (args.flags.get('tokenizer') as string)
      : `public/tokenizer/${preset as PresetName}.json`;
  if (!existsSync(tokPath)) throw new UsageError(`tokenizer ${tokPath} not found (give --tokenizer <tokenizer.json>)`);
  const text = await readFile(tokPath, 'utf8');
  const tokenizer = tokenizerFromHfJson(text, tokPath);
  if (tokenizer.vocabSize > config.vocab_size)
    throw new UsageError(
      `${tokPath} has ${tokenizer.vocabSize} tokens; preset ${preset} has vocab_size ${config.vocab_size}`,
    );
  return { config, tokenizer, tokenizerJson: JSON.parse(text), source: `preset ${preset} (random init)` };
}

/** A checkpoint directory, or a run directory's exported model/, or its latest snapshot. */
export function checkpointDir(dir: string): string {
  if (existsSync(join(dir, 'config.json'))) return dir;
  if (existsSync(join(dir, 'model', 'config.json'))) return join(dir, 'model');
  if (existsSync(join(dir, 'latest'))) return join(dir, readFileSync(join(dir, 'latest'), 'utf8').trim());
  throw new UsageError(`${dir}: no config.json here or in ${dir}/model`);
}

export function listFlag(args: ParsedArgs, name: string, fallback: string[]): string[] {
  const v = args.flags.get(name);
  if (v === undefined) return fallback;
  if (v === true) throw new UsageError(`--${name} needs a comma-separated list`);
  return v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The run's task pool: loaded from DIR/tasks.jsonl when present (a resumed run reuses it), else generated and saved. */
export async function taskPool(
  dir: string,
  o: { kinds: TaskKind[]; levels: number[]; perKind: number; seed: number },
  log: (s: string) => void,
): Promise<TaskBase[]> {
  const file = join(dir, 'tasks.jsonl');
  const metaFile = join(dir, 'tasks.meta.json');
  const meta = JSON.stringify(o);
  if (existsSync(file)) {
    const had = existsSync(metaFile) ? await readFile(metaFile, 'utf8') : undefined;
    if (had !== undefined && had !== meta)
      throw new UsageError(
        `${file} was generated for ${had}; this call asks for ${meta} (use another --out, or the same options)`,
      );
    return readPack(await readFile(file, 'utf8'), file);
  }
  const t0 = performance.now();
  const sandbox = await createQuickJsSandbox();
  const tasks = await generateTaskPool({ ...o, sandbox });
  sandbox.dispose?.();
  await mkdir(dir, { recursive: true });
  await writeFile(file, writePack(tasks));
  await writeFile(metaFile, meta);
  log(
    `generated ${tasks.length} train-split tasks (${o.kinds.join(', ')}; levels ${o.levels.join(',')}) in ${((performance.now() - t0) / 1000).toFixed(1)}s → ${file}`,
  );
  return tasks;
}

/** Sandbox workers (worker_threads), one guest run at a time each; default: one per core beyond the first, at most 4. */
export function sandboxPool(n?: number): Sandbox[] {
  const count = n ?? Math.max(1, Math.min(4, availableParallelism() - 1));
  return Array.from({ length: count }, () => createNodeWorkerSandbox());
}

export const formatDuration = (s: number): string =>
  s >= 3600
    ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${String(Math.floor(s % 60)).padStart(2, '0')}s`
      : `${s.toFixed(1)}s`;
