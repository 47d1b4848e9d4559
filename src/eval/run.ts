// One evaluation from tasks to report: evaluate, summarise, compare with a base when given. Shared by
// `atomgym eval` and the experiment, so both report the same numbers the same way.
import type { Sandbox } from '../sandbox/types.ts';
import type { TaskBase } from '../tasks/types.ts';
import { evaluateTasks, type EvalOptions } from './evaluate.ts';
import type { EvalReport } from './report.ts';
import type { BootstrapOptions } from './stats.ts';
import { compare, summarize } from './summary.ts';
import type { Policy, TaskResult } from './types.ts';

export interface RunEvaluationInput {
  policy: Policy;
  tasks: readonly TaskBase[];
  /** Where the tasks came from, for the report. */
  tasksLabel: string;
  sandbox: Sandbox;
  options: EvalOptions;
  /** Names shown in the report for the baseline provider and the chat template. */
  baselinesName: string;
  templateName: string;
  bootstrap?: BootstrapOptions;
  /** Counters of the policy (e.g. OrtPolicy.stats), read after the run. */
  policyStats?: () => Record<string, number | string>;
  base?: { name: string; results: readonly TaskResult[] };
  /**
   * Results already known for some tasks, by task id — the same policy's, on the same task, with the same options
   * (the caller checks): kept as they are, and only the other tasks are evaluated. The report counts them.
   */
  known?: ReadonlyMap<string, TaskResult>;
  /** Where the known results came from, for the report. */
  knownFrom?: string;
}

export async function runEvaluation(input: RunEvaluationInput): Promise<EvalReport> {
  const t0 = performance.now();
  const known = input.known ?? new Map<string, TaskResult>();
  const rest = input.tasks.filter((t) => !known.has(t.id));
  const fresh = new Map(
    (rest.length ? await evaluateTasks(rest, input.policy, input.sandbox, input.options) : []).map(
      (r) => [r.id, r] as const,
    ),
  );
  const results = input.tasks.map((t) => known.get(t.id) ?? fresh.get(t.id)!);
  const bootstrap = input.bootstrap ?? { seed: input.options.seed };
  const o = input.options;
  const report: EvalReport = {
    format: 'atomgym-eval/1',
    policy: input.policy.name,
    tasks: input.tasksLabel,
    options: {
      k: o.k,
      temperature: o.temperature,
      seed: o.seed,
      maxNewTokens: o.maxNewTokens,
      composed: o.composed ?? true,
      baselines: input.baselinesName,
      template: input.templateName,
    },
    policyStats: input.policyStats?.() ?? {},
    summary: summarize(results, bootstrap),
    results,
    wallSeconds: (performance.now() - t0) / 1000,
    ...(rest.length < input.tasks.length
      ? { knownResults: { tasks: input.tasks.length - rest.length, from: input.knownFrom ?? 'given' } }
      : {}),
  };
  if (input.base) report.comparison = { base: input.base.name, ...compare(input.base.results, results, bootstrap) };
  return report;
}
