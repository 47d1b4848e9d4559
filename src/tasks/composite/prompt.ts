// End-to-end prompts for composite tasks. Reads only public fields (statement, goal, repo), never `hidden`.
import type { FileMap } from '../../sandbox/types.ts';
import type { CompositeKind, PromptFit } from '../types.ts';
import type { CompositeTask } from './types.ts';
import type { StructuralGoal } from './structure.ts';
import { EDIT_FORMAT } from '../skills/edits.ts';
import { dropOrder, firstFitting } from '../skills/fit.ts';

/** File contents beyond this many characters are listed by name only. */
export const CONTENT_BUDGET = 9_000;

const HEADINGS: Record<CompositeKind, string> = {
  'bug-fixing': 'Fix the bug described in this issue.',
  refactoring:
    'Refactor this repository. Behaviour must not change: all tests, including ones you cannot see, must keep passing.',
  'security-fix': 'Fix the security problem described in this report. Normal behaviour must keep working.',
  feature: 'Implement the feature described in this spec.',
  'ml-engineering': 'Make this numeric routine meet its target.',
};

export const ANSWER_FORMAT = `${EDIT_FORMAT}\nTest files are restored before judging; changing them has no effect.`;

export function describeGoal(goal: StructuralGoal): string {
  if (goal.kind === 'extract-function')
    return `Structural goal: in ${goal.file}, move the duplicated code \`${goal.duplicated}\` into a function named ${goal.name} and call it from every place that used it (at least ${goal.minCalls} calls); the duplicated code may appear only once.`;
  if (goal.kind === 'rename')
    return `Structural goal: rename ${goal.from} to ${goal.to} in every file (tests included); no identifier ${goal.from} may remain.`;
  return `Structural goal: in ${goal.file}, introduce a top-level \`const ${goal.name} = ${JSON.stringify(goal.value)};\` and use it instead of every other occurrence of that literal.`;
}

/** The files whose contents fit in `budget` characters, taken in path order. */
function shownFiles(files: FileMap, budget: number): string[] {
  let used = 0;
  return Object.keys(files)
    .sort()
    .filter((p) => {
      if (used + files[p].length > budget) return false;
      used += files[p].length;
      return true;
    });
}

/** The tree, then the contents of `shown`; the other files are named as not shown. */
function listFiles(files: FileMap, shown: ReadonlySet<string>): string {
  const paths = Object.keys(files).sort();
  const parts: string[] = [`Files:\n${paths.map((p) => `  ${p}`).join('\n')}`];
  for (const p of paths) if (shown.has(p)) parts.push(`--- ${p}\n${files[p].trimEnd()}`);
  const omitted = paths.filter((p) => !shown.has(p));
  if (omitted.length > 0) parts.push(`(contents not shown for: ${omitted.join(', ')})`);
  return parts.join('\n\n');
}

/** A file listing that can shed contents to fit a context: `render(n)` drops the first n files of `dropOrder`. */
export interface FileListing {
  /** Files whose contents can be dropped (those shown in full). */
  count: number;
  render(dropped: number): string;
}

/** The tree and the contents that fit in `budget` characters in path order, shedding first the contents that share
 * fewest names with `query`. */
export function fileListing(files: FileMap, query: string, budget = CONTENT_BUDGET): FileListing {
  const drop = dropOrder(files, shownFiles(files, budget), query);
  return { count: drop.length, render: (n) => listFiles(files, new Set(drop.slice(n))) };
}

export function renderCompositePrompt(task: CompositeTask, fit?: PromptFit): string {
  const listing = fileListing(task.repo.files, task.statement);
  const render = (n: number) => {
    const sections = [HEADINGS[task.skill], task.statement];
    if (task.goal) sections.push(describeGoal(task.goal));
    sections.push(listing.render(n), ANSWER_FORMAT);
    return sections.join('\n\n');
  };
  // To fit the context, contents go first from the files that share fewest names with the statement.
  return firstFitting(listing.count + 1, render, fit);
}
