// BPE training: count pre-tokenized words once, then repeatedly merge the most frequent adjacent pair.
// Pair counts are updated incrementally, touching only the words that contain the merged pair; a max-heap with lazy
// invalidation finds the next pair. Ties break on the smaller (left id, right id) so training is deterministic.
import { buildPreTokenizer, type PreTokenizerSpec } from './pretokenizer-spec.ts';
import { CODE_PATTERN } from './pretokenize.ts';
import { Tokenizer, TokenizerError, type AddedToken } from './tokenizer.ts';

/** The prompt-template tokens every atomgym tokenizer carries, in id order after the BPE vocabulary. */
export const DEFAULT_SPECIALS = ['<|pad|>', '<|system|>', '<|user|>', '<|assistant|>', '<|end|>'] as const;

export interface TrainOptions {
  vocabSize: number;
  specials?: readonly string[];
  preTokenizer?: PreTokenizerSpec;
  /** Pairs seen fewer times than this are never merged (default 2). */
  minFrequency?: number;
}

const SHIFT = 2 ** 21;

interface Entry {
  count: number;
  key: number;
}

/** Max-heap on count, then min on key. */
class PairHeap {
  private a: Entry[] = [];
  private better(x: Entry, y: Entry): boolean {
    return x.count > y.count || (x.count === y.count && x.key < y.key);
  }
  push(e: Entry): void {
    const a = this.a;
    a.push(e);
    let i = a.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.better(e, a[p])) break;
      a[i] = a[p];
      i = p;
    }
    a[i] = e;
  }
  pop(): Entry | undefined {
    const a = this.a;
    if (!a.length) return undefined;
    const top = a[0];
    const last = a.pop()!;
    if (a.length) {
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= a.length) break;
        const c = l + 1 < a.length && this.better(a[l + 1], a[l]) ? l + 1 : l;
        if (!this.better(a[c], last)) break;
        a[i] = a[c];
        i = c;
      }
      a[i] = last;
    }
    return top;
  }
}

export function trainBpe(texts: Iterable<string>, opts: TrainOptions): Tokenizer {
  const specials = opts.specials ?? DEFAULT_SPECIALS;
  const preTokenizer = opts.preTokenizer ?? {
    addPrefixSpace: false,
    steps: [{ type: 'split', pattern: CODE_PATTERN }],
  };
  const minFrequency = opts.minFrequency ?? 2;
  const mergeBudget = opts.vocabSize - 256 - specials.length;
  if (!Number.isInteger(opts.vocabSize) || mergeBudget < 0) {
    throw new TokenizerError(
      `vocab size ${opts.vocabSize} must be an integer ≥ 256 bytes + ${specials.length} special tokens`,
    );
  }
  const split = buildPreTokenizer(preTokenizer);
  const encoder = new TextEncoder();

  const wordCounts = new Map<string, number>();
  for (const text of texts) for (const w of split(text)) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
  // Sorted so the word order (and thus every later iteration) does not depend on corpus order details.
  const uniqueWords = [...wordCounts.keys()].sort();
  const words: number[][] = uniqueWords.map((w) => Array.from(encoder.encode(w)));
  const freq = uniqueWords.map((w) => wordCounts.get(w)!);

  const pairCount = new Map<number, number>();
  const pairWords = new Map<number, Set<number>>();
  const addPairs = (wi: number, sign: 1 | -1, touched: Set<number>) => {
    const w = words[wi];
    for (let i = 0; i + 1 < w.length; i++) {
      const key = w[i] * SHIFT + w[i + 1];
      pairCount.set(key, (pairCount.get(key) ?? 0) + sign * freq[wi]);
      touched.add(key);
      if (sign > 0) {
        let set = pairWords.get(key);
        if (!set) pairWords.set(key, (set = new Set()));
        set.add(wi);
      }
    }
  };
  const heap = new PairHeap();
  const initial = new Set<number>();
  for (let wi = 0; wi < words.length; wi++) addPairs(wi, 1, initial);
  for (const key of initial) heap.push({ count: pairCount.get(key)!, key });

  const tokens: Uint8Array[] = Array.from({ length: 256 }, (_, b) => Uint8Array.of(b));
  const merges: [number, number][] = [];
  while (merges.length < mergeBudget) {
    const top = heap.pop();
    if (!top) break;
    const current = pairCount.get(top.key) ?? 0;
    if (current !== top.count) continue; // stale; a fresher entry for this pair is in the heap
    if (current < minFrequency) break;
    const a = Math.floor(top.key / SHIFT);
    const b = top.key - a * SHIFT;
    const newId = tokens.length;
    const joined = new Uint8Array(tokens[a].length + tokens[b].length);
    joined.set(tokens[a]);
    joined.set(tokens[b], tokens[a].length);
    tokens.push(joined);
    merges.push([a, b]);
    const touched = new Set<number>();
    for (const wi of [...pairWords.get(top.key)!].sort((x, y) => x - y)) {
      const w = words[wi];
      let has = false;
      for (let i = 0; i + 1 < w.length; i++) if (w[i] === a && w[i + 1] === b) has = true;
      if (!has) continue;
      addPairs(wi, -1, touched);
      const merged: number[] = [];
      for (let i = 0; i < w.length; i++) {
        if (i + 1 < w.length && w[i] === a && w[i + 1] === b) {
          merged.push(newId);
          i++;
        } else merged.push(w[i]);
      }
      words[wi] = merged;
      addPairs(wi, 1, touched);
    }
    pairWords.delete(top.key);
    for (const key of touched) {
      const c = pairCount.get(key)!;
      if (c > 0) heap.push({ count: c, key });
      else pairCount.delete(key);
    }
  }
  const added: AddedToken[] = specials.map((content, i) => ({ id: tokens.length + i, content, special: true }));
  return new Tokenizer({ tokens, merges, added, preTokenizer });
}
