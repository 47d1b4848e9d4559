// A serialisable description of the pre-tokenizer (what HF tokenizer.json's `pre_tokenizer` says), and its runner.
import { composeSteps, digitsSplit, GPT2_PATTERN, regexSplit, type PreTokenizeStep } from './pretokenize.ts';

export type PreTokenizerStepSpec = { type: 'split'; pattern: string } | { type: 'digits'; individual: boolean };

export interface PreTokenizerSpec {
  /** ByteLevel's add_prefix_space: a space is prepended when the text does not start with one. */
  addPrefixSpace: boolean;
  /** Applied in order; ByteLevel(use_regex: true) contributes a `split` with GPT2_PATTERN at its position. */
  steps: PreTokenizerStepSpec[];
}

export function buildPreTokenizer(spec: PreTokenizerSpec): (text: string) => string[] {
  const steps: PreTokenizeStep[] = spec.steps.map((s) =>
    s.type === 'split' ? regexSplit(s.pattern) : digitsSplit(s.individual),
  );
  const run = composeSteps(steps);
  if (!spec.addPrefixSpace) return run;
  return (text) => run(text.length > 0 && !text.startsWith(' ') ? ' ' + text : text);
}

export const gpt2PreTokenizer = (): PreTokenizerSpec => ({
  addPrefixSpace: false,
  steps: [{ type: 'split', pattern: GPT2_PATTERN }],
});
