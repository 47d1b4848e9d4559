import { describe, expect, it } from 'vitest';
import type { LlamaConfig } from '../../src/model/config.ts';
import { initParams, referenceBackward, referenceForward } from '../../src/model/reference/model.ts';
import { isDecayed, newAdamwState, referenceOptimizerStep } from '../../src/model/reference/train-step.ts';

const cfg: LlamaConfig = {
  hidden_size: 16,
  intermediate_size: 32,
  num_hidden_layers: 2,
  num_attention_heads: 4,
  num_key_value_heads: 2,
  vocab_size: 13,
  max_position_embeddings: 16,
  rms_norm_eps: 1e-5,
  rope_theta: 10_000,
  tie_word_embeddings: true,
};
const tokens = [
  [1, 5, 9, 2, 7, 3],
  [0, 0, 4, 8, 12, 6],
];
const mask = [
  [1, 1, 1, 1, 1, 1],
  [0, 0, 1, 1, 1, 1],
];
// SFT weights: −1/n on every scored position
const scored = [
  [1, 1, 1, 1, 1, 0],
  [0, 1, 1, 1, 1, 0],
];
const n = scored.flat().reduce((a, b) => a + b, 0);
const weights = scored.map((r) => r.map((s) => -s / n));
const hp = { lr: 1e-2, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.1, maxNorm: 1 };

const lossOf = (params: Map<string, Float64Array>): number =>
  referenceForward(cfg, params, tokens, mask).logprobs.reduce((s, lp, i) => s + lp * weights.flat()[i], 0);

describe('referenceOptimizerStep', () => {
  it('decays matrices but not norm weights', () => {
    expect(isDecayed('model.layers.0.self_attn.q_proj.weight')).toBe(true);
    expect(isDecayed('model.embed_tokens.weight')).toBe(true);
    expect(isDecayed('model.layers.3.input_layernorm.weight')).toBe(false);
    expect(isDecayed('model.layers.3.post_attention_layernorm.weight')).toBe(false);
    expect(isDecayed('model.norm.weight')).toBe(false);
  });
  it('memorises a batch: the SFT loss (mean NLL) falls from ln V to well below', () => {
    const params = initParams(cfg, 1);
    const state = newAdamwState(params);
    const start = lossOf(params);
    expect(start).toBeCloseTo(Math.log(cfg.vocab_size), 1);
    let last = start;
    for (let s = 0; s < 40; s++) {
      const { cache } = referenceForward(cfg, params, tokens, mask);
      const r = referenceOptimizerStep(params, referenceBackward(cfg, params, cache, weights), state, hp);
      expect(r.skipped).toBe(false);
      last = lossOf(params);
    }
    expect(state.step).toBe(40);
    expect(last).toBeLessThan(start / 3);
  });
  it('clips to maxNorm and reports the pre-clip norm', () => {
    const params = initParams(cfg, 2);
    const { cache } = referenceForward(cfg, params, tokens, mask);
    const grads = referenceBackward(
      cfg,
      params,
      cache,
      weights.map((r) => r.map((w) => w * 1000)),
    );
    const r = referenceOptimizerStep(params, grads, newAdamwState(params), hp);
    expect(r.gradNorm).toBeGreaterThan(1);
    let ss = 0;
    for (const g of grads.values()) for (const x of g) ss += x * x;
    expect(Math.sqrt(ss)).toBeCloseTo(1, 9);
  });
  it('skips a step with a NaN gradient: weights and optimizer state untouched', () => {
    const params = initParams(cfg, 3);
    const state = newAdamwState(params);
    const { cache } = referenceForward(cfg, params, tokens, mask);
    const grads = referenceBackward(cfg, params, cache, weights);
    grads.get('model.layers.1.mlp.up_proj.weight')![7] = NaN;
    const before = new Map([...params].map(([k, v]) => [k, Float64Array.from(v)]));
    const r = referenceOptimizerStep(params, grads, state, hp);
    expect(r.skipped).toBe(true);
    expect(Number.isNaN(r.gradNorm)).toBe(true);
    expect(state.step).toBe(0);
    for (const [k, v] of params) expect(Array.from(v)).toEqual(Array.from(before.get(k)!));
    for (const m of state.m.values()) expect(m.every((x) => x === 0)).toBe(true);
  });
});
