// A check the localization-transform tests share: the task after a transform is the same task.
import { expect } from 'vitest';
import type { Sandbox } from '../../src/sandbox/types.ts';
import { SKILLS } from '../../src/tasks/registry.ts';
import { isTestPath } from '../../src/tasks/skills/answer.ts';
import type { LocalizationTask } from '../../src/tasks/skills/localization.ts';

/** The task is unchanged in substance: same test outcomes in the sandbox, the oracle earns 1, a wrong file 0. */
export async function expectSameTask(
  sandbox: Sandbox,
  before: LocalizationTask,
  after: LocalizationTask,
): Promise<void> {
  const was = await sandbox.run(before.repo.files, { kind: 'tests' });
  const now = await sandbox.run(after.repo.files, { kind: 'tests' });
  expect(now.status, now.message).toBe('ok');
  expect(now.tests.map((t) => t.status)).toEqual(was.tests.map((t) => t.status));
  const skill = SKILLS.localization!;
  expect((await skill.reward(after, skill.oracleAnswer(after), sandbox)).reward).toBe(1);
  const wrong = Object.keys(after.repo.files).find((p) => !isTestPath(p) && !after.hidden.files.includes(p))!;
  expect((await skill.reward(after, wrong, sandbox)).reward).toBe(0);
}
