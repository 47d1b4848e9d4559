// `tasks check`: every task's oracle must earn 1, each of its (at least two) negative controls 0, and each hostile
// probe (answers naming inherited object members, markers without content, …) 0 with a status. A reward function
// that throws on any of them is reported, never allowed to stop the check.
import type { Sandbox } from '../sandbox/types.ts';
import type { RewardResult, SkillModule, TaskBase, TaskKind } from './types.ts';
import { SKILLS } from './registry.ts';
import { editBlockText } from './skills/edits.ts';

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

const MEMBERS = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
  'prototype',
  'length',
];
const block = editBlockText;

/**
 * Answers that must earn 0 with a status on every task of every kind. Each names inherited object members where
 * the answer format has names (files to edit or create, paths to localize, lines to cite, modules to import).
 */
export const HOSTILE_PROBES: readonly string[] = [
  MEMBERS.map((m) => block(m, '', 'x')).join('\n'),
  MEMBERS.map((m) => block(m, 'return', 'return 0')).join('\n'),
  block('__proto__/a.js', '', 'export {};') + '\n' + block('constructor/b.js', 'x', 'y'),
  MEMBERS.join('\n'),
  `VERDICT: request changes\nLINE: ${MEMBERS.join(' ')}`,
  `import * as m from './constructor';\nimport * as p from './__proto__';\nit('x', () => { expect(typeof m).toBe('object'); });`,
  '<<<<<<< SEARCH\n=======\n>>>>>>> REPLACE',
];

/** A reward that cannot throw: a throw becomes reward 0 with status 'reward-threw' and a problem for the check. */
async function guardedReward(
  skill: SkillModule,
  task: TaskBase,
  answer: string,
  sandbox: Sandbox,
  what: string,
  problems: string[],
): Promise<RewardResult> {
  try {
    const r = await skill.reward(task, answer, sandbox);
    if (!r || (r.reward !== 0 && r.reward !== 1) || typeof r.status !== 'string')
      throw new Error(`returned ${JSON.stringify(r)?.slice(0, 120)}`);
    return r;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    problems.push(`the reward function threw on ${what}: ${message}`);
    return { reward: 0, partial: 0, status: 'reward-threw', detail: message };
  }
}

function answersOf(f: () => string | string[], what: string, problems: string[]): string[] {
  try {
    const a = f();
    return Array.isArray(a) ? a : [a];
  } catch (e) {
    problems.push(`${what} threw: ${e instanceof Error ? e.message : String(e)}`);
    return [];
  }
}

export async function checkTask(
  task: TaskBase,
  sandbox: Sandbox,
  skillOf: SkillLookup = (k) => SKILLS[k],
): Promise<CheckResult> {
  const skill = skillOf(task.skill);
  const problems: string[] = [];
  const none: RewardResult = { reward: 0, partial: 0, status: 'no-skill', detail: `no skill module for ${task.skill}` };
  if (!skill)
    return { id: task.id, skill: task.skill, ok: false, oracle: none, negatives: [], problems: [none.detail] };
  const [oracleAnswer] = answersOf(() => skill.oracleAnswer(task), 'the oracle answer', problems);
  const oracle =
    oracleAnswer === undefined
      ? none
      : await guardedReward(skill, task, oracleAnswer, sandbox, 'the oracle answer', problems);
  if (oracle.reward !== 1) problems.push(`oracle earned 0 (${oracle.status}: ${oracle.detail})`);
  const controls = answersOf(() => skill.negativeControls(task), 'the negative controls', problems);
  if (controls.length < 2) problems.push(`only ${controls.length} negative control(s); at least 2 are required`);
  const negatives: RewardResult[] = [];
  for (const [i, answer] of controls.entries()) {
    const r = await guardedReward(skill, task, answer, sandbox, `negative control #${i + 1}`, problems);
    negatives.push(r);
    if (r.reward !== 0) problems.push(`negative control #${i + 1} earned 1 (${r.status}: ${r.detail})`);
  }
  for (const [i, answer] of HOSTILE_PROBES.entries()) {
    const r = await guardedReward(skill, task, answer, sandbox, `hostile probe #${i + 1}`, problems);
    if (r.reward !== 0) problems.push(`hostile probe #${i + 1} earned 1 (${r.status}: ${r.detail})`);
  }
  return { id: task.id, skill: task.skill, ok: problems.length === 0, oracle, negatives, problems };
}
