export { Tokenizer, TokenizerError, type AddedToken, type TokenizerSpec } from './tokenizer.ts';
export { trainBpe, DEFAULT_SPECIALS, type TrainOptions } from './train.ts';
export { tokenizerFromHfJson, tokenizerToHfJson } from './hf.ts';
export { CODE_PATTERN, COPY_PATTERN, GPT2_PATTERN, IDENT_PATTERN, PATTERNS } from './pretokenize.ts';
export type { PreTokenizerSpec } from './pretokenizer-spec.ts';
