// The tfjs anchor of `bench train` computes the same model as the float64 reference: same loss, same gradient
// (read back as the update of one plain-SGD step), and its Adam step matches the reference AdamW (wd = 0).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { closeBrowser, harnessPage } from './page.ts';

type Anchor = typeof import('../../src/bench/anchors/tfjs-llama.ts');
type Ref = typeof import('../../src/model/reference/model.ts');
type Optim = typeof import('../../src/model/reference/optim.ts');
type Rng = typeof import('../../src/model/reference/rng.ts');

let page: Page;
beforeAll(async () => {
  page = await harnessPage();
});
afterAll(closeBrowser);

describe('tfjs Llama anchor (WebGPU and wasm backends) vs the float64 reference', () => {
  it('matches loss, SGD update and Adam update; Adam training lowers the loss', async () => {
    const r = await page.evaluate(async () => {
      const anchor = (await window.__load('/src/bench/anchors/tfjs-llama.ts')) as Anchor;
      const ref = (await window.__load('/src/model/reference/model.ts')) as Ref;
      const optim = (await window.__load('/src/model/reference/optim.ts')) as Optim;
      const rng = (await window.__load('/src/model/reference/rng.ts')) as Rng;
      const B = 2,
        T = 6;
      const tokens = [
        [0, 0, 4, 7, 2, 18],
        [3, 9, 1, 10, 5, 5],
      ];
      const mask = [
        [0, 0, 1, 1, 1, 1],
        [1, 1, 1, 1, 1, 0],
      ];
      const weights = Array.from(rng.randomNormal(B * T, 11));
      const report: Record<string, { loss: [number, number]; maxErr: number; worstTensor: string; cos: number }> = {};
      const cases: Record<
        string,
        { cfg: Parameters<Anchor['createTfjsLlama']>[0]; optimizer: 'sgd' | 'adam'; backend?: 'wasm' }
      > = {
        // tfjs-backend-wasm, whose embedding is a one-hot matmul (its tf.gather has no gradient kernel)
        'tfjs-wasm: tied GQA 4/2 sgd': {
          cfg: {
            hidden_size: 16,
            intermediate_size: 24,
            num_hidden_layers: 2,
            num_attention_heads: 4,
            num_key_value_heads: 2,
            vocab_size: 19,
            max_position_embeddings: 32,
            rms_norm_eps: 1e-5,
            rope_theta: 10000,
            tie_word_embeddings: true,
          },
          optimizer: 'sgd' as const,
          backend: 'wasm',
        },
        'tied GQA 4/2 sgd': {
          cfg: {
            hidden_size: 16,
            intermediate_size: 24,
            num_hidden_layers: 2,
            num_attention_heads: 4,
            num_key_value_heads: 2,
            vocab_size: 19,
            max_position_embeddings: 32,
            rms_norm_eps: 1e-5,
            rope_theta: 10000,
            tie_word_embeddings: true,
          },
          optimizer: 'sgd' as const,
        },
        'untied MQA 2/1 adam': {
          cfg: {
            hidden_size: 16,
            intermediate_size: 24,
            num_hidden_layers: 2,
            num_attention_heads: 2,
            num_key_value_heads: 1,
            vocab_size: 19,
            max_position_embeddings: 32,
            rms_norm_eps: 1e-5,
            rope_theta: 10000,
            tie_word_embeddings: false,
          },
          optimizer: 'adam' as const,
        },
      };
      let trained: number[] = [];
      let memory = 0;
      let profile: { kernel: string; ms: number; calls: number }[] = [];
      let backend = '';
      for (const [label, { cfg, optimizer, backend: caseBackend }] of Object.entries(cases)) {
        // fp32-representable weights (std 0.3, norm weights ≠ 1) so both sides start from identical values
        const params = ref.initParams(cfg, 5, 0.3);
        const noise = rng.randomNormal(cfg.hidden_size, 6, 0.2);
        for (const t of params.values()) {
          if (t.length === cfg.hidden_size) t.forEach((_, i) => (t[i] = 1 + noise[i]));
          t.set(Float32Array.from(t));
        }
        const { logprobs, cache } = ref.referenceForward(cfg, params, tokens, mask);
        const refLoss = logprobs.reduce((s, lp, i) => s + lp * weights[i], 0);
        const grads = ref.referenceBackward(cfg, params, cache, weights);
        // expected update: −lr·g for SGD (lr = 1), the reference AdamW with wd = 0 for Adam
        const lr = optimizer === 'sgd' ? 1 : 1e-3;
        const expected = new Map<string, Float64Array>();
        for (const [name, p] of params) {
          const after = Float64Array.from(p);
          if (optimizer === 'sgd') after.forEach((x, i) => (after[i] = x - lr * grads.get(name)![i]));
          else
            optim.adamwReference(after, grads.get(name)!, new Float64Array(p.length), new Float64Array(p.length), {
              lr,
              beta1: 0.9,
              beta2: 0.999,
              eps: 1e-8,
              weightDecay: 0,
              step: 1,
            });
          expected.set(
            name,
            after.map((x, i) => x - p[i]),
          );
        }
        const model = await anchor.createTfjsLlama(cfg, B, T, 0, { init: params, optimizer, lr, backend: caseBackend });
        backend = model.backend;
        const loss = await model.step(tokens.flat(), mask.flat(), weights);
        const after = await model.readWeights();
        let maxErr = 0,
          worstTensor = '',
          dotSum = 0,
          nA = 0,
          nB = 0;
        for (const [name, p] of params) {
          const want = expected.get(name)!;
          const got = after.get(name)!.map((x, i) => x - p[i]);
          const scale = want.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
          const err = got.reduce((m, x, i) => Math.max(m, Math.abs(x - want[i])), 0) / scale;
          if (err > maxErr) {
            maxErr = err;
            worstTensor = name;
          }
          want.forEach((x, i) => {
            dotSum += x * got[i];
            nA += x * x;
            nB += got[i] * got[i];
          });
        }
        report[label] = { loss: [loss, refLoss], maxErr, worstTensor, cos: dotSum / Math.sqrt(nA * nB) };
        if (optimizer === 'adam') {
          // keep training on the same batch (SFT-style weights −1/n): the loss must fall
          const sft = mask.flat().map((_, i) => (i % T < T - 1 && mask.flat()[i + 1] ? -1 / 9 : 0));
          trained = [];
          for (let s = 0; s < 6; s++) trained.push(await model.step(tokens.flat(), mask.flat(), sft));
          memory = model.memoryBytes();
          profile = (await model.profileStep(tokens.flat(), mask.flat(), sft)).slice(0, 5);
        }
        model.dispose();
      }
      return { report, trained, memory, backend, profile };
    });
    console.log('tfjs anchor vs reference:', JSON.stringify(r));
    expect(r.backend).toBe('webgpu');
    for (const [label, c] of Object.entries(r.report)) {
      expect(Math.abs(c.loss[0] - c.loss[1]), `${label} loss`).toBeLessThan(1e-4 * Math.max(1, Math.abs(c.loss[1])));
      expect(c.cos, `${label} update direction`).toBeGreaterThan(0.9999);
      expect(c.maxErr, `${label} worst entry (${c.worstTensor})`).toBeLessThan(
        optimizer(label) === 'sgd' ? 1e-4 : 3e-3,
      );
    }
    expect(r.trained[5]).toBeLessThan(r.trained[0]);
    expect(r.memory).toBeGreaterThan(0);
    expect(r.profile.length).toBeGreaterThan(0);
    expect(r.profile.map((k) => k.kernel).join(' ')).toMatch(/MatMul/);
    for (const k of r.profile) expect(k.calls).toBeGreaterThan(0);
  });
});

const optimizer = (label: string): string => (label.endsWith('sgd') ? 'sgd' : 'adam');
