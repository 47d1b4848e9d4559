// One evaluation pass: every task answered k times at the sampling temperature and once greedily, its trivial
// baselines scored on the same task, and composite tasks also composed through the atomic scaffold. Rewards come
// from the task's own skill module (src/tasks/registry.ts) run in the sandbox. Returns per-task records;
// summary.ts turns them into the reported numbers.
import type { Sandbox } from '../sandbox/types.ts';
import type { CompositeTask } from '../tasks/composite/types.ts';
import { watchedFit } from '../tasks/skills/fit.ts';
import { SKILLS } from '../tasks/registry.ts';
import { COMPOSITE_KINDS, type TaskBase } from '../tasks/types.ts';
import { runComposed } from './scaffold-run.ts';
import type { Baseline, BaselineProvider, Policy, Scored, TaskResult } from './types.ts';

export interface EvalOptions {
  /** Samples per task at `temperature` (the k of Avg@k). */
  k: number;
  temperature: number;
  seed: number;
  maxNewTokens: number;
  /** Also run composite tasks through the atomic scaffold (default true). */
  composed?: boolean;
  baselines: BaselineProvider;
  onProgress?: (message: string) => void;
}

const COMPOSITE = new Set<string>(COMPOSITE_KINDS);

export async function score(task: TaskBase, answer: string, sandbox: Sandbox): Promise<Scored> {
  const skill = SKILLS[task.skill];
  if (!skill) return { reward: 0, status: 'no-skill' };
  try {
    const r = await skill.reward(task, answer, sandbox);
    return { reward: r.reward, status: r.status };
  } catch (e) {
    // A reward module must not throw for a bad answer; if one does, the answer scores 0 and the status says why.
    return { reward: 0, status: `reward-error: ${e instanceof Error ? e.message : String(e)}`.slice(0, 200) };
  }
}

/** An answer with its whitespace runs made single spaces, so answers that differ only in layout compare equal. */
const normalized = (text: string) => text.trim().replace(/\s+/g, ' ');

/**
 * What an answer decides on its task, for telling a policy that gives a trivial baseline's answer: the skill's
 * decision where it has one (the answer as its reward reads it), else the answer's text, layout aside.
 */
function decisionOf(task: TaskBase, answer: string): string | null {
  const skill = SKILLS[task.skill];
  if (!skill?.decision) return normalized(answer);
  try {
    return skill.decision(task, answer);
  } catch {
    return null; // like a reward, a decision must not throw for a bad answer; if one does, it matches nothing
  }
}

/**
 * Baseline name → how many of `answers` make its decision on `task` (none: left out). A policy that has learnt a
 * constant (always approve) shows here, whatever the answer scores and in whatever words.
 */
export function decidedAsBaselines(
  task: TaskBase,
  answers: readonly string[],
  baselines: readonly Baseline[],
): Record<string, number> {
  const said = answers.map((a) => decisionOf(task, a));
  const out: Record<string, number> = {};
  for (const b of baselines) {
    const decided = decisionOf(task, b.answer);
    const same = decided === null ? 0 : said.filter((a) => a === decided).length;
    if (same > 0) out[b.name] = same;
  }
  return out;
}

/**
 * Results with `copied` counted again from their kept answers by the skills' current decisions (a result without its
 * answers, or of a task not given, is left as it was).
 */
export function recountDecisions(
  results: readonly TaskResult[],
  tasks: readonly TaskBase[],
  baselines: BaselineProvider,
): TaskResult[] {
  const byId = new Map(tasks.map((t) => [t.id, t]));
  return results.map((r) => {
    const task = byId.get(r.id);
    const answers = r.sampled.map((x) => x.answer);
    if (!task || answers.some((a) => a === undefined)) return r;
    const { copied: _stale, ...rest } = r;
    const copied = decidedAsBaselines(task, answers as string[], baselines(task));
    return Object.keys(copied).length ? { ...rest, copied } : rest;
  });
}

/** A policy's answer, scored and kept. */
async function scoreKept(task: TaskBase, answer: string, sandbox: Sandbox): Promise<Scored> {
  return { ...(await score(task, answer, sandbox)), answer };
}

/** The task's reference answer in the policy's tokens; undefined when the policy cannot count or the task has no
 * reference it can render (a hand-made pack's task is still evaluated: this is only a note in the report). */
function referenceTokens(task: TaskBase, policy: Policy): number | undefined {
  if (!policy.answerTokens) return undefined;
  try {
    return policy.answerTokens(SKILLS[task.skill]!.oracleAnswer(task));
  } catch {
    return undefined;
  }
}

