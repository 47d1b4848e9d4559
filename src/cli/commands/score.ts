// `atomgym score --pack P --answers A [--json] [--jobs N]`: rewards any model's answers on a pack. Answers are
// JSON lines {"id", "answer"}; a task without an answer scores 0 ('no-answer'); answers for unknown ids are reported.
import { boolFlag, numberFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { availableParallelism } from 'node:os';
import { createNodeWorkerPool } from '../../sandbox/worker/node.ts';
import { SKILLS } from '../../tasks/registry.ts';
import { formatProblem, type PackProblem } from '../../tasks/pack.ts';
import { readInputFile, readPackFile } from '../files.ts';
import type { RewardResult } from '../../tasks/types.ts';
import { MAX_ANSWER_CHARS } from '../../tasks/skills/answer.ts';

/** Room for a 100,000-character answer with every character JSON-escaped. */
const MAX_ANSWER_LINE_CHARS = 8 * MAX_ANSWER_CHARS;

export function parseAnswers(text: string, file: string): { answers: Map<string, string>; problems: PackProblem[] } {
  const answers = new Map<string, string>();
  const problems: PackProblem[] = [];
  text.split('\n').forEach((raw, i) => {
    if (raw.trim() === '') return;
    const line = i + 1;
    // An answer longer than the screen's limit earns 0 unread; a line far past it is not even parsed.
    if (raw.length > MAX_ANSWER_LINE_CHARS) {
      problems.push({
        file,
        line,
        field: '(line)',
        message: `${raw.length} characters; an answer line may have at most ${MAX_ANSWER_LINE_CHARS}`,
      });
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      problems.push({
        file,
        line,
        field: '(line)',
        message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}`,
      });
      return;
    }
    const v = value as { id?: unknown; answer?: unknown };
    if (typeof value !== 'object' || value === null)
      problems.push({ file, line, field: '(line)', message: 'expected an object {"id", "answer"}' });
    else if (typeof v.id !== 'string') problems.push({ file, line, field: 'id', message: 'expected a string' });
    else if (typeof v.answer !== 'string')
      problems.push({ file, line, field: 'answer', message: 'expected a string (the raw text the policy produced)' });
    else if (answers.has(v.id))
      problems.push({ file, line, field: 'id', message: `duplicate answer for ${JSON.stringify(v.id)}` });
    else answers.set(v.id, v.answer);
  });
  return { answers, problems };
}

export async function run(args: ParsedArgs): Promise<number> {
  const packFile = stringFlag(args, 'pack');
  const answersFile = stringFlag(args, 'answers');
  const pack = await readPackFile(packFile);
  const answersText = await readInputFile(answersFile, 'answers: JSONL, one {"id","answer"} per line');
  const { answers, problems } = parseAnswers(answersText, answersFile);
  // Answers are untrusted: each run is in a worker that a watchdog terminates at its limit (plus a grace); tasks
  // are rewarded `--jobs` at a time (default: one per core, at most 4) over a pool of such workers.
  const jobs = args.flags.has('jobs') ? numberFlag(args, 'jobs') : Math.max(1, Math.min(4, availableParallelism()));
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 64) throw new UsageError('--jobs must be an integer 1..64');
  const sandbox = createNodeWorkerPool(jobs);
  const t0 = performance.now();
  const results = new Array<{ id: string; skill: string; level: number; ms: number } & RewardResult>(pack.tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    for (let i = next++; i < pack.tasks.length; i = next++) {
      const task = pack.tasks[i];
      const answer = answers.get(task.id);
      const skill = SKILLS[task.skill];
      const started = performance.now();
      let r: RewardResult;
      if (answer === undefined) r = { reward: 0, partial: 0, status: 'no-answer', detail: 'no answer for this id' };
      else if (!skill) r = { reward: 0, partial: 0, status: 'no-skill', detail: `no skill module for ${task.skill}` };
      else {
        try {
          r = await skill.reward(task, answer, sandbox);
        } catch (e) {
          r = { reward: 0, partial: 0, status: 'reward-error', detail: e instanceof Error ? e.message : String(e) };
        }
      }
      results[i] = {
        id: task.id,
        skill: task.skill,
        level: task.level,
        ms: Math.round(performance.now() - started),
        ...r,
      };
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  const seconds = Number(((performance.now() - t0) / 1000).toFixed(2));
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
  const slowest = results.reduce((a, r) => Math.max(a, r.ms), 0);
  const report = {
    pack: packFile,
    answers: answersFile,
    tasks: results.length,
    meanReward: results.length ? total / results.length : 0,
    seconds,
    jobs,
    slowestTaskMs: slowest,
    perSkill,
    unknownIds,
    badLines,
    results,
  };
  if (boolFlag(args, 'json')) console.log(JSON.stringify(report, null, 2));
  else {
    for (const [k, s] of Object.entries(perSkill))
      console.log(`${k.padEnd(16)} n=${s.n} reward=${s.reward.toFixed(3)} partial=${s.partial.toFixed(3)}`);
    console.log(
      `mean reward ${report.meanReward.toFixed(3)} over ${results.length} tasks in ${seconds}s (${jobs} at a time; slowest task ${slowest} ms)`,
    );
    for (const id of unknownIds) console.log(`unknown id in answers: ${id}`);
    for (const b of badLines) console.log(`bad line: ${b}`);
  }
  sandbox.dispose?.();
  return badLines.length > 0 ? 1 : 0;
}
