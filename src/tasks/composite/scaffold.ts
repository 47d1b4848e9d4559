// The composed form of each composite kind, as DATA: the atomic-skill calls a scaffold makes, in order, and how
// each step's prompt fields are built from the task's public fields and earlier steps' answers. An eval scaffold
// (src/eval) walks these steps; `resolveStep` below is the one shared way to build a step's inputs.
import type { AtomicSkill, CompositeKind, PromptFit } from '../types.ts';
import { EDIT_FORMAT } from '../skills/edits.ts';
import { TEST_API_NOTE } from '../skills/prompt.ts';
import { parsePaths } from '../skills/localization.ts';
import { renderSymbolIndex, resolvePath, symbolIndex } from '../skills/symbols.ts';
import { fileListing, type FileListing } from './prompt.ts';
import { firstFitting } from '../skills/fit.ts';
import type { CompositeTask } from './types.ts';

/** Where a step input comes from. Task sources name public fields only; `hidden` is unreachable by construction. */
export type InputSource =
  | { from: 'task'; field: 'statement' | 'goal' | 'repo' | 'tree' | 'symbols' }
  | { from: 'step'; step: string }
  | { from: 'files-of-step'; step: string }
  | { from: 'text'; text: string };

export interface ScaffoldStep {
  /** Step name, unique within the scaffold; later steps refer to it. */
  id: 'reproduce' | 'characterize' | 'localize' | 'edit' | 'verify' | 'review';
  /** The atomic skill asked, or 'run' for a sandbox run the scaffold does itself (no model call). */
  skill: AtomicSkill | 'run';
  /** The atomic skill's prompt fields, by name. */
  inputs: Record<string, InputSource>;
  /** What the step's answer is, for the next steps. */
  produces: 'test-file' | 'file-list' | 'edit-blocks' | 'run-result' | 'verdict';
  /**
   * When this step fails (a test that does not fail, a failing verify, a review asking for changes): go back to
   * `retry`.
   */
  onFailure?: { retry: ScaffoldStep['id']; maxRetries: number };
}

export interface Scaffold {
  kind: CompositeKind;
  steps: readonly ScaffoldStep[];
  /** The step whose answer is the final answer rewarded by the composite task. */
  answerFrom: ScaffoldStep['id'];
}

const statement: InputSource = { from: 'task', field: 'statement' };
const repo: InputSource = { from: 'task', field: 'repo' };
const tree: InputSource = { from: 'task', field: 'tree' };
const symbols: InputSource = { from: 'task', field: 'symbols' };

const localize: ScaffoldStep = {
  id: 'localize',
  skill: 'localization',
  inputs: { tree, symbols, issue: statement },
  produces: 'file-list',
};
const edit = (instruction: InputSource, extra: Record<string, InputSource> = {}): ScaffoldStep => ({
  id: 'edit',
  skill: 'editing',
  inputs: { files: { from: 'files-of-step', step: 'localize' }, instruction, ...extra },
  produces: 'edit-blocks',
});
const verify = (testsFrom: ScaffoldStep['id']): ScaffoldStep => ({
  id: 'verify',
  skill: 'run',
  inputs: { edits: { from: 'step', step: 'edit' }, extraTest: { from: 'step', step: testsFrom } },
  produces: 'run-result',
  onFailure: { retry: 'edit', maxRetries: 2 },
});
const review: ScaffoldStep = {
  id: 'review',
  skill: 'review',
  inputs: { diff: { from: 'step', step: 'edit' }, context: statement },
  produces: 'verdict',
  onFailure: { retry: 'edit', maxRetries: 1 },
};
const reproduce = (hint: string): ScaffoldStep => ({
  id: 'reproduce',
  skill: 'reproduction',
  inputs: { issue: statement, repo, hint: { from: 'text', text: hint } },
  produces: 'test-file',
  onFailure: { retry: 'reproduce', maxRetries: 1 },
});

export const SCAFFOLDS: Record<CompositeKind, Scaffold> = {
  'bug-fixing': {
    kind: 'bug-fixing',
    steps: [
      reproduce('Write a test that fails because of this bug.'),
      localize,
      edit(statement, { failingTest: { from: 'step', step: 'reproduce' } }),
      verify('reproduce'),
      review,
    ],
    answerFrom: 'edit',
  },
  'security-fix': {
    kind: 'security-fix',
    steps: [
      reproduce(
        'Write a test that tries the exploit and asserts the safe behaviour, so it fails while the hole is open.',
      ),
      localize,
      edit(statement, { exploitTest: { from: 'step', step: 'reproduce' } }),
      verify('reproduce'),
      review,
    ],
    answerFrom: 'edit',
  },
  feature: {
    kind: 'feature',
    steps: [
      { id: 'characterize', skill: 'test-generation', inputs: { spec: statement, repo }, produces: 'test-file' },
      localize,
      edit(statement, { tests: { from: 'step', step: 'characterize' } }),
      verify('characterize'),
      review,
    ],
    answerFrom: 'edit',
  },
  refactoring: {
    kind: 'refactoring',
    steps: [
      // Characterisation tests first: they pin today's behaviour so the edit can be verified against it.
      {
        id: 'characterize',
        skill: 'test-generation',
        inputs: { spec: { from: 'text', text: 'Pin the current behaviour of these modules.' }, repo },
        produces: 'test-file',
      },
      localize,
      edit(statement, { goal: { from: 'task', field: 'goal' } }),
      verify('characterize'),
      review,
    ],
    answerFrom: 'edit',
  },
  'ml-engineering': {
    kind: 'ml-engineering',
    steps: [
      reproduce('Write a test that computes the metric on generated data and asserts the target.'),
      localize,
      edit(statement, { metricTest: { from: 'step', step: 'reproduce' } }),
      verify('reproduce'),
      review,
    ],
    answerFrom: 'edit',
  },
};

