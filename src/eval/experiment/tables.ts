// The experiment's results from the arms' evaluations: per-kind Avg@k per arm (seeds pooled per task), the 10-task,
// atomic and composite averages, relative improvement over the base by both formulas, the interference matrix
// (trained arm × evaluated kind: paired change vs base with a bootstrap CI over tasks), the checks the paper's
// claims imply, and their markdown and chart. Pure: no files, no training.
import type { ChartSpec } from '../chart-spec.ts';
import { constantAnswerLines, constantAnswers, type ConstantAnswers } from './constant-answers.ts';
import { fmt, pct, row, signedCi, withCi } from '../report.ts';
import {
  avgAtK,
  bootstrapMean,
  mean,
  pairedDifference,
  relativeImprovement,
  type Estimate,
  type RelativeImprovement,
} from '../stats.ts';
import { TASK_KINDS } from '../summary.ts';
import type { TaskResult } from '../types.ts';
import { hashString } from '../../tasks/rng.ts';
import { ATOMIC_SKILLS, COMPOSITE_KINDS, type TaskKind } from '../../tasks/types.ts';

/** The paper's headline: joint RL over the SFT base on the 10-task average, relative. */
export const PAPER_RELATIVE_GAIN = 0.187;

export interface ArmRun {
  arm: string;
  mode: string;
  seed: number;
  steps: number;
  samples: number;
  trainSeconds: number;
  results: readonly TaskResult[];
}

export interface ArmSummary {
  arm: string;
  mode: string;
  seeds: number[];
  steps: number[];
  samples: number[];
  perKind: Partial<Record<TaskKind, Estimate>>;
  tenTask: number;
  atomic: number;
  composite: number;
  /** 10-task average of each seed alone (the spread across seeds). */
  perSeedTenTask: number[];
  relative: RelativeImprovement | null;
}

export interface ExperimentResults {
  kinds: TaskKind[];
  arms: ArmSummary[];
  /** Trained arm → evaluated kind → change in Avg@k vs base. */
  interference: Record<string, Partial<Record<TaskKind, Estimate>>>;
  /** Per kind, the best trivial baseline on the same tasks (baselines do not depend on the arm). */
  bestBaseline: Partial<Record<TaskKind, { name: string; mean: number }>>;
  /** Per arm (seeds pooled), the kinds whose sampled answers mostly decide as one trivial baseline. */
  constants: ConstantAnswers[];
  checks: string[];
}

/** The best baseline per kind, from one arm's results (every arm scores the same baselines on the same tasks). */
function bestBaselines(results: readonly TaskResult[], kinds: readonly TaskKind[]): ExperimentResults['bestBaseline'] {
  const out: ExperimentResults['bestBaseline'] = {};
  for (const kind of kinds) {
    const rs = results.filter((r) => r.kind === kind);
    const names = [...new Set(rs.flatMap((r) => Object.keys(r.baselines)))];
    for (const name of names) {
      const m = mean(rs.map((r) => r.baselines[name]?.reward ?? 0));
      if (!out[kind] || m > out[kind]!.mean) out[kind] = { name, mean: m };
    }
  }
  return out;
}

const taskScore = (r: TaskResult) => avgAtK(r.sampled.map((s) => s.reward));

/** Per task id, the Avg@k averaged over the runs (seeds) of an arm. */
function pooled(runs: readonly ArmRun[]): Map<string, { kind: TaskKind; score: number }> {
  const acc = new Map<string, { kind: TaskKind; sum: number; n: number }>();
  for (const run of runs) {
    for (const r of run.results) {
      const a = acc.get(r.id) ?? { kind: r.kind, sum: 0, n: 0 };
      a.sum += taskScore(r);
      a.n++;
      acc.set(r.id, a);
    }
  }
  return new Map([...acc].map(([id, a]) => [id, { kind: a.kind, score: a.sum / a.n }]));
}

function kindMeans(
  scores: Map<string, { kind: TaskKind; score: number }>,
  kinds: readonly TaskKind[],
): Record<string, number> {
  return Object.fromEntries(
    kinds.map((k) => [k, mean([...scores.values()].filter((s) => s.kind === k).map((s) => s.score))]),
  );
}

