// The hostile-answer catalogue (test/fixtures/hostile-answers.ts) against one task of every kind, through the
// worker sandboxes that `score` and `tasks check` use: every attack earns 0 with a status, none crashes the scorer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createQuickJsSandbox } from '../../src/sandbox/index.ts';
import { createNodeWorkerPool } from '../../src/sandbox/worker/node.ts';
import { GENERATORS, SKILLS } from '../../src/tasks/registry.ts';
import type { TaskBase, TaskKind } from '../../src/tasks/types.ts';
import { hostileAnswer } from '../fixtures/hostile-answers.ts';

const KINDS: TaskKind[] = [
  'localization',
  'editing',
  'test-generation',
  'reproduction',
  'review',
  'bug-fixing',
  'refactoring',
  'security-fix',
  'feature',
  'ml-engineering',
];
const tasks: TaskBase[] = [];
const pool = createNodeWorkerPool(2);
afterAll(() => pool.dispose());

beforeAll(async () => {
  const sandbox = await createQuickJsSandbox();
  for (const kind of KINDS)
    tasks.push(...(await GENERATORS[kind]!({ split: 'train', n: 1, seed: 21, level: 1, sandbox })));
}, 300_000);

describe('hostile answers', () => {
  it('every attack in the catalogue, on a task of each kind in turn, earns 0 with a status and no crash', async () => {
    const seen = new Set<string>();
    // 22 attacks: index i picks attack i and kind i mod 10, so every attack meets some kind.
    await Promise.all(
      Array.from({ length: 22 }, async (_, i) => {
        const task = tasks[i % tasks.length];
        const { attack, answer } = hostileAnswer(task, i);
        seen.add(attack);
        const r = await SKILLS[task.skill]!.reward(task, answer, pool);
        expect(r.reward, `${task.skill}/${attack}: ${r.detail}`).toBe(0);
        expect(r.status, `${task.skill}/${attack}`).not.toMatch(/crash|threw|reward-error|sandbox-error/);
      }),
    );
    expect(seen.size).toBe(22);
  }, 600_000);
});
