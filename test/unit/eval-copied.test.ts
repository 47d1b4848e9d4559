// A policy that has learnt a trivial baseline's answer (GRPO's always-approve review) is named as such in the report,
// whatever that answer scores: each task records how many sampled answers are a baseline's answer, whitespace aside.
import { describe, expect, it } from 'vitest';
import { evalMarkdown } from '../../src/eval/report.ts';
import { runEvaluation } from '../../src/eval/run.ts';
import type { Policy, SampleOptions } from '../../src/eval/types.ts';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import { trivialBaselines } from '../../src/tasks/baselines.ts';
import { GENERATORS } from '../../src/tasks/registry.ts';

/** Approves every change: two of three samples with the baseline's exact words, one in other words. */
const approver: Policy = {
  name: 'approver',
  async answer(prompts: readonly string[], opts: SampleOptions) {
    return prompts.map(() => ['VERDICT:  approve\n', 'VERDICT: approve', 'I approve.'].slice(0, opts.k));
  },
};

describe('answers that are a trivial baseline', () => {
  it('are counted per task and named per kind in the markdown', async () => {
    const sandbox = await createQuickJsSandbox();
    const tasks = await GENERATORS.review!({ split: 'test', n: 4, seed: 2, level: 1, sandbox });
    const report = await runEvaluation({
      policy: approver,
      tasks,
      tasksLabel: '4 review tasks',
      sandbox,
      options: { k: 3, temperature: 1, seed: 0, maxNewTokens: 8, baselines: trivialBaselines, composed: false },
      baselinesName: 'trivial',
      templateName: 'none',
    });
    sandbox.dispose?.();
    for (const r of report.results) expect(r.copied).toEqual({ 'always-approve': 2 });
    expect(evalMarkdown(report)).toContain(
      "Sampled answers that are a trivial baseline's answer: review 8/12 always-approve.",
    );
  }, 60_000);
});
