// `atomgym bench gen [--json] [--skills test-generation,review] [--n 8] [--runs 5] [--jobs N]`: seconds to generate n
// train tasks of each skill in slices over a pool of sandbox workers (how sft, train, eval and `tasks generate` make
// them) against the anchor run in the same process, one call on one in-thread QuickJS sandbox; medians of `runs`
// interleaved samples, and a check that both made the same pack (they must: tasks are seeded one by one).
import { availableParallelism } from 'node:os';
import { createQuickJsSandbox } from '../../sandbox/index.ts';
import { createNodeWorkerPool } from '../../sandbox/worker/node.ts';
import { generateInSlices } from '../../tasks/generate/slices.ts';
import { writePack } from '../../tasks/pack.ts';
import { GENERATORS } from '../../tasks/registry.ts';
import type { TaskKind } from '../../tasks/types.ts';
import { median, ratio } from '../../util/stats.ts';
import { boolFlag, numberFlag, UsageError, type ParsedArgs } from '../args.ts';
import { listFlag } from '../rl/setup.ts';
import { generationJobs } from '../../rl/node/setup.ts';

interface Row {
  skill: string;
  n: number;
  /** One call on one in-thread sandbox: the anchor. */
  oneSandboxSeconds: number;
  /** Slices over `jobs` worker sandboxes. */
  slicedSeconds: number;
  speedup: number;
  samePack: boolean;
}

export async function run(args: ParsedArgs): Promise<number> {
  const skills = listFlag(args, 'skills', ['test-generation', 'review']) as TaskKind[];
  for (const s of skills)
    if (!GENERATORS[s]) throw new UsageError(`--skills: no generator for ${s} (${Object.keys(GENERATORS).join(', ')})`);
  const n = numberFlag(args, 'n', 8);
  const runs = numberFlag(args, 'runs', 5);
  const jobs = args.flags.has('jobs') ? numberFlag(args, 'jobs') : generationJobs();
  if (!(Number.isInteger(n) && n >= 1)) throw new UsageError(`--n must be an integer ≥ 1, got ${n}`);
  if (!(Number.isInteger(runs) && runs >= 1)) throw new UsageError(`--runs must be an integer ≥ 1, got ${runs}`);
  if (!(Number.isInteger(jobs) && jobs >= 1 && jobs <= 64)) throw new UsageError('--jobs must be an integer 1..64');
  const json = boolFlag(args, 'json');
  const say = (s: string) => (json ? console.error(s) : console.log(s));
  const inThread = await createQuickJsSandbox();
  const pool = createNodeWorkerPool(jobs);
  const rows: Row[] = [];
  try {
    for (const skill of skills) {
      const gen = GENERATORS[skill]!;
      const opts = { split: 'train' as const, n, seed: 0, level: 1 as const };
      const one: number[] = [];
      const sliced: number[] = [];
      let samePack = true;
      // Untimed: starts the workers and compiles the generator's code paths on both sides.
      await gen({ ...opts, n: 1, sandbox: inThread });
      await generateInSlices(gen, { ...opts, n: Math.min(n, jobs), sandbox: pool });
      // Interleaved, so a change in machine load falls on both sides alike.
      for (let r = 0; r < runs; r++) {
        let t = performance.now();
        const a = await gen({ ...opts, sandbox: inThread });
        one.push((performance.now() - t) / 1000);
        t = performance.now();
        const b = await generateInSlices(gen, { ...opts, sandbox: pool });
        sliced.push((performance.now() - t) / 1000);
        samePack &&= writePack(a) === writePack(b);
      }
      const row: Row = {
        skill,
        n,
        oneSandboxSeconds: median(one),
        slicedSeconds: median(sliced),
        speedup: ratio(median(one), median(sliced)), // ours over the anchor's seconds: > 1 is faster
        samePack,
      };
      rows.push(row);
      say(
        `${skill}: ${n} tasks in ${row.oneSandboxSeconds.toFixed(2)} s on one sandbox, ` +
          `${row.slicedSeconds.toFixed(2)} s on ${jobs} workers (${row.speedup.toFixed(2)}×), same pack: ${samePack}`,
      );
    }
  } finally {
    inThread.dispose?.();
    pool.dispose();
  }
  const report = { bench: 'gen', jobs, cores: availableParallelism(), runs, level: 1, rows };
  if (json) console.log(JSON.stringify(report, null, 2));
  return rows.every((r) => r.samePack) ? 0 : 1;
}
