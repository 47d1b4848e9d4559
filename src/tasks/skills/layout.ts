// Shared layout for the versions of one file that a differential reward runs (reference vs buggy variants, buggy
// vs fixed): every version is re-printed so that each token it shares with the others sits at the same line and
// column. A test can then tell the versions apart only by what the code does — not by stack-trace positions
// (Error.stack carries file:line:column), which would otherwise shift with a mutation. Function source text is
// hidden by the sandbox itself (Function.prototype.toString prints native code), so layout is the last channel
// through which source differences could be seen.
import { parse, tokenizer, tokTypes, type Token } from 'acorn';

interface Tok {
  text: string;
  /** A line break separated this token from the previous one in its own version. */
  breakBefore: boolean;
}

/** One merged position: each version's token there, or null where that version has no token. */
interface Slot {
  toks: Array<Tok | null>;
  breakBefore: boolean;
}

type Mode = 'module' | 'script';

/** Tokens of `source`, with whole template literals as one token (their inside must not be re-spaced). */
function tokensOf(source: string, mode: Mode): Tok[] {
  const out: Tok[] = [];
  let prevEnd = 0;
  let depth = 0;
  let templateStart = -1;
  // Inside templates: -1 marks an open template, 0 an open `${` or `{` within one.
  const braceStack: number[] = [];
  const it = tokenizer(source, {
    ecmaVersion: 'latest',
    sourceType: mode,
    allowHashBang: true,
    allowReturnOutsideFunction: mode === 'script',
  });
  const push = (start: number, end: number): void => {
    out.push({
      text: source.slice(start, end),
      breakBefore: out.length > 0 && /[\n\r\u2028\u2029]/.test(source.slice(prevEnd, start)),
    });
    prevEnd = end;
  };
  for (const t of it as Iterable<Token>) {
    if (t.type === tokTypes.backQuote) {
      if (depth === 0) templateStart = t.start;
      // An opening backquote starts a template (depth+1); a closing one ends the innermost template.
      if (braceStack.length > 0 && braceStack[braceStack.length - 1] === -1) {
        braceStack.pop();
        depth--;
      } else {
        braceStack.push(-1);
        depth++;
      }
      if (depth === 0) push(templateStart, t.end);
      continue;
    }
    if (depth > 0) {
      if (t.type === tokTypes.dollarBraceL || t.type === tokTypes.braceL) braceStack.push(0);
      else if (t.type === tokTypes.braceR && braceStack.length > 0 && braceStack[braceStack.length - 1] === 0)
        braceStack.pop();
      continue;
    }
    if (t.type === tokTypes.eof) break;
    push(t.start, t.end);
  }
  if (depth !== 0) throw new Error('unterminated template literal');
  return out;
}

/** Matching token indexes of `a` and `b`: common prefix and suffix, then a small LCS over what differs between them. */
function matchTokens(a: Tok[], b: Tok[]): Array<[number, number]> {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre].text === b[pre].text) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf].text === b[b.length - 1 - suf].text)
    suf++;
  const pairs: Array<[number, number]> = [];
  for (let i = 0; i < pre; i++) pairs.push([i, i]);
  const am = a.slice(pre, a.length - suf);
  const bm = b.slice(pre, b.length - suf);
  // Mutations change a few tokens; a middle this large means the versions are not variants of one file.
  if (am.length * bm.length > 4_000_000) throw new Error('versions differ too much to align');
  const w = bm.length + 1;
  const L = new Uint32Array((am.length + 1) * w);
  for (let i = am.length - 1; i >= 0; i--) {
    for (let j = bm.length - 1; j >= 0; j--)
      L[i * w + j] =
        am[i].text === bm[j].text ? L[(i + 1) * w + j + 1] + 1 : Math.max(L[(i + 1) * w + j], L[i * w + j + 1]);
  }
  for (let i = 0, j = 0; i < am.length && j < bm.length; ) {
    if (am[i].text === bm[j].text) pairs.push([pre + i++, pre + j++]);
    else if (L[(i + 1) * w + j] >= L[i * w + j + 1]) i++;
    else j++;
  }
  for (let k = suf; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return pairs;
}

