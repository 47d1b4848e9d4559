// A task spec (skills, split, n, seed, level) → the tasks the registry's generators make for it. Export and serve
// share it, so a service started with the same spec resolves every task id an export wrote.
import { createQuickJsSandbox } from '../sandbox/index.ts';
import { GENERATORS } from '../tasks/registry.ts';
import {
  ATOMIC_SKILLS,
  COMPOSITE_KINDS,
  type Level,
  type Split,
  type TaskBase,
  type TaskKind,
} from '../tasks/types.ts';

export interface TaskSpec {
  /** 'all' (the five atomic skills), 'composite', or a comma-separated list of task kinds. */
  skills: string;
  split: Split;
  /** Tasks per kind. */
  n: number;
  seed: number;
  level?: Level;
}

export class SpecError extends Error {
  override name = 'SpecError';
}

export function kindsOf(skills: string): TaskKind[] {
  if (skills === 'all') return [...ATOMIC_SKILLS];
  if (skills === 'composite') return COMPOSITE_KINDS.filter((k) => GENERATORS[k]);
  const kinds = skills
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (kinds.length === 0) throw new SpecError('--skills is empty');
  for (const k of kinds) {
    if (!GENERATORS[k as TaskKind])
      throw new SpecError(
        `unknown skill ${JSON.stringify(k)}; known: all, composite, ${Object.keys(GENERATORS).join(', ')}`,
      );
  }
  return kinds as TaskKind[];
}

export function checkSpec(spec: TaskSpec): void {
  kindsOf(spec.skills);
  if (!['train', 'val', 'test'].includes(spec.split))
    throw new SpecError(`--split must be train, val or test, got ${JSON.stringify(spec.split)}`);
  if (!Number.isInteger(spec.n) || spec.n < 1) throw new SpecError(`--n must be a positive integer, got ${spec.n}`);
  if (!Number.isInteger(spec.seed) || spec.seed < 0)
    throw new SpecError(`--seed must be a non-negative integer, got ${spec.seed}`);
  if (spec.level !== undefined && ![1, 2, 3, 4, 5].includes(spec.level))
    throw new SpecError(`--level must be 1..5, got ${spec.level}`);
}

/** Generates the spec's tasks (deterministic: the same spec gives the same ids and contents). */
export async function tasksFromSpec(spec: TaskSpec): Promise<TaskBase[]> {
  checkSpec(spec);
  const sandbox = await createQuickJsSandbox();
  try {
    const out: TaskBase[] = [];
    for (const kind of kindsOf(spec.skills)) {
      out.push(
        ...(await GENERATORS[kind]!({ split: spec.split, n: spec.n, seed: spec.seed, level: spec.level, sandbox })),
      );
    }
    return out;
  } finally {
    sandbox.dispose?.();
  }
}
