// SEARCH/REPLACE edit blocks: the format, a tolerant parser (fences, CRLF, blank lines, path decorations) that
// is strict on meaning (every block must name a file and have both halves), and exact-then-whitespace matching.
import type { FileMap } from '../../sandbox/types.ts';

export const EDIT_FORMAT = [
  'Answer with one or more edit blocks, each exactly:',
  'path/to/file.js',
  '<<<<<<< SEARCH',
  '(lines copied exactly from the file)',
  '=======',
  '(the lines that replace them)',
  '>>>>>>> REPLACE',
].join('\n');

export interface EditBlock {
  path: string;
  search: string;
  replace: string;
}

export type ParsedEdits = { ok: true; blocks: EditBlock[] } | { ok: false; error: string };

const OPEN = /^\s*<{5,9}\s*SEARCH\s*$/i;
const MID = /^\s*={5,9}\s*$/;
const CLOSE = /^\s*>{5,9}\s*REPLACE\s*$/i;

function cleanPath(line: string): string {
  return line.trim().replace(/^(#+|\/\/|file:|path:)\s*/i, '').replace(/^[`*"']+|[`*"':]+$/g, '').trim();
}

export function parseEdits(text: string): ParsedEdits {
  const lines = text.split('\n').filter((l) => !/^\s*```/.test(l));
  const blocks: EditBlock[] = [];
  let i = 0;
  let lastPath = '';
  while (i < lines.length) {
    if (!OPEN.test(lines[i])) {
      if (lines[i].trim() !== '') lastPath = cleanPath(lines[i]);
      i++;
      continue;
    }
    if (!lastPath) return { ok: false, error: `edit block ${blocks.length + 1} does not name a file on the line before <<<<<<< SEARCH` };
    const search: string[] = [];
    const replace: string[] = [];
    i++;
    while (i < lines.length && !MID.test(lines[i])) {
      if (OPEN.test(lines[i]) || CLOSE.test(lines[i])) return { ok: false, error: `edit block ${blocks.length + 1} (${lastPath}) has no ======= separator` };
      search.push(lines[i++]);
    }
    if (i >= lines.length) return { ok: false, error: `edit block ${blocks.length + 1} (${lastPath}) has no ======= separator` };
    i++;
    while (i < lines.length && !CLOSE.test(lines[i])) {
      if (OPEN.test(lines[i]) || MID.test(lines[i])) return { ok: false, error: `edit block ${blocks.length + 1} (${lastPath}) is not closed with >>>>>>> REPLACE` };
      replace.push(lines[i++]);
    }
    if (i >= lines.length) return { ok: false, error: `edit block ${blocks.length + 1} (${lastPath}) is not closed with >>>>>>> REPLACE` };
    i++;
    blocks.push({ path: lastPath, search: search.join('\n'), replace: replace.join('\n') });
    lastPath = '';
  }
  if (blocks.length === 0) return { ok: false, error: 'no edit blocks found' };
  return { ok: true, blocks };
}

function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + 1)) out.push(at);
  return out;
}

/** Line-range matches of `search` in `content`, comparing lines with surrounding whitespace ignored. */
function looseMatches(content: string[], search: string[]): { starts: number[]; span: number } {
  const want = search.map((l) => l.trim());
  while (want.length > 0 && want[0] === '') want.shift();
  while (want.length > 0 && want[want.length - 1] === '') want.pop();
  const starts: number[] = [];
  if (want.length === 0) return { starts, span: 0 };
  for (let i = 0; i + want.length <= content.length; i++) {
    if (want.every((w, k) => content[i + k].trim() === w)) starts.push(i);
  }
  return { starts, span: want.length };
}

export type Applied = { ok: true; files: FileMap; touched: string[] } | { ok: false; error: string };

/**
 * Applies blocks in order. A block matches exactly (and must be unique), or else line by line ignoring
 * surrounding whitespace (also unique). An empty SEARCH creates a file that does not exist yet.
 */
export function applyEdits(files: FileMap, blocks: readonly EditBlock[]): Applied {
  const out: FileMap = { ...files };
  const touched: string[] = [];
  for (const [n, b] of blocks.entries()) {
    const where = `edit block ${n + 1} (${b.path})`;
    if (b.path.startsWith('/') || b.path.split('/').includes('..') || b.path.length === 0) return { ok: false, error: `${where}: path must be relative and inside the repository` };
    const path = b.path.replace(/^\.\//, '');
    const content = out[path];
    if (content === undefined) {
      if (b.search.trim() !== '') return { ok: false, error: `${where}: no such file` };
      out[path] = b.replace.endsWith('\n') ? b.replace : `${b.replace}\n`;
      touched.push(path);
      continue;
    }
    if (b.search.trim() === '') return { ok: false, error: `${where}: SEARCH is empty` };
    const exact = occurrences(content, b.search);
    if (exact.length === 1) {
      out[path] = content.slice(0, exact[0]) + b.replace + content.slice(exact[0] + b.search.length);
    } else if (exact.length > 1) {
      return { ok: false, error: `${where}: SEARCH matches ${exact.length} places; add context to make it unique` };
    } else {
      const lines = content.split('\n');
      const { starts, span } = looseMatches(lines, b.search.split('\n'));
      if (starts.length !== 1) return { ok: false, error: `${where}: SEARCH ${starts.length === 0 ? 'does not match the file' : `matches ${starts.length} places`}` };
      out[path] = [...lines.slice(0, starts[0]), ...b.replace.split('\n'), ...lines.slice(starts[0] + span)].join('\n');
    }
    if (!touched.includes(path)) touched.push(path);
  }
  return { ok: true, files: out, touched };
}

/**
 * A block that turns `from` into `to` (one file) with the least context that makes SEARCH unique: the changed lines
 * alone when they are, else the fewest surrounding lines (before or after); '' when the texts are equal.
 */
export function diffToEditBlock(path: string, from: string, to: string): string {
  if (from === to) return '';
  const a = from.split('\n');
  const b = to.split('\n');
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const block = (search: string, replace: string) => `${path}\n<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE`;
  for (let ctx = 0; ctx <= a.length; ctx++) {
    for (let before = ctx; before >= 0; before--) {
      const after = ctx - before;
      if (before > pre || after > suf) continue;
      const search = a.slice(pre - before, a.length - suf + after).join('\n');
      if (search.trim() !== '' && occurrences(from, search).length === 1) return block(search, b.slice(pre - before, b.length - suf + after).join('\n'));
    }
  }
  return block(from, to);
}
