// The wasm Trainer backend (ONNX forward + hand-written backward on onnxruntime-web's wasm EP) held to the float64
// reference like the WGSL Trainer (test/browser/trainer.test.ts): whole-model log-probs and gradients for tied
// and untied heads, GQA and MHA, left and right padding; backward accumulates; the fused forwardBackward equals
// forward + backward exactly; a finite-difference check of the float32 graph itself.
//
// Tolerances are the WGSL Trainer's: relative 1e-3 on gradient entries above 0.1% of their tensor's largest
// (fp32 sums of ≤ 48 terms per dot product, u ≈ 6e-8, through ~20 ops: ~1e-5 typical; 1e-3 leaves room and
// still rejects any dropped term, which changes entries by O(1)), log-probs to 1e-5 absolute.
import { describe, expect, it } from 'vitest';
import type { LlamaConfig } from '../../src/model/config.ts';
import { initParams, referenceBackward, referenceForward } from '../../src/model/reference/model.ts';
import { randomNormal } from '../../src/model/reference/rng.ts';
import { WasmTrainer } from '../../src/train/wasm/trainer.ts';
import { TINY_LLAMA } from './tiny-llama.ts';

const tinyBase = TINY_LLAMA;

/** fp32-representable weights, std 0.3 so every gradient has a healthy magnitude; norm gains ≠ 1. */
function params(cfg: LlamaConfig, seed: number) {
  const p = initParams(cfg, seed, 0.3);
  const gains = randomNormal(cfg.hidden_size, seed + 1, 0.2);
  for (const t of p.values()) {
    if (t.length === cfg.hidden_size) t.forEach((_, i) => (t[i] = 1 + gains[i]));
    t.set(Float32Array.from(t));
  }
  return p;
}

function compare(ref: Map<string, Float64Array>, got: Map<string, Float32Array>, twice: Map<string, Float32Array>) {
  let maxRel = 0,
    worst = '',
    checked = 0,
    accumulateErr = 0;
  for (const [name, g] of ref) {
    const ours = got.get(name)!;
    const scale = g.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    for (let i = 0; i < g.length; i++) {
      accumulateErr = Math.max(accumulateErr, Math.abs(twice.get(name)![i] - 2 * ours[i]) / (scale || 1));
      if (Math.abs(g[i]) < 1e-3 * scale) continue; // "tiny": below 0.1% of the tensor's largest entry
      checked++;
      const rel = Math.abs(ours[i] - g[i]) / Math.abs(g[i]);
      if (rel > maxRel) [maxRel, worst] = [rel, `${name}[${i}] wasm ${ours[i]} ref ${g[i]}`];
    }
  }
  return { maxRel, worst, checked, accumulateErr };
}

const CASES: [string, LlamaConfig][] = [
  ['tied, GQA 4:2', { ...tinyBase, tie_word_embeddings: true }],
  ['untied, GQA 4:2', { ...tinyBase, tie_word_embeddings: false }],
  ['untied, MHA, theta 5e5', { ...tinyBase, num_key_value_heads: 4, tie_word_embeddings: false, rope_theta: 500_000 }],
];

describe('wasm Trainer vs the float64 reference', () => {
  for (const [label, cfg] of CASES) {
    it(`${label}: log-probs and whole-model gradients (left and right padding); backward accumulates`, async () => {
      const B = 2,
        T = 7;
      const tokens = [
        [0, 0, 5, 9, 31, 2, 17],
        [4, 8, 15, 16, 23, 1, 3],
      ];
      const mask = [
        [0, 0, 1, 1, 1, 1, 1],
        [1, 1, 1, 1, 1, 0, 0],
      ];
      const w = Array.from(randomNormal(B * T, 3));
      const p = params(cfg, 11);
      const { logprobs, cache } = referenceForward(cfg, p, tokens, mask);
      const grads = referenceBackward(cfg, p, cache, w);
      const trainer = await WasmTrainer.create({ config: cfg, batch: B, seqLen: T }, { weights: p });
      const lp = await trainer.forward(tokens, mask);
      await trainer.backward(w);
      const got = await trainer.getGradients();
      await trainer.forward(tokens, mask);
      await trainer.backward(w);
      const twice = await trainer.getGradients();
      // The fused graph (SFT's path) computes the same thing in one run: equal bit for bit to forward + backward.
      trainer.zeroGrad();
      const fusedLp = await trainer.forwardBackward(tokens, mask, w);
      const fused = await trainer.getGradients();
      trainer.destroy();
      expect(Array.from(fusedLp)).toEqual(Array.from(lp));
      for (const [name, g] of got) expect(Array.from(fused.get(name)!), name).toEqual(Array.from(g));
      const r = compare(grads, got, twice);
      const lpErr = Math.max(...Array.from(logprobs, (x, i) => Math.abs(x - lp[i])));
      console.log(`${label}:`, JSON.stringify({ ...r, lpErr }));
      expect(r.checked).toBeGreaterThan(1000);
      expect(r.maxRel).toBeLessThanOrEqual(1e-3);
      expect(lpErr).toBeLessThan(1e-5);
      expect(r.accumulateErr).toBeLessThan(1e-5);
    });
  }
});
