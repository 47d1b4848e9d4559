// The edit block a careful str_replace user writes: SEARCH is the changed tokens of one line plus the fewest
// neighbouring tokens of that line that make it occur once in the file. Why not whole lines: the policy copies
// SEARCH token by token out of its prompt, and at the shipped bases' size a 20–30-token code line is almost never
// copied whole (results/recall-drills/: 0 of 30), while a span of a few tokens often is. The applier (edits.ts)
// already takes any unique substring, so this changes what demonstrations show, not what answers may be.
import { diffToEditBlock, editBlockText, occurrences } from './edits.ts';

interface Token {
  start: number;
  end: number;
  space: boolean;
}

/** JavaScript-ish tokens: names and numbers, runs of whitespace, the multi-character operators, else one char. */
const TOKEN = /[A-Za-z0-9_$]+|\s+|===|!==|\*\*=|=>|[<>=!+\-*/%&|^]=|&&|\|\||\?\?|\?\.|\+\+|--|\*\*|<<|>>|./g;

function tokensOf(text: string, offset: number): Token[] {
  const out: Token[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const start = offset + (m.index ?? 0);
    out.push({ start, end: start + m[0].length, space: /^\s/.test(m[0]) });
  }
  return out;
}

/**
 * One block turning `from` into `to` (one file) whose SEARCH is the shortest unique run of whole tokens of one line
 * around the change, with a token of context on each side where the line has one and no whitespace at either end;
 * the whole-line block (diffToEditBlock) when the change spans lines or no such run is unique. '' when equal.
 */
export function spanEditBlock(path: string, from: string, to: string): string {
  if (from === to) return '';
  let pre = 0;
  while (pre < from.length && pre < to.length && from[pre] === to[pre]) pre++;
  let suf = 0;
  while (suf < from.length - pre && suf < to.length - pre && from[from.length - 1 - suf] === to[to.length - 1 - suf])
    suf++;
  const changedEnd = from.length - suf;
  if (from.slice(pre, changedEnd).includes('\n') || to.slice(pre, to.length - suf).includes('\n'))
    return diffToEditBlock(path, from, to);
  const lineStart = pre === 0 ? 0 : from.lastIndexOf('\n', pre - 1) + 1;
  const newline = from.indexOf('\n', changedEnd);
  const lineEnd = newline < 0 ? from.length : newline;
  const tokens = tokensOf(from.slice(lineStart, lineEnd), lineStart);
  // The changed characters widened to whole tokens: `first` is the token holding the change's first character (or
  // the one starting right at it), `after` the first token past its last one.
  let first = tokens.findIndex((t) => t.end > pre);
  if (first < 0) first = tokens.length;
  let after = first;
  while (after < tokens.length && tokens[after].start < changedEnd) after++;
  const delta = to.length - from.length;
  // At least one non-space token on each side of the change where the line has one: a span that says where it is.
  const solid = (lo: number, hi: number) => tokens.slice(lo, hi).filter((t) => !t.space).length;
  let best: { search: string; replace: string } | undefined;
  for (let grow = 0; grow <= tokens.length && !best; grow++) {
    for (let left = 0; left <= grow; left++) {
      const lo = first - left;
      const hi = after + grow - left;
      if (lo < 0 || hi > tokens.length || hi <= lo) continue;
      if (tokens[lo].space || tokens[hi - 1].space) continue;
      if (
        solid(lo, first) < Math.min(1, solid(0, first)) ||
        solid(after, hi) < Math.min(1, solid(after, tokens.length))
      )
        continue;
      const start = tokens[lo].start;
      const end = tokens[hi - 1].end;
      const search = from.slice(start, end);
      if (occurrences(from, search).length !== 1) continue;
      if (!best || search.length < best.search.length) best = { search, replace: to.slice(start, end + delta) };
    }
  }
  return best ? editBlockText(path, best.search, best.replace) : diffToEditBlock(path, from, to);
}
