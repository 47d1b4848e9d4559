// Which arms answer a kind the way a trivial baseline does: per arm and kind, the baseline whose decision (its answer
// as the reward reads it: evaluate.ts) the most sampled answers make, when that is at least half of them. A policy
// that has collapsed onto a constant (review's always-approve at 20 joint updates, always-reject at 60) shows here
// whatever its score; one that gives the constant only where it is right is shown split that way.
import type { TaskResult } from '../types.ts';
import type { TaskKind } from '../../tasks/types.ts';

/** An arm's answers to one kind that mostly decide as one baseline. */
export interface ConstantAnswers {
  arm: string;
  kind: TaskKind;
  baseline: string;
  /** Sampled answers that decide as the baseline, and all sampled answers, over the tasks where it scores 1 … */
  right: { copies: number; samples: number };
  /** … and over the rest. */
  wrong: { copies: number; samples: number };
}

/** The share of an arm's samples of a kind from which a baseline counts as the arm's answer to that kind. */
export const CONSTANT_SHARE = 0.5;

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
      const c: ConstantAnswers = {
        arm,
        kind,
        baseline,
        right: { copies: 0, samples: 0 },
        wrong: { copies: 0, samples: 0 },
      };
      for (const r of rs) {
        const side = (r.baselines[baseline]?.reward ?? 0) >= 1 ? c.right : c.wrong;
        side.copies += r.copied?.[baseline] ?? 0;
        side.samples += r.sampled.length;
      }
      const copies = c.right.copies + c.wrong.copies;
      if (!top || copies > top.right.copies + top.wrong.copies) top = c;
    }
    if (top && samples > 0 && top.right.copies + top.wrong.copies >= CONSTANT_SHARE * samples) out.push(top);
  }
  return out;
}

/** "joint: review 81/90 always-reject (0/0 where it is right, 81/90 where it is wrong)". */
export function constantAnswerLines(found: readonly ConstantAnswers[]): string[] {
  if (found.length === 0) return [];
  const part = (c: ConstantAnswers) => {
    const { right, wrong } = c;
    return (
      `${c.kind} ${right.copies + wrong.copies}/${right.samples + wrong.samples} ${c.baseline} ` +
      `(${right.copies}/${right.samples} where it is right, ${wrong.copies}/${wrong.samples} where it is wrong)`
    );
  };
  const arms = [...new Set(found.map((c) => c.arm))];
  return [
    '',
    `## Answers that decide as a trivial baseline (at least ${CONSTANT_SHARE * 100}% of an arm's samples of a kind)`,
    '',
    "A baseline's decision is its answer as the reward reads it (a review's verdict and line, the files named); an arm " +
      'that gives it as often where it is wrong as where it is right has learnt the constant, not the skill.',
    '',
    ...arms.map(
      (arm) =>
        `- ${arm}: ${found
          .filter((c) => c.arm === arm)
          .map(part)
          .join('; ')}`,
    ),
  ];
}
