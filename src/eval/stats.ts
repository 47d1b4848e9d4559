// The numbers an evaluation reports, as plain functions over per-task scores: Avg@k, greedy pass@1, seeded bootstrap
// confidence intervals over tasks (plain and paired), and the two relative-improvement formulas side by side.
// Nothing here knows about policies, tasks or sandboxes.
import { createRng } from '../tasks/rng.ts';

/** A point estimate with a percentile-bootstrap interval. */
export interface Estimate {
  mean: number;
  lo: number;
  hi: number;
  /** Number of tasks the estimate is over. */
  n: number;
}

export interface BootstrapOptions {
  /** Resamples (default 2000). */
  resamples?: number;
  /** Seed of the resampling stream: the same data and seed always give the same interval. */
  seed?: number;
  /** Coverage (default 0.95). */
  level?: number;
}

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/**
 * Avg@k of one task: the mean reward of its k samples at the sampling temperature. The Avg@k of a set of tasks is
 * the mean of this over tasks (the paper's Avg@3).
 */
export function avgAtK(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('avgAtK: a task needs at least one sample');
  return mean(samples);
}

/** Greedy pass@1 of a set of tasks: the fraction whose single greedy (temperature 0) answer earns reward 1. */
export function passAt1(greedy: readonly number[]): number {
  return mean(greedy.map((r) => (r >= 1 ? 1 : 0)));
}

/** Percentile of a sorted array (linear interpolation between order statistics). */
function percentile(sorted: Float64Array, q: number): number {
  const pos = q * (sorted.length - 1);
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < sorted.length ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

/**
 * Mean of per-task values with a percentile bootstrap interval: tasks are resampled with replacement, so the
 * interval reflects which tasks happened to be drawn (the k samples of a task stay together inside its value).
 */
export function bootstrapMean(values: readonly number[], opts: BootstrapOptions = {}): Estimate {
  const n = values.length;
  if (n === 0) return { mean: NaN, lo: NaN, hi: NaN, n: 0 };
  const B = opts.resamples ?? 2000;
  const level = opts.level ?? 0.95;
  if (!Number.isInteger(B) || B < 1) throw new RangeError(`bootstrap: resamples must be a positive integer, got ${B}`);
  if (!(level > 0 && level < 1)) throw new RangeError(`bootstrap: level must be in (0, 1), got ${level}`);
  const rng = createRng(opts.seed ?? 0);
  const means = new Float64Array(B);
  for (let b = 0; b < B; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[Math.floor(rng.next() * n)];
    means[b] = s / n;
  }
  means.sort();
  const alpha = (1 - level) / 2;
  return { mean: mean(values), lo: percentile(means, alpha), hi: percentile(means, 1 - alpha), n };
}

/**
 * Change of `after` over `before` on the same tasks (paired: task i in both), with a bootstrap interval of the
 * mean difference. Pairing removes the task-difficulty spread that an unpaired comparison would carry.
 */
export function pairedDifference(
  before: readonly number[],
  after: readonly number[],
  opts: BootstrapOptions = {},
): Estimate {
  if (before.length !== after.length)
    throw new RangeError(`pairedDifference: ${before.length} vs ${after.length} tasks; both sides need the same tasks`);
  return bootstrapMean(
    after.map((a, i) => a - before[i]),
    opts,
  );
}

export const RELATIVE_FORMULAS = {
  meanOfRelativeGains: 'mean over tasks t of (policy_t − base_t) / base_t   (tasks with base_t = 0 left out)',
  ratioOfMeans: '(mean over tasks of policy_t) / (mean over tasks of base_t) − 1',
} as const;

export interface RelativeImprovement {
  /** Mean of per-task relative gains; null when every base score is 0 (JSON has no NaN). */
  meanOfRelativeGains: number | null;
  /** Ratio of the means, minus 1; null when the base mean is 0. */
  ratioOfMeans: number | null;
  /** Tasks (by name) left out of the mean of relative gains because their base score is 0. */
  excluded: string[];
  formulas: typeof RELATIVE_FORMULAS;
}

/** Relative improvement of `policy` over `base` on named tasks (e.g. the 10 task kinds), by both formulas. */
export function relativeImprovement(
  base: Readonly<Record<string, number>>,
  policy: Readonly<Record<string, number>>,
): RelativeImprovement {
  const names = Object.keys(base).filter((k) => k in policy);
  const excluded = names.filter((k) => base[k] === 0);
  const kept = names.filter((k) => base[k] !== 0);
  const gains = kept.map((k) => (policy[k] - base[k]) / base[k]);
  const b = mean(names.map((k) => base[k]));
  const p = mean(names.map((k) => policy[k]));
  return {
    meanOfRelativeGains: gains.length ? mean(gains) : null,
    ratioOfMeans: b > 0 ? p / b - 1 : null,
    excluded,
    formulas: RELATIVE_FORMULAS,
  };
}
