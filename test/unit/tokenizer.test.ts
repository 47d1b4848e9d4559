import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  CODE_PATTERN,
  GPT2_PATTERN,
  COPY_PATTERN,
  IDENT_PATTERN,
  tokenizerFromHfJson,
  tokenizerToHfJson,
  trainBpe,
  TokenizerError,
} from '../../src/model/tokenizer/index.ts';
import { BYTE_TO_CHAR } from '../../src/model/tokenizer/bytes.ts';
import { regexSplit } from '../../src/model/tokenizer/pretokenize.ts';

const micro = tokenizerFromHfJson(readFileSync('public/tokenizer/micro.json', 'utf8'), 'public/tokenizer/micro.json');

const SAMPLES = [
  '',
  'hello world',
  'const x = arr.map((y) => y * 2);\n\tif (x) {\r\n    return null;\n}\n',
  'emoji 👩‍👩‍👧‍👦 🎉 and flags 🇫🇷',
  '中文字符 日本語のテキスト 한국어',
  'e\u0301 combining marks a\u0308\u0323',
  'NUL \u0000 byte, BOM \uFEFF at the start? \uFEFFx',
  '   leading and trailing spaces   ',
  '\n\n\n\t\t  \r\n',
  '1234567890 3.14159e-10 0xdeadBEEF',
  "don't we'll I'M",
];

