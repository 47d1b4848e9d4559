// Editing: a file + location + instruction → SEARCH/REPLACE blocks. Reward: the edit applies and every test
// passes: the task's own copies of the visible tests (restored after the edit) plus hidden tests the reward adds.
import type { FileMap, Sandbox } from '../../sandbox/types.ts';
import type { Mutation } from '../mutate/index.ts';
import type { GeneratorOptions } from '../registry.ts';
import type { PromptFit, RewardResult, SkillModule, TaskBase } from '../types.ts';
import { bugWorld, generateMany, symptomOf, withPromptChars } from '../generate/common.ts';
import { hiddenTests, visibleTests } from '../world/scenario.ts';
import { outcomeLiteral } from '../world/probe.ts';
import { actualLiteral } from '../world/issue.ts';
import { callText } from '../world/tests.ts';
import { isTestPath } from './answer.ts';
import { diffToEditBlock, EDIT_FORMAT, editBlockText, fileMapOf, LINE_EDIT_FORMAT } from './edits.ts';
import { spanEditBlock } from './edit-span.ts';
import { judgePatch } from './patch.ts';
import { fileBlock } from './prompt.ts';
import { firstFitting, lineWindow, WINDOW_MARGINS } from './fit.ts';
import { allPassed, GENERATION_LIMITS, REWARD_LIMITS, runTestFiles } from './run.ts';

export interface EditingTask extends TaskBase {
  skill: 'editing';
  /** The file to edit. */
  file: string;
  location: { fn: string; startLine: number; endLine: number };
  instruction: string;
  hidden: { fixedSource: string; mutation: Mutation; hiddenTests: FileMap; expectedTests: number };
}

function renderPrompt(task: EditingTask, fit?: PromptFit): string {
  return promptWith(task, EDIT_FORMAT, fit);
}

function promptWith(task: EditingTask, format: string, fit?: PromptFit): string {
  const { fn, startLine, endLine } = task.location;
  const source = task.repo.files[task.file];
  // To fit the context the file narrows to a window round the stated lines (variant 0 is the whole file).
  const shown = (v: number) => (v === 0 ? source : lineWindow(source, startLine, endLine, WINDOW_MARGINS[v - 1]));
  // The answer format first and the request last (see prompt.ts): the answer starts by copying the path and lines.
  const render = (v: number) =>
    [
      format,
      '',
      fileBlock(task.file, shown(v)),
      '',
      `Edit ${task.file}: fix function \`${fn}\` (lines ${startLine}-${endLine}).`,
      task.instruction,
    ].join('\n');
  return firstFitting(WINDOW_MARGINS.length + 1, render, fit);
}

/** The repo after the answer: edits applied, then every test file put back as the task has it, hidden tests added. */
export function withRestoredTests(task: TaskBase, edited: FileMap, hidden: FileMap): FileMap {
  const out = Object.create(null) as FileMap;
  for (const [p, c] of Object.entries(edited)) if (!isTestPath(p)) out[p] = c;
  for (const [p, c] of Object.entries(task.repo.files)) if (isTestPath(p)) out[p] = c;
  for (const [p, c] of Object.entries(hidden)) out[p] = c;
  return fileMapOf(out);
}

/** The time a whole repo's tests get: it grows with their number (up to ~150 at level 5), bounded by the pack check. */
export function editTimeMs(expectedTests: number): number {
  return Math.max(REWARD_LIMITS.timeMs, 2_000 + 25 * expectedTests);
}

/**
 * The editing reward: the shared patch judge (skills/patch.ts) with the task's own tests restored beside the hidden
 * ones.
 */
export function rewardEdit(
  task: TaskBase,
  answer: string,
  sandbox: Sandbox,
  hidden: FileMap,
  expectedTests: number,
): Promise<RewardResult> {
  return judgePatch(task, answer, sandbox, {
    tests: hidden,
    keepTaskTests: true,
    expectedTests,
    limits: { ...REWARD_LIMITS, timeMs: editTimeMs(expectedTests) },
  });
}

export const editingSkill: SkillModule<EditingTask> = {
  kind: 'editing',
  renderPrompt,
  reward: (task, answer, sandbox) =>
    rewardEdit(task, answer, sandbox, task.hidden.hiddenTests, task.hidden.expectedTests),
  oracleAnswer: (task) => spanEditBlock(task.file, task.repo.files[task.file], task.hidden.fixedSource),
  negativeControls: (task) => editNegatives(task, task.file, task.location.fn),
};

