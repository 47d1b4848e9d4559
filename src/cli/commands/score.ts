// `atomgym score --pack P --answers A [--json]`: rewards any model's answers on a pack. Answers are JSON lines
// {"id", "answer"}; a task without an answer scores 0 ('no-answer'); answers for unknown ids are reported.
import { boolFlag, stringFlag, type ParsedArgs } from '../args.ts';
import { createQuickJsSandbox } from '../../sandbox/index.ts';
import { SKILLS } from '../../tasks/registry.ts';
import { formatProblem, type PackProblem } from '../../tasks/pack.ts';
import { readInputFile, readPackFile } from '../files.ts';
import type { RewardResult } from '../../tasks/types.ts';

export function parseAnswers(text: string, file: string): { answers: Map<string, string>; problems: PackProblem[] } {
  const answers = new Map<string, string>();
  const problems: PackProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const line = i + 1;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      problems.push({ file, line, field: '(line)', message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` });
      return;
    }
    const v = value as { id?: unknown; answer?: unknown };
    if (typeof value !== 'object' || value === null) problems.push({ file, line, field: '(line)', message: 'expected an object {"id", "answer"}' });
    else if (typeof v.id !== 'string') problems.push({ file, line, field: 'id', message: 'expected a string' });
    else if (typeof v.answer !== 'string') problems.push({ file, line, field: 'answer', message: 'expected a string (the raw text the policy produced)' });
    else if (answers.has(v.id)) problems.push({ file, line, field: 'id', message: `duplicate answer for ${JSON.stringify(v.id)}` });
    else answers.set(v.id, v.answer);
  });
  return { answers, problems };
}

export async function run(args: ParsedArgs): Promise<number> {
  const packFile = stringFlag(args, 'pack');
  const answersFile = stringFlag(args, 'answers');
  const pack = await readPackFile(packFile);
  const { answers, problems } = parseAnswers(await readInputFile(answersFile, 'answers: JSONL, one {"id","answer"} per line'), answersFile);
  const sandbox = await createQuickJsSandbox();
  const results: Array<{ id: string; skill: string; level: number } & RewardResult> = [];
  for (const task of pack.tasks) {
    const answer = answers.get(task.id);
    let r: RewardResult;
    const skill = SKILLS[task.skill];
    if (answer === undefined) r = { reward: 0, partial: 0, status: 'no-answer', detail: 'no answer for this id' };
    else if (!skill) r = { reward: 0, partial: 0, status: 'no-skill', detail: `no skill module for ${task.skill}` };
    else {
      try {
        r = await skill.reward(task, answer, sandbox);
      } catch (e) {
        r = { reward: 0, partial: 0, status: 'reward-error', detail: e instanceof Error ? e.message : String(e) };
      }
    }
    results.push({ id: task.id, skill: task.skill, level: task.level, ...r });
  }
  const ids = new Set(pack.tasks.map((t) => t.id));
  const unknownIds = [...answers.keys()].filter((id) => !ids.has(id));
  const perSkill: Record<string, { n: number; reward: number; partial: number }> = {};
  for (const r of results) {
    const s = (perSkill[r.skill] ??= { n: 0, reward: 0, partial: 0 });
    s.n++;
    s.reward += r.reward;
    s.partial += r.partial;
  }
  for (const s of Object.values(perSkill)) {
    s.reward = s.n ? s.reward / s.n : 0;
    s.partial = s.n ? s.partial / s.n : 0;
  }
  const total = results.reduce((a, r) => a + r.reward, 0);
  const badLines = [...pack.problems, ...problems].map(formatProblem);
  const report = { pack: packFile, answers: answersFile, tasks: results.length, meanReward: results.length ? total / results.length : 0, perSkill, unknownIds, badLines, results };
  if (boolFlag(args, 'json')) console.log(JSON.stringify(report, null, 2));
  else {
    for (const [k, s] of Object.entries(perSkill)) console.log(`${k.padEnd(16)} n=${s.n} reward=${s.reward.toFixed(3)} partial=${s.partial.toFixed(3)}`);
    console.log(`mean reward ${report.meanReward.toFixed(3)} over ${results.length} tasks`);
    for (const id of unknownIds) console.log(`unknown id in answers: ${id}`);
    for (const b of badLines) console.log(`bad line: ${b}`);
  }
  sandbox.dispose?.();
  return badLines.length > 0 ? 1 : 0;
}
