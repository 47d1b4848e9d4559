// Search/replace edit blocks: the answer format of every composite task (and of the editing skill's contract).
//
//   src/file.js
//   <<<<<<< SEARCH
//   exact lines to find
//   =======
//   lines to put instead
//   >>>>>>> REPLACE
//
// The path line comes right before the SEARCH marker (a leading "FILE:" or surrounding backticks are tolerated).
// An empty SEARCH part creates a new file (only when that path does not exist yet).
import type { FileMap } from '../../sandbox/types.ts';

export interface EditBlock {
  path: string;
  search: string;
  replace: string;
}

export class EditParseError extends Error {
  override name = 'EditParseError';
}
export class EditApplyError extends Error {
  override name = 'EditApplyError';
}

const SEARCH = /^<{5,9}\s*SEARCH\s*$/;
const DIVIDER = /^={5,9}\s*$/;
const REPLACE = /^>{5,9}\s*REPLACE\s*$/;

function cleanPath(line: string): string {
  return line
    .trim()
    .replace(/^FILE:\s*/i, '')
    .replace(/^`+|`+$/g, '')
    .replace(/^\.\//, '')
    .trim();
}

/** Parses every edit block; throws EditParseError naming the line when a block is broken. */
export function parseEditBlocks(answer: string): EditBlock[] {
  const lines = answer.replace(/\r\n?/g, '\n').split('\n');
  const blocks: EditBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!SEARCH.test(lines[i])) {
      if (DIVIDER.test(lines[i]) || REPLACE.test(lines[i])) throw new EditParseError(`line ${i + 1}: marker outside a SEARCH block`);
      continue;
    }
    let p = i - 1;
    while (p >= 0 && lines[p].trim().startsWith('```')) p--;
    const path = p >= 0 ? cleanPath(lines[p]) : '';
    if (!path || /\s/.test(path)) throw new EditParseError(`line ${i + 1}: SEARCH block without a file path on the line before it`);
    const divider = lines.findIndex((l, k) => k > i && DIVIDER.test(l));
    const end = lines.findIndex((l, k) => k > i && REPLACE.test(l));
    const nextSearch = lines.findIndex((l, k) => k > i && SEARCH.test(l));
    if (divider < 0 || end < 0 || end < divider || (nextSearch >= 0 && nextSearch < end)) {
      throw new EditParseError(`line ${i + 1}: SEARCH block for ${path} is not closed by ======= and >>>>>>> REPLACE`);
    }
    blocks.push({ path, search: lines.slice(i + 1, divider).join('\n'), replace: lines.slice(divider + 1, end).join('\n') });
    i = end;
  }
  if (blocks.length === 0) throw new EditParseError('no SEARCH/REPLACE block found');
  return blocks;
}

function stripTrailingSpace(text: string): string {
  return text
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n');
}

/** Applies blocks in order to a copy of `files`; the search text must occur exactly once (trailing spaces ignored). */
export function applyEditBlocks(files: FileMap, blocks: readonly EditBlock[]): FileMap {
  const out: FileMap = { ...files };
  for (const [n, b] of blocks.entries()) {
    const where = `block ${n + 1} (${b.path})`;
    const current = out[b.path];
    if (b.search.trim() === '') {
      if (current !== undefined) throw new EditApplyError(`${where}: empty SEARCH but the file exists`);
      out[b.path] = b.replace.endsWith('\n') ? b.replace : `${b.replace}\n`;
      continue;
    }
    if (current === undefined) throw new EditApplyError(`${where}: no such file`);
    const exact = countOccurrences(current, b.search);
    if (exact === 1) {
      out[b.path] = current.replace(b.search, () => b.replace);
      continue;
    }
    if (exact > 1) throw new EditApplyError(`${where}: SEARCH text occurs ${exact} times; make it unique`);
    const loose = stripTrailingSpace(current);
    const needle = stripTrailingSpace(b.search);
    const looseCount = countOccurrences(loose, needle);
    if (looseCount !== 1) throw new EditApplyError(`${where}: SEARCH text ${looseCount === 0 ? 'not found' : 'is not unique'}`);
    out[b.path] = loose.replace(needle, () => b.replace);
  }
  return out;
}

function countOccurrences(haystack: string, needle: string): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) count++;
  return count;
}

/** Renders blocks in the answer format (used for oracle answers and negative controls). */
export function formatEditBlocks(blocks: readonly EditBlock[]): string {
  return blocks.map((b) => `${b.path}\n<<<<<<< SEARCH\n${b.search}\n=======\n${b.replace}\n>>>>>>> REPLACE`).join('\n\n');
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
