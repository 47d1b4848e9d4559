// The sampler follows the trainer: after optimizer steps, PolicySession.updateWeights makes the same session score
// tokens exactly as the trainer's forward does with its new weights (wasm EP: the session is rebuilt and the cost
// returned; `bench train` prints it against a training step).
import { describe, expect, it } from 'vitest';
import type { LlamaConfig } from '../../src/model/config.ts';
import { PolicySession } from '../../src/rollout/policy.ts';
import { WasmTrainer } from '../../src/train/wasm/trainer.ts';
import { TINY_LLAMA } from './tiny-llama.ts';

const tiny: LlamaConfig = { ...TINY_LLAMA, tie_word_embeddings: true };
const big = (xs: number[]) => BigInt64Array.from(xs, (x) => BigInt(x));

/** Log-probs of each next token from [B,T,V] logits, in the Trainer's layout (entry t scores token t+1). */
function logprobsFromLogits(logits: Float32Array, tokens: number[], B: number, T: number, V: number): number[] {
  const out = new Array<number>(B * T).fill(0);
  for (let r = 0; r < B * T; r++) {
    if (r % T === T - 1) continue;
    const row = logits.subarray(r * V, (r + 1) * V);
    const max = row.reduce((m, x) => Math.max(m, x), -Infinity);
    const lse = max + Math.log(row.reduce((s, x) => s + Math.exp(x - max), 0));
    out[r] = row[tokens[r + 1]] - lse;
  }
  return out;
}

describe('sampler follows the trainer', () => {
  it('after steps, updateWeights makes the policy session agree with the trainer again', async () => {
    const B = 2,
      T = 8;
    const tokens = Array.from({ length: B * T }, (_, i) => (i * 11 + 3) % 32);
    const mask = new Array(B * T).fill(1);
    const trainer = await WasmTrainer.create({ config: tiny, batch: B, seqLen: T }, { seed: 1 });
    const policy = await PolicySession.create(tiny, {
      backend: 'wasm',
      weights: await trainer.getWeights(),
      logits: 'all',
    });
    const positions = Array.from({ length: B * T }, (_, i) => i % T);
    const score = async () => {
      const out = await policy.step({
        ids: big(tokens),
        mask: big(mask),
        positions: big(positions),
        B,
        S: T,
        past: null,
      });
      return logprobsFromLogits(out.logits, tokens, B, T, tiny.vocab_size);
    };
    const maxDiff = (a: ArrayLike<number>, b: ArrayLike<number>) =>
      Math.max(...Array.from(a, (x, i) => Math.abs(x - b[i])));
    expect(maxDiff(await score(), await trainer.forward(tokens, mask))).toBeLessThan(1e-5);
    for (let s = 0; s < 3; s++) {
      await trainer.forward(tokens, mask);
      await trainer.backward(new Array(B * T).fill(-0.5));
      await trainer.step(3e-2);
      trainer.zeroGrad();
    }
    const after = await trainer.forward(tokens, mask);
    const stale = await score();
    expect(maxDiff(stale, after)).toBeGreaterThan(1e-2); // the steps changed the model: the old session is stale
    const r = await policy.updateWeights(await trainer.getWeights());
    expect(r.how).toBe('session-rebuild');
    expect(r.ms).toBeGreaterThan(0);
    expect(maxDiff(await score(), after)).toBeLessThan(1e-5);
    await policy.release();
    trainer.destroy();
  });
});
