// A policy that has learnt a trivial baseline's answer (GRPO's always-approve review) is named as such in the report,
// whatever that answer scores: each task records how many sampled answers are a baseline's answer, whitespace aside.
import { describe, expect, it } from 'vitest';
import { evalMarkdown } from '../../src/eval/report.ts';
import { runEvaluation } from '../../src/eval/run.ts';
import type { Policy, SampleOptions } from '../../src/eval/types.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import { trivialBaselines } from '../../src/tasks/baselines.ts';
import { GENERATORS } from '../../src/tasks/registry.ts';
import type { ReviewTask } from '../../src/tasks/skills/review.ts';
import type { TaskBase } from '../../src/tasks/types.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';

/** Approves every change: two of three samples with the baseline's exact words, one in other words. */
const approver: Policy = {
  name: 'approver',
  async answer(prompts: readonly string[], opts: SampleOptions) {
    return prompts.map(() => ['VERDICT:  approve\n', 'VERDICT: approve', 'I approve.'].slice(0, opts.k));
  },
};

/** Approves exactly the clean changes (it is told which): the constant answer only where the constant is right. */
function discerning(clean: readonly boolean[]): Policy {
  return {
    name: 'discerning',
    async answer(prompts: readonly string[], opts: SampleOptions) {
      return prompts.map((_, i) =>
        Array.from({ length: opts.k }, () => (clean[i] ? 'VERDICT: approve' : 'VERDICT: request changes\nLINE: 2')),
      );
    },
  };
}

async function evaluate(policy: Policy, tasks: TaskBase[], sandbox: Sandbox) {
  return runEvaluation({
    policy,
    tasks,
    tasksLabel: `${tasks.length} review tasks`,
    sandbox,
    options: { k: 3, temperature: 1, seed: 0, maxNewTokens: 8, baselines: trivialBaselines, composed: false },
    baselinesName: 'trivial',
    templateName: 'none',
  });
}

describe('answers that are a trivial baseline', () => {
  it('are counted per task and named per kind, split by where the answer is right', async () => {
    const sandbox = await createQuickJsSandbox();
    const tasks = await GENERATORS.review!({ split: 'test', n: 6, seed: 2, level: 1, sandbox });
    const clean = tasks.map((t) => (t as ReviewTask).hidden.verdict === 'approve');
    const c = clean.filter(Boolean).length;
    const f = tasks.length - c;
    expect(c > 0 && f > 0).toBe(true);
    const approving = await evaluate(approver, tasks, sandbox);
    const telling = await evaluate(discerning(clean), tasks, sandbox);
    sandbox.dispose?.();
    for (const r of approving.results) expect(r.copied).toEqual({ 'always-approve': 2 });
    expect(evalMarkdown(approving)).toContain(
      "Sampled answers that are a trivial baseline's answer: review " +
        `${2 * (c + f)}/${3 * (c + f)} always-approve (${2 * c}/${3 * c} where it is right, ` +
        `${2 * f}/${3 * f} where it is wrong).`,
    );
    // The policy that tells clean from faulty gives the constant only where it is right.
    expect(evalMarkdown(telling)).toContain(
      `review ${3 * c}/${3 * (c + f)} always-approve ` +
        `(${3 * c}/${3 * c} where it is right, 0/${3 * f} where it is wrong)`,
    );
  }, 60_000);
});
