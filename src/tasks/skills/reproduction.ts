// Issue reproduction: issue + buggy repo → a test. Reward: it fails on the buggy repo and passes on the fixed one.
import type { Sandbox } from '../../sandbox/types.ts';
import type { Mutation } from '../mutate/index.ts';
import type { GeneratorOptions } from '../registry.ts';
import type { PromptFit, RewardResult, SkillModule, TaskBase } from '../types.ts';
import { bugWorld, generateMany, symptomOf, withPromptChars } from '../generate/common.ts';
import { issueText, styleFor } from '../world/issue.ts';
import { visibleTests } from '../world/scenario.ts';
import { relativeImport, renderNamespaceTest } from '../world/tests.ts';
import { issueLeaks } from '../generate/leaks.ts';
import { hasAssertion, isTestPath, screenAnswer, unfence, zero } from './answer.ts';
import { CONTENT_BUDGET, fileBlocks, shownWithin, TEST_API_NOTE, tree } from './prompt.ts';
import { dropOrder, firstFitting } from './fit.ts';
import { alignedFor } from './layout.ts';
import { allPassed, runTestFiles, someFailed } from './run.ts';

export interface ReproductionTask extends TaskBase {
  skill: 'reproduction';
  issue: string;
  /** Where the answer is saved. */
  testPath: string;
  hidden: { file: string; fixedSource: string; mutation: Mutation; oracleTest: string; fn: string; module: string };
}

function renderPrompt(task: ReproductionTask, fit?: PromptFit): string {
  const files = task.repo.files;
  const sources = Object.keys(files).filter((p) => !isTestPath(p));
  // To fit the context, contents go first from the files that share fewest names with the issue.
  const drop = dropOrder(files, shownWithin(files, sources, CONTENT_BUDGET[task.level]), task.issue);
  return firstFitting(drop.length + 1, (n) => promptShowing(task, sources, drop.slice(n)), fit);
}

function promptShowing(task: ReproductionTask, sources: readonly string[], shown: readonly string[]): string {
  // The repo first, the issue and the request last (see prompt.ts): the test copies the issue's call.
  return [
    // When every source file is shown (small repos), the tree would only repeat their names.
    ...(sources.every((p) => shown.includes(p)) ? [] : ['Files:', tree(Object.keys(task.repo.files)), '']),
    fileBlocks(task.repo.files, shown),
    '',
    `Your file is saved as ${task.testPath} (import modules relative to it, e.g. '../src/x.js'). ${TEST_API_NOTE}`,
    '',
    task.issue,
    '',
    'Write a test that reproduces this issue: it must fail now and pass once the bug is fixed. ' +
      'Answer with the test file only.',
  ].join('\n');
}

/** The buggy and the fixed file printed on one shared layout (skills/layout.ts): only behaviour tells them apart. */
function versionsOf(task: ReproductionTask): readonly string[] {
  return alignedFor(task, () => [task.repo.files[task.hidden.file], task.hidden.fixedSource]);
}

function withAnswer(task: ReproductionTask, test: string, fixed: boolean): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const [p, c] of Object.entries(task.repo.files)) if (!isTestPath(p)) out[p] = c;
  out[task.hidden.file] = versionsOf(task)[fixed ? 1 : 0];
  out[task.testPath] = test;
  return out;
}

