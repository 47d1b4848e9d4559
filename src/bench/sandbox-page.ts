// The page side of `atomgym bench sandbox`: QuickJS in the page's own thread and in a worker (with the
// watchdog), and reward batches for tasks generated on the Node side (tasks are plain JSON).
import { createQuickJsSandbox } from '../sandbox/quickjs/sandbox.ts';
import { createBrowserWorkerSandbox } from '../sandbox/worker/client.ts';
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
  if (opts.batches.length) {
    const { SKILLS } = await import('../tasks/registry.ts');
    for (const b of opts.batches) {
      const skill = SKILLS[b.kind as keyof typeof SKILLS];
      try {
        if (!skill) throw new Error(`no skill module registered for ${b.kind}`);
        rewardBatches.push(await measureRewardBatch(b.kind, skill, b.tasks, b.answers, inPage, opts.runs));
      } catch (e) {
        rewardBatches.push({ kind: b.kind, error: e instanceof Error ? e.message : String(e) });
      }
    }
  }
  return { userAgent: navigator.userAgent, quickjsPage, quickjsWorker, rewardBatches };
}