/** Answers of earlier steps, by step id; a file-list answer is newline- or comma-separated paths. */
export type StepAnswers = Partial<Record<ScaffoldStep['id'], string>>;

/** Builds one step's input fields from the task's public fields and earlier answers; a file listing (the repo, the
 * localized files) without the contents of its first `dropped` files in its drop order (composite/prompt.ts). */
export function resolveStep(
  step: ScaffoldStep,
  task: CompositeTask,
  answers: StepAnswers,
  dropped = 0,
): Record<string, string> {
  return inputTexts(resolveInputs(step, task, answers), dropped);
}

type StepInputs = Record<string, string | FileListing>;

const inputTexts = (inputs: StepInputs, dropped: number): Record<string, string> =>
  Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, typeof v === 'string' ? v : v.render(dropped)]));

function resolveInputs(step: ScaffoldStep, task: CompositeTask, answers: StepAnswers): StepInputs {
  const out: StepInputs = {};
  for (const [name, source] of Object.entries(step.inputs)) {
    if (source.from === 'text') out[name] = source.text;
    else if (source.from === 'task') {
      if (source.field === 'statement') out[name] = task.statement;
      else if (source.field === 'goal') out[name] = task.goal ? JSON.stringify(task.goal) : '';
      else if (source.field === 'tree') out[name] = Object.keys(task.repo.files).sort().join('\n');
      else if (source.field === 'symbols')
        out[name] = renderSymbolIndex(symbolIndex(task.repo.files), Object.keys(task.repo.files));
      else out[name] = fileListing(task.repo.files, task.statement);
    } else if (source.from === 'step') {
      const answer = answers[source.step as ScaffoldStep['id']];
      if (answer === undefined)
        throw new Error(`scaffold ${task.skill}: step '${step.id}' needs the answer of '${source.step}' first`);
      out[name] = answer;
    } else {
      const answer = answers[source.step as ScaffoldStep['id']];
      if (answer === undefined)
        throw new Error(`scaffold ${task.skill}: step '${step.id}' needs the file list of '${source.step}' first`);
      const known = Object.keys(task.repo.files);
      const wanted = (parsePaths(answer) ?? []).flatMap((p) => resolvePath(p, known) ?? []);
      const files = Object.fromEntries(wanted.map((p) => [p, task.repo.files[p]]));
      out[name] = fileListing(files, task.statement);
    }
  }
  return out;
}

/** The words around a step's inputs: what the step asks and the answer format (the atomic skills' formats). */
export const STEP_TEXT: Record<Exclude<ScaffoldStep['id'], 'verify'>, { intro: string; answer: string }> = {
  reproduce: {
    intro:
      'Write a test that reproduces this problem: it must fail on the code as it is ' +
      'and pass once the problem is fixed.',
    answer: `Your file is saved as test/repro.test.js. ${TEST_API_NOTE}\nAnswer with the test file only.`,
  },
  characterize: {
    intro: 'Write unit tests that pin down how this code must behave.',
    answer: `Your file is saved as test/characterize.test.js. ${TEST_API_NOTE}\nAnswer with the test file only.`,
  },
  localize: {
    intro: 'Find the file(s) that must be changed for this request in a JavaScript repository.',
    answer:
      'Answer with the file paths to change, one per line (no test files); a line may be `name:file` as in symbols.',
  },
  edit: { intro: 'Change the code to carry out this request.', answer: EDIT_FORMAT },
  review: {
    intro: 'Review this change against the request below.',
    answer:
      'Answer "VERDICT: approve" if the change is right, else "VERDICT: request changes" and on the next line "LINE: <the faulty line>".',
  },
};

/** The prompt a scaffold sends for a model step: intro, each input as a labelled section, answer format. */
export function renderStep(
  step: ScaffoldStep,
  task: CompositeTask,
  answers: StepAnswers,
  fit?: PromptFit,
): string | null {
  if (step.id === 'verify') return null; // a sandbox run, no model call
  const text = STEP_TEXT[step.id];
  // To fit the context, a listing sheds file contents (skills/fit.ts); a step has at most one listing.
  const inputs = resolveInputs(step, task, answers);
  const listings = Object.values(inputs).filter((v) => typeof v !== 'string');
  const render = (dropped: number) => {
    const sections = Object.entries(inputTexts(inputs, dropped)).filter(([, v]) => v.trim() !== '');
    return [text.intro, ...sections.map(([name, v]) => `${name}:\n${v}`), text.answer].join('\n\n');
  };
  return firstFitting(Math.max(0, ...listings.map((l) => l.count)) + 1, render, fit);
}
