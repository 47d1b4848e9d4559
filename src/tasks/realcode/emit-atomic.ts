// Real-code tasks for the atomic skills, in the task shapes the skill modules in src/tasks/skills define:
// editing, localization, reproduction, review (a clean local rename to approve, or rename + the bug), and
// test-generation (only where the module has named exports the generated test can import).
import type { FileMap } from '../../sandbox/types.ts';
import { editingSkill, type EditingTask } from '../skills/editing.ts';
import { localizationSkill, type LocalizationTask } from '../skills/localization.ts';
import { reproductionSkill, type ReproductionTask } from '../skills/reproduction.ts';
import { reviewSkill, type ReviewTask } from '../skills/review.ts';
import { testGenerationSkill, type TestGenerationTask } from '../skills/test-generation.ts';
import type { SkillModule } from '../types.ts';
import { unifiedDiff } from '../world/diff.ts';
import type { Level, TaskBase } from '../types.ts';
import type { RealEmitter, RealEmitterContext } from './builder.ts';
import { importFor, testPathOf } from './discover.ts';
import { boundedCases, MAX_TEST_CASES, realIssue, realMeta } from './emit-bug-fixing.ts';
import { enclosingFunction, renameLocal } from './locate.ts';
import { describeOutcome, probe, renderDifferentialTests, sameOutcome } from './probe.ts';
import type { ProbedModule, RealBug, RealCase } from './types.ts';

const meta = (bug: RealBug): TaskBase['meta'] => realMeta(bug);

/** Records the prompt length the skill module renders (every task records it). */
function withPromptChars<T extends TaskBase>(task: T, skill: SkillModule<T>): T {
  task.meta.promptChars = skill.renderPrompt(task).length;
  return task;
}
const base = (bug: RealBug, ctx: RealEmitterContext) => ({
  id: ctx.id,
  level: ctx.level as Level,
  split: ctx.split,
  meta: meta(bug),
});

/** Visible tests: documented cases that do not catch the bug (copying them must not be enough). */
function visibleFor(mod: ProbedModule, killed: readonly number[]): FileMap {
  const cases = mod.cases.filter((c, i) => c.documented && !killed.includes(i)).slice(0, 8);
  const use = cases.length > 0 ? cases : mod.cases.filter((_, i) => !killed.includes(i)).slice(0, 3);
  return {
    [testPathOf(mod.real)]: renderDifferentialTests(`${mod.real.pkg.name} (documented examples)`, mod.testImport, use),
  };
}

function repoFor(bug: RealBug, ctx: RealEmitterContext, source = bug.buggySource): FileMap {
  const files: FileMap = { [bug.module.path]: source, ...visibleFor(bug.module, bug.killed) };
  for (const n of ctx.neighbours) Object.assign(files, { [n.path]: n.real.source }, visibleFor(n, []));
  return files;
}

function symptom(bug: RealBug): { call: string; expected: string; actual: string } {
  const i = bug.killed.find((k) => bug.module.cases[k].documented) ?? bug.killed[0];
  return {
    call: bug.module.cases[i].call,
    expected: describeOutcome(bug.module.cases[i].outcome),
    actual: describeOutcome(bug.outcomes[i]),
  };
}

