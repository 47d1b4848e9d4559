// Writing answers in the editing skill's SEARCH/REPLACE format (src/tasks/skills/edits.ts parses and applies
// them): oracle answers and negative controls of composite tasks are built here.
import { editBlockText, type EditBlock } from '../skills/edits.ts';

export type { EditBlock };

/** Renders blocks in the answer format (used for oracle answers and negative controls). */
export function formatEditBlocks(blocks: readonly EditBlock[]): string {
  return blocks.map((b) => editBlockText(b.path, b.search, b.replace)).join('\n\n');
}

/** The smallest single-block edit that turns `before` into `after` in one file: whole differing line range. */
export function diffAsEditBlock(path: string, before: string, after: string): EditBlock {
  const a = before.split('\n');
  const b = after.split('\n');
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  // Grow the search window until it is unique in the file, so the block applies unambiguously.
  let lo = start;
  let hi = endA;
  for (;;) {
    const search = a.slice(lo, hi + 1).join('\n');
    if (search.trim() !== '' && countOccurrences(before, search) === 1) break;
    if (lo === 0 && hi >= a.length - 1) break;
    if (lo > 0) lo--;
    if (hi < a.length - 1) hi++;
  }
  const replaceLines = [...a.slice(lo, start), ...b.slice(start, endB + 1), ...a.slice(endA + 1, hi + 1)];
  return { path, search: a.slice(lo, hi + 1).join('\n'), replace: replaceLines.join('\n') };
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}
