// An evaluation report: the JSON record (options, summary, per-task results, optional comparison with a base),
// its markdown rendering and its chart. Formatting only; the numbers come from summary.ts.
import type { ChartSpec } from './chart-spec.ts';
import type { Estimate } from './stats.ts';
import type { Comparison, EvalSummary } from './summary.ts';
import type { TaskResult } from './types.ts';

export interface EvalReport {
  format: 'atomgym-eval/1';
  policy: string;
  /** Where the tasks came from: a pack path, or the procedural split with n and seed. */
  tasks: string;
  options: {
    k: number;
    temperature: number;
    seed: number;
    maxNewTokens: number;
    composed: boolean;
    baselines: string;
    template: string;
  };
  /** Sampler counters (prompts cut to fit the context, answers capped by max tokens, …). */
  policyStats: Record<string, number | string>;
  summary: EvalSummary;
  comparison?: Comparison & { base: string };
  results: TaskResult[];
  wallSeconds: number;
  /** Tasks whose results were taken from an earlier evaluation of the same policy on the same tasks, and where. */
  knownResults?: { tasks: number; from: string };
}

const finite = (x: number | null): x is number => x !== null && Number.isFinite(x);
export const pct = (x: number | null): string => (finite(x) ? `${(100 * x).toFixed(1)}%` : '—');
export const fmt = (x: number | null): string => (finite(x) ? x.toFixed(3) : '—');
/** One markdown table row. */
export const row = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;
export const withCi = (e: Estimate): string => (e.n === 0 ? '—' : `${fmt(e.mean)} [${fmt(e.lo)}, ${fmt(e.hi)}]`);
export const signedCi = (e: Estimate): string => {
  const s = (x: number) => (x >= 0 ? `+${fmt(x)}` : fmt(x));
  return e.n === 0 ? '—' : `${s(e.mean)} [${s(e.lo)}, ${s(e.hi)}]`;
};

export function summaryTable(summary: EvalSummary, k: number): string[] {
  const head = ['kind', 'n', `Avg@${k} [95% CI]`, 'greedy pass@1 [95% CI]', `composed Avg@${k}`, 'composed pass@1'];
  const lines = [row([...head, 'best baseline', 'all baselines']), '|---|---|---|---|---|---|---|---|'];
  for (const s of summary.kinds) {
    const bl = Object.entries(s.baselines)
      .map(([n, e]) => `${n} ${fmt(e.mean)}`)
      .join(', ');
    const best = s.bestBaseline ? `${s.bestBaseline.name} ${fmt(s.bestBaseline.mean)}` : '—';
    const composed = s.composed ? [withCi(s.composed.avgAtK), withCi(s.composed.passAt1)] : ['—', '—'];
    lines.push(row([s.kind, s.n, withCi(s.avgAtK), withCi(s.passAt1), ...composed, best, bl]));
  }
  const t = summary.tenTask;
  const composed =
    t.composedAvgAtK !== null ? `, with composite kinds composed: Avg@${k} ${fmt(t.composedAvgAtK)}` : '';
  lines.push(
    '',
    `${t.kinds.length}-task average (kinds: ${t.kinds.join(', ')}): ` +
      `Avg@${k} ${fmt(t.avgAtK)}, greedy pass@1 ${fmt(t.passAt1)}${composed}.`,
  );
  return lines;
}

export function comparisonLines(c: Comparison, k: number, baseName: string): string[] {
  const lines = [`| kind | change in Avg@${k} vs ${baseName} [95% paired bootstrap CI] |`, '|---|---|'];
  for (const [kind, e] of Object.entries(c.change)) lines.push(`| ${kind} | ${signedCi(e as Estimate)} |`);
  const r = c.relative;
  lines.push(
    '',
    `Average over the kinds: base ${fmt(c.tenTask.base)}, policy ${fmt(c.tenTask.policy)}.`,
    '',
    `- mean of per-task relative gains: **${pct(r.meanOfRelativeGains)}** — ${r.formulas.meanOfRelativeGains}` +
      (r.excluded.length ? ` (left out: ${r.excluded.join(', ')})` : ''),
    `- ratio of means: **${pct(r.ratioOfMeans)}** — ${r.formulas.ratioOfMeans}`,
  );
  return lines;
}

