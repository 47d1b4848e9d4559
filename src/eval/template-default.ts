// A minimal chat template: <|user|> prompt <|end|> <|assistant|> answer <|end|>, with the tokenizer's special
// tokens. The prompt and answer are encoded as ordinary text, so a literal "<|end|>" inside a prompt stays text.
import type { Tokenizer } from '../model/tokenizer/tokenizer.ts';
import type { ChatTemplate } from './template.ts';

const USER = '<|user|>';
const ASSISTANT = '<|assistant|>';
const END = '<|end|>';

function special(tok: Tokenizer, name: string): number {
  if (!tok.hasToken(name)) throw new Error(`chat template: the tokenizer has no special token ${name}`);
  return tok.tokenId(name);
}

export const defaultChatTemplate: ChatTemplate = {
  name: 'default (<|user|>…<|end|><|assistant|>…<|end|>)',
  encodePrompt(tok, prompt) {
    return [special(tok, USER), ...tok.encode(prompt), special(tok, END), special(tok, ASSISTANT)];
  },
  encodeExample(tok, prompt, answer) {
    const head = defaultChatTemplate.encodePrompt(tok, prompt);
    return { tokens: [...head, ...tok.encode(answer), special(tok, END)], answerStart: head.length };
  },
  eos(tok) {
    return [special(tok, END)];
  },
  decode(tok, tokens) {
    const end = special(tok, END);
    const cut = tokens.indexOf(end);
    return tok.decode(cut >= 0 ? tokens.slice(0, cut) : tokens, { skipSpecial: true });
  },
};