export async function evaluateTasks(
  tasks: readonly TaskBase[],
  policy: Policy,
  sandbox: Sandbox,
  opts: EvalOptions,
): Promise<TaskResult[]> {
  if (!Number.isInteger(opts.k) || opts.k < 1)
    throw new RangeError(`evaluate: k must be a positive integer, got ${opts.k}`);
  if (!(opts.temperature > 0))
    throw new RangeError(
      `evaluate: the sampling temperature must be > 0 (greedy pass@1 is run separately), got ${opts.temperature}`,
    );
  const say = opts.onProgress ?? (() => {});
  const fit = policy.promptFit?.(opts.maxNewTokens);
  const fitted = new Set<number>();
  const prompts = tasks.map((t, i) => {
    const skill = SKILLS[t.skill];
    if (!skill) throw new Error(`${t.id}: no skill module for kind '${t.skill}'`);
    if (!fit) return skill.renderPrompt(t);
    const watched = watchedFit(fit);
    const prompt = skill.renderPrompt(t, watched.fit);
    if (watched.refused()) fitted.add(i);
    return prompt;
  });
  if (fitted.size > 0) say(`${fitted.size} prompts shortened to fit the context`);
  const gen = { seed: opts.seed, maxNewTokens: opts.maxNewTokens };
  say(`sampling ${tasks.length} tasks × ${opts.k} at T=${opts.temperature}`);
  const sampled = await policy.answer(prompts, { ...gen, temperature: opts.temperature, k: opts.k });
  say(`greedy ${tasks.length} tasks`);
  const greedy = await policy.answer(prompts, { ...gen, temperature: 0, k: 1 });
  const short = tasks.findIndex((_, i) => sampled[i]?.length !== opts.k || greedy[i]?.length !== 1);
  if (short >= 0) throw new Error(`policy ${policy.name}: wrong number of answers for task ${tasks[short].id}`);

  const results: TaskResult[] = [];
  for (let i = 0; i < tasks.length; i++) {
    const task = tasks[i];
    const baselines: Record<string, Scored> = {};
    const offered = opts.baselines(task);
    for (const b of offered) {
      if (b.name in baselines) throw new Error(`${task.id}: two baselines named '${b.name}'`);
      baselines[b.name] = await score(task, b.answer, sandbox);
    }
    const copied = decidedAsBaselines(task, sampled[i], offered);
    const oracleTokens = referenceTokens(task, policy);
    results.push({
      id: task.id,
      kind: task.skill,
      level: task.level,
      sampled: await Promise.all(sampled[i].map((a) => scoreKept(task, a, sandbox))),
      greedy: await scoreKept(task, greedy[i][0], sandbox),
      baselines,
      ...(Object.keys(copied).length > 0 ? { copied } : {}),
      ...(fitted.has(i) ? { fitted: true } : {}),
      ...(oracleTokens !== undefined ? { oracleTokens } : {}),
    });
  }
  say(`rewarded ${tasks.length} tasks`);

  const composite = tasks.map((t, i) => ({ t, i })).filter(({ t }) => COMPOSITE.has(t.skill));
  if ((opts.composed ?? true) && composite.length > 0) {
    const ctasks = composite.map(({ t }) => t as CompositeTask);
    const runs = [];
    for (let s = 0; s < opts.k; s++) {
      say(`composed: scaffold sample ${s + 1}/${opts.k} over ${ctasks.length} composite tasks`);
      runs.push(
        await runComposed(ctasks, policy, sandbox, {
          temperature: opts.temperature,
          seed: opts.seed + 1_000_003 * (s + 1),
          maxNewTokens: opts.maxNewTokens,
        }),
      );
    }
    say('composed: greedy scaffold');
    const greedyRuns = await runComposed(ctasks, policy, sandbox, {
      temperature: 0,
      seed: opts.seed,
      maxNewTokens: opts.maxNewTokens,
    });
    for (let j = 0; j < ctasks.length; j++) {
      const r = results[composite[j].i];
      const sampledScores = await Promise.all(runs.map((run) => scoreKept(ctasks[j], run[j].answer, sandbox)));
      const calls = runs.reduce((a, run) => a + run[j].modelCalls, greedyRuns[j].modelCalls);
      r.composed = {
        sampled: sampledScores,
        greedy: await scoreKept(ctasks[j], greedyRuns[j].answer, sandbox),
        modelCalls: calls,
      };
    }
  }
  return results;
}
