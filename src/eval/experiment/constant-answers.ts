// Which arms answer a kind the way a trivial baseline does: per arm and kind, the baseline whose decision (its answer
// as the reward reads it: evaluate.ts) the most sampled answers make, when that is at least half of them. A policy
// that has collapsed onto a constant (review's always-approve at 20 joint updates, always-reject at 60) shows here
// whatever its score; one that gives the constant only where it is right is shown split that way.
import { copiedSplit, copiedText, type CopiedSplit } from '../report.ts';
import type { TaskResult } from '../types.ts';
import type { TaskKind } from '../../tasks/types.ts';

/** An arm's answers to one kind that mostly decide as one baseline. */
export interface ConstantAnswers extends CopiedSplit {
  arm: string;
  kind: TaskKind;
  baseline: string;
}

/** The share of an arm's samples of a kind from which a baseline counts as the arm's answer to that kind. */
export const CONSTANT_SHARE = 0.5;

const copies = (c: CopiedSplit) => c.right.copies + c.wrong.copies;

export function constantAnswers(
  arm: string,
  results: readonly TaskResult[],
  kinds: readonly TaskKind[],
): ConstantAnswers[] {
  const out: ConstantAnswers[] = [];
  for (const kind of kinds) {
    const rs = results.filter((r) => r.kind === kind);
    const samples = rs.reduce((n, r) => n + r.sampled.length, 0);
    const names = [...new Set(rs.flatMap((r) => Object.keys(r.copied ?? {})))];
    let top: ConstantAnswers | null = null;
    for (const baseline of names) {
      const c = { arm, kind, baseline, ...copiedSplit(baseline, rs) };
      if (!top || copies(c) > copies(top)) top = c;
    }
    if (top && samples > 0 && copies(top) >= CONSTANT_SHARE * samples) out.push(top);
  }
  return out;
}

/** "- joint: review 81/90 always-reject" (split by where it is right when it is right on some tasks). */
export function constantAnswerLines(found: readonly ConstantAnswers[]): string[] {
  if (found.length === 0) return [];
  const arms = [...new Set(found.map((c) => c.arm))];
  const armLine = (arm: string) =>
    `- ${arm}: ${found
      .filter((c) => c.arm === arm)
      .map((c) => copiedText(c.kind, c.baseline, c))
      .join('; ')}`;
  return [
    '',
    `## Answers that decide as a trivial baseline (at least ${CONSTANT_SHARE * 100}% of an arm's samples of a kind)`,
    '',
    "A baseline's decision is its answer as the reward reads it (a review's verdict and line, the files named); " +
      'an arm that gives it as often where it is wrong as where it is right has learnt the constant, not the skill.',
    '',
    ...arms.map(armLine),
  ];
}
