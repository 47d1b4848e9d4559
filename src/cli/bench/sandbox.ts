// `atomgym bench sandbox [--json] [--runs 5] [--per-sample 10] [--batch 64] [--seed 1] [--skills a,b] [--no-browser]`:
// sandbox runs/s on a representative repo (3 modules, 20 tests) with QuickJS in Node and in the browser (page
// thread and worker), against a Node worker_threads baseline running the same tests with the same runner
// logic; and the time to reward a batch of oracle completions of every registered skill, in the thread and over
// a pool of worker sandboxes (the reward path of score / tasks check / the page: a hard boundary per run).
// Medians of >= 5 runs.
import { availableParallelism, cpus, loadavg } from 'node:os';
import { createNodeWorkerPool } from '../../sandbox/worker/node.ts';
import { boolFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { startHeadless } from '../headless.ts';
import { createQuickJsSandbox } from '../../sandbox/quickjs/sandbox.ts';
import type { Sandbox } from '../../sandbox/types.ts';
import type { TaskBase } from '../../tasks/types.ts';
import { BASELINE_MODE, prepareWorkerThreadsBaseline } from './sandbox-baseline.ts';
import { interleavedSamples, measureRewardBatch, round, type BatchTiming } from '../../bench/sandbox-measure.ts';
import type { PageBenchOptions, PageBenchResult } from '../../bench/sandbox-page.ts';
import { BENCH_REPO } from '../../bench/sandbox-repo.ts';
import { median, ratio } from '../../util/stats.ts';

const processCpuMs = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

interface Options {
  runs: number;
  perSample: number;
  batch: number;
  seed: number;
  skills: string[] | null;
  browser: boolean;
}

function parseOptions(args: ParsedArgs): Options {
  const int = (name: string, fallback: number, min: number): number => {
    const v = Number(stringFlag(args, name, String(fallback)));
    if (!Number.isInteger(v) || v < min) throw new UsageError(`--${name} must be an integer >= ${min}`);
    return v;
  };
  const skills = args.flags.has('skills') ? stringFlag(args, 'skills').split(',').filter(Boolean) : null;
  return {
    runs: int('runs', 5, 5),
    perSample: int('per-sample', 10, 1),
    batch: int('batch', 64, 1),
    seed: int('seed', 1, 0),
    skills,
    browser: !boolFlag(args, 'no-browser'),
  };
}

type Batch = { kind: string; tasks: TaskBase[]; answers: string[] };

/** Generates `batch` tasks per registered kind and their oracle answers; kinds that fail are reported. */
async function prepareBatches(
  opts: Options,
  sandbox: Sandbox,
): Promise<{ batches: Batch[]; skipped: Array<{ kind: string; error: string }> }> {
  const { GENERATORS, SKILLS } = await import('../../tasks/registry.ts');
  const kinds = (opts.skills ?? Object.keys(SKILLS)) as Array<keyof typeof SKILLS>;
  const batches: Batch[] = [];
  const skipped: Array<{ kind: string; error: string }> = [];
  for (const kind of kinds) {
    const gen = GENERATORS[kind];
    const skill = SKILLS[kind];
    if (!gen || !skill) {
      skipped.push({ kind, error: 'no generator or skill module registered' });
      continue;
    }
    try {
      const tasks = await gen({ split: 'train', n: opts.batch, seed: opts.seed, sandbox });
      if (tasks.length === 0) throw new Error('generator returned no tasks');
      batches.push({ kind, tasks, answers: tasks.map((t) => skill.oracleAnswer(t)) });
    } catch (e) {
      skipped.push({ kind, error: e instanceof Error ? e.message : String(e) });
    }
  }
  return { batches, skipped };
}

export async function run(args: ParsedArgs): Promise<number> {
  const opts = parseOptions(args);
  const sandbox = await createQuickJsSandbox();
  // QuickJS and the baseline take turns sample by sample, so both see the same load on the machine.
  const basePerSample = Math.max(1, Math.ceil(opts.perSample / 5));
  const base = await prepareWorkerThreadsBaseline(basePerSample);
  let passed = -1;
  const times = await interleavedSamples(opts.runs, {
    quickjs: async () => {
      for (let i = 0; i < opts.perSample; i++)
        passed = (await sandbox.run(BENCH_REPO, { kind: 'tests' })).totals.passed;
    },
    baseline: base.sample,
  });
  await base.close();
  const perRun = (xs: number[], n: number) => median(xs) / n;
  const quickjs = {
    msPerRun: round(perRun(times.quickjs, opts.perSample)),
    runsPerSec: round(1000 / perRun(times.quickjs, opts.perSample)),
    passed,
    samples: opts.runs,
    runsPerSample: opts.perSample,
  };
  const baseline = {
    mode: BASELINE_MODE,
    msPerRun: round(perRun(times.baseline, basePerSample)),
    runsPerSec: round(1000 / perRun(times.baseline, basePerSample)),
    passed: base.passed(),
    samples: opts.runs,
    runsPerSample: basePerSample,
  };
  const { batches, skipped } = await prepareBatches(opts, sandbox);
  const nodeBatches: BatchTiming[] = [];
  const workerBatches: BatchTiming[] = [];
  const { SKILLS } = await import('../../tasks/registry.ts');
  // The reward path of score / tasks check / a reward service: a pool of worker sandboxes, one per core.
  const lanes = Math.max(1, Math.min(4, availableParallelism()));
  const pool = createNodeWorkerPool(lanes);
  for (const b of batches) {
    const skill = SKILLS[b.kind as keyof typeof SKILLS];
    if (!skill) continue;
    nodeBatches.push(await measureRewardBatch(b.kind, skill, b.tasks, b.answers, sandbox, opts.runs, processCpuMs));
    workerBatches.push(await measureRewardBatch(b.kind, skill, b.tasks, b.answers, pool, opts.runs, undefined, lanes));
  }
  pool.dispose();
  let browser: PageBenchResult | { error: string } | null = null;
  if (opts.browser) {
    const headless = await startHeadless().catch((e: unknown) => ({
      error: e instanceof Error ? e.message : String(e),
    }));
    if ('error' in headless) browser = headless;
    else {
      try {
        const pageOpts: PageBenchOptions = { runs: opts.runs, perSample: opts.perSample, batches };
        headless.page.on('console', (m) => void (m.text().startsWith('bench sandbox:') && console.error(m.text())));
        console.error('bench sandbox: Node side done; measuring in headless Chromium …');
        browser = await headless.page.evaluate(async (o) => {
          const mod = (await window.__load(
            '/src/bench/sandbox-page.ts',
          )) as typeof import('../../bench/sandbox-page.ts');
          return mod.runPageBench(o);
        }, pageOpts);
      } catch (e) {
        browser = { error: e instanceof Error ? e.message : String(e) };
      } finally {
        await headless.close();
      }
    }
  }
  const result = {
    bench: 'sandbox',
    machine: { cpus: cpus().length, loadavg1m: Math.round(loadavg()[0] * 100) / 100, node: process.version },
    repo: { modules: 3, tests: 20, note: 'src/bench/sandbox-repo.ts' },
    method: `median of ${opts.runs} samples after 1 warm-up; each sample = ${opts.perSample} sequential runs (baseline: ${baseline.runsPerSample}); QuickJS and baseline samples interleaved`,
    node: {
      quickjs,
      workerThreadsBaseline: baseline,
      quickjsOverBaseline: ratio(quickjs.runsPerSec, baseline.runsPerSec),
    },
    browser,
    rewardBatch: {
      size: opts.batch,
      goalMs: 1000,
      node: nodeBatches,
      nodeWorkers: workerBatches,
      browser: browser && 'rewardBatches' in browser ? browser.rewardBatches : null,
      browserWorkers: browser && 'workerRewardBatches' in browser ? browser.workerRewardBatches : null,
      notRun: skipped,
    },
  };
  if (boolFlag(args, 'json')) console.log(JSON.stringify(result, null, 2));
  else console.log(formatTable(result.node, browser, nodeBatches, skipped, workerBatches));
  return 0;
}

function formatTable(
  node: {
    quickjs: { runsPerSec: number; msPerRun: number };
    workerThreadsBaseline: { runsPerSec: number; msPerRun: number; mode: string };
    quickjsOverBaseline: number;
  },
  browser: PageBenchResult | { error: string } | null,
  batches: BatchTiming[],
  skipped: Array<{ kind: string; error: string }>,
  workerBatches: BatchTiming[],
): string {
  const lines = [
    `QuickJS in Node:            ${node.quickjs.runsPerSec} runs/s (${node.quickjs.msPerRun} ms/run)`,
    `worker_threads baseline:    ${node.workerThreadsBaseline.runsPerSec} runs/s (${node.workerThreadsBaseline.msPerRun} ms/run; ${node.workerThreadsBaseline.mode})`,
    `QuickJS / baseline:         ${node.quickjsOverBaseline}x`,
  ];
  if (browser && 'error' in browser) lines.push(`browser: not measured (${browser.error})`);
  else if (browser)
    lines.push(
      `QuickJS in the page:        ${browser.quickjsPage.runsPerSec} runs/s`,
      `QuickJS in a page worker:   ${browser.quickjsWorker.runsPerSec} runs/s`,
    );
  for (const b of batches)
    lines.push(
      `reward ${b.batch} × ${b.kind}: ${b.medianMs} ms wall, ${b.medianCpuMs ?? '—'} ms CPU (Node; ${b.rewarded}/${b.batch} oracle rewards = 1)${b.underOneSecond ? '' : ' — over the 1 s goal'}`,
    );
  for (const b of workerBatches)
    lines.push(
      `reward ${b.batch} × ${b.kind}: ${b.medianMs} ms wall (Node, ${b.concurrency} worker sandboxes; ${b.rewarded}/${b.batch} = 1)${b.underOneSecond ? '' : ' — over the 1 s goal'}`,
    );
  if (browser && !('error' in browser))
    for (const b of browser.rewardBatches)
      lines.push(
        'error' in b
          ? `reward × ${b.kind} in the page: failed (${b.error})`
          : `reward ${b.batch} × ${b.kind}: ${b.medianMs} ms (page)`,
      );
  if (browser && !('error' in browser))
    for (const b of browser.workerRewardBatches)
      lines.push(
        'error' in b
          ? `reward × ${b.kind} in page workers: failed (${b.error})`
          : `reward ${b.batch} × ${b.kind}: ${b.medianMs} ms (page, ${b.concurrency} workers)`,
      );
  for (const s of skipped) lines.push(`reward × ${s.kind}: not measured (${s.error})`);
  return lines.join('\n');
}
