// SEARCH/REPLACE edit blocks: the format, a tolerant parser (fences, CRLF, blank lines, path decorations) that
// is strict on meaning (every block must name a file and have both halves), and exact-then-whitespace matching.
import type { FileMap } from '../../sandbox/types.ts';

export const EDIT_FORMAT = [
  'Answer with one or more edit blocks, each exactly:',
  'path/to/file.js',
  '<<<<<<< SEARCH',
  '(text copied exactly from the file: the part to change, with enough around it to occur once)',
  '=======',
  '(the text that replaces it)',
  '>>>>>>> REPLACE',
].join('\n');

/**
 * The format text editing prompts had while demonstrations copied whole lines (diffToEditBlock), before the span
 * demonstrations (edit-span.ts): `atomgym sft --edit-demos lines` shows it, so the shipped base's stages replay
 * exactly.
 */
export const LINE_EDIT_FORMAT = [
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
/** Marker lines are short; longer lines are never tested against the marker patterns (keeps parsing linear). */
const MAX_MARKER_LINE = 64;
const isOpen = (l: string): boolean => l.length <= MAX_MARKER_LINE && OPEN.test(l);
const isMid = (l: string): boolean => l.length <= MAX_MARKER_LINE && MID.test(l);
const isClose = (l: string): boolean => l.length <= MAX_MARKER_LINE && CLOSE.test(l);
/** Applying a block scans its file: a bound on blocks keeps the work linear in the answer's length. */
export const MAX_EDIT_BLOCKS = 64;
const isFence = (l: string): boolean => l.trimStart().startsWith('```');

/** Strips `chars` from both ends of `s` (a loop, not a regex: linear however long the run of them). */
export function stripChars(s: string, lead: string, trail: string = lead): string {
  let a = 0;
  let b = s.length;
  while (a < b && lead.includes(s[a])) a++;
  while (b > a && trail.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

function cleanPath(line: string): string {
  let t = line.trim();
  const lower = t.slice(0, 5).toLowerCase();
  if (t.startsWith('#')) t = stripChars(t, '#', '');
  else if (t.startsWith('//')) t = t.slice(2);
  else if (lower === 'file:' || lower === 'path:') t = t.slice(5);
  return stripChars(t.trim(), '`*"\'', '`*"\':').trim();
}

export function parseEdits(text: string): ParsedEdits {
  const lines = text.split('\n').filter((l) => !isFence(l));
  const blocks: EditBlock[] = [];
  let i = 0;
  let lastPath = '';
  while (i < lines.length) {
    if (!isOpen(lines[i])) {
      if (lines[i].trim() !== '') lastPath = cleanPath(lines[i]);
      i++;
      continue;
    }
    if (!lastPath)
      return {
        ok: false,
        error: `edit block ${blocks.length + 1} does not name a file on the line before <<<<<<< SEARCH`,
      };
    const search: string[] = [];
    const replace: string[] = [];
    i++;
    while (i < lines.length && !isMid(lines[i])) {
      if (isOpen(lines[i]) || isClose(lines[i]))
        return {
          ok: false,
          error: `edit block ${blocks.length + 1} (${lastPath.slice(0, 80)}) has no ======= separator`,
        };
      search.push(lines[i++]);
    }
    if (i >= lines.length)
      return {
        ok: false,
        error: `edit block ${blocks.length + 1} (${lastPath.slice(0, 80)}) has no ======= separator`,
      };
    i++;
    while (i < lines.length && !isClose(lines[i])) {
      if (isOpen(lines[i]) || isMid(lines[i]))
        return {
          ok: false,
          error: `edit block ${blocks.length + 1} (${lastPath.slice(0, 80)}) is not closed with >>>>>>> REPLACE`,
        };
      replace.push(lines[i++]);
    }
    if (i >= lines.length)
      return {
        ok: false,
        error: `edit block ${blocks.length + 1} (${lastPath.slice(0, 80)}) is not closed with >>>>>>> REPLACE`,
      };
    i++;
    blocks.push({ path: lastPath, search: search.join('\n'), replace: replace.join('\n') });
    if (blocks.length > MAX_EDIT_BLOCKS) return { ok: false, error: `more than ${MAX_EDIT_BLOCKS} edit blocks` };
    lastPath = '';
  }
  if (blocks.length === 0) return { ok: false, error: 'no edit blocks found' };
  return { ok: true, blocks };
}

/** One SEARCH/REPLACE block as EDIT_FORMAT shows it. */
export function editBlockText(path: string, search: string, replace: string): string {
  return `${path}\n<<<<<<< SEARCH\n${search}\n=======\n${replace}\n>>>>>>> REPLACE`;
}

/** Where `needle` occurs in `haystack`, stopping at the second hit (only "once" vs "more than once" matters). */
export function occurrences(haystack: string, needle: string): number[] {
  const out: number[] = [];
  for (let at = haystack.indexOf(needle); at >= 0 && out.length < 2; at = haystack.indexOf(needle, at + 1))
    out.push(at);
  return out;
}

/**
 * Line-range matches of `search` in `content`, comparing lines with surrounding whitespace ignored; at most two
 * (uniqueness is all that matters). Knuth–Morris–Pratt over lines: linear in both, however repetitive they are.
 */
function looseMatches(content: string[], search: string[]): { starts: number[]; span: number } {
  const want = search.map((l) => l.trim());
  while (want.length > 0 && want[0] === '') want.shift();
  while (want.length > 0 && want[want.length - 1] === '') want.pop();
  const starts: number[] = [];
  const m = want.length;
  if (m === 0 || m > content.length) return { starts, span: m };
  const fail = new Int32Array(m);
  for (let q = 1, k = 0; q < m; q++) {
    while (k > 0 && want[q] !== want[k]) k = fail[k - 1];
    if (want[q] === want[k]) k++;
    fail[q] = k;
  }
  for (let i = 0, k = 0; i < content.length && starts.length < 2; i++) {
    const line = content[i].trim();
    while (k > 0 && line !== want[k]) k = fail[k - 1];
    if (line === want[k]) k++;
    if (k === m) {
      starts.push(i - m + 1);
      k = fail[k - 1];
    }
  }
  return { starts, span: m };
}

export type Applied = { ok: true; files: FileMap; touched: string[] } | { ok: false; error: string };

/** A copy of `files` with no prototype: any path, even "__proto__" or "constructor", is just a key. */
export function fileMapOf(files: FileMap): FileMap {
  const out = Object.create(null) as FileMap;
  for (const [p, c] of Object.entries(files)) out[p] = c;
  return out;
}

/**
 * Applies blocks in order. A block matches exactly (and must be unique), or else line by line ignoring
 * surrounding whitespace (also unique). An empty SEARCH creates a file that does not exist yet.
 */
export function applyEdits(files: FileMap, blocks: readonly EditBlock[]): Applied {
  const out = fileMapOf(files);
  const touched = new Set<string>();
  for (const [n, b] of blocks.entries()) {
    const where = `edit block ${n + 1} (${b.path.slice(0, 80)})`;
    if (b.path.startsWith('/') || b.path.split('/').includes('..') || b.path.length === 0)
      return { ok: false, error: `${where}: path must be relative and inside the repository` };
    const path = b.path.startsWith('./') ? b.path.slice(2) : b.path;
    const content = Object.hasOwn(out, path) ? out[path] : undefined;
    if (content === undefined) {
      if (b.search.trim() !== '') return { ok: false, error: `${where}: no such file` };
      out[path] = b.replace.endsWith('\n') ? b.replace : `${b.replace}\n`;
      touched.add(path);
      continue;
    }
    if (b.search.trim() === '') return { ok: false, error: `${where}: SEARCH is empty` };
    const exact = occurrences(content, b.search);
    if (exact.length === 1) {
      out[path] = content.slice(0, exact[0]) + b.replace + content.slice(exact[0] + b.search.length);
    } else if (exact.length > 1) {
      return { ok: false, error: `${where}: SEARCH matches more than one place; add context to make it unique` };
    } else {
      const lines = content.split('\n');
      const { starts, span } = looseMatches(lines, b.search.split('\n'));
      if (starts.length !== 1)
        return {
          ok: false,
          error: `${where}: SEARCH ${starts.length === 0 ? 'does not match the file' : 'matches more than one place'}`,
        };
      out[path] = [...lines.slice(0, starts[0]), ...b.replace.split('\n'), ...lines.slice(starts[0] + span)].join('\n');
    }
    touched.add(path);
  }
  return { ok: true, files: out, touched: [...touched] };
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
  const block = (search: string, replace: string) => editBlockText(path, search, replace);
  for (let ctx = 0; ctx <= a.length; ctx++) {
    for (let before = ctx; before >= 0; before--) {
      const after = ctx - before;
      if (before > pre || after > suf) continue;
      const search = a.slice(pre - before, a.length - suf + after).join('\n');
      if (search.trim() !== '' && occurrences(from, search).length === 1)
        return block(search, b.slice(pre - before, b.length - suf + after).join('\n'));
    }
  }
  return block(from, to);
}
