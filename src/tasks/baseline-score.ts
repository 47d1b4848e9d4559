// Scores the declared trivial baselines on a pack: mean reward per (kind, baseline), and which exceed their ceiling.
import type { Sandbox } from '../sandbox/types.ts';
import { baselineCeiling, trivialBaselines } from './baselines.ts';
import { SKILLS } from './registry.ts';
import type { TaskBase, TaskKind } from './types.ts';

export interface BaselineRow {
  kind: TaskKind;
  baseline: string;
  tasks: number;
  mean: number;
  ceiling: number;
  /** The mean exceeds the ceiling by more than sampling noise allows (see `exceedsCeiling`). */
  exceeds: boolean;
  /** False when the kind has fewer than MIN_TASKS_TO_JUDGE tasks in the pack: too few to say anything. */
  judged: boolean;
}

/** Below this many tasks of a kind a pack says nothing about a baseline (one lucky pick is 100%): not judged. */
export const MIN_TASKS_TO_JUDGE = 10;

/**
 * The ceiling bounds a baseline's expected reward. A pack is a sample, so a baseline whose expectation sits at the
 * ceiling (a random pick among five files) can land above it by chance: the pack fails when the mean exceeds the
 * ceiling by more than one-sided 95% binomial noise, 1.645·sqrt(c(1−c)/n) (0.2 → 0.35 at n = 20, 0.27 at n = 100).
 * Generators keep baselines' expectations well under the ceiling, so the allowance only absorbs sampling noise.
 */
export function exceedsCeiling(mean: number, ceiling: number, n: number): boolean {
  if (n < MIN_TASKS_TO_JUDGE) return false;
  return mean > ceiling + 1.645 * Math.sqrt((ceiling * (1 - ceiling)) / n) + 1e-9;
}

export async function scoreBaselines(tasks: readonly TaskBase[], sandbox: Sandbox): Promise<BaselineRow[]> {
  const sums = new Map<string, { kind: TaskKind; baseline: string; tasks: number; total: number }>();
  for (const task of tasks) {
    const skill = SKILLS[task.skill];
    if (!skill) throw new Error(`${task.id}: no skill module for ${task.skill}`);
    for (const b of trivialBaselines(task)) {
      const r = await skill.reward(task, b.answer, sandbox);
      const key = `${task.skill}\u0000${b.name}`;
      const s = sums.get(key) ?? { kind: task.skill, baseline: b.name, tasks: 0, total: 0 };
      s.tasks++;
      s.total += r.reward;
      sums.set(key, s);
    }
  }
  // A baseline that does not apply to a task (e.g. no example to hard-code) is scored 0 there: means are per kind.
  const perKind = new Map<TaskKind, number>();
  for (const t of tasks) perKind.set(t.skill, (perKind.get(t.skill) ?? 0) + 1);
  return [...sums.values()].map((s) => {
    const n = perKind.get(s.kind)!;
    const mean = s.total / n;
    const ceiling = baselineCeiling(s.kind, s.baseline);
    return {
      kind: s.kind,
      baseline: s.baseline,
      tasks: n,
      mean,
      ceiling,
      exceeds: exceedsCeiling(mean, ceiling, n),
      judged: n >= MIN_TASKS_TO_JUDGE,
    };
  });
}
