// The chat template the evaluation (and the experiment's stand-in trainer) uses: prompt text → tokens, (prompt,
// answer) → tokens with the answer's span, and decoding. It is the project's one template (src/rl/chat-template.ts),
// seen through the interface evaluation needs.
import type { Tokenizer } from '../model/tokenizer/tokenizer.ts';

export interface ChatTemplate {
  readonly name: string;
  /** Tokens of a prompt, ending where the assistant's answer starts. */
  encodePrompt(tok: Tokenizer, prompt: string): number[];
  /** Prompt + answer + end token; `answerStart` is the first answer token (loss goes on [answerStart, end)). */
  encodeExample(tok: Tokenizer, prompt: string, answer: string): { tokens: number[]; answerStart: number };
  /** Token ids that end an answer. */
  eos(tok: Tokenizer): number[];
  /** Answer text of generated tokens: cut at the first end token, special tokens removed. */
  decode(tok: Tokenizer, tokens: readonly number[]): string;
}

export { tokenizerChatTemplate as chatTemplate } from '../rl/chat-template.ts';