describe('byte-level BPE tokenizer', () => {
  it('ships micro.json with vocab 1024 and the prompt-template specials', () => {
    expect(micro.vocabSize).toBe(1024);
    for (const s of ['<|pad|>', '<|system|>', '<|user|>', '<|assistant|>', '<|end|>'])
      expect(micro.isSpecial(micro.tokenId(s))).toBe(true);
    // Trained on code: common JS words compress to few tokens.
    expect(micro.encode('function').length).toBe(1);
    expect(micro.encode(' return').length).toBe(1);
  });

  it('round-trips any well-formed string exactly', () => {
    for (const s of SAMPLES) expect(micro.decode(micro.encode(s))).toBe(s);
    // A leading BOM survives (TextDecoder would strip it by default).
    expect(micro.decode(micro.encode('\uFEFFabc'))).toBe('\uFEFFabc');
    // Every single code unit / code point class, including all 256 byte values via latin-1 and a long run.
    let all = '';
    for (let c = 0; c < 0x800; c++) all += String.fromCharCode(c);
    all += '\u{10FFFF}\u{1F600}' + ' '.repeat(5000) + 'x'.repeat(3000);
    expect(micro.decode(micro.encode(all))).toBe(all);
  });

  it('encodes lone surrogates as U+FFFD (documented: no UTF-8 form exists)', () => {
    expect(micro.decode(micro.encode('a\uD800b\uDC00'))).toBe('a\uFFFDb\uFFFD');
  });

  it('produces special tokens only when allowed', () => {
    const text = '<|user|>hi<|end|>';
    const plain = micro.encode(text);
    expect(plain.some((id) => micro.isSpecial(id))).toBe(false);
    expect(micro.decode(plain)).toBe(text);
    const special = micro.encode(text, { allowSpecial: true });
    expect(special[0]).toBe(micro.tokenId('<|user|>'));
    expect(special[special.length - 1]).toBe(micro.tokenId('<|end|>'));
    expect(micro.decode(special)).toBe(text);
    expect(micro.decode(special, { skipSpecial: true })).toBe('hi');
  });

  it('trains deterministically and survives a tokenizer.json round trip', () => {
    const corpus = [
      'the cat sat on the mat. the cat ate.',
      'function f(a, b) { return a + b; }\nfunction g() { return f(1, 2); }\n',
    ];
    const a = trainBpe(corpus, { vocabSize: 300 });
    const b = trainBpe(corpus, { vocabSize: 300 });
    expect(tokenizerToHfJson(a)).toBe(tokenizerToHfJson(b));
    expect(a.spec.merges.length).toBeGreaterThan(10);
    const re = tokenizerFromHfJson(tokenizerToHfJson(a));
    for (const s of [...corpus, ...SAMPLES])
      expect(re.encode(s, { allowSpecial: true })).toEqual(a.encode(s, { allowSpecial: true }));
    // Frequent pairs merge first: ' the' and 'function' become single tokens.
    expect(a.encode(' cat').length).toBe(1);
  });

  it('IDENT_PATTERN lets only a space lead a word, so a name starts with the same token after any punctuation', () => {
    const corpus = ['function countWords(x) { return countWords(x) + countWords([x]); }\n'.repeat(20)];
    const train = (pattern: string) =>
      trainBpe(corpus, {
        vocabSize: 320,
        preTokenizer: { addPrefixSpace: false, steps: [{ type: 'split', pattern }] },
      });
    const first = (tok: ReturnType<typeof trainBpe>, text: string, name: string) => {
      const pieces = tok.encode(text).map((id) => tok.decode([id]));
      let at = 0;
      return pieces.find((p) => (at += p.length) > text.indexOf(name));
    };
    const ident = train(IDENT_PATTERN);
    expect(first(ident, 'expect(countWords', 'countWords')).toBe(first(ident, '[countWords', 'countWords'));
    expect(first(ident, 'expect(countWords', 'countWords')).not.toContain('(');
    // The code pattern glues the paren on before BPE sees the word; the ident pattern leaves only a space.
    expect(regexSplit(CODE_PATTERN)(['expect(countWords x'])).toEqual(['expect', '(countWords', ' x']);
    expect(regexSplit(IDENT_PATTERN)(['expect(countWords x'])).toEqual(['expect', '(', 'countWords', ' x']);
    // The file records its pattern, so it loads and encodes the same anywhere.
    expect(tokenizerFromHfJson(tokenizerToHfJson(ident)).encode(corpus[0])).toEqual(ident.encode(corpus[0]));
  });

  it('COPY_PATTERN makes a name the same tokens after any character, a space included', () => {
    const corpus = ['function countWords(x) { return m.countWords(x) + `countWords` + [countWords]; }\n'.repeat(20)];
    const tok = trainBpe(corpus, {
      vocabSize: 320,
      preTokenizer: { addPrefixSpace: false, steps: [{ type: 'split', pattern: COPY_PATTERN }] },
    });
    const name = tok.encode('countWords');
    for (const lead of [' ', '(', '.', '`', '[', '\n  '])
      expect(tok.encode(lead + 'countWords').slice(-name.length)).toEqual(name);
    expect(regexSplit(COPY_PATTERN)(["  expect(m.sum_2('sum')) $x"])).toEqual([
      '  ',
      'expect',
      '(',
      'm',
      '.',
      'sum_2',
      "('",
      'sum',
      "'))",
      ' ',
      '$x',
    ]);
    expect(tokenizerFromHfJson(tokenizerToHfJson(tok)).encode(corpus[0])).toEqual(tok.encode(corpus[0]));
  });

  it('round-trips a token spelt __proto__ through the HF file', () => {
    const corpus = ['x.__proto__ = y.__proto__;\n'.repeat(30)];
    const tok = trainBpe(corpus, {
      vocabSize: 300,
      preTokenizer: { addPrefixSpace: false, steps: [{ type: 'split', pattern: COPY_PATTERN }] },
    });
    expect(tok.encode('__proto__').length).toBe(1);
    expect(tokenizerFromHfJson(tokenizerToHfJson(tok)).encode(corpus[0])).toEqual(tok.encode(corpus[0]));
  });

  it('loads a GPT-2-style HF file: array merges, ByteLevel regex, vocab entry for an added token', () => {
    const ch = (s: string) => [...new TextEncoder().encode(s)].map((b) => BYTE_TO_CHAR[b]).join('');
    const vocab: Record<string, number> = {};
    BYTE_TO_CHAR.forEach((c, b) => (vocab[c] = b));
    const merged = [' t', ' th', ' the', 'he'];
    merged.forEach((m, i) => (vocab[ch(m)] = 256 + i));
    vocab['<|endoftext|>'] = 260;
    const json = JSON.stringify({
      added_tokens: [{ id: 260, content: '<|endoftext|>', special: true }],
      normalizer: null,
      pre_tokenizer: { type: 'ByteLevel', add_prefix_space: false, trim_offsets: true, use_regex: true },
      decoder: { type: 'ByteLevel' },
      model: {
        type: 'BPE',
        vocab,
        merges: [
          [ch(' '), 't'],
          [ch(' t'), 'h'],
          [ch(' th'), 'e'],
          ['h', 'e'],
        ],
      },
    });
    const tok = tokenizerFromHfJson(json);
    expect(tok.encode(' the the')).toEqual([258, 258]);
    expect(tok.encode('he')).toEqual([259]);
    expect(tok.encode('x<|endoftext|>', { allowSpecial: true })).toEqual([120, 260]);
    expect(tok.decode([258, 260])).toBe(' the<|endoftext|>');
    // Sequence(Split with an inline (?i:) group, ByteLevel without regex) as in Llama-3 style files.
    const seq = JSON.parse(json);
    seq.pre_tokenizer = {
      type: 'Sequence',
      pretokenizers: [
        { type: 'Split', pattern: { Regex: "(?i:'s|'t)|\\p{L}+|\\s+" }, behavior: 'Isolated', invert: false },
        { type: 'ByteLevel', use_regex: false },
      ],
    };
    const tok2 = tokenizerFromHfJson(JSON.stringify(seq));
    expect(tok2.decode(tok2.encode("IT'S the"))).toBe("IT'S the");
    expect(GPT2_PATTERN.length).toBeGreaterThan(0);
  });

  it('names the field in errors for unsupported or broken files', () => {
    expect(() => tokenizerFromHfJson('{"model":{"type":"Unigram"}}', 'x.json')).toThrow(/x.json: model.type "Unigram"/);
    expect(() => tokenizerFromHfJson('{"model":{"type":"BPE","vocab":{},"merges":[]}}', 'x.json')).toThrow(
      TokenizerError,
    );
    expect(() => tokenizerFromHfJson('{not json', 'x.json')).toThrow(/x.json: not valid JSON/);
    const bad = JSON.parse(readFileSync('public/tokenizer/micro.json', 'utf8'));
    bad.model.merges[3] = 'zzz_not_there Ġ';
    expect(() => tokenizerFromHfJson(JSON.stringify(bad), 'm.json')).toThrow(/m.json: model.merges\[3\]/);
  });
});