export function evalMarkdown(r: EvalReport): string {
  const o = r.options;
  const lines = [
    `# Evaluation of ${r.policy}`,
    '',
    `Tasks: ${r.tasks}. Avg@${o.k} at temperature ${o.temperature}, greedy pass@1, ` +
      `max ${o.maxNewTokens} new tokens, seed ${o.seed}; 95% percentile-bootstrap intervals over tasks. ` +
      `Baselines: ${o.baselines}. Chat template: ${o.template}. Wall time ${r.wallSeconds.toFixed(1)} s.`,
    '',
    ...summaryTable(r.summary, o.k),
    '',
    `Sampler: ${Object.entries(r.policyStats)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}.`,
    ...fittedLine(r.results),
    ...overBudgetLine(r.results, o.maxNewTokens),
    ...copiedLine(r.results),
  ];
  if (r.comparison)
    lines.push('', `## Against ${r.comparison.base}`, '', ...comparisonLines(r.comparison, o.k, 'base'));
  const answers = greedyAnswerLines(r.results);
  if (answers.length > 0) lines.push('', ...answers);
  return `${lines.join('\n')}\n`;
}

/** How many prompts were shortened to fit the context, per kind; nothing when none was. */
function fittedLine(results: readonly TaskResult[]): string[] {
  const by = new Map<string, [number, number]>();
  for (const t of results) {
    const [fitted, all] = by.get(t.kind) ?? [0, 0];
    by.set(t.kind, [fitted + (t.fitted ? 1 : 0), all + 1]);
  }
  const parts = [...by].filter(([, [f]]) => f > 0).map(([kind, [f, n]]) => `${kind} ${f}/${n}`);
  if (parts.length === 0) return [];
  return ['', `Prompts shortened to fit the context (file contents dropped or a file windowed): ${parts.join(', ')}.`];
}

/**
 * Per kind, the tasks whose reference answer is longer than the sampling budget: no sampled answer that long fits, so
 * a zero there may say more about the budget than the policy; nothing when every reference fits (or none was counted).
 */
export function overBudgetLine(results: readonly TaskResult[], maxNewTokens: number): string[] {
  const by = new Map<string, [number, number]>();
  for (const t of results) {
    if (t.oracleTokens === undefined) continue;
    const [over, all] = by.get(t.kind) ?? [0, 0];
    by.set(t.kind, [over + (t.oracleTokens > maxNewTokens ? 1 : 0), all + 1]);
  }
  const parts = [...by].filter(([, [o]]) => o > 0).map(([kind, [o, n]]) => `${kind} ${o}/${n}`);
  if (parts.length === 0) return [];
  return ['', `Reference answers longer than the ${maxNewTokens}-token answer budget: ${parts.join(', ')}.`];
}

/**
 * Per kind, the trivial baselines whose decision (their answer as the reward reads it: evaluate.ts) some sampled
 * answers make, split by the tasks where that answer is right and where it is wrong: a policy that tells them apart
 * gives it more often where it is right (a review policy that approves clean changes and not faulty ones); nothing
 * when no answer decides as a baseline.
 */
function copiedLine(results: readonly TaskResult[]): string[] {
  const byKind = new Map<string, TaskResult[]>();
  for (const t of results) {
    const tasks = byKind.get(t.kind) ?? [];
    tasks.push(t);
    byKind.set(t.kind, tasks);
  }
  const parts = [...byKind].flatMap(([kind, tasks]) => {
    const names = new Set(tasks.flatMap((t) => Object.keys(t.copied ?? {})));
    return [...names].map((name) => copiedText(kind, name, copiedSplit(name, tasks)));
  });
  if (parts.length === 0) return [];
  return ['', `Sampled answers with a trivial baseline's decision: ${parts.join(', ')}.`];
}