export function experimentResults(runs: readonly ArmRun[], seed = 0): ExperimentResults {
  const present = new Set(runs.flatMap((r) => r.results.map((x) => x.kind)));
  const kinds = TASK_KINDS.filter((k) => present.has(k));
  const armNames = [...new Set(runs.map((r) => r.arm))];
  const baseRuns = runs.filter((r) => r.arm === 'base');
  const base = baseRuns.length ? pooled(baseRuns) : null;
  const baseMeans = base ? kindMeans(base, kinds) : null;
  const boot = (label: string) => ({ seed: (seed ^ hashString(label)) >>> 0 });
  const avgOver = (m: Record<string, number>, ks: readonly string[]) => mean(ks.filter((k) => k in m).map((k) => m[k]));
  const atomicKinds = kinds.filter((k) => (ATOMIC_SKILLS as readonly string[]).includes(k));
  const compositeKinds = kinds.filter((k) => (COMPOSITE_KINDS as readonly string[]).includes(k));

  const arms: ArmSummary[] = [];
  const interference: ExperimentResults['interference'] = {};
  for (const name of armNames) {
    const armRuns = runs.filter((r) => r.arm === name).sort((a, b) => a.seed - b.seed);
    const scores = pooled(armRuns);
    const means = kindMeans(scores, kinds);
    const perKind: ArmSummary['perKind'] = {};
    for (const k of kinds) {
      const xs = [...scores.values()].filter((s) => s.kind === k).map((s) => s.score);
      if (xs.length) perKind[k] = bootstrapMean(xs, boot(`${name}/${k}`));
    }
    arms.push({
      arm: name,
      mode: armRuns[0].mode,
      seeds: armRuns.map((r) => r.seed),
      steps: armRuns.map((r) => r.steps),
      samples: armRuns.map((r) => r.samples),
      perKind,
      tenTask: avgOver(means, kinds),
      atomic: avgOver(means, atomicKinds),
      composite: avgOver(means, compositeKinds),
      perSeedTenTask: armRuns.map((r) => avgOver(kindMeans(pooled([r]), kinds), kinds)),
      relative: baseMeans && name !== 'base' ? relativeImprovement(baseMeans, means) : null,
    });
    if (base && name !== 'base') {
      const row: Partial<Record<TaskKind, Estimate>> = {};
      for (const k of kinds) {
        const ids = [...scores.keys()].filter((id) => scores.get(id)!.kind === k && base.has(id));
        if (ids.length)
          row[k] = pairedDifference(
            ids.map((id) => base.get(id)!.score),
            ids.map((id) => scores.get(id)!.score),
            boot(`${name}/${k}/change`),
          );
      }
      interference[name] = row;
    }
  }
  const bestBaseline = runs.length ? bestBaselines(runs[0].results, kinds) : {};
  const checks = [...claimChecks(arms, interference, atomicKinds), ...baselineCheck(arms, interference, bestBaseline)];
  const constants = armNames.flatMap((name) =>
    constantAnswers(
      name,
      runs.filter((r) => r.arm === name).flatMap((r) => r.results),
      kinds,
    ),
  );
  return { kinds, arms, interference, bestBaseline, constants, checks };
}

/** The paper's three claims, checked on these numbers; each line says how far off a shortfall is. */
function claimChecks(
  arms: readonly ArmSummary[],
  interference: ExperimentResults['interference'],
  atomicKinds: readonly TaskKind[],
): string[] {
  const joint = arms.find((a) => a.arm === 'joint');
  const composite = arms.find((a) => a.arm === 'composite');
  const out: string[] = [];
  if (!joint?.relative) return ['joint or base arm missing: no claim can be checked yet'];
  const r = joint.relative.ratioOfMeans;
  const paper = `+${(100 * PAPER_RELATIVE_GAIN).toFixed(1)}%`;
  const shortBy =
    r === null ? 'an undefined amount (base scores 0)' : `${(100 * (PAPER_RELATIVE_GAIN - r)).toFixed(1)} points`;
  out.push(
    `joint vs base, 10-task average: ratio of means ${pct(r)}, ` +
      `mean of relative gains ${pct(joint.relative.meanOfRelativeGains)}; paper ${paper} — ` +
      (r !== null && r >= PAPER_RELATIVE_GAIN ? 'met' : `short by ${shortBy}`),
  );
  const below = atomicKinds.filter((k) => (interference.joint?.[k]?.hi ?? 0) < 0);
  out.push(
    below.length
      ? `atomic skills below base beyond their CI under joint RL: ${below.join(', ')}`
      : 'no atomic skill is below base beyond its CI under joint RL',
  );
  if (composite) {
    const gap = composite.composite - joint.composite;
    const verdict = joint.composite >= composite.composite ? 'joint ≥ composite-only' : `joint is ${fmt(gap)} lower`;
    out.push(
      `composite average: joint ${fmt(joint.composite)} vs composite-only ${fmt(composite.composite)} — ${verdict}`,
    );
  }
  return out;
}

/**
 * A gain that only reaches an answer-ignoring policy's score (e.g. review rising to exactly always-approve) is
 * reward-seeking, not skill: the claims above count it all the same, so this line names such kinds.
 */