/** Merges every version's tokens into slots: the first version's tokens in order, others' extra tokens between. */
function mergeSlots(versions: Tok[][], breaks: 'all' | 'any'): Slot[] {
  const n = versions.length;
  const ref = versions[0];
  // before[k]: slots of other versions' tokens that come right before reference token k (k = ref.length: at the end).
  const before: Slot[][] = Array.from({ length: ref.length + 1 }, () => []);
  const at: Slot[] = ref.map((t) => ({
    toks: [t, ...Array<Tok | null>(n - 1).fill(null)],
    breakBefore: t.breakBefore,
  }));
  for (let v = 1; v < n; v++) {
    const toks = versions[v];
    const pairs = matchTokens(ref, toks);
    let j = 0;
    for (const [ri, vi] of [...pairs, [ref.length, toks.length] as [number, number]]) {
      for (; j < vi; j++) before[ri].push(slotFor(n, v, toks[j]));
      if (ri < ref.length) {
        at[ri].toks[v] = toks[vi];
        // 'all': break only where every version sharing the token breaks; 'any': where one of them does.
        if (breaks === 'all') at[ri].breakBefore &&= toks[vi].breakBefore;
        else at[ri].breakBefore ||= toks[vi].breakBefore;
      }
      j = vi + 1;
    }
  }
  const slots: Slot[] = [];
  for (let k = 0; k <= ref.length; k++) {
    slots.push(...before[k]);
    if (k < ref.length) slots.push(at[k]);
  }
  return slots;
}

function slotFor(n: number, v: number, t: Tok): Slot {
  const toks = Array<Tok | null>(n).fill(null);
  toks[v] = t;
  return { toks, breakBefore: t.breakBefore };
}

/** Prints each version from the slots: same line breaks, every slot padded to its widest text. */
function render(slots: Slot[], n: number): { texts: string[]; movedBreak: boolean[] } | null {
  const out: string[][] = Array.from({ length: n }, () => []);
  // Per version: a break was printed since its last token; and whether its breaks moved (added or dropped).
  const pending = Array<boolean>(n).fill(false);
  const movedBreak = Array<boolean>(n).fill(false);
  let lineStart = true;
  for (const s of slots) {
    const present = s.toks.filter((t): t is Tok => t !== null).map((t) => t.text);
    const multiLine = present.some((t) => /[\n\r\u2028\u2029]/.test(t));
    // A token spanning lines (a template) moves everything after it: it must be the same in every version.
    if (multiLine && (present.length !== n || present.some((t) => t !== present[0]))) return null;
    const width = Math.max(...present.map((t) => t.length));
    for (let v = 0; v < n; v++) {
      const tok = s.toks[v];
      if (s.breakBefore) pending[v] = true;
      if (tok) {
        if (out[v].length > 0 && pending[v] !== tok.breakBefore) movedBreak[v] = true;
        pending[v] = false;
      }
      const text = tok?.text ?? '';
      out[v].push(s.breakBefore ? '\n' : lineStart ? '' : ' ', text, ' '.repeat(width - text.length));
    }
    lineStart = false;
  }
  return { texts: out.map((parts) => `${parts.join('')}\n`), movedBreak };
}

/** The program without positions or comments: equal for two texts that differ only in layout. */
function shape(source: string, mode: Mode): string {
  const ast = parse(source, {
    ecmaVersion: 'latest',
    sourceType: mode,
    allowHashBang: true,
    allowReturnOutsideFunction: mode === 'script',
  });
  return JSON.stringify(ast, (k, v: unknown) =>
    k === 'start' || k === 'end' ? undefined : typeof v === 'bigint' ? String(v) : v,
  );
}

function modeOf(source: string): Mode {
  try {
    tokensOf(source, 'module');
    return 'module';
  } catch {
    return 'script';
  }
}

/**
 * The versions re-printed on one shared layout, or null when they cannot be aligned safely (a version does not
 * tokenize, templates spanning lines differ, versions differ too much, or moved line breaks would change a
 * version's program). Only spaces, comments and line breaks change; where a version's line breaks move, its
 * program (AST without positions) is compared with the original's.
 */
export function alignVersions(sources: readonly string[]): string[] | null {
  if (sources.length < 2 || sources.every((s) => s === sources[0])) return [...sources];
  try {
    const mode = modeOf(sources[0]);
    const versions = sources.map((s) => tokensOf(s, mode));
    // Line breaks that move could change where semicolons are inserted: versions whose breaks moved are compared
    // with their originals (AST without positions). Fewest breaks first, then every break any version has.
    for (const breaks of ['all', 'any'] as const) {
      const printed = render(mergeSlots(versions, breaks), versions.length);
      if (!printed) return null;
      if (sources.every((src, v) => !printed.movedBreak[v] || shape(printed.texts[v], mode) === shape(src, mode)))
        return printed.texts;
    }
    return null;
  } catch {
    return null;
  }
}

const cache = new WeakMap<object, readonly string[]>();

/**
 * `alignVersions` for one task, computed once per task object (a GRPO group rewards many answers to one task);
 * the original sources when the versions cannot be aligned.
 */
export function alignedFor(task: object, sources: () => readonly string[]): readonly string[] {
  let hit = cache.get(task);
  if (!hit) {
    const original = sources();
    hit = alignVersions(original) ?? original;
    cache.set(task, hit);
  }
  return hit;
}
