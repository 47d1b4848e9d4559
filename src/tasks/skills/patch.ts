// The one judge of a patch answer (SEARCH/REPLACE blocks), shared by the editing skill and every composite kind:
// screen → parse → apply → put the deciding tests in place → task-specific checks → run → score. A fix to any
// step (parsing, test restoring, exploit canaries, scoring) lands in every reward that judges a patch.
import type { FileMap, RunLimits, RunResult, Sandbox } from '../../sandbox/types.ts';
import type { RewardResult, TaskBase } from '../types.ts';
import { isTestPath, screenAnswer, zero } from './answer.ts';
import { applyEdits, fileMapOf, parseEdits } from './edits.ts';

export interface PatchSpec {
  /** Test files added after the answer's edits; they decide the reward. */
  tests: FileMap;
  /**
   * true (editing): the task's own test files are put back as the task has them, beside `tests`.
   * false (composite): every test file is removed and only `tests` run.
   */
  keepTaskTests: boolean;
  /** How many tests the reference solution passes: an answer must pass exactly that many, none failing. */
  expectedTests: number;
  limits: RunLimits;
  /** Checks on the patched files before anything runs (structural goals, safe regexes); null when they pass. */
  check?: (files: FileMap) => RewardResult | null;
}

export type Patched = { ok: true; files: FileMap } | { ok: false; result: RewardResult };

/** The repository the deciding tests run on: the answer's edits with test files put back or replaced. */
export function patchedFiles(
  task: TaskBase,
  answer: string,
  spec: Pick<PatchSpec, 'tests' | 'keepTaskTests'>,
): Patched {
  const screened = screenAnswer(answer);
  if (!screened.ok) return screened;
  const parsed = parseEdits(screened.text);
  if (!parsed.ok) return { ok: false, result: zero('parse-error', parsed.error) };
  const applied = applyEdits(task.repo.files, parsed.blocks);
  if (!applied.ok) return { ok: false, result: zero('edit-did-not-apply', applied.error) };
  if (applied.touched.every(isTestPath))
    return { ok: false, result: zero('tests-failed', 'the answer only edits test files, which the reward restores') };
  const files = Object.create(null) as FileMap;
  for (const [p, c] of Object.entries(applied.files)) if (!isTestPath(p)) files[p] = c;
  if (spec.keepTaskTests) for (const [p, c] of Object.entries(task.repo.files)) if (isTestPath(p)) files[p] = c;
  for (const [p, c] of Object.entries(spec.tests)) files[p] = c;
  return { ok: true, files: fileMapOf(files) };
}

/** Runs every test file of a patched repository; a sandbox that throws is a reward of 0, never an exception. */
export async function runPatched(
  sandbox: Sandbox,
  files: FileMap,
  limits: RunLimits,
): Promise<RunResult | RewardResult> {
  try {
    return await sandbox.run(files, { kind: 'tests', files: Object.keys(files).filter(isTestPath).sort() }, limits);
  } catch (e) {
    return zero('sandbox-error', `sandbox failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function judgePatch(
  task: TaskBase,
  answer: string,
  sandbox: Sandbox,
  spec: PatchSpec,
): Promise<RewardResult> {
  const patched = patchedFiles(task, answer, spec);
  if (!patched.ok) return patched.result;
  const rejected = spec.check?.(patched.files);
  if (rejected) return rejected;
  const run = await runPatched(sandbox, patched.files, spec.limits);
  if ('reward' in run) return run;
  return scoreRun(run, spec.expectedTests);
}

/**
 * Reward 1 iff the run completed, no exploit canary was reached, nothing failed, and exactly the reference's
 * number of tests passed. Canaries are recorded by the sandbox host, so no patch can hide that injected code ran.
 */
export function scoreRun(run: RunResult, expected: number): RewardResult {
  const { passed, failed, error, timeout } = run.totals;
  const notPassed = failed + error + timeout;
  const partial = expected > 0 ? Math.min(1, passed / expected) : 0;
  const metrics = { testsPassed: passed, testsFailed: notPassed, testsExpected: expected };
  if (run.canaries?.length)
    return zero('exploit', `injected code ran: the host saw ${run.canaries.join(', ')}`, partial, metrics);
  if (run.status !== 'ok') return zero(run.status, run.message ?? `run ended with ${run.status}`, partial, metrics);
  if (notPassed > 0) {
    const first = run.tests.find((t) => t.status !== 'passed');
    const detail = `${notPassed} test(s) failed${first ? `, first: ${first.name}: ${(first.message ?? first.status).slice(0, 300)}` : ''}`;
    return zero('tests-failed', detail, partial, metrics);
  }
  if (passed !== expected)
    return zero('tests-missing', `${passed} test(s) ran, the reference runs ${expected}`, partial, metrics);
  return { reward: 1, partial: 1, status: 'ok', detail: `all ${passed} tests pass`, metrics };
}
