// Generation in slices: a generator's n tasks as index ranges run concurrently, joined in index order. Each task
// depends only on its index (GeneratorOptions.first), so the result equals one call's; it is faster when the sandbox
// runs concurrent runs on several workers (a SandboxPool): test generation spends nearly all its time probing
// candidate tests in the sandbox (16 level-1 tasks: 44.1 s on one, 24.1 s on a 2-worker pool; `atomgym bench gen`).
import type { Generator, GeneratorOptions } from '../registry.ts';
import type { TaskBase } from '../types.ts';

/** Slices per lane: small enough that one slow slice does not leave the other lanes idle at the end. */
const SLICES_PER_LANE = 4;

export async function generateInSlices(gen: Generator, opts: GeneratorOptions): Promise<TaskBase[]> {
  const lanes = Math.max(1, Math.floor(opts.sandbox.concurrency ?? 1));
  if (lanes === 1 || opts.n <= 1) return gen(opts);
  const first = opts.first ?? 0;
  const size = Math.max(1, Math.ceil(opts.n / (lanes * SLICES_PER_LANE)));
  const starts: number[] = [];
  for (let s = 0; s < opts.n; s += size) starts.push(s);
  const made: TaskBase[][] = new Array(starts.length);
  let next = 0;
  const lane = async () => {
    while (next < starts.length) {
      const k = next++;
      const n = Math.min(size, opts.n - starts[k]);
      made[k] = await gen({ ...opts, first: first + starts[k], n });
    }
  };
  await Promise.all(Array.from({ length: Math.min(lanes, starts.length) }, lane));
  return made.flat();
}
