import { describe, expect, it } from 'vitest';
import type { LlamaConfig } from '../../src/model/config.ts';
import {
  initParams,
  parameterShapes,
  positionsFromMask,
  referenceBackward,
  referenceForward,
} from '../../src/model/reference/model.ts';
import { mulberry32, randomNormal } from '../../src/model/reference/rng.ts';
import { dot, maxFdError5 } from './reference-fd.ts';

const base: LlamaConfig = {
  hidden_size: 8,
  intermediate_size: 12,
  num_hidden_layers: 2,
  num_attention_heads: 2,
  num_key_value_heads: 1,
  vocab_size: 11,
  max_position_embeddings: 16,
  rms_norm_eps: 1e-5,
  rope_theta: 10_000,
  tie_word_embeddings: true,
};

// row 0 left-padded by two, row 1 full
const tokens = [
  [0, 0, 4, 7, 2],
  [3, 9, 1, 10, 5],
];
const mask = [
  [0, 0, 1, 1, 1],
  [1, 1, 1, 1, 1],
];

/** Larger-than-default weights (std 0.3) and norm weights ≠ 1, so every nonlinearity is exercised. */
function testParams(cfg: LlamaConfig, seed: number): Map<string, Float64Array> {
  const params = initParams(cfg, seed, 0.3);
  let k = 0;
  for (const [name, t] of params) {
    if (t.length === cfg.hidden_size) {
      const noise = randomNormal(t.length, seed + 100 + k++, 0.2);
      t.forEach((_, i) => (t[i] = 1 + noise[i]));
    } else if (!name.endsWith('weight')) throw new Error(name);
  }
  return params;
}

function gradCheck(cfg: LlamaConfig, seed: number): { worst: number; perTensor: Record<string, number> } {
  const params = testParams(cfg, seed);
  const weights = Array.from(randomNormal(10, seed + 1));
  const loss = () => dot(referenceForward(cfg, params, tokens, mask).logprobs, weights);
  const { cache } = referenceForward(cfg, params, tokens, mask);
  const grads = referenceBackward(cfg, params, cache, weights);
  expect([...grads.keys()].sort()).toEqual(
    parameterShapes(cfg)
      .map(([n]) => n)
      .sort(),
  );
  const rand = mulberry32(seed + 2);
  const perTensor: Record<string, number> = {};
  let worst = 0;
  for (const [name, p] of params) {
    const g = grads.get(name)!;
    expect(g.length).toBe(p.length);
    expect(
      g.some((x) => Math.abs(x) > 1e-6),
      `${name} has a non-trivial gradient`,
    ).toBe(true);
    const idx = Array.from({ length: Math.min(8, p.length) }, () => Math.floor(rand() * p.length));
    idx.push(g.reduce((best, x, i) => (Math.abs(x) > Math.abs(g[best]) ? i : best), 0)); // the largest entry too
    perTensor[name] = maxFdError5(loss, p, g, idx);
    worst = Math.max(worst, perTensor[name]);
  }
  return { worst, perTensor };
}

describe('reference model gradients vs central finite differences (float64)', () => {
  const cases: [string, LlamaConfig][] = [
    ['tied, 2 heads / 1 kv head', base],
    [
      'untied, GQA 4 heads / 2 kv heads',
      { ...base, num_attention_heads: 4, num_key_value_heads: 2, tie_word_embeddings: false },
    ],
    ['tied, multi-head (kv = heads), head_dim 2', { ...base, num_attention_heads: 4, num_key_value_heads: 4 }],
  ];
  for (const [label, cfg] of cases) {
    it(label, () => {
      const { worst, perTensor } = gradCheck(cfg, 42);
      if (process.env.DEBUG_GRAD) console.log(perTensor);
      console.log(`reference grad check [${label}]: max relative error ${worst.toExponential(2)}`);
      expect(worst).toBeLessThan(1e-6);
    });
  }
});

describe('reference model forward', () => {
  const params = testParams(base, 7);
  it('default positions count real tokens only', () => {
    expect(positionsFromMask(mask)).toEqual([
      [0, 0, 0, 1, 2],
      [0, 1, 2, 3, 4],
    ]);
    const a = referenceForward(base, params, tokens, mask).logprobs;
    const b = referenceForward(base, params, tokens, mask, [
      [0, 0, 0, 1, 2],
      [0, 1, 2, 3, 4],
    ]).logprobs;
    expect(Array.from(a)).toEqual(Array.from(b));
  });
  it("padding does not change real tokens' logprobs (left and right, any pad id)", () => {
    const alone = referenceForward(base, params, [[4, 7, 2]], [[1, 1, 1]]).logprobs;
    const left = referenceForward(base, params, [[5, 0, 4, 7, 2]], [[0, 0, 1, 1, 1]]).logprobs;
    const right = referenceForward(base, params, [[4, 7, 2, 6, 6]], [[1, 1, 1, 0, 0]]).logprobs;
    for (let t = 0; t < 2; t++) {
      expect(left[t + 2]).toBeCloseTo(alone[t], 12);
      expect(right[t]).toBeCloseTo(alone[t], 12);
    }
    expect(alone[0]).not.toBe(0);
    // entries whose target is padding, and the last position, are 0
    expect([right[2], right[3], right[4], left[0], left[4]]).toEqual([0, 0, 0, 0, 0]);
  });
  it('logprobs are log-probabilities of the next token (≤ 0; a row of logits sums to 1 after softmax)', () => {
    const { logprobs, cache } = referenceForward(base, params, tokens, mask);
    for (const lp of logprobs) expect(lp).toBeLessThanOrEqual(0);
    let s = 0;
    for (let j = 0; j < base.vocab_size; j++) s += Math.exp(cache.logits[7 * base.vocab_size + j] - cache.lse[7]);
    expect(s).toBeCloseTo(1, 12);
  });
  it('initParams is deterministic, seeded, normal(0, 0.02) for matrices and 1 for norms', () => {
    const a = initParams(base, 3),
      b = initParams(base, 3),
      c = initParams(base, 4);
    const e = a.get('model.embed_tokens.weight')!;
    expect(Array.from(e)).toEqual(Array.from(b.get('model.embed_tokens.weight')!));
    expect(Array.from(e)).not.toEqual(Array.from(c.get('model.embed_tokens.weight')!));
    expect(Array.from(a.get('model.norm.weight')!)).toEqual(new Array(8).fill(1));
    const big = initParams({ ...base, hidden_size: 64, vocab_size: 512 }, 1).get('model.embed_tokens.weight')!;
    const mean = big.reduce((x, y) => x + y, 0) / big.length;
    const std = Math.sqrt(big.reduce((x, y) => x + (y - mean) ** 2, 0) / big.length);
    expect(Math.abs(mean)).toBeLessThan(1e-3);
    expect(std).toBeGreaterThan(0.019);
    expect(std).toBeLessThan(0.021);
  });
  it('names a missing or mis-sized tensor', () => {
    const broken = new Map(params);
    broken.delete('model.layers.1.mlp.up_proj.weight');
    expect(() => referenceForward(base, broken, tokens, mask)).toThrow(
      /missing tensor model.layers.1.mlp.up_proj.weight/,
    );
    broken.set('model.layers.1.mlp.up_proj.weight', new Float64Array(5));
    expect(() => referenceForward(base, broken, tokens, mask)).toThrow(/up_proj.weight has 5 elements, expected 96/);
    expect(() => referenceForward(base, params, [[1, 2, 3]], [[1, 1]])).toThrow(/mask row 0 has 2 entries, expected 3/);
  });
});
