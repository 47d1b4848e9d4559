// Lookup rows: random "files" (a header run, then a body of random tokens that declares one key run), then
// questions "which file declares KEY?" answered by that file's header run. Only the answers are scored. An
// induction circuit alone cannot answer: it copies what FOLLOWS a match, and the header comes BEFORE the key. The
// policy needs the second hop localization needs (the issue names a function; the answer is the path above its
// declaration), which SFT on the skills and the copy drills did not teach the shipped base (results/lookup-warmup/).
// Keys may also appear in other files without the declaration marker, so matching the key alone is not enough.

import type { Tokenizer } from '../model/tokenizer/index.ts';
import { chatTemplate } from './chat-template.ts';

/** Token ids of the fixed parts of a lookup row; the CLI encodes them with the policy's tokenizer. */
export interface LookupMarkers {
  /** Before a file's header run ("--- src/"). */
  header: number[];
  /** After it, ending the header line (".js\n"). */
  headerEnd: number[];
  /** Before a declared key ("export function "). */
  declare: number[];
  /** After a key, declared or mentioned ("("). */
  keyEnd: number[];
  /** Before a question's key ("Which file defines `"). */
  ask: number[];
  /** After it, before the answer ("`?\n"; in the chat layout followed by the end and assistant tokens). */
  askEnd: number[];
  /** After the header in an answer, scored with it (the chat layout's end token); default none. */
  answerEnd?: number[];
}

/** Source strings of the markers, in the shape the level-1 skill prompts use. */
export const LOOKUP_MARKER_TEXT: Record<Exclude<keyof LookupMarkers, 'answerEnd'>, string> = {
  header: '--- src/',
  headerEnd: '.js\n',
  declare: 'export function ',
  keyEnd: '(',
  ask: '\nWhich file defines `',
  askEnd: '`?\n',
};

/**
 * The markers in `tok`'s ids; with `chat`, each question closes as a prompt of the chat template does and each
 * answer with its end token, so the hop is learnt where SFT and RL ask for it.
 */
export function encodeLookupMarkers(tok: Tokenizer, chat = false): LookupMarkers {
  const m = Object.fromEntries(
    Object.entries(LOOKUP_MARKER_TEXT).map(([k, text]) => [k, tok.encode(text)]),
  ) as unknown as LookupMarkers; // every key of LookupMarkers but the optional answerEnd, from the record above
  if (!chat) return m;
  const ct = chatTemplate(tok);
  return { ...m, askEnd: [...m.askEnd, ct.end, ct.assistant], answerEnd: [ct.end] };
}

type Batch = { tokens: number[]; weights: number[] };

const span = (rand: () => number, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));

/** One row's files: their tokens in order, and each file's header and declared key. */
export interface LookupFiles {
  tokens: number[];
  files: { header: number[]; key: number[] }[];
}

/**
 * 3–6 files: header runs of 1–3 tokens, bodies of 6–24 random tokens with the file's key run of 1–3 tokens
 * declared in it (first, with probability `declareFirst`, as in a level-1 module of one function, else anywhere);
 * a third of the files also call another file's key.
 */
export function lookupFiles(rand: () => number, token: () => number, m: LookupMarkers, declareFirst = 0): LookupFiles {
  const run = (lo: number, hi: number) => Array.from({ length: span(rand, lo, hi) }, token);
  const tokens: number[] = [];
  const files = Array.from({ length: span(rand, 3, 6) }, () => ({ header: run(1, 3), key: run(1, 3) }));
  files.forEach((f, i) => {
    tokens.push(...m.header, ...f.header, ...m.headerEnd);
    const body = run(6, 24);
    const other = files[(i + 1 + Math.floor(rand() * (files.length - 1))) % files.length];
    const slots = body.map((t) => [t]);
    // A call of another file's key ("name(" without the declaration marker) somewhere in the body.
    if (rand() < 1 / 3) slots.splice(Math.floor(rand() * (slots.length + 1)), 0, [...other.key, ...m.keyEnd]);
    const at = rand() < declareFirst ? 0 : Math.floor(rand() * (slots.length + 1));
    slots.splice(at, 0, [...m.declare, ...f.key, ...m.keyEnd]);
    tokens.push(...slots.flat());
  });
  return { tokens, files };
}

/**
 * B rows of T tokens, each a lookupFiles() set, then questions about random files until the row is full. Weights
 * are −1/n on the answer tokens (the Trainer's entry t scores token t+1), so Σ w·logprob is their mean NLL.
 */
export function lookupRunBatch(
  rand: () => number,
  B: number,
  T: number,
  token: () => number,
  m: LookupMarkers,
  declareFirst = 0,
): Batch {
  const tokens: number[] = [];
  const scored: boolean[] = [];
  for (let b = 0; b < B; b++) {
    const { tokens: row, files } = lookupFiles(rand, token, m, declareFirst);
    const hit: boolean[] = row.map(() => false);
    while (row.length < T) {
      const f = files[Math.floor(rand() * files.length)];
      const ask = [...m.ask, ...f.key, ...m.askEnd];
      const answer = [...f.header, ...(m.answerEnd ?? [])];
      row.push(...ask, ...answer);
      hit.push(...ask.map(() => false), ...answer.map(() => true));
    }
    tokens.push(...row.slice(0, T));
    scored.push(...hit.slice(0, T));
  }
  const n = scored.filter((x, i) => x && i % T > 0).length;
  const weights = tokens.map((_, i) => (i % T < T - 1 && scored[i + 1] ? -1 / n : 0));
  return { tokens, weights };
}
