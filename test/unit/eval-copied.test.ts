// A policy that has learnt a trivial baseline's answer (GRPO's always-approve review) is named as such in the report,
// whatever that answer scores and in whatever words: each task records how many sampled answers make a baseline's
// decision (the answer as the skill's reward reads it).
import { describe, expect, it } from 'vitest';
import { recountDecisions } from '../../src/eval/evaluate.ts';
import { evalMarkdown } from '../../src/eval/report.ts';
import { runEvaluation } from '../../src/eval/run.ts';
import type { Policy, SampleOptions } from '../../src/eval/types.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import { trivialBaselines } from '../../src/tasks/baselines.ts';
import { GENERATORS } from '../../src/tasks/registry.ts';
import type { ReviewTask } from '../../src/tasks/skills/review.ts';
import type { TaskBase } from '../../src/tasks/types.ts';
import type { Sandbox } from '../../src/sandbox/types.ts';

/** Approves every change in two of three samples (the baseline's words, then other ones); the third is unreadable. */
const approver: Policy = {
  name: 'approver',
  async answer(prompts: readonly string[], opts: SampleOptions) {
    return prompts.map(() =>
      ['VERDICT:  approve\n', 'I approve.', 'VERDICT: approve or request changes'].slice(0, opts.k),
    );
  },
};

/** Asks for changes everywhere and then rambles without citing a line: what joint GRPO learnt at 60 updates. */
const rambler: Policy = {
  name: 'rambler',
  async answer(prompts: readonly string[], opts: SampleOptions) {
    return prompts.map(() => Array.from({ length: opts.k }, () => 'VERDICT: request changes\n request changes\n  {};'));
  },
};

/** Names the repository's last source file, in a list item with backticks and a `./`: the last-file baseline. */
function lastFiler(tasks: readonly TaskBase[]): Policy {
  return {
    name: 'last-filer',
    async answer(prompts: readonly string[], opts: SampleOptions) {
      return prompts.map((_, i) => {
        const files = Object.keys(tasks[i].repo.files)
          .filter((p) => !/\.test\.js$/.test(p))
          .sort();
        return Array.from({ length: opts.k }, () => `- \`./${files[files.length - 1]}\``);
      });
    },
  };
}

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
    const rambling = await evaluate(rambler, tasks, sandbox);
    sandbox.dispose?.();
    for (const r of approving.results) expect(r.copied).toEqual({ 'always-approve': 2 });
    for (const r of rambling.results) expect(r.copied).toEqual({ 'always-reject': 3 });
    // An evaluation kept from before (counts of exact answers, or none) is counted again from its kept answers.
    const stale = rambling.results.map(({ copied: _, ...r }) => r);
    expect(recountDecisions(stale, tasks, trivialBaselines)).toEqual(rambling.results);
    expect(evalMarkdown(approving)).toContain(
      "Sampled answers with a trivial baseline's decision: review " +
        `${2 * (c + f)}/${3 * (c + f)} always-approve (${2 * c}/${3 * c} where it is right, ` +
        `${2 * f}/${3 * f} where it is wrong).`,
    );
    // The policy that tells clean from faulty gives the constant only where it is right.
    expect(evalMarkdown(telling)).toContain(
      `review ${3 * c}/${3 * (c + f)} always-approve ` +
        `(${3 * c}/${3 * c} where it is right, 0/${3 * f} where it is wrong)`,
    );
  }, 60_000);

  it('are told by the files a localization answer names, however it writes them', async () => {
    const sandbox = await createQuickJsSandbox();
    const tasks = await GENERATORS.localization!({ split: 'test', n: 4, seed: 3, level: 1, sandbox });
    const r = await evaluate(lastFiler(tasks), tasks, sandbox);
    sandbox.dispose?.();
    for (const t of r.results) expect(t.copied?.['last-file']).toBe(3);
    expect(evalMarkdown(r)).toMatch(/localization 12\/12 last-file/);
  }, 60_000);
});
