// Real-code bug fixing (the composite kind, same answer format and judge as the procedural one): the module with
// an injected observable bug, an issue built from a case that catches it, hidden differential tests.
import type { FileMap, Sandbox } from '../../sandbox/types.ts';
import { answerBetween, commentOnlyAnswer } from '../composite/generator.ts';
import { answeredFiles, runHiddenTests } from '../composite/judge.ts';
import { renderCompositePrompt } from '../composite/prompt.ts';
import type { CompositeTask } from '../composite/types.ts';
import { applyMutation } from '../mutate/index.ts';
import type { Level, Split } from '../types.ts';
import { testPathOf } from './discover.ts';
import { describeOutcome, renderDifferentialTests } from './probe.ts';
import type { ProbedModule, RealBug } from './types.ts';

export function visibleTests(mod: ProbedModule): string {
  const documented = mod.cases.filter((c) => c.documented).slice(0, 8);
  return renderDifferentialTests(
    `${mod.real.pkg.name} (documented examples)`,
    mod.testImport,
    documented.length > 0 ? documented : mod.cases.slice(0, 3),
  );
}
/** Cases in one test file: the ones that catch the bug first, then the rest, bounded so a judge run stays short. */
export const MAX_TEST_CASES = 24;
export function boundedCases(mod: ProbedModule, killed: readonly number[]): ProbedModule['cases'] {
  const first = killed.map((i) => mod.cases[i]);
  const rest = mod.cases.filter((_, i) => !killed.includes(i));
  return [...first, ...rest].slice(0, Math.max(MAX_TEST_CASES, Math.min(first.length, 40)));
}
export function hiddenTests(mod: ProbedModule, killed: readonly number[] = []): string {
  return renderDifferentialTests(mod.real.pkg.name, mod.testImport, boundedCases(mod, killed));
}

/** The repo around a bug: the buggy module, its documented-example tests, and `neighbours` untouched modules. */
export function bugRepo(
  bug: RealBug,
  neighbours: readonly ProbedModule[],
): { buggy: FileMap; fixed: FileMap; hidden: FileMap } {
  const fixed: FileMap = {};
  const hidden: FileMap = {};
  for (const m of [bug.module, ...neighbours]) {
    fixed[m.path] = m.real.source;
    fixed[testPathOf(m.real)] = visibleTests(m);
    hidden[testPathOf(m.real, true)] = hiddenTests(m, m === bug.module ? bug.killed : []);
  }
  return { buggy: { ...fixed, [bug.module.path]: bug.buggySource }, fixed, hidden };
}

/** Issue text by level, from the first documented case that catches the bug (else the first catching case). */
export function realIssue(bug: RealBug, level: Level): string {
  const cases = bug.module.cases;
  const i = bug.killed.find((k) => cases[k].documented) ?? bug.killed[0];
  const { call, outcome } = cases[i];
  const pkg = bug.module.real.pkg.name;
  if (level === 1)
    return `\`${call}\` ${describeOutcome(bug.outcomes[i])}, but it should: it ${describeOutcome(outcome)}.`;
  if (level === 2) return `${pkg}: \`${call}\` gives a wrong result. Expected: it ${describeOutcome(outcome)}.`;
  return `After vendoring ${pkg} some results changed. One example we noticed: \`${call}\`.`;
}

export interface RealTaskContext {
  id: string;
  level: Level;
  split: Split;
  sandbox: Sandbox;
}

export function realMeta(bug: RealBug): CompositeTask['meta'] {
  const r = bug.module.real;
  return {
    source: 'real-code',
    family: r.pkg.name,
    package: r.pkg.name,
    version: r.version,
    file: r.pkg.file,
    license: r.license,
    promptChars: 0,
  };
}

export async function emitBugFixing(
  bug: RealBug,
  other: RealBug | undefined,
  neighbours: readonly ProbedModule[],
  ctx: RealTaskContext,
): Promise<CompositeTask> {
  const { buggy, fixed, hidden } = bugRepo(bug, neighbours);
  const path = bug.module.path;
  const negatives = [commentOnlyAnswer(buggy, path)];
  if (other)
    negatives.push(answerBetween(buggy, { ...fixed, [path]: applyMutation(bug.module.real.source, other.mutation) }));
  const visible = testPathOf(bug.module.real);
  negatives.push(answerBetween(buggy, { ...buggy, [visible]: `${buggy[visible]}// reviewed\n` }));
  const task: CompositeTask = {
    id: ctx.id,
    skill: 'bug-fixing',
    level: ctx.level,
    split: ctx.split,
    repo: { files: buggy },
    statement: realIssue(bug, ctx.level),
    hidden: {
      tests: hidden,
      testCount: 0,
      oracle: answerBetween(buggy, fixed),
      negatives,
      changedFiles: [path],
      note: bug.mutation.description,
    },
    meta: realMeta(bug),
  };
  const files = answeredFiles(task, task.hidden.oracle);
  if ('reward' in files) throw new Error(`${task.id}: oracle does not apply: ${String(files.detail)}`);
  const run = await runHiddenTests(files, task, ctx.sandbox);
  if ('reward' in run || run.status !== 'ok' || run.totals.passed !== run.tests.length)
    throw new Error(`${task.id}: the original module fails its own differential tests`);
  task.hidden.testCount = run.totals.passed;
  task.meta.promptChars = renderCompositePrompt(task).length;
  return task;
}
