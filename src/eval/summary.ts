// From per-task records to the reported numbers: per kind Avg@k and greedy pass@1 with bootstrap CIs, each
// baseline's mean on the same tasks, composite tasks end to end and composed, the 10-task average, and the
// comparison of two evaluations on the same tasks (paired change per kind, relative improvement by both formulas).
import { hashString } from '../tasks/rng.ts';
import { ATOMIC_SKILLS, COMPOSITE_KINDS, type TaskKind } from '../tasks/types.ts';
import {
  avgAtK,
  bootstrapMean,
  mean,
  pairedDifference,
  relativeImprovement,
  type BootstrapOptions,
  type Estimate,
  type RelativeImprovement,
} from './stats.ts';
import type { TaskResult } from './types.ts';

export const TASK_KINDS: readonly TaskKind[] = [...ATOMIC_SKILLS, ...COMPOSITE_KINDS];

export interface KindSummary {
  kind: TaskKind;
  composite: boolean;
  n: number;
  avgAtK: Estimate;
  passAt1: Estimate;
  baselines: Record<string, Estimate>;
  /** The baseline with the highest mean on these tasks. */
  bestBaseline: { name: string; mean: number } | null;
  /** Composite kinds: the same tasks composed through the atomic scaffold. */
  composed?: { avgAtK: Estimate; passAt1: Estimate; modelCallsPerTask: number };
}

export interface EvalSummary {
  kinds: KindSummary[];
  /** Mean over the kinds present of their Avg@k (composite kinds end to end), and of greedy pass@1. */
  tenTask: { kinds: TaskKind[]; avgAtK: number; passAt1: number; composedAvgAtK: number | null };
}

const perTaskAvg = (r: TaskResult) => avgAtK(r.sampled.map((s) => s.reward));
const perTaskGreedy = (r: TaskResult) => (r.greedy.reward >= 1 ? 1 : 0);
const seedFor = (opts: BootstrapOptions, label: string): BootstrapOptions => ({
  ...opts,
  seed: ((opts.seed ?? 0) ^ hashString(label)) >>> 0,
});

export function summarize(results: readonly TaskResult[], bootstrap: BootstrapOptions = {}): EvalSummary {
  const kinds: KindSummary[] = [];
  for (const kind of TASK_KINDS) {
    const rs = results.filter((r) => r.kind === kind);
    if (rs.length === 0) continue;
    const names = [...new Set(rs.flatMap((r) => Object.keys(r.baselines)))].sort();
    const baselines: Record<string, Estimate> = {};
    // A task without a baseline of that name counts as 0 for it (the baseline had no answer there).
    for (const name of names)
      baselines[name] = bootstrapMean(
        rs.map((r) => r.baselines[name]?.reward ?? 0),
        seedFor(bootstrap, `${kind}/${name}`),
      );
    const best = names.reduce<{ name: string; mean: number } | null>(
      (a, n) => (!a || baselines[n].mean > a.mean ? { name: n, mean: baselines[n].mean } : a),
      null,
    );
    const s: KindSummary = {
      kind,
      composite: (COMPOSITE_KINDS as readonly string[]).includes(kind),
      n: rs.length,
      avgAtK: bootstrapMean(rs.map(perTaskAvg), seedFor(bootstrap, `${kind}/avg`)),
      passAt1: bootstrapMean(rs.map(perTaskGreedy), seedFor(bootstrap, `${kind}/pass1`)),
      baselines,
      bestBaseline: best,
    };
    const composed = rs.filter((r) => r.composed);
    if (composed.length === rs.length && composed.length > 0) {
      s.composed = {
        avgAtK: bootstrapMean(
          composed.map((r) => avgAtK(r.composed!.sampled.map((x) => x.reward))),
          seedFor(bootstrap, `${kind}/composed-avg`),
        ),
        passAt1: bootstrapMean(
          composed.map((r) => (r.composed!.greedy.reward >= 1 ? 1 : 0)),
          seedFor(bootstrap, `${kind}/composed-pass1`),
        ),
        modelCallsPerTask: mean(composed.map((r) => r.composed!.modelCalls)),
      };
    }
    kinds.push(s);
  }
  const composedAll = kinds.every((k) => !k.composite || k.composed);
  return {
    kinds,
    tenTask: {
      kinds: kinds.map((k) => k.kind),
      avgAtK: mean(kinds.map((k) => k.avgAtK.mean)),
      passAt1: mean(kinds.map((k) => k.passAt1.mean)),
      composedAvgAtK:
        composedAll && kinds.some((k) => k.composite) ? mean(kinds.map((k) => (k.composed ?? k).avgAtK.mean)) : null,
    },
  };
}

/** Avg@k per kind, by kind name (the input of the relative-improvement formulas). */
export function avgByKind(summary: EvalSummary): Record<string, number> {
  return Object.fromEntries(summary.kinds.map((k) => [k.kind, k.avgAtK.mean]));
}

export interface Comparison {
  /** Per kind: policy − base Avg@k on the tasks both evaluated, paired bootstrap CI. */
  change: Partial<Record<TaskKind, Estimate>>;
  tenTask: { base: number; policy: number };
  relative: RelativeImprovement;
}

/** Compares two evaluations task by task (matched by task id); tasks only one side has are ignored. */
export function compare(
  base: readonly TaskResult[],
  policy: readonly TaskResult[],
  bootstrap: BootstrapOptions = {},
): Comparison {
  const baseById = new Map(base.map((r) => [r.id, r]));
  const change: Partial<Record<TaskKind, Estimate>> = {};
  const b: Record<string, number> = {};
  const p: Record<string, number> = {};
  for (const kind of TASK_KINDS) {
    const pairs = policy
      .filter((r) => r.kind === kind && baseById.has(r.id))
      .map((r) => [baseById.get(r.id)!, r] as const);
    if (pairs.length === 0) continue;
    const before = pairs.map(([x]) => perTaskAvg(x));
    const after = pairs.map(([, y]) => perTaskAvg(y));
    change[kind] = pairedDifference(before, after, seedFor(bootstrap, `${kind}/change`));
    b[kind] = mean(before);
    p[kind] = mean(after);
  }
  return {
    change,
    tenTask: { base: mean(Object.values(b)), policy: mean(Object.values(p)) },
    relative: relativeImprovement(b, p),
  };
}
