// Code review: a diff (a refactor of one function) + context → verdict and, for a faulty change, the line.
// Half the tasks are clean refactors (approve), half carry an injected, observable bug (request changes + line).
import type { Sandbox } from '../../sandbox/types.ts';
import type { Mutation } from '../mutate/index.ts';
import type { GeneratorOptions } from '../registry.ts';
import type { PromptFit, RewardResult, SkillModule, TaskBase } from '../types.ts';
import { firstFitting } from './fit.ts';
import { bugWorld, generateMany, withPromptChars } from '../generate/common.ts';
import { unifiedDiff } from '../world/diff.ts';
import { refactorFunction } from '../world/refactor.ts';
import { findBugs, visibleTests } from '../world/scenario.ts';
import { screenAnswer, unfence, zero } from './answer.ts';
import { stripChars } from './edits.ts';

export type Verdict = 'approve' | 'request-changes';

export interface ReviewTask extends TaskBase {
  skill: 'review';
  file: string;
  fn: string;
  diff: string;
  /** The new file with line numbers (levels 3–5), so lines can be cited. */
  context: string;
  hidden: { verdict: Verdict; line: number | null; lineText: string | null; mutation: Mutation | null };
}

function renderPrompt(task: ReviewTask, fit?: PromptFit): string {
  // To fit the context the new file's listing goes (variant 1); the diff itself is what is reviewed and stays.
  const render = (v: number) =>
    [
      `Review this change to ${task.file}. It is meant to refactor \`${task.fn}\` without changing behaviour.`,
      '',
      '```diff',
      task.diff,
      '```',
      ...(task.context && v === 0 ? ['', `New ${task.file}:`, '```', task.context, '```'] : []),
      '',
      'Answer "VERDICT: approve" if behaviour is unchanged, else "VERDICT: request changes" and on the next line',
      '"LINE: <number in the new file, or the exact faulty line>".',
    ].join('\n');
  return firstFitting(task.context ? 2 : 1, render, fit);
}

export function parseReview(text: string): { verdict: Verdict; line: string | null } | null {
  const body = unfence(text);
  const labelled = /verdict[ \t]*[:=-][ \t]*([^\n]*)/i.exec(body);
  const scope = labelled ? labelled[1] : body;
  const approve = /\b(approve|approved|lgtm)\b/i.test(scope);
  const reject = /\b(request[\s_-]*changes?|reject(ed)?|changes requested)\b/i.test(scope);
  if (approve === reject) return null;
  return { verdict: approve ? 'approve' : 'request-changes', line: citedLine(body) };
}

/** The value of the first "LINE: …" line (separator optional), read line by line: linear in the answer. */
function citedLine(body: string): string | null {
  for (const raw of body.split('\n')) {
    const t = raw.trimStart();
    if (t.length < 4 || t.slice(0, 4).toLowerCase() !== 'line') continue;
    let rest = t.slice(4).trimStart();
    if (rest[0] === ':' || rest[0] === '=' || rest[0] === '-') rest = rest.slice(1);
    rest = rest.trim();
    if (rest) return rest;
  }
  return null;
}

function lineMatches(task: ReviewTask, cited: string | null): boolean {
  if (cited === null || task.hidden.line === null) return false;
  const c = stripChars(cited, '`\'"').trim();
  // A line number, alone or followed by anything ("12", "L12", "12: off by one", "12| <code>"): code never starts with
  // a digit.
  const n = /^(?:l|line\s*)?(\d+)\b/i.exec(c);
  if (n) return Number(n[1]) === task.hidden.line;
  // Otherwise the exact text of the line (a leading diff "+" is allowed).
  const text = (c.startsWith('+') ? c.slice(1) : c).trim();
  return text.length > 0 && text === task.hidden.lineText;
}

