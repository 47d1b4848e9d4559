// The evaluation's numbers on known data: Avg@k, greedy pass@1, bootstrap intervals, paired differences, the two
// relative-improvement formulas, and the per-kind summary / comparison built from them.
import { describe, expect, it } from 'vitest';
import { avgAtK, bootstrapMean, mean, pairedDifference, passAt1, relativeImprovement } from '../../src/eval/stats.ts';
import { compare, summarize } from '../../src/eval/summary.ts';
import type { TaskResult } from '../../src/eval/types.ts';

describe('Avg@k and pass@1', () => {
  it("Avg@k is the mean of a task's k rewards; over tasks, the mean of those", () => {
    expect(avgAtK([1, 0, 1])).toBeCloseTo(2 / 3, 12);
    expect(mean([avgAtK([1, 0, 1]), avgAtK([0, 0, 0]), avgAtK([1, 1, 1])])).toBeCloseTo(5 / 9, 12);
    expect(() => avgAtK([])).toThrow(/at least one sample/);
  });
  it('pass@1 counts greedy answers with reward 1 only', () => {
    expect(passAt1([1, 0, 1, 1])).toBe(0.75);
    expect(passAt1([0.5, 0.99, 1])).toBeCloseTo(1 / 3, 12);
  });
});

describe('bootstrap', () => {
  it('constant data gives a zero-width interval', () => {
    const ci = bootstrapMean([0.5, 0.5, 0.5], { seed: 1 });
    expect(ci).toEqual({ mean: 0.5, lo: 0.5, hi: 0.5, n: 3 });
  });
  it('matches the normal approximation on 400 fair coin flips and is reproducible by seed', () => {
    const xs = Array.from({ length: 400 }, (_, i) => i % 2);
    const ci = bootstrapMean(xs, { seed: 7, resamples: 4000 });
    const half = 1.96 * Math.sqrt(0.25 / 400); // 0.049
    expect(ci.mean).toBe(0.5);
    expect(Math.abs(ci.lo - (0.5 - half))).toBeLessThan(0.006);
    expect(Math.abs(ci.hi - (0.5 + half))).toBeLessThan(0.006);
    expect(bootstrapMean(xs, { seed: 7, resamples: 4000 })).toEqual(ci);
    expect(bootstrapMean(xs, { seed: 8, resamples: 4000 })).not.toEqual(ci);
  });
  it('a wider level gives a wider interval, and the interval brackets the mean', () => {
    const xs = [0, 1, 1, 0, 1, 1, 1, 0, 0.5, 1];
    const a = bootstrapMean(xs, { seed: 3, level: 0.8 });
    const b = bootstrapMean(xs, { seed: 3, level: 0.99 });
    expect(b.lo).toBeLessThan(a.lo);
    expect(b.hi).toBeGreaterThan(a.hi);
    expect(a.lo).toBeLessThanOrEqual(a.mean);
    expect(a.hi).toBeGreaterThanOrEqual(a.mean);
  });
  it('paired differences cancel task difficulty: a uniform +0.1 shift has a zero-width interval', () => {
    const before = [0, 0.2, 0.9, 0.5, 0.3];
    const d = pairedDifference(
      before,
      before.map((x) => x + 0.1),
      { seed: 1 },
    );
    expect(d.mean).toBeCloseTo(0.1, 12);
    expect(d.hi - d.lo).toBeLessThan(1e-12);
    expect(() => pairedDifference([1], [1, 2])).toThrow(/same tasks/);
  });
  it('rejects bad options', () => {
    expect(() => bootstrapMean([1], { resamples: 0 })).toThrow(/resamples/);
    expect(() => bootstrapMean([1], { level: 1 })).toThrow(/level/);
  });
});

describe('relative improvement', () => {
  it('computes both formulas and says which tasks the mean of gains leaves out', () => {
    const base = { a: 0.2, b: 0.5, c: 0 };
    const policy = { a: 0.3, b: 0.5, c: 0.1 };
    const r = relativeImprovement(base, policy);
    expect(r.meanOfRelativeGains!).toBeCloseTo((0.5 + 0) / 2, 12); // a: +50%, b: 0%, c excluded
    expect(r.ratioOfMeans!).toBeCloseTo(0.9 / 0.7 - 1, 12);
    expect(r.excluded).toEqual(['c']);
    expect(r.formulas.meanOfRelativeGains).toMatch(/mean over tasks/);
    expect(r.formulas.ratioOfMeans).toMatch(/\/ \(mean/);
    expect(relativeImprovement({ a: 0 }, { a: 1 }).ratioOfMeans).toBeNull();
  });
});

const task = (
  id: string,
  kind: TaskResult['kind'],
  sampled: number[],
  greedy: number,
  base: Record<string, number>,
): TaskResult => ({
  id,
  kind,
  level: 1,
  sampled: sampled.map((reward) => ({ reward, status: 'x' })),
  greedy: { reward: greedy, status: 'x' },
  baselines: Object.fromEntries(Object.entries(base).map(([k, reward]) => [k, { reward, status: 'x' }])),
});

describe('summary and comparison', () => {
  const results = [
    task('l1', 'localization', [1, 1, 0], 1, { empty: 0, 'all-source-files': 1 }),
    task('l2', 'localization', [0, 0, 0], 0, { empty: 0, 'all-source-files': 0 }),
    task('r1', 'review', [1, 0, 0], 1, { 'always-approve': 1 }),
  ];
  it('per kind: Avg@k, pass@1, baselines and the best one; the 10-task average is over the kinds present', () => {
    const s = summarize(results, { seed: 1 });
    const loc = s.kinds.find((k) => k.kind === 'localization')!;
    expect(loc.avgAtK.mean).toBeCloseTo(1 / 3, 12);
    expect(loc.passAt1.mean).toBe(0.5);
    expect(loc.baselines['all-source-files'].mean).toBe(0.5);
    expect(loc.bestBaseline).toEqual({ name: 'all-source-files', mean: 0.5 });
    expect(s.tenTask.kinds).toEqual(['localization', 'review']);
    expect(s.tenTask.avgAtK).toBeCloseTo((1 / 3 + 1 / 3) / 2, 12);
  });
  it('compares task by task against a base', () => {
    const better = results.map((r) => ({ ...r, sampled: r.sampled.map(() => ({ reward: 1, status: 'ok' })) }));
    const c = compare(results, better, { seed: 1 });
    expect(c.change.localization!.mean).toBeCloseTo(2 / 3, 12);
    expect(c.tenTask.base).toBeCloseTo(1 / 3, 12);
    expect(c.tenTask.policy).toBe(1);
    expect(c.relative.ratioOfMeans!).toBeCloseTo(2, 12);
  });
});