/** The demonstration as it was before span SEARCH blocks: whole lines, and the prompt's format text of then. */
export function lineDemonstration(task: EditingTask): { prompt: string; answer: string } {
  return {
    prompt: promptWith(task, LINE_EDIT_FORMAT),
    answer: diffToEditBlock(task.file, task.repo.files[task.file], task.hidden.fixedSource),
  };
}

/** Answers that must earn 0 on any edit-judged task: nothing, a miss, a no-op, test tampering, shadowing. */
export function editNegatives(task: TaskBase, file: string, fn: string): string[] {
  const lines = task.repo.files[file].split('\n');
  const decl =
    lines.find((l) => l.startsWith('export ') && new RegExp(`\\b${fn}\\b`).test(l)) ??
    lines.find((l) => lines.indexOf(l) === lines.lastIndexOf(l) && l.trim().length > 3) ??
    lines[0];
  const testFile = Object.keys(task.repo.files).filter(isTestPath).sort()[0];
  const block = editBlockText;
  const out = [
    '',
    block(file, 'this line does not exist in the file', 'return 42;'),
    block(file, decl, `${decl} // fixed`),
    // Tampering with the test API from a module: the sandbox's test API cannot be replaced, so tests still fail.
    block(
      file,
      decl,
      `globalThis.expect = () => ({ toBe() {}, toEqual() {}, toThrow() {} });\nglobalThis.it = globalThis.test = () => {};\n${decl}`,
    ),
    // A shadowing test file plus the unchanged bug: test files are restored and only the task's tests count.
    block('test/zz_shadow.test.js', '', "it('passes', () => { expect(1).toBe(1); });") +
      '\n' +
      block(file, decl, `${decl} // touched`),
  ];
  if (testFile) out.push(block(testFile, task.repo.files[testFile].split('\n')[0], '// disabled'));
  return out;
}

export function lineRange(source: string, fnSource: string): { startLine: number; endLine: number } {
  const at = source.indexOf(fnSource);
  const startLine = source.slice(0, Math.max(0, at)).split('\n').length;
  return { startLine, endLine: startLine + fnSource.split('\n').length - 1 };
}

export function generateEditing(opts: GeneratorOptions): Promise<EditingTask[]> {
  return generateMany('editing', opts, async (rng, level, id) => {
    const world = await bugWorld(rng, level, opts, opts.sandbox, { want: 1 });
    if (!world) return null;
    const bug = world.bugs[0];
    const s = symptomOf(world, bug, rng);
    const fnName = world.target.names.fn;
    const gives = 't' in s.actual ? 'an exception' : `\`${actualLiteral(s.actual)}\``;
    const instruction =
      level <= 3
        ? `\`${callText(s.fn, s.args)}\` should give \`${outcomeLiteral(s.expected)}\` but gives ${gives}. ` +
          `Make \`${fnName}\` match its documentation.`
        : `\`${fnName}\` does not always match its documentation (see the JSDoc). Make it correct without changing its signature.`;
    const visible = visibleTests(world.ex, (i) => !bug.killed.includes(i), level <= 2 ? 2 : 3, rng);
    const hidden = hiddenTests(world.ex);
    const buggyText = bug.buggySource;
    // The function's lines in the buggy file (the mutation may have removed lines).
    const fixedRange = lineRange(world.ex.sources[bug.file], world.target.source);
    const delta = buggyText.split('\n').length - world.ex.sources[bug.file].split('\n').length;
    const task: EditingTask = {
      id,
      skill: 'editing',
      level,
      split: opts.split,
      repo: { files: { ...world.ex.sources, [bug.file]: buggyText, ...visible } },
      file: bug.file,
      location: { fn: fnName, startLine: fixedRange.startLine, endLine: fixedRange.endLine + delta },
      instruction,
      hidden: {
        fixedSource: world.ex.sources[bug.file],
        mutation: bug.mutation,
        hiddenTests: hidden,
        expectedTests: 0,
      },
      meta: { source: 'procedural', family: world.family, seed: opts.seed, promptChars: 0 },
    };
    // Count the tests the fixed repo runs (and make sure they all pass there).
    const fixed = withRestoredTests(task, { ...task.repo.files, [bug.file]: world.ex.sources[bug.file] }, hidden);
    const run = await runTestFiles(
      opts.sandbox,
      fixed,
      Object.keys(fixed).filter(isTestPath).sort(),
      GENERATION_LIMITS,
    );
    if (!allPassed(run)) return null;
    task.hidden.expectedTests = run.passed;
    return withPromptChars(task, renderPrompt);
  });
}
