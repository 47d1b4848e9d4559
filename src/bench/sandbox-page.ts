// The page side of `atomgym bench sandbox`: QuickJS in the page's own thread and in a worker (with the
// watchdog), and reward batches for tasks generated on the Node side (tasks are plain JSON).
import { createQuickJsSandbox } from '../sandbox/quickjs/sandbox.ts';
import { createBrowserWorkerPool, createBrowserWorkerSandbox } from '../sandbox/worker/client.ts';
import type { TaskBase } from '../tasks/types.ts';
import { measureRewardBatch, measureRunsPerSecond, type BatchTiming, type RunsPerSecond } from './sandbox-measure.ts';

export interface PageBenchOptions {
  runs: number;
  perSample: number;
  batches: Array<{ kind: string; tasks: TaskBase[]; answers: string[] }>;
}

export interface PageBenchResult {
  userAgent: string;
  quickjsPage: RunsPerSecond;
  quickjsWorker: RunsPerSecond;
  rewardBatches: Array<BatchTiming | { kind: string; error: string }>;
  /** The same batches over a pool of worker sandboxes (the page's reward path: a hard boundary per run). */
  workerRewardBatches: Array<BatchTiming | { kind: string; error: string }>;
}

export async function runPageBench(opts: PageBenchOptions): Promise<PageBenchResult> {
  const inPage = await createQuickJsSandbox();
  const quickjsPage = await measureRunsPerSecond(inPage, opts.runs, opts.perSample);
  console.info('bench sandbox: page QuickJS (same thread) measured; now QuickJS in a worker');
  const worker = createBrowserWorkerSandbox();
  const quickjsWorker = await measureRunsPerSecond(worker, opts.runs, opts.perSample);
  worker.dispose();
  console.info(`bench sandbox: worker QuickJS measured; ${opts.batches.length} reward batch(es) to go`);
  const rewardBatches: PageBenchResult['rewardBatches'] = [];
  const workerRewardBatches: PageBenchResult['workerRewardBatches'] = [];
  const lanes = Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1));
  const pool = createBrowserWorkerPool(lanes);
  if (opts.batches.length) {
    const { SKILLS } = await import('../tasks/registry.ts');
    for (const b of opts.batches) {
      const skill = SKILLS[b.kind as keyof typeof SKILLS];
      for (const [out, sandbox, concurrency] of [
        [rewardBatches, inPage, 1],
        [workerRewardBatches, pool, lanes],
      ] as const) {
        try {
          if (!skill) throw new Error(`no skill module registered for ${b.kind}`);
          out.push(
            await measureRewardBatch(b.kind, skill, b.tasks, b.answers, sandbox, opts.runs, undefined, concurrency),
          );
        } catch (e) {
          out.push({ kind: b.kind, error: e instanceof Error ? e.message : String(e) });
        }
      }
    }
  }
  pool.dispose();
  return { userAgent: navigator.userAgent, quickjsPage, quickjsWorker, rewardBatches, workerRewardBatches };
}
