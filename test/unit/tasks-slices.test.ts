import { afterAll, describe, expect, it } from 'vitest';
import { parseArgs } from '../../src/cli/args.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import { createNodeWorkerPool } from '../../src/sandbox/worker/node.ts';
import { generateInSlices } from '../../src/tasks/generate/slices.ts';
import { writePack } from '../../src/tasks/pack.ts';
import { GENERATORS } from '../../src/tasks/registry.ts';
import type { TaskKind } from '../../src/tasks/types.ts';

// Task generation in slices over sandbox workers must make exactly the pack one call on one sandbox makes: runs,
// caches and experiments key their pools by (kinds, levels, n, seed) alone.
describe('generation in slices', () => {
  const pool = createNodeWorkerPool(2);
  afterAll(() => pool.dispose());

  it('a slice from index `first` is that part of the whole pool', async () => {
    const sandbox = await createQuickJsSandbox();
    const gen = GENERATORS.review!;
    const whole = await gen({ split: 'train', n: 6, seed: 4, level: 1, sandbox });
    const tail = await gen({ split: 'train', n: 3, first: 3, seed: 4, level: 1, sandbox });
    expect(writePack(tail)).toBe(writePack(whole.slice(3)));
    expect(tail.map((t) => t.id)).toEqual(whole.slice(3).map((t) => t.id));
  });

  it.each(['reproduction', 'review', 'localization', 'bug-fixing'] as TaskKind[])(
    '%s: slices on a 2-worker pool equal one call on one sandbox',
    async (kind) => {
      const sandbox = await createQuickJsSandbox();
      const gen = GENERATORS[kind]!;
      const opts = { split: 'test' as const, n: 7, seed: 2 };
      const one = await gen({ ...opts, sandbox });
      const sliced = await generateInSlices(gen, { ...opts, sandbox: pool });
      expect(pool.concurrency).toBe(2);
      expect(sliced).toHaveLength(7);
      expect(writePack(sliced)).toBe(writePack(one));
    },
    120_000,
  );
});

describe('bench gen', () => {
  it('times both sides and reports that they made the same pack', async () => {
    const { run } = await import('../../src/cli/bench/gen.ts');
    const out: string[] = [];
    const log = console.log;
    const err = console.error;
    console.log = (s: string) => void out.push(s);
    console.error = () => {};
    try {
      const argv = ['--skills', 'review', '--n', '3', '--runs', '1', '--jobs', '2', '--json'];
      expect(await run(parseArgs(argv, new Set(['json'])))).toBe(0);
    } finally {
      console.log = log;
      console.error = err;
    }
    const report = JSON.parse(out.join('\n'));
    expect(report).toMatchObject({ bench: 'gen', jobs: 2, runs: 1 });
    expect(report.rows).toHaveLength(1);
    expect(report.rows[0]).toMatchObject({ skill: 'review', n: 3, samePack: true });
    expect(report.rows[0].slicedSeconds).toBeGreaterThan(0);
  }, 60_000);
});
