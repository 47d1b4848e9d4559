// Node-only helpers of the evaluation and the experiment: a checkpoint folder as a Policy, the evaluation tasks
// (a pack file, or the procedural split generated with a seed), and atomic file writes (a report or a marker is
// never left half-written).
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { randomBytes } from 'node:crypto';
import { readCheckpoint } from '../model/checkpoint.ts';
import { directoryReader } from '../model/checkpoint-node.ts';
import type { Sandbox } from '../sandbox/types.ts';
import { GENERATORS } from '../tasks/registry.ts';
import { readPack } from '../tasks/pack.ts';
import {
  ATOMIC_SKILLS,
  COMPOSITE_KINDS,
  type Level,
  type Split,
  type TaskBase,
  type TaskKind,
} from '../tasks/types.ts';
import { OrtPolicy, type OrtPolicyOptions } from './ort-policy.ts';

export async function loadCheckpointPolicy(
  dir: string,
  opts: Omit<OrtPolicyOptions, 'name'> & { name?: string } = {},
): Promise<OrtPolicy> {
  const { checkpoint } = await readCheckpoint(directoryReader(dir), { requireTokenizer: true, source: dir });
  return OrtPolicy.create(checkpoint, { ...opts, name: opts.name ?? dir });
}

/** `all` (the 10 kinds), `atomic`, `composite`, or kind names, comma-separated. */
export function parseKinds(spec: string): TaskKind[] {
  const known = new Set<string>([...ATOMIC_SKILLS, ...COMPOSITE_KINDS]);
  const out: TaskKind[] = [];
  for (const part of spec
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (part === 'all') out.push(...ATOMIC_SKILLS, ...COMPOSITE_KINDS);
    else if (part === 'atomic') out.push(...ATOMIC_SKILLS);
    else if (part === 'composite') out.push(...COMPOSITE_KINDS);
    else if (known.has(part)) out.push(part as TaskKind);
    else
      throw new Error(
        `unknown skill or kind '${part}': expected all, atomic, composite or one of ${[...known].join(', ')}`,
      );
  }
  return [...new Set(out)];
}

export interface TaskSource {
  /** A pack file; when absent the procedural world generates the tasks. */
  pack?: string;
  /** Pack: keep only this split when given. Procedural: the split to generate (default test). */
  split?: Split;
  kinds: TaskKind[];
  /** Procedural: tasks per kind. Pack: at most this many per kind (first ones) when given. */
  n?: number;
  seed: number;
  level?: Level;
}

export async function loadTasks(src: TaskSource, sandbox: Sandbox): Promise<{ tasks: TaskBase[]; label: string }> {
  const kinds = new Set(src.kinds);
  if (src.pack) {
    const all = readPack(await readFile(src.pack, 'utf8'), src.pack);
    const perKind = new Map<string, number>();
    const tasks = all.filter((t) => {
      if (!kinds.has(t.skill) || (src.split && t.split !== src.split)) return false;
      const c = perKind.get(t.skill) ?? 0;
      perKind.set(t.skill, c + 1);
      return src.n === undefined || c < src.n;
    });
    if (tasks.length === 0)
      throw new Error(
        `${src.pack}: no tasks of kinds ${[...kinds].join(', ')}${src.split ? ` in split ${src.split}` : ''}`,
      );
    return { tasks, label: `pack ${src.pack}${src.split ? ` (split ${src.split})` : ''}, ${tasks.length} tasks` };
  }
  const split = src.split ?? 'test';
  const n = src.n ?? 10;
  const tasks: TaskBase[] = [];
  for (const kind of src.kinds) {
    const gen = GENERATORS[kind];
    if (!gen) throw new Error(`no generator for kind '${kind}'`);
    tasks.push(...(await gen({ split, n, seed: src.seed, level: src.level, sandbox })));
  }
  return {
    tasks,
    label: `procedural ${split} split, ${n} per kind, seed ${src.seed}, level ${src.level ?? '1–5 mixed'}`,
  };
}

/** Writes the whole file under a temporary name, then renames it over the target. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw e;
  }
}
