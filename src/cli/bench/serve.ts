// `atomgym bench serve [--json] [--workers 1,2,4] [--batch 256] [--runs 3]
//   [--skills editing,test-generation,reproduction]`:
// rewards/s of the reward service for a request of `batch` completions (oracle answers and negative controls of
// sandbox-running skills) against the number of worker threads, over HTTP on 127.0.0.1. Anchor, same process: the
// same completions scored one after another on the main thread with one in-process QuickJS sandbox (what
// `atomgym score` does). Medians of `runs` timed requests after one warm-up request per worker count.
import { availableParallelism, loadavg } from 'node:os';
import { boolFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { tasksFromSpec } from '../../export/spec.ts';
import { startService, TaskStore } from '../../serve/index.ts';
import { createQuickJsSandbox } from '../../sandbox/index.ts';
import { SKILLS } from '../../tasks/registry.ts';
import type { TaskBase } from '../../tasks/types.ts';
import { median, ratio } from '../../util/stats.ts';

interface Completion {
  task: TaskBase;
  answer: string;
  /** 1 for an oracle answer, 0 for a negative control: the bench checks the service's rewards against it. */
  want: number;
}

/** `batch` completions cycling over the tasks: oracle answers, then each negative control, so half are wrong. */
function completions(tasks: TaskBase[], batch: number): Completion[] {
  const pool: Completion[] = [];
  for (const t of tasks) {
    const skill = SKILLS[t.skill]!;
    pool.push({ task: t, answer: skill.oracleAnswer(t), want: 1 });
    for (const n of skill.negativeControls(t)) pool.push({ task: t, answer: n, want: 0 });
  }
  return Array.from({ length: batch }, (_, i) => pool[i % pool.length]);
}

async function inProcess(items: Completion[]): Promise<number> {
  const sandbox = await createQuickJsSandbox();
  try {
    const t0 = performance.now();
    for (const c of items) await SKILLS[c.task.skill]!.reward(c.task, c.answer, sandbox);
    return items.length / ((performance.now() - t0) / 1000);
  } finally {
    sandbox.dispose?.();
  }
}

async function overHttp(
  store: TaskStore,
  items: Completion[],
  workers: number,
  runs: number,
): Promise<{ rewardsPerSecond: number; medianMs: number; rewardMean: number }> {
  const svc = await startService({ workers, store });
  try {
    await svc.pool.ready();
    const body = JSON.stringify({ query: items.map((c) => c.answer), labels: items.map((c) => c.task.id) });
    const once = async (): Promise<{ ms: number; mean: number }> => {
      const t0 = performance.now();
      const res = await fetch(`${svc.url}/get_reward`, { method: 'POST', body });
      const json = (await res.json()) as { rewards?: number[]; error?: string };
      if (!res.ok || !json.rewards) throw new Error(`bench serve: HTTP ${res.status}: ${json.error ?? 'no rewards'}`);
      const wrong = json.rewards.filter((r, i) => r !== items[i].want).length;
      if (wrong > 0)
        throw new Error(
          `bench serve: ${wrong} of ${items.length} rewards differ from the oracle/negative-control labels`,
        );
      return { ms: performance.now() - t0, mean: json.rewards.reduce((a, b) => a + b, 0) / json.rewards.length };
    };
    await once();
    const times: number[] = [];
    let mean = 0;
    for (let i = 0; i < runs; i++) {
      const r = await once();
      times.push(r.ms);
      mean = r.mean;
    }
    const ms = median(times);
    return {
      rewardsPerSecond: Math.round((items.length / (ms / 1000)) * 10) / 10,
      medianMs: Math.round(ms),
      rewardMean: mean,
    };
  } finally {
    await svc.close();
  }
}

export async function run(args: ParsedArgs): Promise<number> {
  const counts = stringFlag(args, 'workers', '1,2,4').split(',').map(Number);
  if (counts.some((n) => !Number.isInteger(n) || n < 1))
    throw new UsageError('--workers takes a list of positive integers, e.g. 1,2,4');
  const batch = Number(stringFlag(args, 'batch', '256'));
  const runs = Number(stringFlag(args, 'runs', '3'));
  if (!Number.isInteger(batch) || batch < 1 || !Number.isInteger(runs) || runs < 1)
    throw new UsageError('--batch and --runs must be positive integers');
  const skills = stringFlag(args, 'skills', 'editing,test-generation,reproduction');
  const tasks = await tasksFromSpec({ skills, split: 'train', n: 4, seed: 1, level: 1 });
  const store = new TaskStore();
  store.add(tasks, 'bench');
  const items = completions(tasks, batch);
  const load0 = loadavg();
  const anchor = await inProcess(items);
  const rows: Array<Record<string, number>> = [];
  for (const w of counts) {
    const r = await overHttp(store, items, w, runs);
    rows.push({ workers: w, ...r, vsInProcess: ratio(r.rewardsPerSecond, anchor) });
  }
  const one = rows.find((r) => r.workers === 1)?.rewardsPerSecond;
  for (const r of rows) r.speedupVs1Worker = one ? ratio(r.rewardsPerSecond, one) : NaN;
  const report = {
    bench: 'serve',
    batch,
    runs,
    skills,
    cpus: availableParallelism(),
    loadavg: {
      before: load0.map((x) => Math.round(x * 100) / 100),
      after: loadavg().map((x) => Math.round(x * 100) / 100),
    },
    anchor: {
      what: 'in-process sequential reward(), one QuickJS sandbox on the main thread',
      rewardsPerSecond: Math.round(anchor * 10) / 10,
    },
    workers: rows,
  };
  if (boolFlag(args, 'json')) console.log(JSON.stringify(report, null, 2));
  else {
    console.log(
      `reward service, ${batch} completions per request (${skills}), ${report.cpus} CPUs, ` +
        `load ${report.loadavg.before.join(' ')}`,
    );
    console.log(`anchor in-process: ${report.anchor.rewardsPerSecond} rewards/s`);
    for (const r of rows)
      console.log(
        `${String(r.workers).padStart(3)} workers: ${r.rewardsPerSecond} rewards/s ` +
          `(${r.vsInProcess}× in-process, ${r.speedupVs1Worker}× 1 worker)`,
      );
  }
  return 0;
}
