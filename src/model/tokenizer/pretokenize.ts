// Pre-tokenization: split text into "words" before BPE so merges never cross word boundaries.
// Patterns are the ones HF tokenizer.json files carry (translated to JS regex syntax where needed).

/** GPT-2's ByteLevel pattern (HF ByteLevel with use_regex: true). */
export const GPT2_PATTERN = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)|\\s+";

// The alternatives CODE_PATTERN and IDENT_PATTERN share: contractions, and everything after the word rule.
const CONTRACTIONS = "'(?:[sSdDmMtT]|[lL][lL]|[vV][eE]|[rR][eE])";
const AFTER_WORDS = '\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+';

/**
 * Our default, tuned for code (the Llama-3 / cl100k family): a single non-letter may lead a word (`.map`, `(x`,
 * `_id`), digits group by at most 3, punctuation runs keep trailing newlines, newline+indent runs stay together.
 * Written without inline `(?i:)` so that JS and HF's Rust regex read it the same way.
 */
export const CODE_PATTERN = `${CONTRACTIONS}|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|${AFTER_WORDS}`;

/**
 * CODE_PATTERN with one change: a word may be led by a space only, never by other punctuation (`(count` becomes `(`
 * `count`). An identifier then starts with one of two tokens (` count` or `count`) wherever it appears, instead of
 * one per preceding character — so a name in a prompt and the same name in an answer (`expect(count…` after
 * `function count…`) share their first token far more often, which is what copying by attention needs.
 */
export const IDENT_PATTERN = `${CONTRACTIONS}| ?\\p{L}+|${AFTER_WORDS}`;

/**
 * Identifiers are whole words on their own: letters, digits, `_` and `$` after a leading letter, `_` or `$`, never led
 * by a space or punctuation, and no contractions (`'s` would split `'sum'`). So a name is the same tokens wherever it
 * appears (after a backtick in an issue, a dot in `m.name(`, a space in `function name`) and copying it is a plain
 * induction match. IDENT_PATTERN still let a space lead a word, which made ` name` and `name` two spellings. The
 * price: a space before a word is a token of its own (punctuation keeps its leading space), so code takes more tokens.
 */
export const COPY_PATTERN =
  '[\\p{L}_$][\\p{L}\\p{N}_$]*|\\p{N}{1,3}| ?[^\\s\\p{L}\\p{N}_$]+[\\r\\n]*|\\s*[\\r\\n]+[ \\t]*|\\s+';

/** Pre-tokenizer patterns by the name `atomgym tokenizer train --pattern` takes. */
export const PATTERNS = { code: CODE_PATTERN, ident: IDENT_PATTERN, copy: COPY_PATTERN } as const;

/**
 * HF regexes come from Rust/Oniguruma; JS (V8 without regex modifiers) lacks `(?i:…)` groups. We expand such a group's
 * ASCII letters into `[xX]` classes, which is exact for the patterns real tokenizers use (contractions).
 */
export function toJsRegexSource(pattern: string): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    if (pattern.startsWith('(?i:', i)) {
      let depth = 1;
      let j = i + 4;
      let inner = '';
      for (; j < pattern.length && depth > 0; j++) {
        const c = pattern[j];
        if (c === '\\') {
          inner += c + pattern[j + 1];
          j++;
          continue;
        }
        if (c === '(') depth++;
        if (c === ')' && --depth === 0) break;
        inner += /[a-zA-Z]/.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c;
      }
      out += `(?:${inner})`;
      i = j + 1;
    } else if (pattern[i] === '\\') {
      out += pattern.slice(i, i + 2);
      i += 2;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

/**
 * One pre-tokenizer step: takes a list of pieces, returns a finer list. Concatenating the pieces gives back the input.
 */
export type PreTokenizeStep = (pieces: string[]) => string[];

/**
 * HF `Split` with behavior "Isolated" (matches become their own pieces, gaps too); `ByteLevel(use_regex)` is the same
 * with GPT2_PATTERN.
 */
export function regexSplit(pattern: string): PreTokenizeStep {
  const re = new RegExp(toJsRegexSource(pattern), 'gu');
  return (pieces) => {
    const out: string[] = [];
    for (const piece of pieces) {
      let last = 0;
      re.lastIndex = 0;
      for (let m = re.exec(piece); m !== null; m = re.exec(piece)) {
        if (m[0].length === 0) {
          re.lastIndex++;
          continue;
        }
        if (m.index > last) out.push(piece.slice(last, m.index));
        out.push(m[0]);
        last = m.index + m[0].length;
      }
      if (last < piece.length) out.push(piece.slice(last));
    }
    return out;
  };
}

/** HF `Digits`: each digit alone (individual_digits) or runs of digits isolated. */
export function digitsSplit(individual: boolean): PreTokenizeStep {
  return regexSplit(individual ? '\\p{N}' : '\\p{N}+');
}

export function composeSteps(steps: readonly PreTokenizeStep[]): (text: string) => string[] {
  return (text) => steps.reduce<string[]>((pieces, step) => step(pieces), [text]);
}
