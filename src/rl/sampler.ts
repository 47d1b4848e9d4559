// The rollout side of the loop: the ORT sampler (src/rollout) holding a copy of the policy's weights. After each
// update the loop pushes the trainer's weights here (sync); on the wasm EP that rebuilds the session, since its
// weights are baked in as initializers (src/rollout/policy.ts). Everything the loop needs from a rollout is here.
import type { LlamaConfig } from '../model/config.ts';
import { generate, PolicySession, type Backend, type Completion } from '../rollout/index.ts';

export interface SampleOptions {
  num_generations: number;
  temperature: number;
  top_p?: number;
  max_completion_length: number;
  seed: number;
  eos: readonly number[];
  /** Ids the environment can decode; the sampler never picks one at or above it (default: every output row). */
  vocab_size?: number;
  /** false: finished completions stay in the decoding batch (the bench's anchor); default true. */
  compact?: boolean;
}

export class OrtSampler {
  private session: PolicySession | null = null;

  constructor(
    readonly cfg: LlamaConfig,
    readonly backend: Backend = 'wasm',
  ) {}

  /** Replaces the sampler's weights with the trainer's (by HF name); returns the milliseconds it took. */
  async sync(weights: ReadonlyMap<string, ArrayLike<number>>): Promise<number> {
    const t0 = performance.now();
    const old = this.session;
    this.session = await PolicySession.create(this.cfg, { backend: this.backend, weights });
    await old?.release();
    return performance.now() - t0;
  }

  /** num_generations completions per prompt, grouped: out[p][g]. Deterministic in (weights, prompts, seed). */
  async sample(
    prompts: readonly (readonly number[])[],
    o: SampleOptions,
  ): Promise<{ groups: Completion[][]; tokens: number }> {
    if (!this.session) throw new Error('OrtSampler.sample: call sync(weights) first');
    const { completions, stats } = await generate(this.session, null, prompts, {
      maxNewTokens: o.max_completion_length,
      samplesPerPrompt: o.num_generations,
      temperature: o.temperature,
      topP: o.top_p,
      seed: o.seed,
      eos: o.eos,
      vocabLimit: o.vocab_size,
      compact: o.compact,
    });
    const groups: Completion[][] = prompts.map(() => []);
    for (const c of completions) groups[c.prompt][c.sample] = c;
    return { groups, tokens: stats.generatedTokens };
  }

  async release(): Promise<void> {
    await this.session?.release();
    this.session = null;
  }
}