function baselineCheck(
  arms: readonly ArmSummary[],
  interference: ExperimentResults['interference'],
  best: ExperimentResults['bestBaseline'],
): string[] {
  const joint = arms.find((a) => a.arm === 'joint');
  if (!joint) return [];
  const gains = Object.entries(interference.joint ?? {}).filter(([, c]) => (c?.mean ?? 0) > 0);
  if (gains.length === 0) return ['joint gains on no kind'];
  const parts = gains.map(([kind, c]) => {
    const score = joint.perKind[kind as TaskKind]?.mean ?? NaN;
    const b = best[kind as TaskKind];
    const above = b === undefined || score > b.mean;
    const bar = b ? `${b.name} ${fmt(b.mean)}` : 'no baseline';
    return `${kind} ${fmt(score)} (+${fmt(c!.mean)}) ${above ? '>' : '≤'} ${bar}`;
  });
  const below = gains.filter(([kind]) => {
    const b = best[kind as TaskKind];
    return b !== undefined && (joint.perKind[kind as TaskKind]?.mean ?? NaN) <= b.mean;
  });
  return [
    `joint's gains against the best trivial baseline: ${parts.join('; ')}` +
      (below.length
        ? ` — on ${below.map(([k]) => k).join(', ')} the trained policy scores no more than an answer-ignoring one`
        : ''),
  ];
}

export function experimentMarkdown(res: ExperimentResults, k: number): string[] {
  const rule = (n: number) => `|${'---|'.repeat(n)}`;
  const lines = [
    `## Avg@${k} per task kind (seeds pooled per task; 95% bootstrap CI over tasks)`,
    '',
    row(['arm', ...res.kinds, `${res.kinds.length}-task avg`, 'atomic avg', 'composite avg']),
    rule(res.kinds.length + 4),
  ];
  for (const a of res.arms) {
    const cells = res.kinds.map((kind) => (a.perKind[kind] ? withCi(a.perKind[kind]!) : '—'));
    lines.push(row([a.arm, ...cells, fmt(a.tenTask), fmt(a.atomic), fmt(a.composite)]));
  }
  const bl = res.kinds.map((kind) =>
    res.bestBaseline[kind] ? `${fmt(res.bestBaseline[kind]!.mean)} (${res.bestBaseline[kind]!.name})` : '—',
  );
  lines.push(row(['best trivial baseline', ...bl, '', '', '']));
  lines.push(
    '',
    '## Training and seeds',
    '',
    row(['arm', 'mode', 'seeds', 'updates', 'samples', '10-task avg per seed']),
  );
  lines.push(rule(6));
  for (const a of res.arms) {
    const perSeed = a.perSeedTenTask.map(fmt).join(', ');
    lines.push(row([a.arm, a.mode, a.seeds.join(', '), a.steps.join(', '), a.samples.join(', '), perSeed]));
  }
  lines.push('', '## Relative improvement over the base (10-task average)', '');
  lines.push(row(['arm', 'mean of per-task relative gains', 'ratio of means', 'left out (base 0)']), rule(4));
  for (const a of res.arms) {
    const rel = a.relative;
    if (rel)
      lines.push(row([a.arm, pct(rel.meanOfRelativeGains), pct(rel.ratioOfMeans), rel.excluded.join(', ') || '—']));
  }
  const f = res.arms.find((a) => a.relative)?.relative?.formulas;
  if (f)
    lines.push(
      '',
      `- mean of per-task relative gains = ${f.meanOfRelativeGains}`,
      `- ratio of means = ${f.ratioOfMeans}`,
    );
  lines.push(
    '',
    '## Interference matrix: change in Avg@k vs base',
    '',
    'Rows: the trained arm; columns: the evaluated kind; cells: change with its 95% paired bootstrap CI over tasks.',
    '',
    row(['trained \\ evaluated', ...res.kinds]),
    rule(res.kinds.length + 1),
  );
  for (const [arm, cells] of Object.entries(res.interference)) {
    lines.push(row([arm, ...res.kinds.map((kind) => (cells[kind] ? signedCi(cells[kind]!) : '—'))]));
  }
  lines.push(...constantAnswerLines(res.constants));
  lines.push('', "## The paper's claims on these numbers", '', ...res.checks.map((c) => `- ${c}`));
  return lines;
}
export function experimentChart(res: ExperimentResults, k: number, title: string): ChartSpec {
  const categories = [...res.kinds, `${res.kinds.length}-task avg`];
  return {
    title,
    subtitle: `Avg@${k} per task kind and arm (seeds pooled; whiskers: 95% bootstrap CI over tasks)`,
    categories,
    series: [
      ...res.arms.map((a) => ({
        name: a.arm,
        values: [...res.kinds.map((kind) => a.perKind[kind]?.mean ?? NaN), a.tenTask],
        lo: [...res.kinds.map((kind) => a.perKind[kind]?.lo ?? NaN), NaN],
        hi: [...res.kinds.map((kind) => a.perKind[kind]?.hi ?? NaN), NaN],
      })),
      // The bar a policy must clear: the best answer-ignoring baseline of each kind.
      { name: 'best trivial baseline', values: [...res.kinds.map((kind) => res.bestBaseline[kind]?.mean ?? NaN), NaN] },
    ],
    yLabel: `Avg@${k}`,
    yMin: 0,
    yMax: 1,
    width: 1500,
  };
}
