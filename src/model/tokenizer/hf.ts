// Hugging Face tokenizer.json ⇄ Tokenizer. Supported: model BPE (vocab + merges as "a b" strings or [a, b] arrays,
// ignore_merges), pre_tokenizer ByteLevel / Split(Isolated) / Digits, alone or in a Sequence, added_tokens, decoder
// ByteLevel. Anything else (a normalizer, other pre-tokenizers, byte_fallback, dropout) is rejected with the field
// named, because silently ignoring it would tokenize differently from the model's training.
import { byteLevelToBytes, bytesToByteLevel } from './bytes.ts';
import { GPT2_PATTERN } from './pretokenize.ts';
import type { PreTokenizerSpec, PreTokenizerStepSpec } from './pretokenizer-spec.ts';
import { Tokenizer, TokenizerError, type AddedToken } from './tokenizer.ts';

type Json = Record<string, unknown>;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function preTokenizerFromHf(node: unknown, where: string, spec: PreTokenizerSpec): void {
  if (!isObj(node)) throw new TokenizerError(`${where}: expected an object`);
  switch (node.type) {
    case 'Sequence': {
      const list = node.pretokenizers;
      if (!Array.isArray(list)) throw new TokenizerError(`${where}.pretokenizers: expected an array`);
      list.forEach((p, i) => preTokenizerFromHf(p, `${where}.pretokenizers[${i}]`, spec));
      return;
    }
    case 'ByteLevel':
      if (node.add_prefix_space === true) spec.addPrefixSpace = true;
      if (node.use_regex !== false) spec.steps.push({ type: 'split', pattern: GPT2_PATTERN });
      return;
    case 'Split': {
      const p = node.pattern;
      if (node.behavior !== 'Isolated')
        throw new TokenizerError(
          `${where}.behavior: only "Isolated" is supported, got ${JSON.stringify(node.behavior)}`,
        );
      if (node.invert === true) throw new TokenizerError(`${where}.invert: inverted splits are not supported`);
      if (isObj(p) && typeof p.Regex === 'string') spec.steps.push({ type: 'split', pattern: p.Regex });
      else if (isObj(p) && typeof p.String === 'string')
        spec.steps.push({ type: 'split', pattern: p.String.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') });
      else throw new TokenizerError(`${where}.pattern: expected {"Regex": …} or {"String": …}`);
      return;
    }
    case 'Digits':
      spec.steps.push({ type: 'digits', individual: node.individual_digits === true });
      return;
    default:
      throw new TokenizerError(
        `${where}.type: pre-tokenizer ${JSON.stringify(node.type)} is not supported ` +
          '(ByteLevel, Split, Digits, Sequence are)',
      );
  }
}

/** Parses the text of a tokenizer.json; `source` names the file in errors. */
export function tokenizerFromHfJson(text: string, source = 'tokenizer.json'): Tokenizer {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    throw new TokenizerError(`${source}: not valid JSON (${(e as Error).message})`);
  }
  if (!isObj(root)) throw new TokenizerError(`${source}: expected a JSON object`);
  const model = root.model;
  if (!isObj(model)) throw new TokenizerError(`${source}: missing "model"`);
  if (model.type !== undefined && model.type !== 'BPE')
    throw new TokenizerError(`${source}: model.type ${JSON.stringify(model.type)} is not supported (only BPE)`);
  if (model.byte_fallback === true)
    throw new TokenizerError(
      `${source}: model.byte_fallback (SentencePiece-style BPE) is not supported; byte-level BPE is`,
    );
  if (root.normalizer !== null && root.normalizer !== undefined)
    throw new TokenizerError(
      `${source}: normalizer ${JSON.stringify((root.normalizer as Json).type)} is not supported`,
    );
  if (!isObj(model.vocab)) throw new TokenizerError(`${source}: model.vocab must be an object`);
  if (!Array.isArray(model.merges)) throw new TokenizerError(`${source}: model.merges must be an array`);

  const addedRaw = root.added_tokens ?? [];
  if (!Array.isArray(addedRaw)) throw new TokenizerError(`${source}: added_tokens must be an array`);
  const added: AddedToken[] = addedRaw.map((t, i) => {
    if (!isObj(t) || typeof t.id !== 'number' || typeof t.content !== 'string')
      throw new TokenizerError(`${source}: added_tokens[${i}] needs a numeric id and a string content`);
    return { id: t.id, content: t.content, special: t.special === true };
  });
  const addedIds = new Set(added.map((t) => t.id));

  const tokens: (Uint8Array | undefined)[] = [];
  const idOf = new Map<string, number>();
  for (const [str, id] of Object.entries(model.vocab)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0)
      throw new TokenizerError(`${source}: model.vocab[${JSON.stringify(str)}] must be a non-negative integer id`);
    idOf.set(str, id);
    if (addedIds.has(id)) continue; // an added token's vocab entry is its literal text, not byte-level
    tokens[id] = byteLevelToBytes(str, `${source}: model.vocab`);
  }
  const merges: [number, number][] = model.merges.map((m, i) => {
    let pair: unknown[];
    if (typeof m === 'string') {
      const sp = m.indexOf(' ', 1);
      pair = sp < 0 ? [] : [m.slice(0, sp), m.slice(sp + 1)];
    } else pair = Array.isArray(m) ? m : [];
    if (pair.length !== 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string')
      throw new TokenizerError(`${source}: model.merges[${i}] must be "a b" or ["a", "b"]`);
    const a = idOf.get(pair[0]);
    const b = idOf.get(pair[1]);
    if (a === undefined || b === undefined) {
      const missing = JSON.stringify(a === undefined ? pair[0] : pair[1]);
      throw new TokenizerError(`${source}: model.merges[${i}] names ${missing}, which is not in model.vocab`);
    }
    return [a, b];
  });
  const preTokenizer: PreTokenizerSpec = { addPrefixSpace: false, steps: [] };
  if (root.pre_tokenizer !== null && root.pre_tokenizer !== undefined)
    preTokenizerFromHf(root.pre_tokenizer, `${source}: pre_tokenizer`, preTokenizer);
  return new Tokenizer({ tokens, merges, added, preTokenizer, ignoreMerges: model.ignore_merges === true });
}

function preTokenizerToHf(spec: PreTokenizerSpec): Json {
  const byteLevel = { type: 'ByteLevel', add_prefix_space: spec.addPrefixSpace, trim_offsets: true, use_regex: false };
  const steps = spec.steps.map(
    (s: PreTokenizerStepSpec): Json =>
      s.type === 'split'
        ? { type: 'Split', pattern: { Regex: s.pattern }, behavior: 'Isolated', invert: false }
        : { type: 'Digits', individual_digits: s.individual },
  );
  return { type: 'Sequence', pretokenizers: [...steps, byteLevel] };
}

/** Serialises to HF tokenizer.json text (merges in the "a b" string form, readable by old and new HF versions). */
export function tokenizerToHfJson(tok: Tokenizer): string {
  // No prototype: a token spelt `__proto__` (code corpora have it) would otherwise set the prototype, not a key.
  const vocab = Object.create(null) as Record<string, number>;
  tok.spec.tokens.forEach((bytes, id) => {
    if (bytes) vocab[bytesToByteLevel(bytes)] = id;
  });
  const name = (id: number) => bytesToByteLevel(tok.spec.tokens[id]!);
  const doc = {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: tok.spec.added.map((t) => ({
      id: t.id,
      content: t.content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: t.special,
    })),
    normalizer: null,
    pre_tokenizer: preTokenizerToHf(tok.spec.preTokenizer),
    post_processor: null,
    decoder: { type: 'ByteLevel', add_prefix_space: true, trim_offsets: true, use_regex: true },
    model: {
      type: 'BPE',
      dropout: null,
      unk_token: null,
      continuing_subword_prefix: null,
      end_of_word_suffix: null,
      fuse_unk: false,
      byte_fallback: false,
      ignore_merges: tok.spec.ignoreMerges === true,
      vocab,
      merges: tok.spec.merges.map(([a, b]) => `${name(a)} ${name(b)}`),
    },
  };
  return JSON.stringify(doc);
}
