// The composed run of a composite task, step by step: which steps run, when they retry, what the final answer is.
// The policy here is scripted (it answers each scaffold step from the task's reference), because what is under test
// is the scaffold walk itself; the real sampler runs the same walk in eval-e2e.test.ts. Sandbox and rewards are real.
import { beforeAll, describe, expect, it } from 'vitest';
import { runComposed } from '../../src/eval/scaffold-run.ts';
import { score } from '../../src/eval/evaluate.ts';
import type { Policy, SampleOptions } from '../../src/eval/types.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { STEP_TEXT } from '../../src/tasks/composite/scaffold.ts';
import type { CompositeTask } from '../../src/tasks/composite/types.ts';
import { GENERATORS } from '../../src/tasks/registry.ts';

let sandbox: Sandbox;
let task: CompositeTask;
beforeAll(async () => {
  sandbox = await createQuickJsSandbox();
  task = (await GENERATORS['bug-fixing']!({ split: 'test', n: 1, seed: 3, level: 1, sandbox }))[0] as CompositeTask;
});

const PASSING_TEST = "it('holds', () => {\n  expect(1).toBe(1);\n});\n";

/** Answers each step from the task's reference; `review` is what the review step says. */
function scripted(review: string): Policy & { calls: string[] } {
  const calls: string[] = [];
  return {
    name: 'scripted',
    calls,
    async answer(prompts: readonly string[], opts: SampleOptions) {
      return prompts.map((p) => {
        const id = (Object.keys(STEP_TEXT) as (keyof typeof STEP_TEXT)[]).find((k) => p.startsWith(STEP_TEXT[k].intro));
        if (!id) throw new Error(`not a scaffold prompt: ${p.slice(0, 60)}`);
        calls.push(id);
        const answer = {
          reproduce: PASSING_TEST,
          characterize: PASSING_TEST,
          localize: task.hidden.changedFiles.join('\n'),
          edit: task.hidden.oracle,
          review,
        }[id];
        return Array.from({ length: opts.k }, () => answer);
      });
    },
  };
}

describe('composed scaffold run', () => {
  it('walks reproduce → localize → edit → verify → review; a passing repro is retried once', async () => {
    const policy = scripted('VERDICT: approve');
    const [run] = await runComposed([task], policy, sandbox, { temperature: 1, seed: 1, maxNewTokens: 64 });
    expect(run.trace).toEqual([
      'reproduce:passes',
      'reproduce:passes',
      'localize',
      'edit',
      'verify:pass',
      'review:approve',
    ]);
    expect(run.modelCalls).toBe(5);
    expect(run.answer).toBe(task.hidden.oracle);
    expect((await score(task, run.answer, sandbox)).reward).toBe(1);
  });

  it('a review asking for changes sends the edit back once; greedy decoding makes no retries', async () => {
    const policy = scripted('VERDICT: request changes\nLINE: 1');
    const [run] = await runComposed([task], policy, sandbox, { temperature: 1, seed: 1, maxNewTokens: 64 });
    expect(run.trace.filter((s) => s === 'review:request-changes')).toHaveLength(2);
    expect(run.trace.filter((s) => s === 'edit')).toHaveLength(2);
    expect(policy.calls).toEqual(['reproduce', 'reproduce', 'localize', 'edit', 'review', 'edit', 'review']);
    const greedy = scripted('VERDICT: request changes');
    const [g] = await runComposed([task], greedy, sandbox, { temperature: 0, seed: 1, maxNewTokens: 64 });
    expect(greedy.calls).toEqual(['reproduce', 'localize', 'edit', 'review']);
    expect(g.answer).toBe(task.hidden.oracle);
  });

  it('an edit that does not apply fails verify and is retried up to twice', async () => {
    const policy = scripted('VERDICT: approve');
    const broken = {
      ...task,
      hidden: { ...task.hidden, oracle: 'src/nope.js\n<<<<<<< SEARCH\nx\n=======\ny\n>>>>>>> REPLACE' },
    };
    const orig = task;
    task = broken;
    try {
      const [run] = await runComposed([broken], policy, sandbox, { temperature: 1, seed: 1, maxNewTokens: 64 });
      expect(run.trace.filter((s) => s === 'verify:edit-did-not-apply')).toHaveLength(3);
      expect((await score(orig, run.answer, sandbox)).reward).toBe(0);
    } finally {
      task = orig;
    }
  });
});
