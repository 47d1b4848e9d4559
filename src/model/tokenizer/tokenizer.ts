// Byte-level BPE tokenizer: encode/decode with special tokens and a per-word cache.
//
// Text handling (documented contract):
// - Text is encoded as UTF-8 bytes, so every well-formed string (emoji, CJK, combining marks, "\r\n", NUL, a leading
//   BOM) round-trips exactly: decode(encode(s)) === s. No Unicode normalisation is applied.
// - A lone surrogate (a JS string that is not well-formed UTF-16) has no UTF-8 encoding; it is encoded as U+FFFD,
//   exactly as TextEncoder does, so decode(encode(s)) === s.toWellFormed().
// - Decoding a token sequence whose bytes are not valid UTF-8 (a sampled sequence may stop mid-character) yields
//   U+FFFD for the invalid bytes; decodeBytes() returns the raw bytes.
// - Special tokens (e.g. <|user|>) are produced only with `allowSpecial`; otherwise their text is encoded like any
//   other text. Non-special added tokens (HF `special: false`) are always matched, as in HF.
import { NumberMinHeap } from './heap.ts';
import { buildPreTokenizer, type PreTokenizerSpec } from './pretokenizer-spec.ts';

export interface AddedToken {
  id: number;
  content: string;
  special: boolean;
}

export interface TokenizerSpec {
  /** id → bytes for every ordinary (BPE) token; sparse ids are allowed (undefined entries). */
  tokens: (Uint8Array | undefined)[];
  /** Merges in rank order, as pairs of token ids; the result is the token whose bytes are the concatenation. */
  merges: [number, number][];
  added: AddedToken[];
  preTokenizer: PreTokenizerSpec;
  /** HF BPE `ignore_merges`: a word that is itself in the vocab is emitted as one token. */
  ignoreMerges?: boolean;
}

export class TokenizerError extends Error {
  override name = 'TokenizerError';
}

const PAIR_SHIFT = 2 ** 21; // ids < 2^21 (2M) so a pair packs into one safe integer
const POS_SHIFT = 2 ** 26; // heap entry = rank * 2^26 + position; words longer than 64M bytes are rejected
const CACHE_LIMIT = 100_000;