export const editingEmitter: RealEmitter = {
  skill: 'editing',
  async emit(bug, ctx) {
    const mod = bug.module;
    const where = enclosingFunction(bug.buggySource, mod.path, bug.mutation.start, mod.real.pkg.name);
    const s = symptom(bug);
    const instruction =
      ctx.level <= 2
        ? `\`${s.call}\` ${s.actual}; it should: it ${s.expected}. ` +
          `Make \`${where.name}\` behave as ${mod.real.pkg.name} documents.`
        : `\`${where.name}\` does not always behave as ${mod.real.pkg.name} documents. ` +
          'Make it correct without changing its signature.';
    const hiddenTests = {
      [`__hidden__/${mod.real.pkg.name}.test.js`]: renderDifferentialTests(
        mod.real.pkg.name,
        mod.testImport,
        boundedCases(mod, bug.killed),
      ),
    };
    const repo = repoFor(bug, { ...ctx, neighbours: [] });
    const fixed: FileMap = { ...repo, [mod.path]: mod.real.source, ...hiddenTests };
    const run = await ctx.sandbox.run(
      fixed,
      {
        kind: 'tests',
        files: Object.keys(fixed)
          .filter((p) => p.endsWith('.test.js'))
          .sort(),
      },
      { timeMs: 5_000 },
    );
    if (run.status !== 'ok' || run.totals.passed !== run.tests.length)
      throw new Error(`${ctx.id}: the original module fails its own tests`);
    const task: EditingTask = {
      ...base(bug, ctx),
      skill: 'editing',
      repo: { files: repo },
      file: mod.path,
      location: { fn: where.name, startLine: where.startLine, endLine: where.endLine },
      instruction,
      hidden: { fixedSource: mod.real.source, mutation: bug.mutation, hiddenTests, expectedTests: run.totals.passed },
    };
    return withPromptChars(task, editingSkill);
  },
};

export const localizationEmitter: RealEmitter = {
  skill: 'localization',
  async emit(bug, ctx) {
    const task: LocalizationTask = {
      ...base(bug, ctx),
      skill: 'localization',
      repo: { files: repoFor(bug, ctx) },
      issue: realIssue(bug, ctx.level),
      hidden: { files: [bug.module.path], mutation: bug.mutation },
    };
    return withPromptChars(task, localizationSkill);
  },
};

export const reproductionEmitter: RealEmitter = {
  skill: 'reproduction',
  async emit(bug, ctx) {
    const mod = bug.module;
    const testPath = 'test/repro.test.js';
    const killers = bug.killed.slice(0, 6).map((i) => mod.cases[i]);
    const task: ReproductionTask = {
      ...base(bug, ctx),
      skill: 'reproduction',
      repo: { files: repoFor(bug, ctx) },
      issue: realIssue(bug, ctx.level),
      testPath,
      hidden: {
        file: mod.path,
        fixedSource: mod.real.source,
        mutation: bug.mutation,
        oracleTest: renderDifferentialTests(`${mod.real.pkg.name} issue`, mod.testImport, killers),
        fn: mod.real.pkg.callees[0].split('.')[0],
        module: mod.path,
      },
    };
    return withPromptChars(task, reproductionSkill);
  },
};

const numbered = (text: string): string =>
  text
    .trimEnd()
    .split('\n')
    .map((l, i) => `${String(i + 1).padStart(3)}| ${l}`)
    .join('\n');

/** Lines (1-based) where two versions of a file differ; both have the same line count here (renames, one-line bugs). */
const changedLines = (a: string, b: string): number[] => {
  const bl = b.split('\n');
  return a.split('\n').flatMap((line, i) => (line !== bl[i] ? [i + 1] : []));
};

/**
 * Rename + bug: of the local renames, prefer one whose changed lines fall both before and after the bug's line, then
 * one with lines after it — so neither "cite the first added line" nor "cite the last" finds the bug by position.
 */
function renameAroundBug(bug: RealBug, path: string, pickIndex: number): ReturnType<typeof renameLocal> {
  const first = renameLocal(bug.buggySource, path, pickIndex);
  if (!first) return null;
  const candidates = [first];
  for (let k = 1; k < 24; k++) {
    const r = renameLocal(bug.buggySource, path, pickIndex + k);
    if (!r || r.from === first.from) break; // the names cycle: every binding has been tried
    candidates.push(r);
  }
  const at = bug.mutation.line;
  const score = (r: NonNullable<ReturnType<typeof renameLocal>>): number => {
    const lines = changedLines(bug.module.real.source, r.source).filter((l) => l !== at);
    return (lines.some((l) => l > at) ? 2 : 0) + (lines.some((l) => l < at) ? 1 : 0);
  };
  return candidates.reduce((best, r) => (score(r) > score(best) ? r : best));
}

