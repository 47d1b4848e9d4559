// The real Policy: a checkpoint sampled with the project's ORT sampler (src/rollout) through the chat template.
// Prompts longer than the context keep their last tokens (where the question and answer format are) and are
// counted, never silently dropped: the report shows how many were cut.
import type { Checkpoint } from '../model/checkpoint.ts';
import { tokenizerFromHfJson } from '../model/tokenizer/index.ts';
import type { Tokenizer } from '../model/tokenizer/tokenizer.ts';
import { generate, PolicySession, type Backend } from '../rollout/index.ts';
import { chatTemplate, type ChatTemplate } from './template.ts';
import type { Policy, SampleOptions } from './types.ts';
import type { PromptFit } from '../tasks/types.ts';

export interface OrtPolicyOptions {
  name: string;
  /** Prompts per generate call (each with k samples); bounds memory. Default 8. */
  batchSize?: number;
  /** Default: WebGPU on a real GPU, else wasm (PolicySession.auto). */
  backend?: Backend;
  template?: ChatTemplate;
}

export interface OrtPolicyStats {
  prompts: number;
  completions: number;
  /** Prompts whose start was cut to fit the context. */
  truncatedPrompts: number;
  generatedTokens: number;
  /** Completions that hit maxNewTokens before the end token. */
  lengthCapped: number;
  generateMs: number;
}

export class OrtPolicy implements Policy {
  readonly stats: OrtPolicyStats = {
    prompts: 0,
    completions: 0,
    truncatedPrompts: 0,
    generatedTokens: 0,
    lengthCapped: 0,
    generateMs: 0,
  };

  private constructor(
    readonly name: string,
    readonly backend: { backend: Backend; reason: string },
    private readonly session: PolicySession,
    private readonly tok: Tokenizer,
    private readonly template: ChatTemplate,
    private readonly batchSize: number,
  ) {}

  static async create(checkpoint: Checkpoint, opts: OrtPolicyOptions): Promise<OrtPolicy> {
    if (checkpoint.tokenizer === undefined)
      throw new Error(`${opts.name}: the checkpoint has no tokenizer.json; a policy needs one`);
    const tok = tokenizerFromHfJson(JSON.stringify(checkpoint.tokenizer), `${opts.name}/tokenizer.json`);
    if (tok.vocabSize > checkpoint.config.vocab_size) {
      throw new Error(
        `${opts.name}: tokenizer has ${tok.vocabSize} tokens ` +
          `but config.json vocab_size is ${checkpoint.config.vocab_size}`,
      );
    }
    const weights = checkpoint.weights;
    let session: PolicySession;
    let backend: { backend: Backend; reason: string };
    if (opts.backend) {
      session = await PolicySession.create(checkpoint.config, { backend: opts.backend, weights });
      backend = { backend: opts.backend, reason: 'requested' };
    } else {
      const auto = await PolicySession.auto(checkpoint.config, { weights });
      session = auto.session;
      backend = auto.choice;
    }
    const batchSize = opts.batchSize ?? 8;
    if (!Number.isInteger(batchSize) || batchSize < 1)
      throw new RangeError(`OrtPolicy: batchSize must be a positive integer, got ${batchSize}`);
    return new OrtPolicy(opts.name, backend, session, tok, opts.template ?? chatTemplate, batchSize);
  }

  promptFit(maxNewTokens: number): PromptFit {
    const budget = this.session.cfg.max_position_embeddings - maxNewTokens;
    return (prompt) => this.template.encodePrompt(this.tok, prompt).length <= budget;
  }

  answerTokens(answer: string): number {
    const { tokens, answerStart } = this.template.encodeExample(this.tok, '', answer);
    return tokens.length - answerStart;
  }

  async answer(prompts: readonly string[], opts: SampleOptions): Promise<string[][]> {
    if (opts.temperature === 0 && opts.k !== 1)
      throw new RangeError('OrtPolicy: greedy decoding (temperature 0) gives one answer per prompt; use k = 1');
    const out: string[][] = [];
    const budget = this.session.cfg.max_position_embeddings - opts.maxNewTokens;
    const eos = this.template.eos(this.tok);
    for (let start = 0; start < prompts.length; start += this.batchSize) {
      const chunk = prompts.slice(start, start + this.batchSize).map((p) => this.template.encodePrompt(this.tok, p));
      this.stats.prompts += chunk.length;
      this.stats.truncatedPrompts += chunk.filter((p) => p.length > budget).length;
      const { completions, stats } = await generate(this.session, this.tok, chunk, {
        maxNewTokens: opts.maxNewTokens,
        seed: opts.seed,
        temperature: opts.temperature,
        samplesPerPrompt: opts.k,
        eos,
        truncate: 'left',
      });
      this.stats.generatedTokens += stats.generatedTokens;
      this.stats.generateMs += Math.round(stats.totalMs);
      this.stats.completions += completions.length;
      const answers: string[][] = chunk.map(() => []);
      for (const c of completions) {
        if (c.finish === 'length') this.stats.lengthCapped++;
        answers[c.prompt][c.sample] = this.template.decode(this.tok, c.tokens);
      }
      out.push(...answers);
    }
    return out;
  }

  async release(): Promise<void> {
    await this.session.release();
  }
}