async function reward(task: ReproductionTask, answer: string, sandbox: Sandbox): Promise<RewardResult> {
  const screened = screenAnswer(answer);
  if (!screened.ok) return screened.result;
  const test = unfence(screened.text);
  if (test.trim() === '') return zero('parse-error', 'empty test file');
  if (!hasAssertion(test)) return zero('no-assertions', 'the test file makes no expect(...) or assert(...) call');
  const onBuggy = await runTestFiles(sandbox, withAnswer(task, test, false), [task.testPath]);
  // A run on the buggy repo that did not complete cannot reproduce anything: the fixed repo is not run.
  if (onBuggy.status !== 'ok')
    return zero(onBuggy.status, onBuggy.message || `run on the buggy repo ended with ${onBuggy.status}`, 0, {
      failsOnBuggy: 0,
      passesOnFixed: 0,
    });
  const onFixed = await runTestFiles(sandbox, withAnswer(task, test, true), [task.testPath]);
  const failsOnBuggy = someFailed(onBuggy);
  const passesOnFixed = allPassed(onFixed);
  const metrics = { failsOnBuggy: failsOnBuggy ? 1 : 0, passesOnFixed: passesOnFixed ? 1 : 0 };
  const partial = (metrics.failsOnBuggy + metrics.passesOnFixed) / 2;
  if (failsOnBuggy && passesOnFixed)
    return { reward: 1, partial: 1, status: 'ok', detail: 'fails on the buggy repo, passes on the fixed one', metrics };
  if (onBuggy.status !== 'ok')
    return zero(
      onBuggy.status,
      onBuggy.message || `run on the buggy repo ended with ${onBuggy.status}`,
      partial,
      metrics,
    );
  if (!failsOnBuggy)
    return zero(
      'passes-on-buggy',
      onBuggy.total === 0
        ? 'the file declares no tests'
        : 'every test passes on the buggy repo: the issue is not reproduced',
      partial,
      metrics,
    );
  return zero(
    'fails-on-fixed',
    `${onFixed.status !== 'ok' ? onFixed.status : `${onFixed.notPassed} test(s) fail`} on the fixed repo: ${onFixed.message}`,
    partial,
    metrics,
  );
}

export const reproductionSkill: SkillModule<ReproductionTask> = {
  kind: 'reproduction',
  renderPrompt,
  reward,
  oracleAnswer: (task) => task.hidden.oracleTest,
  negativeControls: (task) => {
    const imp = `import { ${task.hidden.fn} } from '${relativeImport(task.testPath, task.hidden.module)}';\n`;
    return [
      '',
      `${imp}\nit('exists', () => {\n  expect(typeof ${task.hidden.fn}).toBe('function');\n});\n`,
      `${imp}\nit('always fails', () => {\n  expect(1).toBe(2);\n});\n`,
      `it('throws null', () => {\n  expect(1).toBe(1);\n  throw null;\n});\n`,
      `${imp}\nit('calls without asserting', () => {\n  ${task.hidden.fn};\n});\n`,
    ];
  },
};

export function generateReproduction(opts: GeneratorOptions): Promise<ReproductionTask[]> {
  return generateMany('reproduction', opts, async (rng, level, id) => {
    const world = await bugWorld(rng, level, opts, opts.sandbox, { want: 1 });
    if (!world) return null;
    const bug = world.bugs[0];
    const symptom = symptomOf(world, bug, rng);
    const issue = issueText(symptom, styleFor(level, rng), rng);
    if (issueLeaks(issue, world.ex.sources[bug.file], bug)) return null;
    const visible = visibleTests(world.ex, (i) => !bug.killed.includes(i), level <= 2 ? 2 : 3, rng);
    const testPath = 'test/repro.test.js';
    // The oracle is one test with one expectation: the case the issue reports (the first killed case otherwise).
    const shown = world.ex.cases.findIndex(
      (c, i) =>
        bug.killed.includes(i) && c.fn === symptom.fn && JSON.stringify(c.args) === JSON.stringify(symptom.args),
    );
    const killer = world.ex.cases[shown >= 0 ? shown : bug.killed[0]];
    const killerModule = killer.module;
    const task: ReproductionTask = {
      id,
      skill: 'reproduction',
      level,
      split: opts.split,
      repo: { files: { ...world.ex.sources, [bug.file]: bug.buggySource, ...visible } },
      issue,
      testPath,
      hidden: {
        file: bug.file,
        fixedSource: world.ex.sources[bug.file],
        mutation: bug.mutation,
        oracleTest: renderNamespaceTest(relativeImport(testPath, killerModule), [killer]),
        fn: killer.fn,
        module: killerModule,
      },
      meta: { source: 'procedural', family: world.family, seed: opts.seed, promptChars: 0 },
    };
    return withPromptChars(task, renderPrompt);
  });
}