/** Review: the bug's index decides whether the change is a clean rename (approve) or rename + the bug. */
export const reviewEmitter: RealEmitter = {
  skill: 'review',
  async emit(bug, ctx) {
    if (bug.mutation.removesCode) return null; // no single faulty line remains to cite
    const mod = bug.module;
    const clean = ctx.bugIndex % 2 === 0;
    const renamed = clean
      ? renameLocal(mod.real.source, mod.path, ctx.bugIndex)
      : renameAroundBug(bug, mod.path, ctx.bugIndex);
    if (!renamed) return null;
    const calls = mod.cases.map((c) => c.call);
    const outcomes = await probe(
      ctx.sandbox,
      { [mod.path]: renamed.source },
      importFor(mod.real, `./${mod.path}`),
      calls,
    );
    if (!outcomes) return null;
    const preserved = outcomes.every((o, i) => sameOutcome(o, mod.cases[i].outcome));
    if (preserved !== clean) return null; // the rename must not change behaviour; the bug must
    const where = enclosingFunction(renamed.source, mod.path, bug.mutation.start, mod.real.pkg.name);
    const line = clean ? null : bug.mutation.line;
    const task: ReviewTask = {
      ...base(bug, ctx),
      skill: 'review',
      repo: { files: { ...repoFor(bug, { ...ctx, neighbours: [] }, renamed.source) } },
      file: mod.path,
      fn: where.name,
      diff: unifiedDiff(mod.path, mod.real.source, renamed.source),
      context: ctx.level >= 3 ? numbered(renamed.source) : '',
      hidden: {
        verdict: clean ? 'approve' : 'request-changes',
        line,
        lineText: line === null ? null : renamed.source.split('\n')[line - 1].trim(),
        mutation: clean ? null : bug.mutation,
      },
    };
    return withPromptChars(task, reviewSkill);
  },
};

/** Named exports a generated test can import, by package, and how a case's callee maps to them. */
const NAMED: Record<string, Record<string, string>> = {
  bytes: { 'bytes.format': 'format', 'bytes.parse': 'parse' },
  leven: { closestMatch: 'closestMatch' },
};

export const testGenerationEmitter: RealEmitter = {
  skill: 'test-generation',
  preferred: (bug) => bug.module.real.pkg.name in NAMED,
  async emit(bug, ctx) {
    const mod = bug.module;
    const named = NAMED[mod.real.pkg.name];
    if (!named) return null;
    for (const [callee, fn] of Object.entries(named)) {
      const idx = mod.cases.flatMap((c, i) => (c.call.startsWith(`${callee}(`) ? [i] : []));
      const variants = [bug, ...ctx.siblings].filter((b) => idx.some((i) => b.killed.includes(i))).slice(0, 2);
      if (!variants.includes(bug)) continue;
      const testPath = `test/${mod.real.pkg.name}.generated.test.js`;
      // Cases that catch a variant first, so the capped oracle file still catches every variant.
      const catches = (i: number): boolean => variants.some((b) => b.killed.includes(i));
      const ordered = [...idx.filter(catches), ...idx.filter((i) => !catches(i))].slice(0, MAX_TEST_CASES);
      const cases = ordered.map((i) => ({ ...mod.cases[i], call: fn + mod.cases[i].call.slice(callee.length) }));
      const oracleTest = renderDifferentialTests(`${fn}`, `import { ${fn} } from '../${mod.path}';`, cases);
      const task: TestGenerationTask = {
        ...base(bug, ctx),
        skill: 'test-generation',
        repo: {
          files: {
            [mod.path]: mod.real.source,
            ...visibleFor(
              mod,
              variants.flatMap((b) => b.killed),
            ),
          },
        },
        module: mod.path,
        fn,
        testPath,
        hidden: { variants: variants.map((b) => ({ source: b.buggySource, mutation: b.mutation })), oracleTest },
      };
      return withPromptChars(task, testGenerationSkill);
    }
    return null;
  },
};

export const ATOMIC_EMITTERS: readonly RealEmitter[] = [
  editingEmitter,
  localizationEmitter,
  reproductionEmitter,
  reviewEmitter,
  testGenerationEmitter,
];
