// A toy environment for loop tests: prompts are short token lists, the reward is 1 when the first completion token
// lies in a target set (¼ of the vocabulary), so a random tiny policy starts near 0.25 and GRPO can raise it in a
// few steps. Optional hooks make one step's rewards NaN, to exercise the skipped-step path, and one kind's reward
// always 0, so its groups carry no signal.
import type { LlamaConfig } from '../../src/model/config.ts';
import type { Environment, RlTask, Scored } from '../../src/rl/env.ts';
import { createRng } from '../../src/tasks/rng.ts';
import { hashSeed } from '../../src/rl/seed.ts';

export const TOY_CONFIG: LlamaConfig = {
  hidden_size: 16,
  intermediate_size: 32,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  num_key_value_heads: 1,
  vocab_size: 16,
  max_position_embeddings: 32,
  rms_norm_eps: 1e-5,
  rope_theta: 10_000,
  tie_word_embeddings: true,
};
export const TOY_EOS = 15;
const TARGET = new Set([3, 4, 5, 6]);

export function toyEnv(
  opts: { nanAtStep?: number; constantKinds?: readonly string[] } = {},
): Environment & { scoredSteps: number[] } {
  const tasks: RlTask[] = Array.from({ length: 8 }, (_, k) => ({
    id: `toy-${k}`,
    kind: k % 2 ? 'odd' : 'even',
    prompt: [1, 2 + k, 12],
    promptText: `toy ${k}`,
    demo: [3 + (k % 4), TOY_EOS],
  }));
  let currentStep = -1;
  const env = {
    eos: [TOY_EOS],
    scoredSteps: [] as number[],
    draw(step: number, count: number, seed: number): RlTask[] {
      currentStep = step;
      return createRng(hashSeed(seed, 'toy-draw', step))
        .shuffle(tasks)
        .slice(0, count);
    },
    async score(items: readonly { task: RlTask; completion: readonly number[] }[]): Promise<Scored[]> {
      env.scoredSteps.push(currentStep);
      const nan = currentStep === opts.nanAtStep;
      return items.map(({ task, completion }) => ({
        reward: nan ? NaN : !opts.constantKinds?.includes(task.kind) && TARGET.has(completion[0]) ? 1 : 0,
        status: 'ok',
        detail: '',
      }));
    },
    decode: (ids: readonly number[]) => ids.join(' '),
    piece: (id: number) => String(id),
  };
  return env;
}
