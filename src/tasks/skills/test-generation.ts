// Unit-test generation: module source + spec → a test file. Reward: it passes on the reference code and fails
// on EVERY hidden buggy variant. Logged: the mutant kill rate. A file with no passing test earns 0. The module
// versions run on one shared layout, so only behaviour (not stack positions) can tell them apart.
import type { Sandbox } from '../../sandbox/types.ts';
import type { Mutation } from '../mutate/index.ts';
import type { GeneratorOptions } from '../registry.ts';
import type { PromptFit, RewardResult, SkillModule, TaskBase } from '../types.ts';
import { bugWorld, generateMany, withPromptChars } from '../generate/common.ts';
import { visibleTests } from '../world/scenario.ts';
import { coverMutants, relativeImport, renderMinimalTest } from '../world/tests.ts';
import { hasAssertion, isTestPath, screenAnswer, unfence, zero } from './answer.ts';
import { fileBlock, TEST_API_NOTE } from './prompt.ts';
import { firstFitting, lineWindow, WINDOW_MARGINS } from './fit.ts';
import { declarationLines } from './symbols.ts';
import { alignedFor } from './layout.ts';
import { allPassed, GENERATION_LIMITS, runTestFiles, someFailed } from './run.ts';

export interface TestGenerationTask extends TaskBase {
  skill: 'test-generation';
  /** Module under test and the function the tests must pin down. */
  module: string;
  fn: string;
  /** Where the answer is saved (it imports the module relative to this path). */
  testPath: string;
  hidden: { variants: Array<{ source: string; mutation: Mutation }>; oracleTest: string };
}

function renderPrompt(task: TestGenerationTask, fit?: PromptFit): string {
  const source = task.repo.files[task.module];
  // To fit the context the module narrows to a window round the function's declaration (variant 0: all of it).
  const at = declarationLines(source, task.fn);
  const shown = (v: number) => (v === 0 || !at ? source : lineWindow(source, at.start, at.end, WINDOW_MARGINS[v - 1]));
  // The code first and the request last (see prompt.ts): the test starts by copying the import line.
  const render = (v: number) =>
    [
      fileBlock(task.module, shown(v)),
      '',
      TEST_API_NOTE,
      `Write unit tests for \`${task.fn}\` in ${task.module}. ` +
        `They must pass on this code and catch bugs in \`${task.fn}\`.`,
      `Your file is saved as ${task.testPath}; ` +
        `import with: import { ${task.fn} } from '${relativeImport(task.testPath, task.module)}';`,
      'Answer with the test file only.',
    ].join('\n');
  return firstFitting(at ? WINDOW_MARGINS.length + 1 : 1, render, fit);
}

/** Source files plus the answer; the repo's own test files are not run. */
function withAnswer(
  task: TaskBase,
  testPath: string,
  source: string,
  override?: { path: string; source: string },
): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  for (const [p, c] of Object.entries(task.repo.files)) if (!isTestPath(p)) out[p] = c;
  if (override) out[override.path] = override.source;
  out[testPath] = source;
  return out;
}

/** The module under test as the reference and each variant, printed on one shared layout (skills/layout.ts). */
function versionsOf(task: TestGenerationTask): readonly string[] {
  return alignedFor(task, () => [task.repo.files[task.module], ...task.hidden.variants.map((v) => v.source)]);
}

async function reward(task: TestGenerationTask, answer: string, sandbox: Sandbox): Promise<RewardResult> {
  const screened = screenAnswer(answer);
  if (!screened.ok) return screened.result;
  const test = unfence(screened.text);
  if (test.trim() === '') return zero('parse-error', 'empty test file');
  if (!hasAssertion(test)) return zero('no-assertions', 'the test file makes no expect(...) or assert(...) call');
  const versions = versionsOf(task);
  const onReference = await runTestFiles(
    sandbox,
    withAnswer(task, task.testPath, test, { path: task.module, source: versions[0] }),
    [task.testPath],
  );
  if (!allPassed(onReference)) {
    const why =
      onReference.status !== 'ok'
        ? `${onReference.status}: ${onReference.message}`
        : onReference.total === 0
          ? 'the file declares no tests'
          : `${onReference.notPassed} test(s) fail on the reference code: ${onReference.message}`;
    return zero(onReference.total === 0 && onReference.status === 'ok' ? 'no-tests' : 'fails-on-reference', why, 0, {
      killRate: 0,
    });
  }
  let killed = 0;
  const unfinished: string[] = [];
  for (let i = 0; i < task.hidden.variants.length; i++) {
    const run = await runTestFiles(
      sandbox,
      withAnswer(task, task.testPath, test, { path: task.module, source: versions[i + 1] }),
      [task.testPath],
    );
    // Only a run that completes with a failing test kills a variant: a timeout or a limit hit says nothing about it.
    if (someFailed(run)) killed++;
    else if (run.status !== 'ok') unfinished.push(`variant ${i + 1}: ${run.status}`);
  }
  const killRate = killed / task.hidden.variants.length;
  const metrics = { killRate, tests: onReference.passed };
  if (killed === task.hidden.variants.length)
    return {
      reward: 1,
      partial: 1,
      status: 'ok',
      detail: `passes on the reference, catches all ${killed} buggy variants`,
      metrics,
    };
  const note = unfinished.length ? ` (runs that did not finish count as missed: ${unfinished.join(', ')})` : '';
  return zero(
    'missed-variants',
    `caught ${killed} of ${task.hidden.variants.length} buggy variants${note}`,
    killRate,
    metrics,
  );
}

