// Running test files for a reward, with the limits every reward uses.
import type { FileMap, RunLimits, RunStatus, Sandbox } from '../../sandbox/types.ts';

export const REWARD_LIMITS: RunLimits = { timeMs: 1_500, memoryBytes: 64 * 2 ** 20, outputBytes: 64 * 2 ** 10 };

export interface TestOutcome {
  status: RunStatus;
  passed: number;
  /** failed + error + timeout */
  notPassed: number;
  total: number;
  message: string;
}

/** Generation-time checks of reference code get more time, so a busy machine cannot change what is generated. */
export const GENERATION_LIMITS: RunLimits = { ...REWARD_LIMITS, timeMs: 10_000 };

export async function runTestFiles(
  sandbox: Sandbox,
  files: FileMap,
  testPaths: string[],
  limits: RunLimits = REWARD_LIMITS,
): Promise<TestOutcome> {
  const r = await sandbox.run(files, { kind: 'tests', files: testPaths }, limits);
  const notPassed = r.totals.failed + r.totals.error + r.totals.timeout;
  const firstFailure = r.tests.find((t) => t.status !== 'passed');
  const message =
    r.message ?? (firstFailure ? `${firstFailure.name}: ${firstFailure.message ?? firstFailure.status}` : '');
  return {
    status: r.status,
    passed: r.totals.passed,
    notPassed,
    total: r.totals.passed + notPassed,
    message: message.slice(0, 300),
  };
}

/** True when the run finished and every one of at least `min` tests passed. */
export function allPassed(o: TestOutcome, min = 1): boolean {
  return o.status === 'ok' && o.notPassed === 0 && o.passed >= min;
}

/** True when the run shows a real test failure (not a load error of the test file itself). */
export function someFailed(o: TestOutcome): boolean {
  return o.status === 'ok' && o.notPassed > 0;
}