/** The verdict, and for a request for changes the cited line as `lineMatches` reads it (an approval's is unread). */
function decision(_task: ReviewTask, answer: string): string | null {
  const screened = screenAnswer(answer);
  const parsed = screened.ok ? parseReview(screened.text) : null;
  if (!parsed) return null;
  if (parsed.verdict === 'approve') return 'approve';
  return parsed.line === null ? 'request-changes' : `request-changes @ ${stripChars(parsed.line, '`\'"').trim()}`;
}

async function reward(task: ReviewTask, answer: string, _sandbox: Sandbox): Promise<RewardResult> {
  const screened = screenAnswer(answer);
  if (!screened.ok) return screened.result;
  const parsed = parseReview(screened.text);
  if (!parsed) return zero('parse-error', 'no unambiguous VERDICT (approve / request changes) in the answer');
  const verdictCorrect = parsed.verdict === task.hidden.verdict;
  const lineCorrect =
    task.hidden.verdict === 'approve' ? verdictCorrect : verdictCorrect && lineMatches(task, parsed.line);
  const metrics = { verdictCorrect: verdictCorrect ? 1 : 0, lineCorrect: lineCorrect ? 1 : 0 };
  if (verdictCorrect && lineCorrect)
    return {
      reward: 1,
      partial: 1,
      status: 'ok',
      detail:
        task.hidden.verdict === 'approve' ? 'approved a clean change' : `found the faulty line ${task.hidden.line}`,
      metrics,
    };
  if (!verdictCorrect)
    return zero('wrong-verdict', `verdict ${parsed.verdict}, expected ${task.hidden.verdict}`, 0, metrics);
  return zero(
    'wrong-line',
    parsed.line === null ? 'no LINE given' : `line ${JSON.stringify(parsed.line.slice(0, 80))} is not the faulty one`,
    0.5,
    metrics,
  );
}

export const reviewSkill: SkillModule<ReviewTask> = {
  kind: 'review',
  renderPrompt,
  reward,
  decision,
  // Without a numbered file (levels 1–2) the faulty line is cited by its text, copied from the diff: what a small
  // policy can do without counting lines from a hunk header. With one, by number.
  oracleAnswer: (task) =>
    task.hidden.verdict === 'approve'
      ? 'VERDICT: approve'
      : `VERDICT: request changes\nLINE: ${task.context ? task.hidden.line : task.hidden.lineText}`,
  negativeControls: (task) => {
    const changed = task.diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++')).length;
    const otherLine = task.hidden.line === null ? 1 : task.hidden.line === 1 ? 2 : task.hidden.line - 1;
    return task.hidden.verdict === 'approve'
      ? ['', `VERDICT: request changes\nLINE: ${changed > 0 ? otherLine : 1}`, 'VERDICT: approve or request changes']
      : ['', 'VERDICT: approve', `VERDICT: request changes\nLINE: ${otherLine}`, 'VERDICT: request changes'];
  },
};

const numbered = (text: string) =>
  text
    .trimEnd()
    .split('\n')
    .map((l, i) => `${String(i + 1).padStart(3)}| ${l}`)
    .join('\n');

export function generateReview(opts: GeneratorOptions): Promise<ReviewTask[]> {
  return generateMany('review', opts, async (rng, level, id, index) => {
    const buggy = index % 2 === 1;
    const world = await bugWorld(rng, level, opts, opts.sandbox, { want: 0 });
    if (!world || world.target.isHelper) return null;
    const refactor = await refactorFunction(world.ex, world.target, rng, opts.sandbox);
    if (!refactor) return null;
    let newSource = refactor.moduleSource;
    let mutation: Mutation | null = null;
    if (buggy) {
      const bugs = await findBugs(world.ex, { ...world.target, source: refactor.functionSource }, rng, opts.sandbox, {
        want: 1,
        singleLine: true,
        sourceOverride: refactor.moduleSource,
      });
      if (bugs.length === 0) return null;
      mutation = bugs[0].mutation;
      newSource = bugs[0].buggySource;
    }
    const file = world.target.file;
    const lineText = mutation ? newSource.split('\n')[mutation.line - 1].trim() : null;
    const visible = visibleTests(world.ex, () => true, level <= 2 ? 2 : 3, rng);
    const task: ReviewTask = {
      id,
      skill: 'review',
      level,
      split: opts.split,
      repo: { files: { ...world.ex.sources, [file]: newSource, ...visible } },
      file,
      fn: world.target.names.fn,
      diff: unifiedDiff(file, world.ex.sources[file], newSource),
      context: level >= 3 ? numbered(newSource) : '',
      hidden: {
        verdict: buggy ? 'request-changes' : 'approve',
        line: mutation ? mutation.line : null,
        lineText,
        mutation,
      },
      meta: { source: 'procedural', family: world.family, seed: opts.seed, promptChars: 0 },
    };
    return withPromptChars(task, renderPrompt);
  });
}