export const testGenerationSkill: SkillModule<TestGenerationTask> = {
  kind: 'test-generation',
  renderPrompt,
  reward,
  oracleAnswer: (task) => task.hidden.oracleTest,
  negativeControls: (task) => {
    const imp = `import { ${task.fn} } from '${relativeImport(task.testPath, task.module)}';\n`;
    const firstCall = /expect\((.*)\)\.to/.exec(task.hidden.oracleTest)?.[1] ?? `${task.fn}()`;
    return [
      '',
      `${imp}\n// no tests here\n`,
      `${imp}\nit('is a function', () => {\n  expect(typeof ${task.fn}).toBe('function');\n});\n`,
      `${imp}\nit('wrong expectation', () => {\n  expect(${firstCall}).toEqual('__not the answer__');\n});\n`,
      `${imp}\nit('throws null', () => {\n  expect(1).toBe(1);\n  throw null;\n});\n`,
    ];
  },
};

export function generateTestGeneration(opts: GeneratorOptions): Promise<TestGenerationTask[]> {
  return generateMany('test-generation', opts, async (rng, level, id) => {
    // Up to MAX_MUTANTS distinct observable mutants of the function (the paper keeps up to 16), at least 2–3.
    const world = await bugWorld(rng, level, opts, opts.sandbox, {
      want: MAX_MUTANTS,
      min: level <= 2 ? 2 : 3,
      maxTries: MUTANT_TRIES,
    });
    if (!world || world.target.isHelper) return null;
    const killedByAny = new Set(world.bugs.flatMap((b) => b.killed));
    // Visible tests never kill a variant: copying them must not be enough.
    const visible = visibleTests(world.ex, (i) => !killedByAny.has(i), level <= 2 ? 2 : 3, rng);
    const module = world.target.file;
    const fn = world.target.names.fn;
    const testPath = `test/${module.split('/').pop()!.replace(/\.js$/, '')}.generated.test.js`;
    // The oracle is minimal: the fewest of the function's own cases whose expectations kill every kept mutant.
    const own = world.ex.cases.flatMap((c, i) => (c.module === module && c.fn === fn ? [i] : []));
    const killers = world.bugs.map((b) => own.flatMap((i, k) => (b.killed.includes(i) ? [k] : [])));
    if (killers.some((k) => k.length === 0)) return null; // a mutant seen only through another function
    const cases = own.map((i) => world.ex.cases[i]);
    const oracleTest = renderMinimalTest(
      relativeImport(testPath, module),
      coverMutants(killers, cases).map((k) => cases[k]),
    );
    const task: TestGenerationTask = {
      id,
      skill: 'test-generation',
      level,
      split: opts.split,
      repo: { files: { ...world.ex.sources, ...visible } },
      module,
      fn,
      testPath,
      hidden: { variants: world.bugs.map((b) => ({ source: b.buggySource, mutation: b.mutation })), oracleTest },
      meta: { source: 'procedural', family: world.family, seed: opts.seed, promptChars: 0 },
    };
    // The oracle must pass on the reference and kill every mutant; a case whose expectation cannot tell (an
    // outcome the test API compares differently from the probe) makes the task unusable. Checked with generation
    // limits (not the reward's), so a busy machine cannot change what is generated.
    if (!(await oracleKillsAll(task, opts.sandbox))) return null;
    return withPromptChars(task, renderPrompt);
  });
}

async function oracleKillsAll(task: TestGenerationTask, sandbox: Sandbox): Promise<boolean> {
  const test = task.hidden.oracleTest;
  if (
    !allPassed(await runTestFiles(sandbox, withAnswer(task, task.testPath, test), [task.testPath], GENERATION_LIMITS))
  )
    return false;
  for (const v of task.hidden.variants) {
    const run = await runTestFiles(
      sandbox,
      withAnswer(task, task.testPath, test, { path: task.module, source: v.source }),
      [task.testPath],
      GENERATION_LIMITS,
    );
    if (!(run.status === 'ok' && run.notPassed > 0)) return false;
  }
  return true;
}

/** Most mutants kept per function, and sandbox runs spent looking for them. */
export const MAX_MUTANTS = 16;
const MUTANT_TRIES = 40;
