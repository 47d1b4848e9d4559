// What every atomic-skill generator shares: seeds per split, level draws, family pools, the retry loop and
// the "buggy world" (an executed repo plus observable bugs in its target function).
import type { Sandbox } from '../../sandbox/types.ts';
import type { Level, Split, TaskBase, TaskKind } from '../types.ts';
import { createRng, hashString, type Rng } from '../rng.ts';
import type { GeneratorOptions } from '../registry.ts';
import type { Family } from '../world/family.ts';
import { familiesFor, type FamilySet } from '../world/families/index.ts';
import { buildRepo, hasShortBody, type RepoRequest } from '../world/repo.ts';
import { execute, findBugs, targetFunction, type Bug, type BugSearch, type Executed } from '../world/scenario.ts';
import type { WorldFunction } from '../world/repo.ts';
import type { Symptom } from '../world/issue.ts';

/** Seeds are drawn from disjoint ranges per split, so no two splits ever share a seed. */
export const SPLIT_SEED_BASE: Record<Split, number> = { train: 0, val: 1_000_000_000, test: 2_000_000_000 };

export function taskRng(kind: TaskKind, split: Split, seed: number, index: number, attempt: number): Rng {
  return createRng(hashString(`${kind}|${split}|${SPLIT_SEED_BASE[split] + seed}|${index}|${attempt}`));
}

export function drawLevel(fixed: Level | undefined, rng: Rng): Level {
  return fixed ?? (rng.int(1, 5) as Level);
}

export interface Pools {
  targets: Family[];
  fillers: Family[];
  extra: Family[];
}

/** Where a world's families come from: the split, and the family set (GeneratorOptions.families). */
export interface WorldSource {
  split: Split;
  families?: FamilySet;
}

/**
 * Targets and fillers from the split's own families; core train families pad held-out repos (never the reverse,
 * and never the train-only ones, so held-out tasks do not depend on the family set).
 */
export function pools({ split, families = 'core' }: WorldSource): Pools {
  const own = familiesFor(split, families);
  return { targets: own, fillers: own, extra: split === 'train' ? [] : familiesFor('train') };
}

export interface BugWorld {
  ex: Executed;
  target: WorldFunction;
  bugs: Bug[];
  family: string;
}

/** A repo at `level` whose target function has at least `search.want` observable bugs; null to retry. */
export async function bugWorld(
  rng: Rng,
  level: Level,
  source: WorldSource,
  sandbox: Sandbox,
  search: BugSearch,
  targetFamily?: Family,
  shape: Pick<RepoRequest, 'minModules' | 'sameCategory' | 'maxBodyLines' | 'maxBodyChars'> = {},
): Promise<BugWorld | null> {
  const p = pools(source);
  const short =
    level === 1 && shape.maxBodyLines !== undefined
      ? p.targets.filter((f) => hasShortBody(f, shape.maxBodyLines, shape.maxBodyChars))
      : [];
  const family = targetFamily ?? rng.pick(short.length > 0 ? short : p.targets);
  const repo = buildRepo({ level, target: family, fillers: p.fillers, extra: p.extra, ...shape }, rng);
  const ex = await execute(repo, rng, sandbox);
  if (!ex) return null;
  // Cross-file bugs: in the train split at levels 4–5, sometimes the bug sits in a shared helper and shows up
  // through a caller in another file. Helpers are train-only targets, so held-out splits never contain them.
  const helperTarget =
    source.split === 'train' && level >= 4 && repo.util && rng.chance(0.25) ? rng.pick(repo.util.functions) : null;
  const target = helperTarget ?? targetFunction(repo);
  const bugs = await findBugs(ex, target, rng, sandbox, search);
  if (bugs.length < (search.min ?? search.want)) return null;
  return { ex, target, bugs, family: helperTarget ? `helper:${helperTarget.family.name}` : family.name };
}

/** A failing case to report: prefer one seen through a caller outside the util module (a cross-file symptom). */
export function symptomOf(world: BugWorld, bug: Bug, rng: Rng): Symptom {
  const util = world.ex.repo.util?.path;
  const outside = bug.killed.filter((i) => world.ex.cases[i].module !== util);
  const i = rng.pick(outside.length > 0 ? outside : bug.killed);
  const c = world.ex.cases[i];
  const fn = [...world.ex.repo.modules, ...(world.ex.repo.util ? [world.ex.repo.util] : [])]
    .flatMap((m) => m.functions)
    .find((f) => f.names.fn === c.fn)!;
  const mod = [...world.ex.repo.modules, ...(world.ex.repo.util ? [world.ex.repo.util] : [])].find(
    (m) => m.path === c.module,
  )!;
  return {
    fn: c.fn,
    family: fn.family,
    args: c.args,
    expected: c.outcome,
    actual: bug.outcomes[i],
    testPath: mod.testPath,
  };
}

/** Runs `makeOne` until it yields a task, with fresh seeded attempts; fails loudly if a slot never fills. */
export async function generateMany<T extends TaskBase>(
  kind: TaskKind,
  opts: GeneratorOptions,
  makeOne: (rng: Rng, level: Level, id: string, index: number) => Promise<T | null>,
  maxAttempts = 12,
): Promise<T[]> {
  const out: T[] = [];
  const first = opts.first ?? 0;
  for (let index = first; index < first + opts.n; index++) {
    let task: T | null = null;
    for (let attempt = 0; attempt < maxAttempts && !task; attempt++) {
      const rng = taskRng(kind, opts.split, opts.seed, index, attempt);
      const level = drawLevel(opts.level, rng);
      task = await makeOne(rng, level, `${kind}-${opts.split}-${opts.seed}-${index}`, index);
    }
    if (!task)
      throw new Error(
        `${kind}: could not generate task ${index} (seed ${opts.seed}, split ${opts.split}) in ${maxAttempts} attempts`,
      );
    out.push(task);
  }
  return out;
}

/** Records the rendered prompt's length in meta (every task records it). */
export function withPromptChars<T extends TaskBase>(task: T, render: (t: T) => string): T {
  task.meta.promptChars = render(task).length;
  return task;
}
