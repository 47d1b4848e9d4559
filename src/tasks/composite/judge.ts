// Rewarding a composite answer: the patch judge every patch-answered task shares (src/tasks/skills/patch.ts), with
// every test file replaced by the task's hidden tests and the kind's structural checks (goal, safe regexes).
import type { FileMap, RunLimits, RunResult, Sandbox } from '../../sandbox/types.ts';
import { DEFAULT_LIMITS } from '../../sandbox/types.ts';
import type { RewardResult } from '../types.ts';
import { judgePatch, patchedFiles, runPatched, scoreRun } from '../skills/patch.ts';
import { checkGoal, checkSafeRegexes } from './structure.ts';
import type { CompositeTask } from './types.ts';

export { scoreRun };

/** Judging: generous, so a correct answer on a loaded machine is not cut off. */
export const COMPOSITE_LIMITS: RunLimits = { ...DEFAULT_LIMITS, timeMs: 6_000 };
/**
 * Probing mutants while generating: a mutant that runs past this (it loops) is not used. Far above any normal run, even
 * on a loaded machine, so the choice does not depend on timing.
 */
export const PROBE_LIMITS: Partial<RunLimits> = { timeMs: 5_000 };

const zero = (status: string, detail: string): RewardResult => ({ reward: 0, partial: 0, status, detail });

/** The repo after the answer, with every test file replaced by the task's hidden test files. */
export function answeredFiles(task: CompositeTask, answer: string): FileMap | RewardResult {
  const patched = patchedFiles(task, answer, { tests: task.hidden.tests, keepTaskTests: false });
  return patched.ok ? patched.files : patched.result;
}

export async function runHiddenTests(
  files: FileMap,
  _task: CompositeTask,
  sandbox: Sandbox,
): Promise<RunResult | RewardResult> {
  return runPatched(sandbox, files, COMPOSITE_LIMITS);
}

/** The kind's checks on the patched files before they run: the refactoring goal, ReDoS-safe regexes. */
function structuralCheck(task: CompositeTask): (files: FileMap) => RewardResult | null {
  return (files) => {
    if (task.goal) {
      const verdict = checkGoal(task.goal, files);
      if (!verdict.ok) return zero('structure-failed', verdict.detail);
    }
    if (task.hidden.safeRegexFile) {
      const verdict = checkSafeRegexes(files, task.hidden.safeRegexFile);
      if (!verdict.ok) return zero('unsafe-regex', verdict.detail);
    }
    return null;
  };
}

/** Reward 1 iff the answer applies, meets the task's structural rule, and passes exactly the reference's tests. */
export function judgeComposite(task: CompositeTask, answer: string, sandbox: Sandbox): Promise<RewardResult> {
  return judgePatch(task, answer, sandbox, {
    tests: task.hidden.tests,
    keepTaskTests: false,
    expectedTests: task.hidden.testCount,
    limits: COMPOSITE_LIMITS,
    check: structuralCheck(task),
  });
}
