// Composite tasks composed through the atomic skills: walks each kind's scaffold (src/tasks/composite/scaffold.ts,
// reproduce → localize → edit → verify → review) with the policy answering every model step. Trajectories of
// many tasks advance together so model calls are batched. Only public task fields reach a step (renderStep cannot
// read `hidden`); the hidden tests are used once, by the composite reward of the final edit.
import type { Sandbox } from '../sandbox/types.ts';
import {
  SCAFFOLDS,
  renderStep,
  resolveStep,
  type Scaffold,
  type ScaffoldStep,
  type StepAnswers,
} from '../tasks/composite/scaffold.ts';
import type { CompositeTask } from '../tasks/composite/types.ts';
import { isTestFile } from '../tasks/composite/structure.ts';
import { applyEdits, parseEdits } from '../tasks/skills/edits.ts';
import { unfence } from '../tasks/skills/answer.ts';
import { allPassed, runTestFiles, someFailed } from '../tasks/skills/run.ts';
import type { Policy } from './types.ts';

export interface ComposeOptions {
  temperature: number;
  seed: number;
  maxNewTokens: number;
}

export interface ComposedRun {
  /** The final answer (the scaffold's `answerFrom` step), rewarded by the composite task. */
  answer: string;
  modelCalls: number;
  /** Steps as taken, e.g. "reproduce:fails localize edit verify:fail edit verify:pass review:approve". */
  trace: string[];
}

/** Where a test-writing step's file is saved (the path its prompt names, STEP_TEXT in scaffold.ts). */
const TEST_PATH: Partial<Record<ScaffoldStep['id'], string>> = {
  reproduce: 'test/repro.test.js',
  characterize: 'test/characterize.test.js',
};

interface Trajectory {
  task: CompositeTask;
  scaffold: Scaffold;
  pc: number;
  answers: StepAnswers;
  retries: Partial<Record<ScaffoldStep['id'], number>>;
  run: ComposedRun;
}

export async function runComposed(
  tasks: readonly CompositeTask[],
  policy: Policy,
  sandbox: Sandbox,
  opts: ComposeOptions,
): Promise<ComposedRun[]> {
  const trajectories: Trajectory[] = tasks.map((task) => {
    const scaffold = SCAFFOLDS[task.skill];
    if (!scaffold) throw new Error(`${task.id}: no scaffold for kind '${task.skill}'`);
    return { task, scaffold, pc: 0, answers: {}, retries: {}, run: { answer: '', modelCalls: 0, trace: [] } };
  });
  const live = () => trajectories.filter((t) => t.pc < t.scaffold.steps.length);
  // Greedy decoding answers an identical prompt identically, so a retry could not change anything: none are made.
  const canRetry = opts.temperature > 0;
  for (let round = 0; live().length > 0; round++) {
    if (round > 200)
      throw new Error('runComposed: scaffold did not finish within 200 rounds (a retry loop without a bound?)');
    const active = live();
    for (const t of active.filter((t) => step(t).skill === 'run')) await verify(t, sandbox, canRetry);
    const asking = active.filter((t) => t.pc < t.scaffold.steps.length && step(t).skill !== 'run');
    if (asking.length === 0) continue;
    const fit = policy.promptFit?.(opts.maxNewTokens);
    const prompts = asking.map((t) => renderStep(step(t), t.task, t.answers, fit) ?? '');
    const answers = await policy.answer(prompts, {
      temperature: opts.temperature,
      k: 1,
      seed: opts.seed + 7919 * round,
      maxNewTokens: opts.maxNewTokens,
    });
    for (let i = 0; i < asking.length; i++) {
      const t = asking[i];
      t.run.modelCalls++;
      await afterAnswer(t, answers[i][0] ?? '', sandbox, canRetry);
    }
  }
  return trajectories.map((t) => ({ ...t.run, answer: t.answers[t.scaffold.answerFrom] ?? '' }));
}

const step = (t: Trajectory): ScaffoldStep => t.scaffold.steps[t.pc];

/** Moves on, or back to the step's retry target while retries are left. */
function advance(t: Trajectory, ok: boolean, canRetry: boolean): void {
  const s = step(t);
  if (!ok && canRetry && s.onFailure) {
    const used = t.retries[s.id] ?? 0;
    if (used < s.onFailure.maxRetries) {
      t.retries[s.id] = used + 1;
      t.pc = t.scaffold.steps.findIndex((x) => x.id === s.onFailure!.retry);
      return;
    }
  }
  t.pc++;
}

async function afterAnswer(t: Trajectory, answer: string, sandbox: Sandbox, canRetry: boolean): Promise<void> {
  const s = step(t);
  t.answers[s.id] = answer;
  if (s.id === 'reproduce') {
    // A reproduction must fail on the code as it is; one that passes is retried.
    const path = TEST_PATH.reproduce!;
    const files = { ...t.task.repo.files, [path]: unfence(answer) };
    const fails = someFailed(await runTestFiles(sandbox, files, [path]));
    t.run.trace.push(`reproduce:${fails ? 'fails' : 'passes'}`);
    advance(t, fails, canRetry);
  } else if (s.id === 'review') {
    const approve = /VERDICT:\s*approve/i.test(answer);
    t.run.trace.push(`review:${approve ? 'approve' : 'request-changes'}`);
    advance(t, approve, canRetry);
  } else {
    t.run.trace.push(s.id);
    advance(t, true, canRetry);
  }
}

/** The scaffold's own check, on public files only: apply the edit, add the step's test, run every test file. */
async function verify(t: Trajectory, sandbox: Sandbox, canRetry: boolean): Promise<void> {
  const s = step(t);
  const inputs = resolveStep(s, t.task, t.answers);
  const source = s.inputs.extraTest?.from === 'step' ? (s.inputs.extraTest.step as ScaffoldStep['id']) : undefined;
  const testPath = source ? TEST_PATH[source] : undefined;
  let ok = false;
  const parsed = parseEdits(inputs.edits ?? '');
  const applied = parsed.ok ? applyEdits(t.task.repo.files, parsed.blocks) : undefined;
  if (applied?.ok) {
    const files = { ...applied.files };
    if (testPath && inputs.extraTest !== undefined) files[testPath] = unfence(inputs.extraTest);
    const tests = Object.keys(files).filter(isTestFile).sort();
    ok = tests.length > 0 && allPassed(await runTestFiles(sandbox, files, tests));
  }
  t.run.trace.push(`verify:${ok ? 'pass' : applied?.ok ? 'fail' : 'edit-did-not-apply'}`);
  advance(t, ok, canRetry);
}
