// Pieces of prompts shared by the skills: the repo tree and file listings under a character budget.
//
// Every skill's prompt puts the code first and the request last (the issue, the function, the import line). The
// answer starts by copying from the request — a path, a name, the call — and a small policy copies reliably
// only from a few dozen tokens back (results/copy-drills/): with the request first, that copy reached back past the
// whole listing, ~300 tokens at level 1. Long-context guidance for large models says the same: query at the end.
import type { FileMap } from '../../sandbox/types.ts';

/** The paths, sorted, one per line. */
export function tree(paths: readonly string[]): string {
  return [...paths].sort().join('\n');
}

export function fileBlock(path: string, content: string): string {
  return `### ${path}\n\`\`\`js\n${content.trimEnd()}\n\`\`\``;
}

/** The paths whose blocks fit in `budget` characters, taken in path order; the rest are only named in the tree. */
export function shownWithin(files: FileMap, paths: readonly string[], budget: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (const p of [...paths].sort()) {
    const size = fileBlock(p, files[p]).length;
    if (used + size > budget) continue;
    out.push(p);
    used += size;
  }
  return out;
}

/** File blocks of `paths`, in path order. */
export function fileBlocks(files: FileMap, paths: readonly string[]): string {
  return [...paths]
    .sort()
    .map((p) => fileBlock(p, files[p]))
    .join('\n\n');
}

/** Content budget for file listings by level: small prompts at level 1, most of a repo at level 3. */
export const CONTENT_BUDGET: Record<number, number> = { 1: 900, 2: 2_500, 3: 5_000, 4: 6_000, 5: 5_000 };

export const TEST_API_NOTE =
  'Tests use jest-style globals (describe, it, test, expect with toBe/toEqual/toThrow…, and assert); ' +
  'ES modules, no require.';
