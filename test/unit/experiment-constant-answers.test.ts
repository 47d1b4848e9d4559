// The experiment names the arms whose answers to a kind mostly decide as one trivial baseline, split by the tasks
// where that baseline is right and where it is wrong, and stays silent below half of the samples.
import { describe, expect, it } from 'vitest';
import { constantAnswers } from '../../src/eval/experiment/constant-answers.ts';
import { experimentMarkdown, experimentResults, type ArmRun } from '../../src/eval/experiment/tables.ts';
import type { TaskResult } from '../../src/eval/types.ts';

/** A review task: clean (always-approve scores 1) or faulty; `copies` of its 3 samples decide as `as`. */
const review = (id: string, clean: boolean, as: Record<string, number>): TaskResult => ({
  id,
  kind: 'review',
  level: 1,
  sampled: [0, 0, 0].map((reward) => ({ reward, status: 'x' })),
  greedy: { reward: 0, status: 'x' },
  baselines: {
    'always-approve': { reward: clean ? 1 : 0, status: 'x' },
    'always-reject': { reward: 0, status: 'x' },
  },
  ...(Object.keys(as).length ? { copied: as } : {}),
});

const run = (arm: string, results: TaskResult[]): ArmRun => ({
  arm,
  mode: arm === 'base' ? 'sft' : 'joint',
  seed: 0,
  steps: 0,
  samples: 0,
  trainSeconds: 0,
  results,
});

describe('constant answers', () => {
  const rejecting = [
    review('a', true, { 'always-reject': 3 }),
    review('b', false, { 'always-reject': 2, 'always-approve': 1 }),
  ];
  const mixed = [review('a', true, { 'always-approve': 2 }), review('b', false, { 'always-reject': 1 })];

  it('picks the baseline most samples decide as, split by where it is right', () => {
    expect(constantAnswers('joint', rejecting, ['review'])).toEqual([
      {
        arm: 'joint',
        kind: 'review',
        baseline: 'always-reject',
        right: { copies: 0, samples: 0 },
        wrong: { copies: 5, samples: 6 },
      },
    ]);
    // 2 of 6 samples approve and 1 rejects: no baseline has half of them.
    expect(constantAnswers('base', mixed, ['review'])).toEqual([]);
  });

  it('is a section of the experiment report', () => {
    const res = experimentResults([run('base', mixed), run('joint', rejecting)]);
    const md = experimentMarkdown(res, 3).join('\n');
    expect(md).toContain('## Answers that decide as a trivial baseline');
    // always-reject is right on no task, so the line has no split (the same wording as an evaluation's report).
    expect(md).toContain('- joint: review 5/6 always-reject\n');
    expect(md).not.toContain('- base:');
  });
});