/** How many sampled answers decide as a baseline, over the tasks where it scores 1 and over the rest. */
export interface CopiedSplit {
  right: { copies: number; samples: number };
  wrong: { copies: number; samples: number };
}

/** One baseline's `copied` counts over some tasks of one kind, split by where the baseline is right. */
export function copiedSplit(name: string, tasks: readonly TaskResult[]): CopiedSplit {
  const split: CopiedSplit = { right: { copies: 0, samples: 0 }, wrong: { copies: 0, samples: 0 } };
  for (const t of tasks) {
    const side = (t.baselines[name]?.reward ?? 0) >= 1 ? split.right : split.wrong;
    side.copies += t.copied?.[name] ?? 0;
    side.samples += t.sampled.length;
  }
  return split;
}

/** "review 178/180 always-approve (88/90 where it is right, 90/90 where it is wrong)"; one side empty: no split. */
export function copiedText(kind: string, name: string, { right, wrong }: CopiedSplit): string {
  const where =
    right.samples > 0 && wrong.samples > 0
      ? ` (${right.copies}/${right.samples} where it is right, ${wrong.copies}/${wrong.samples} where it is wrong)`
      : '';
  return `${kind} ${right.copies + wrong.copies}/${right.samples + wrong.samples} ${name}${where}`;
}

const SHOWN_ANSWER_CHARS = 400;

/** The greedy answer to the first task of each kind, so a reader sees what the scores are made of. */
export function greedyAnswerLines(results: readonly TaskResult[]): string[] {
  const first = new Map<string, TaskResult>();
  for (const t of results) if (!first.has(t.kind)) first.set(t.kind, t);
  const lines = ['## Greedy answers (first task of each kind; every answer is in eval.json)'];
  for (const t of first.values()) {
    const a = t.greedy.answer;
    if (a === undefined) continue;
    const shown = a.length > SHOWN_ANSWER_CHARS ? `${a.slice(0, SHOWN_ANSWER_CHARS)}\n… (${a.length} characters)` : a;
    // A fence longer than any backtick run inside keeps the answer verbatim.
    const fence = '`'.repeat(Math.max(3, ...[...a.matchAll(/`+/g)].map((m) => m[0].length + 1)));
    lines.push(
      '',
      `**${t.kind}** \`${t.id}\` — reward ${fmt(t.greedy.reward)} (${t.greedy.status})`,
      '',
      fence,
      shown,
      fence,
    );
  }
  return lines.length > 1 ? lines : [];
}

export function evalChart(r: EvalReport): ChartSpec {
  const kinds = r.summary.kinds;
  const series: ChartSpec['series'] = [
    {
      name: `Avg@${r.options.k}`,
      values: kinds.map((s) => s.avgAtK.mean),
      lo: kinds.map((s) => s.avgAtK.lo),
      hi: kinds.map((s) => s.avgAtK.hi),
    },
    {
      name: 'greedy pass@1',
      values: kinds.map((s) => s.passAt1.mean),
      lo: kinds.map((s) => s.passAt1.lo),
      hi: kinds.map((s) => s.passAt1.hi),
    },
  ];
  if (kinds.some((s) => s.composed))
    series.push({ name: `composed Avg@${r.options.k}`, values: kinds.map((s) => s.composed?.avgAtK.mean ?? NaN) });
  series.push({ name: 'best baseline', values: kinds.map((s) => s.bestBaseline?.mean ?? NaN) });
  return {
    title: `Evaluation of ${r.policy}`,
    subtitle: r.tasks,
    categories: kinds.map((s) => s.kind),
    series,
    yLabel: 'reward',
    yMin: 0,
    yMax: 1,
  };
}
