// Measurements shared by the Node side and the page side of `atomgym bench sandbox`: runs/s of a sandbox on
// the representative repo, and the time to reward a batch of completions with a skill module.
import type { Sandbox } from '../sandbox/types.ts';
import type { SkillModule, TaskBase } from '../tasks/types.ts';
import { BENCH_REPO } from './sandbox-repo.ts';
import { median, timeRuns } from '../util/stats.ts';

export interface RunsPerSecond {
  msPerRun: number;
  runsPerSec: number;
  /** Passed tests of the last run (20 expected): a wrong number means the measurement is not valid. */
  passed: number;
  samples: number;
  runsPerSample: number;
}

export async function measureRunsPerSecond(sandbox: Sandbox, runs: number, perSample: number): Promise<RunsPerSecond> {
  let passed = -1;
  const timing = await timeRuns(async () => {
    for (let i = 0; i < perSample; i++) passed = (await sandbox.run(BENCH_REPO, { kind: 'tests' })).totals.passed;
  }, runs);
  const msPerRun = timing.medianMs / perSample;
  return {
    msPerRun: round(msPerRun),
    runsPerSec: round(1000 / msPerRun),
    passed,
    samples: runs,
    runsPerSample: perSample,
  };
}

export interface BatchTiming {
  kind: string;
  batch: number;
  medianMs: number;
  minMs: number;
  /** Node only: median process CPU time of a batch (less sensitive to other load on the machine than wall time). */
  medianCpuMs?: number;
  /** Rewards in flight at once (the number of sandboxes working on the batch). */
  concurrency: number;
  /** Oracle answers that earned reward 1 (must equal batch). */
  rewarded: number;
  underOneSecond: boolean;
}

/**
 * Rewards `answers[i]` for `tasks[i]`, `concurrency` at a time (1: one after another, for a single-threaded
 * sandbox; a pool of worker sandboxes takes one per worker), `runs` times.
 */
export async function measureRewardBatch(
  kind: string,
  skill: SkillModule,
  tasks: TaskBase[],
  answers: string[],
  sandbox: Sandbox,
  runs: number,
  cpuMs?: () => number,
  concurrency = 1,
): Promise<BatchTiming> {
  let rewarded = 0;
  const cpu: number[] = [];
  const timing = await timeRuns(async () => {
    rewarded = 0;
    const c0 = cpuMs?.() ?? 0;
    let next = 0;
    const lane = async (): Promise<void> => {
      for (let i = next++; i < tasks.length; i = next++) {
        // Awaited first: `rewarded += await …` would read `rewarded` before the await and lose other lanes' counts.
        const r = await skill.reward(tasks[i], answers[i], sandbox);
        rewarded += r.reward;
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, concurrency) }, lane));
    if (cpuMs) cpu.push(cpuMs() - c0);
  }, runs);
  const cpuMedian = cpuMs ? round(median(cpu.slice(-runs))) : undefined;
  return {
    kind,
    batch: tasks.length,
    concurrency,
    medianMs: round(timing.medianMs),
    minMs: round(timing.minMs),
    ...(cpuMedian === undefined ? {} : { medianCpuMs: cpuMedian }),
    rewarded,
    underOneSecond: timing.medianMs < 1000,
  };
}

/** Runs `sample` functions round-robin (one warm-up each), so load changes on the machine hit all of them alike. */
export async function interleavedSamples(
  runs: number,
  samples: Record<string, () => Promise<void>>,
): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = {};
  for (const [name, fn] of Object.entries(samples)) {
    await fn();
    times[name] = [];
  }
  for (let r = 0; r < runs; r++) {
    for (const [name, fn] of Object.entries(samples)) {
      const t0 = performance.now();
      await fn();
      times[name].push(performance.now() - t0);
    }
  }
  return times;
}

export const round = (x: number): number => Math.round(x * 100) / 100;
