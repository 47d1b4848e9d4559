// Rewarding a composite answer: apply the edit blocks, put the task's own tests back, check structure, run.
import type { FileMap, RunLimits, RunResult, Sandbox } from '../../sandbox/types.ts';
import type { RewardResult } from '../types.ts';
import { screenAnswer } from '../skills/answer.ts';
import { applyEdits, parseEdits } from '../skills/edits.ts';
import { checkGoal, checkSafeRegexes, isTestFile } from './structure.ts';
import type { CompositeTask } from './types.ts';

/** Judging: generous, so a correct answer on a loaded machine is not cut off. */
export const COMPOSITE_LIMITS: Partial<RunLimits> = { timeMs: 6_000 };
/** Probing mutants while generating: a mutant that runs past this (it loops) is not used. Far above any normal run, even on a loaded machine, so the choice does not depend on timing. */
export const PROBE_LIMITS: Partial<RunLimits> = { timeMs: 5_000 };

const zero = (status: string, detail: string, partial = 0): RewardResult => ({ reward: 0, partial, status, detail });

/**
 * The repo after the answer, with every test file replaced by the task's hidden test files. The answer format,
 * screening and matching rules are the editing skill's (src/tasks/skills), so a policy learns one format.
 */
export function answeredFiles(task: CompositeTask, answer: string): FileMap | RewardResult {
  const screened = screenAnswer(answer);
  if (!screened.ok) return screened.result;
  const parsed = parseEdits(screened.text);
  if (!parsed.ok) return zero('parse-error', parsed.error);
  const applied = applyEdits(task.repo.files, parsed.blocks);
  if (!applied.ok) return zero('edit-did-not-apply', applied.error);
  const files: FileMap = {};
  for (const [path, text] of Object.entries(applied.files)) if (!isTestFile(path)) files[path] = text;
  return { ...files, ...task.hidden.tests };
}

export async function runHiddenTests(files: FileMap, task: CompositeTask, sandbox: Sandbox): Promise<RunResult | RewardResult> {
  try {
    return await sandbox.run(files, { kind: 'tests', files: Object.keys(task.hidden.tests).sort() }, COMPOSITE_LIMITS);
  } catch (e) {
    return zero('sandbox-error', `sandbox failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Reward 1 iff the answer applies, meets the task's structural rule, and passes exactly the reference's tests. */
export async function judgeComposite(task: CompositeTask, answer: string, sandbox: Sandbox): Promise<RewardResult> {
  const files = answeredFiles(task, answer);
  if ('reward' in files) return files as RewardResult;
  if (task.goal) {
    const verdict = checkGoal(task.goal, files);
    if (!verdict.ok) return zero('structure-failed', verdict.detail);
  }
  if (task.hidden.safeRegexFile) {
    const verdict = checkSafeRegexes(files, task.hidden.safeRegexFile);
    if (!verdict.ok) return zero('unsafe-regex', verdict.detail);
  }
  const run = await runHiddenTests(files, task, sandbox);
  if ('reward' in run) return run;
  return scoreRun(run, task.hidden.testCount);
}

export function scoreRun(run: RunResult, expected: number): RewardResult {
  const { passed, failed, error, timeout } = run.totals;
  const partial = expected > 0 ? Math.min(1, passed / expected) : 0;
  const metrics = { passed, failed: failed + error + timeout, expected };
  if (run.status !== 'ok') return { ...zero(run.status, run.message ?? `run ended with ${run.status}`, partial), metrics };
  if (failed + error + timeout > 0) {
    const first = run.tests.find((t) => t.status !== 'passed');
    return { ...zero('tests-failed', `${failed + error + timeout} test(s) failed${first ? `, first: ${first.name}: ${first.message ?? first.status}` : ''}`, partial), metrics };
  }
  if (passed !== expected) return { ...zero('tests-missing', `${passed} test(s) ran, the reference runs ${expected}`, partial), metrics };
  return { reward: 1, partial: 1, status: 'ok', detail: `all ${passed} tests pass`, metrics };
}