export class Tokenizer {
  readonly spec: TokenizerSpec;
  readonly vocabSize: number;
  private readonly byteId = new Int32Array(256).fill(-1);
  private readonly mergeRank = new Map<number, number>();
  private readonly mergeResult: Int32Array;
  private readonly preTokenize: (text: string) => string[];
  private readonly cache = new Map<string, number[]>();
  private readonly wholeWord = new Map<string, number>();
  private readonly addedByContent = new Map<string, AddedToken>();
  private readonly addedById = new Map<number, AddedToken>();
  private readonly specialRe: RegExp | null;
  private readonly alwaysRe: RegExp | null;
  private readonly encoder = new TextEncoder();
  private readonly decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: true });

  constructor(spec: TokenizerSpec) {
    this.spec = spec;
    const keyOf = (bytes: Uint8Array): string => String.fromCharCode(...bytes);
    const idOfBytes = new Map<string, number>();
    spec.tokens.forEach((bytes, id) => {
      if (!bytes) return;
      if (id >= PAIR_SHIFT) throw new TokenizerError(`token id ${id} is too large (limit ${PAIR_SHIFT})`);
      const key = keyOf(bytes);
      if (!idOfBytes.has(key)) idOfBytes.set(key, id);
      if (bytes.length === 1 && this.byteId[bytes[0]] < 0) this.byteId[bytes[0]] = id;
    });
    for (let b = 0; b < 256; b++) {
      if (this.byteId[b] < 0)
        throw new TokenizerError(`vocabulary has no token for byte 0x${b.toString(16)}: byte-level BPE needs all 256`);
    }
    this.mergeResult = new Int32Array(spec.merges.length);
    spec.merges.forEach(([a, b], rank) => {
      const ta = spec.tokens[a];
      const tb = spec.tokens[b];
      if (!ta || !tb) throw new TokenizerError(`merge #${rank}: token id ${!ta ? a : b} is not in the vocabulary`);
      const joined = new Uint8Array(ta.length + tb.length);
      joined.set(ta);
      joined.set(tb, ta.length);
      const result = idOfBytes.get(keyOf(joined));
      if (result === undefined) throw new TokenizerError(`merge #${rank}: the merged token is not in the vocabulary`);
      const key = a * PAIR_SHIFT + b;
      if (!this.mergeRank.has(key)) this.mergeRank.set(key, rank);
      this.mergeResult[rank] = result;
    });
    if (spec.ignoreMerges) {
      for (const [key, id] of idOfBytes) this.wholeWord.set(key, id);
    }
    let maxId = spec.tokens.length - 1;
    for (const t of spec.added) {
      if (this.addedByContent.has(t.content))
        throw new TokenizerError(`added token ${JSON.stringify(t.content)} is listed twice`);
      this.addedByContent.set(t.content, t);
      this.addedById.set(t.id, t);
      maxId = Math.max(maxId, t.id);
    }
    this.vocabSize = maxId + 1;
    this.preTokenize = buildPreTokenizer(spec.preTokenizer);
    const alternation = (ts: AddedToken[]): RegExp | null =>
      ts.length === 0
        ? null
        : new RegExp(
            [...ts]
              .sort((x, y) => y.content.length - x.content.length)
              .map((t) => t.content.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
              .join('|'),
            'g',
          );
    this.specialRe = alternation(spec.added);
    this.alwaysRe = alternation(spec.added.filter((t) => !t.special));
  }

  /** Id of an added/special token by its text, e.g. tokenId('<|end|>'); throws when absent. */
  tokenId(content: string): number {
    const t = this.addedByContent.get(content);
    if (!t) throw new TokenizerError(`tokenizer has no added token ${JSON.stringify(content)}`);
    return t.id;
  }

  hasToken(content: string): boolean {
    return this.addedByContent.has(content);
  }

  isSpecial(id: number): boolean {
    return this.addedById.get(id)?.special ?? false;
  }

  encode(text: string, opts: { allowSpecial?: boolean } = {}): number[] {
    const re = opts.allowSpecial ? this.specialRe : this.alwaysRe;
    const out: number[] = [];
    if (!re) {
      this.encodeOrdinary(text, out);
      return out;
    }
    let last = 0;
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      if (m.index > last) this.encodeOrdinary(text.slice(last, m.index), out);
      out.push(this.addedByContent.get(m[0])!.id);
      last = m.index + m[0].length;
    }
    if (last < text.length) this.encodeOrdinary(text.slice(last), out);
    return out;
  }

  decode(ids: ArrayLike<number>, opts: { skipSpecial?: boolean } = {}): string {
    let text = '';
    let run: number[] = [];
    const flush = () => {
      if (run.length) text += this.decoder.decode(this.decodeBytes(run));
      run = [];
    };
    for (let i = 0; i < ids.length; i++) {
      const added = this.addedById.get(ids[i]);
      if (added && !this.spec.tokens[ids[i]]) {
        flush();
        if (!(opts.skipSpecial && added.special)) text += added.content;
      } else run.push(ids[i]);
    }
    flush();
    return text;
  }

  /** Raw bytes of ordinary tokens (added tokens contribute their UTF-8 text). */
  decodeBytes(ids: ArrayLike<number>): Uint8Array {
    const parts: Uint8Array[] = [];
    let n = 0;
    for (let i = 0; i < ids.length; i++) {
      const id = ids[i];
      const bytes =
        this.spec.tokens[id] ??
        (this.addedById.has(id) ? this.encoder.encode(this.addedById.get(id)!.content) : undefined);
      if (!bytes) throw new TokenizerError(`decode: token id ${id} is not in the vocabulary (size ${this.vocabSize})`);
      parts.push(bytes);
      n += bytes.length;
    }
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  private encodeOrdinary(text: string, out: number[]): void {
    for (const word of this.preTokenize(text)) {
      let ids = this.cache.get(word);
      if (!ids) {
        ids = this.bpeWord(this.encoder.encode(word));
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(word, ids);
      }
      for (const id of ids) out.push(id);
    }
  }

  /** Applies merges lowest rank first (leftmost among equals) with a heap over a linked list of symbols: O(n log n). */
  private bpeWord(bytes: Uint8Array): number[] {
    const n = bytes.length;
    if (n === 0) return [];
    if (this.wholeWord.size && n <= 1024) {
      const whole = this.wholeWord.get(String.fromCharCode(...bytes));
      if (whole !== undefined) return [whole];
    }
    if (n >= POS_SHIFT) throw new TokenizerError(`a pre-tokenized word of ${n} bytes is too long`);
    const sym = new Int32Array(n);
    const next = new Int32Array(n);
    const prev = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      sym[i] = this.byteId[bytes[i]];
      next[i] = i + 1 < n ? i + 1 : -1;
      prev[i] = i - 1;
    }
    if (n === 1) return [sym[0]];
    const heap = new NumberMinHeap();
    const rankAt = (i: number): number => {
      const j = next[i];
      if (j < 0) return -1;
      return this.mergeRank.get(sym[i] * PAIR_SHIFT + sym[j]) ?? -1;
    };
    const pushAt = (i: number) => {
      const r = rankAt(i);
      if (r >= 0) heap.push(r * POS_SHIFT + i);
    };
    for (let i = 0; i < n - 1; i++) pushAt(i);
    const dead = new Uint8Array(n);
    for (let e = heap.pop(); e !== undefined; e = heap.pop()) {
      const rank = Math.floor(e / POS_SHIFT);
      const i = e - rank * POS_SHIFT;
      if (dead[i] || rankAt(i) !== rank) continue; // stale entry: the pair at i changed since it was pushed
      const j = next[i];
      sym[i] = this.mergeResult[rank];
      dead[j] = 1;
      next[i] = next[j];
      if (next[j] >= 0) prev[next[j]] = i;
      if (prev[i] >= 0) pushAt(prev[i]);
      pushAt(i);
    }
    const ids: number[] = [];
    for (let i = 0; i >= 0; i = next[i]) ids.push(sym[i]);
    return ids;
  }
}
