// End-to-end prompts for composite tasks. Reads only public fields (statement, goal, repo), never `hidden`.
import type { FileMap } from '../../sandbox/types.ts';
import type { CompositeKind } from '../types.ts';
import type { CompositeTask } from './types.ts';
import type { StructuralGoal } from './structure.ts';
import { EDIT_FORMAT } from '../skills/edits.ts';

/** File contents beyond this many characters are listed by name only. */
export const CONTENT_BUDGET = 9_000;

const HEADINGS: Record<CompositeKind, string> = {
  'bug-fixing': 'Fix the bug described in this issue.',
  refactoring: 'Refactor this repository. Behaviour must not change: all tests, including ones you cannot see, must keep passing.',
  'security-fix': 'Fix the security problem described in this report. Normal behaviour must keep working.',
  feature: 'Implement the feature described in this spec.',
  'ml-engineering': 'Make this numeric routine meet its target.',
};

export const ANSWER_FORMAT = `${EDIT_FORMAT}\nTest files are restored before judging; changing them has no effect.`;

export function describeGoal(goal: StructuralGoal): string {
  if (goal.kind === 'extract-function') return `Structural goal: in ${goal.file}, move the duplicated code \`${goal.duplicated}\` into a function named ${goal.name} and call it from every place that used it (at least ${goal.minCalls} calls); the duplicated code may appear only once.`;
  if (goal.kind === 'rename') return `Structural goal: rename ${goal.from} to ${goal.to} in every file (tests included); no identifier ${goal.from} may remain.`;
  return `Structural goal: in ${goal.file}, introduce a top-level \`const ${goal.name} = ${JSON.stringify(goal.value)};\` and use it instead of every other occurrence of that literal.`;
}

export function renderFiles(files: FileMap, budget = CONTENT_BUDGET): string {
  const paths = Object.keys(files).sort();
  const tree = paths.map((p) => `  ${p}`).join('\n');
  const parts: string[] = [`Files:\n${tree}`];
  let used = 0;
  const omitted: string[] = [];
  for (const p of paths) {
    const text = files[p];
    if (used + text.length > budget) {
      omitted.push(p);
      continue;
    }
    used += text.length;
    parts.push(`--- ${p}\n${text.trimEnd()}`);
  }
  if (omitted.length > 0) parts.push(`(contents not shown for: ${omitted.join(', ')})`);
  return parts.join('\n\n');
}

export function renderCompositePrompt(task: CompositeTask): string {
  const sections = [HEADINGS[task.skill], task.statement];
  if (task.goal) sections.push(describeGoal(task.goal));
  sections.push(renderFiles(task.repo.files), ANSWER_FORMAT);
  return sections.join('\n\n');
}
