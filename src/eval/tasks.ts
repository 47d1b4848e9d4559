// Which tasks an evaluation scores: kinds named on the command line or in the page, and either a pack's tasks
// (filtered by split and kind, the first N per kind) or the procedural split generated with a seed. Pure of any
// file system, so `atomgym eval` in Node and the page's run worker pick the same tasks from the same inputs.
import type { Sandbox } from '../sandbox/types.ts';
import { GENERATORS } from '../tasks/registry.ts';
import { generateInSlices } from '../tasks/generate/slices.ts';
import {
  ATOMIC_SKILLS,
  COMPOSITE_KINDS,
  type Level,
  type Split,
  type TaskBase,
  type TaskKind,
} from '../tasks/types.ts';

export interface TaskSource {
  /** A pack (a path or URL, for the label); when absent the procedural world generates the tasks. */
  pack?: string;
  /** Pack: keep only this split when given. Procedural: the split to generate (default test). */
  split?: Split;
  kinds: TaskKind[];
  /** Procedural: tasks per kind. Pack: at most this many per kind (first ones) when given. */
  n?: number;
  seed: number;
  level?: Level;
}

export interface EvalTasks {
  tasks: TaskBase[];
  label: string;
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

/** The pack's tasks of `src`'s kinds (and split, when given), the first `src.n` per kind. */
export function selectPackTasks(all: readonly TaskBase[], src: TaskSource, packName: string): EvalTasks {
  const kinds = new Set(src.kinds);
  const perKind = new Map<string, number>();
  const tasks = all.filter((t) => {
    if (!kinds.has(t.skill) || (src.split && t.split !== src.split)) return false;
    const c = perKind.get(t.skill) ?? 0;
    perKind.set(t.skill, c + 1);
    return src.n === undefined || c < src.n;
  });
  const split = src.split ? ` in split ${src.split}` : '';
  if (tasks.length === 0) throw new Error(`${packName}: no tasks of kinds ${[...kinds].join(', ')}${split}`);
  return { tasks, label: `pack ${packName}${src.split ? ` (split ${src.split})` : ''}, ${tasks.length} tasks` };
}

/** `src.n` tasks per kind (default 10) of the procedural `src.split` (default test), checked in `sandbox`. */
export async function generateEvalTasks(src: TaskSource, sandbox: Sandbox): Promise<EvalTasks> {
  const split = src.split ?? 'test';
  const n = src.n ?? 10;
  const tasks: TaskBase[] = [];
  for (const kind of src.kinds) {
    const gen = GENERATORS[kind];
    if (!gen) throw new Error(`no generator for kind '${kind}'`);
    tasks.push(...(await generateInSlices(gen, { split, n, seed: src.seed, level: src.level, sandbox })));
  }
  return {
    tasks,
    label: `procedural ${split} split, ${n} per kind, seed ${src.seed}, level ${src.level ?? '1–5 mixed'}`,
  };
}
