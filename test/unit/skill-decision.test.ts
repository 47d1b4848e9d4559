// A skill's decision is what its reward reads from an answer: answers with one decision on a task must earn one
// reward there, or the evaluation would call a policy a baseline's copy when it scores differently.
import { describe, expect, it } from 'vitest';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import { trivialBaselines } from '../../src/tasks/baselines.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
import type { TaskBase, TaskKind } from '../../src/tasks/types.ts';

/** The same answer in other words: layout, list bullets, quotes, a `./`, a trailing ramble after a review's verdict. */
function rewordings(answer: string): string[] {
  const lines = answer.split('\n');
  return [
    answer,
    `  ${answer}\n\n`,
    lines.map((l) => `- \`${l.startsWith('src/') ? `./${l}` : l}\``).join('\n'),
    `${answer}\n request changes\n  {};`,
    answer.replace('LINE:', 'LINE ='),
  ];
}

describe.each(['review', 'localization'] as TaskKind[])('%s decisions', (kind) => {
  it('one decision on a task, one reward', async () => {
    const sandbox = await createQuickJsSandbox();
    const skill = SKILLS[kind]!;
    const tasks: TaskBase[] = [];
    for (const level of [1, 3, 5] as const)
      tasks.push(...(await GENERATORS[kind]!({ split: 'test', n: 4, seed: 7, level, sandbox })));
    let groupsWithTwo = 0;
    for (const task of tasks) {
      const base = [
        skill.oracleAnswer(task),
        ...skill.negativeControls(task),
        ...trivialBaselines(task).map((b) => b.answer),
      ];
      const byDecision = new Map<string, number[]>();
      for (const answer of base.flatMap(rewordings)) {
        const d = skill.decision!(task, answer);
        if (d === null) continue;
        const r = (await skill.reward(task, answer, sandbox)).reward;
        byDecision.set(d, [...(byDecision.get(d) ?? []), r]);
      }
      for (const [d, rewards] of byDecision) {
        expect(new Set(rewards).size, `${task.id}: decision ${JSON.stringify(d)}`).toBe(1);
        if (rewards.length > 1) groupsWithTwo++;
      }
      expect(skill.decision!(task, skill.oracleAnswer(task))).not.toBeNull();
      expect(skill.decision!(task, '')).toBeNull();
    }
    expect(groupsWithTwo).toBeGreaterThan(tasks.length);
    sandbox.dispose?.();
  }, 120_000);
});
