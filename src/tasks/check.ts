// `tasks check`: every task's oracle must earn 1 and each of its (at least two) negative controls 0.
import type { Sandbox } from '../sandbox/types.ts';
import type { RewardResult, SkillModule, TaskBase, TaskKind } from './types.ts';
import { SKILLS } from './registry.ts';

export interface CheckResult {
  id: string;
  skill: TaskKind;
  ok: boolean;
  oracle: RewardResult;
  negatives: RewardResult[];
  /** Why the task failed the check, when it did. */
  problems: string[];
}

export type SkillLookup = (kind: TaskKind) => SkillModule | undefined;

export async function checkTask(task: TaskBase, sandbox: Sandbox, skillOf: SkillLookup = (k) => SKILLS[k]): Promise<CheckResult> {
  const skill = skillOf(task.skill);
  const problems: string[] = [];
  const none: RewardResult = { reward: 0, partial: 0, status: 'no-skill', detail: `no skill module for ${task.skill}` };
  if (!skill) return { id: task.id, skill: task.skill, ok: false, oracle: none, negatives: [], problems: [none.detail] };
  const oracle = await skill.reward(task, skill.oracleAnswer(task), sandbox);
  if (oracle.reward !== 1) problems.push(`oracle earned 0 (${oracle.status}: ${oracle.detail})`);
  const controls = skill.negativeControls(task);
  if (controls.length < 2) problems.push(`only ${controls.length} negative control(s); at least 2 are required`);
  const negatives: RewardResult[] = [];
  for (const [i, answer] of controls.entries()) {
    const r = await skill.reward(task, answer, sandbox);
    negatives.push(r);
    if (r.reward !== 0) problems.push(`negative control #${i + 1} earned 1 (${r.status}: ${r.detail})`);
  }
  return { id: task.id, skill: task.skill, ok: problems.length === 0, oracle, negatives, problems };
}
