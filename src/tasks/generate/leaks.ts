// Guards that an issue text never gives the fix away: no source line of the original or the mutant around the
// bug, and not the changed code itself when it is more than a bare token.
import type { Bug } from '../world/scenario.ts';

/** The lines the mutation touches, before and after (trimmed, non-trivial ones). */
export function bugLines(original: string, bug: Bug): { before: string[]; after: string[] } {
  const m = bug.mutation;
  const lineAt = (text: string, offset: number) => {
    const s = text.lastIndexOf('\n', offset - 1) + 1;
    const e = text.indexOf('\n', offset);
    return text.slice(s, e < 0 ? text.length : e).trim();
  };
  const before = [
    lineAt(original, m.start),
    ...original
      .slice(m.start, m.end)
      .split('\n')
      .map((l) => l.trim()),
  ];
  const after = [lineAt(bug.buggySource, m.start)];
  const keep = (l: string) => l.length >= 6 && /[A-Za-z]/.test(l);
  return { before: before.filter(keep), after: after.filter(keep) };
}

export function issueLeaks(issue: string, original: string, bug: Bug): boolean {
  const { before, after } = bugLines(original, bug);
  const changed = [bug.mutation.original.trim(), bug.mutation.replacement.trim()].filter(
    (t) => t.length >= 6 && /[^\w\s]/.test(t) && /[A-Za-z]/.test(t),
  );
  return [...before, ...after, ...changed].some((l) => issue.includes(l));
}
