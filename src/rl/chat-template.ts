// The one chat template of atomgym (SFT, RL, eval and the page all use it), and the only module that knows the
// Trainer's conventions (src/train/backend.ts): forward entry (b, t) scores token t+1, and step() MINIMISES
// Σ w·logprob. Loops hand this module per-completion-token values (log-probs, loss gradients) and get back
// trainer rows, never computing an offset themselves.
//
//   <|user|>{prompt}<|end|><|assistant|>{answer}<|end|>
//
// The prompt's tokens end with <|assistant|>; the completion is the answer followed by <|end|>, which is what the
// policy learns to emit to stop. Decoding stops at the first <|end|> and strips every special token.
import type { Tokenizer } from '../model/tokenizer/tokenizer.ts';

export const USER = '<|user|>';
export const ASSISTANT = '<|assistant|>';
export const END = '<|end|>';
export const PAD = '<|pad|>';

export class ChatTemplateError extends Error {
  override name = 'ChatTemplateError';
}

/** The special ids the template uses, resolved once per tokenizer (errors name the missing token). */
export interface ChatTemplate {
  tok: Tokenizer;
  user: number;
  assistant: number;
  end: number;
  pad: number;
}

export function chatTemplate(tok: Tokenizer): ChatTemplate {
  for (const t of [USER, ASSISTANT, END]) {
    if (!tok.hasToken(t)) throw new ChatTemplateError(`tokenizer lacks the special token ${t} the chat template needs`);
  }
  return {
    tok,
    user: tok.tokenId(USER),
    assistant: tok.tokenId(ASSISTANT),
    end: tok.tokenId(END),
    pad: tok.hasToken(PAD) ? tok.tokenId(PAD) : 0,
  };
}

/** Prompt text → the tokens the policy sees before it answers (special-token text inside the prompt is plain text). */
export function encodePrompt(ct: ChatTemplate, prompt: string): number[] {
  return [ct.user, ...ct.tok.encode(prompt), ct.end, ct.assistant];
}

/** Answer text → the completion tokens a demonstration teaches (the answer, then <|end|>). */
export function encodeAnswer(ct: ChatTemplate, answer: string): number[] {
  return [...ct.tok.encode(answer), ct.end];
}

/** Generated tokens → answer text: cut at the first <|end|>, special tokens removed. */
export function decodeCompletion(ct: ChatTemplate, ids: readonly number[]): string {
  const stop = ids.indexOf(ct.end);
  return ct.tok.decode(stop >= 0 ? ids.slice(0, stop) : ids, { skipSpecial: true });
}

/** Token ids that end generation. */
export const stopTokens = (ct: ChatTemplate): number[] => [ct.end];

/**
 * One trainer row: prompt tokens then completion tokens from column `offset` (0 unless packed), padded with
 * `pad` to T. The completion's i-th token is scored by log-prob entry offset + prompt.length − 1 + i.
 */
export interface Segment {
  prompt: readonly number[];
  completion: readonly number[];
}

export const segmentLength = (s: Segment): number => s.prompt.length + s.completion.length;

/** Column of the log-prob that scores completion token i of a segment starting at `offset`. */
const scoreIndex = (s: Segment, offset: number, i: number): number => offset + s.prompt.length - 1 + i;

/** Lays segments end to end in one row of T; throws when they do not fit (callers count non-fitting examples first). */
export function layoutRow(
  segments: readonly Segment[],
  T: number,
  pad: number,
): { tokens: Int32Array; mask: Uint8Array; offsets: number[] } {
  const tokens = new Int32Array(T).fill(pad);
  const mask = new Uint8Array(T);
  const offsets: number[] = [];
  let at = 0;
  for (const s of segments) {
    if (s.prompt.length === 0) throw new ChatTemplateError('layoutRow: a segment needs at least one prompt token');
    if (at + segmentLength(s) > T)
      throw new ChatTemplateError(`layoutRow: segments need ${at + segmentLength(s)} tokens, the row has ${T}`);
    offsets.push(at);
    tokens.set(s.prompt, at);
    tokens.set(s.completion, at + s.prompt.length);
    mask.fill(1, at, at + segmentLength(s));
    at += segmentLength(s);
  }
  return { tokens, mask, offsets };
}

/** Per-completion-token values (e.g. dLoss/dlogprob) → the trainer's weight row, added into `row`. */
export function placeCompletionWeights(
  row: Float32Array | Float64Array,
  s: Segment,
  offset: number,
  values: ArrayLike<number>,
): void {
  if (values.length !== s.completion.length)
    throw new ChatTemplateError(
      `placeCompletionWeights: ${values.length} values for ${s.completion.length} completion tokens`,
    );
  for (let i = 0; i < values.length; i++) row[scoreIndex(s, offset, i)] += values[i];
}

/** The trainer's log-prob row → the log-prob of each completion token of a segment. */
export function completionLogprobs(row: ArrayLike<number>, s: Segment, offset: number): Float64Array {
  const out = new Float64Array(s.completion.length);
  for (let i = 0; i < out.length; i++) out[i] = row[scoreIndex(s, offset, i)];
  return out;
}

/**
 * Columns of the log-probs that score the prompt's own tokens 1..P−1 (token 0 follows another segment or nothing):
 * what a language-modelling loss on the prompt weights, e.g. SFT's prompt_loss_weight.
 */
export function promptScoreColumns(s: Segment, offset: number): { from: number; to: number } {
  return { from: offset, to: offset + s.prompt.length - 1 };
}

/**
 * Loss weights that make the trainer's step descend a loss L whose gradient w.r.t. each completion log-prob is
 * `dLdLogprob`: step() minimises Σ w·logprob, so w = dL/dlogprob. (SFT: L = −mean logprob ⇒ w = −1/N.)
 */
export const descentWeights = (dLdLogprob: ArrayLike<number>): Float64Array => Float64Array.from(dLdLogprob);

/**
 * The same template in the shape src/eval's `ChatTemplate` seam expects (tokenizer passed per call, the answer's
 * span as `answerStart`), so evaluation and the loop share one definition.
 */
export const tokenizerChatTemplate = {
  name: 'atomgym (<|user|>…<|end|><|assistant|>…<|end|>)',
  encodePrompt: (tok: Tokenizer, prompt: string): number[] => encodePrompt(chatTemplate(tok), prompt),
  encodeExample(tok: Tokenizer, prompt: string, answer: string): { tokens: number[]; answerStart: number } {
    const ct = chatTemplate(tok);
    const head = encodePrompt(ct, prompt);
    return { tokens: [...head, ...encodeAnswer(ct, answer)], answerStart: head.length };
  },
  eos: (tok: Tokenizer): number[] => stopTokens(chatTemplate(tok)),
  decode: (tok: Tokenizer, tokens: readonly number[]): string => decodeCompletion(chatTemplate(tok), tokens),
};
