// The GRPO loss expressed through the Trainer's per-token weights: the gradient that backward(w) produces with
// w = grpoLoss(...).grads placed by the chat template equals a float64 finite-difference gradient of the GRPO
// loss itself (clipping active both ways, KL k3 on, each loss_type), on a tiny reference model.
import { describe, expect, it } from 'vitest';
import type { LlamaConfig } from '../../src/model/config.ts';
import { initParams, referenceBackward, referenceForward } from '../../src/model/reference/model.ts';
import { completionLogprobs, layoutRow, placeCompletionWeights, type Segment } from '../../src/rl/chat-template.ts';
import { groupAdvantages } from '../../src/rl/advantages.ts';
import { grpoLoss, type LossOptions } from '../../src/rl/grpo-loss.ts';
import { maxFdError5 } from './reference-fd.ts';

const cfg: LlamaConfig = {
  hidden_size: 8,
  intermediate_size: 12,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  num_key_value_heads: 1,
  vocab_size: 11,
  max_position_embeddings: 16,
  rms_norm_eps: 1e-5,
  rope_theta: 10_000,
  tie_word_embeddings: true,
};
const T = 9;
const segments: Segment[] = [
  { prompt: [1, 4, 2], completion: [5, 6, 7, 3] },
  { prompt: [1, 8], completion: [9, 10, 3] },
  { prompt: [1, 4, 4, 2], completion: [6, 3] },
  { prompt: [1, 7], completion: [2, 5, 8, 9, 3] },
];
const rows = segments.map((s) => layoutRow([s], T, 0));

function completionLps(params: Map<string, Float64Array>): Float64Array[] {
  const { logprobs } = referenceForward(
    cfg,
    params,
    rows.map((r) => Array.from(r.tokens)),
    rows.map((r) => Array.from(r.mask)),
  );
  return segments.map((s, b) => completionLogprobs(logprobs.subarray(b * T, (b + 1) * T), s, 0));
}

describe('GRPO loss gradient through per-token weights', () => {
  const params = initParams(cfg, 3, 0.3);
  const refParams = initParams(cfg, 4, 0.3);
  const ref = completionLps(refParams);
  const now = completionLps(params);
  // Old log-probs differ from the current ones so ratios fall below 1−ε, above 1+ε_high and inside, each far from
  // a clip boundary (the loss has kinks there, where a finite difference would straddle two branches).
  const shifts = [0.6, -0.6, 0, 0.1, -0.05];
  const old = now.map((lp, i) => lp.map((x, t) => x + shifts[(i + t) % shifts.length]));
  const { advantages } = groupAdvantages(
    [
      [1, 0],
      [0, 1],
    ],
    'group',
  );
  const adv = advantages.flat();
  const mask: number[][] = segments.map((s, i) => s.completion.map((_, t) => (i === 3 && t === 4 ? 0 : 1)));

  for (const loss_type of ['grpo', 'dapo', 'dr_grpo'] as const) {
    it(`${loss_type}: analytic gradient equals the finite-difference gradient of the loss`, () => {
      const o: LossOptions = { loss_type, epsilon: 0.2, epsilon_high: 0.28, beta: 0.05, max_completion_length: 6 };
      const lossOf = () =>
        grpoLoss(
          completionLps(params).map((logprobs, i) => ({
            logprobs,
            old: old[i],
            ref: ref[i],
            advantage: adv[i],
            mask: mask[i],
          })),
          o,
        );
      const r = lossOf();
      expect(r.clipLow + r.clipHigh).toBeGreaterThan(0); // both branches of the min are exercised
      expect(r.clipRegion).toBeLessThan(1);
      const weights = rows.map(() => new Float64Array(T));
      segments.forEach((s, b) => placeCompletionWeights(weights[b], s, 0, r.grads[b]));
      const { cache } = referenceForward(
        cfg,
        params,
        rows.map((x) => Array.from(x.tokens)),
        rows.map((x) => Array.from(x.mask)),
      );
      const grads = referenceBackward(
        cfg,
        params,
        cache,
        weights.map((w) => Array.from(w)),
      );
      for (const name of [
        'model.embed_tokens.weight',
        'model.layers.0.self_attn.q_proj.weight',
        'model.layers.0.mlp.down_proj.weight',
        'model.norm.weight',
      ]) {
        const x = params.get(name)!;
        const idx = Array.from({ length: Math.min(12, x.length) }, (_, k) => Math.floor((k * x.length) / 12));
        const err = maxFdError5(() => lossOf().loss, x, grads.get(name)!, idx);
        expect(err, name).toBeLessThan(1e-6);
      }
    });
  }

  it('on-policy (old = current), no KL: weights are −coef·A per counted token', () => {
    const o: LossOptions = { loss_type: 'grpo', epsilon: 0.2, beta: 0, max_completion_length: 6 };
    const r = grpoLoss(
      now.map((logprobs, i) => ({ logprobs, old: logprobs, advantage: adv[i], mask: mask[i] })),
      o,
    );
    const counted = mask.map((m) => m.reduce((a, b) => a + b, 0));
    r.grads.forEach((g, i) =>
      g.forEach((w, t) => expect(w).toBeCloseTo(mask[i][t] ? -adv[i] / (4 * counted[i]) : 0, 12)),
    );
    expect(r.clipRegion).toBe(0);
    expect(r.kl).toBe(0);
    // ... and do not depend on the log-probs at all, bit for bit, whatever the aggregation: what lets updatePolicy
    // compute them before the forward and run the trainer's fused forward+backward.
    for (const loss_type of ['grpo', 'dapo', 'dr_grpo'] as const) {
      const at = (lps: readonly Float64Array[]) =>
        grpoLoss(
          lps.map((logprobs, i) => ({ logprobs, old: logprobs, advantage: adv[i], mask: mask[i] })),
          { ...o, loss_type, epsilon_high: 0.28 },
        );
      const zeros = at(now.map((x) => new Float64Array(x.length)));
      const real = at(now.map((x) => Float64Array.from(x)));
      expect(
        zeros.grads.map((g) => Array.from(g)),
        loss_type,
      ).toEqual(real.grads.map((g) => Array.from(g)));
      expect(zeros.loss, loss_type).toBe(real.loss);
    }
  });

  it('scale_rewards: group, batch and none; zero-variance groups are flagged', () => {
    const g = groupAdvantages(
      [
        [1, 1, 1],
        [0, 1, 0],
      ],
      'group',
    );
    expect(g.zeroStd).toEqual([true, false]);
    expect(g.advantages[0]).toEqual([0, 0, 0]);
    expect(g.advantages[1][1]).toBeCloseTo(2 / 3 / (Math.sqrt(1 / 3) + 1e-4), 9);
    expect(groupAdvantages([[0, 1]], 'none').advantages[0]).toEqual([-0.5, 0.5]);
    const b = groupAdvantages(
      [
        [0, 1],
        [1, 1],
      ],
      'batch',
    ).advantages;
    expect(b[0][1]).toBeCloseTo(0.5 / (0.5 + 1e-4), 9);
  });
});
