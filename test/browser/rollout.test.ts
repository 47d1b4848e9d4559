// In Chromium: the same model on ORT's WebGPU EP (weights bound as GPU tensors, KV cache kept on the GPU) vs the wasm
// EP, the automatic backend choice, and generation with the KV cache on WebGPU. One page, small shapes (SwiftShader).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { closeBrowser, harnessPage } from './page.ts';

let page: Page;
beforeAll(async () => {
  page = await harnessPage();
});
afterAll(closeBrowser);

describe('rollout on onnxruntime-web in the browser', () => {
  it('WebGPU EP matches the wasm EP; KV-cache generation agrees; the backend choice is reported', async () => {
    const r = await page.evaluate(async () => {
      type RolloutMod = typeof import('../../src/rollout/index.ts');
      type RefMod = typeof import('../../src/model/reference/model.ts');
      type CfgMod = typeof import('../../src/model/config.ts');
      type TokMod = typeof import('../../src/model/tokenizer/index.ts');
      const ro = (await window.__load('/src/rollout/index.ts')) as RolloutMod;
      const { initParams } = (await window.__load('/src/model/reference/model.ts')) as RefMod;
      const { PRESETS } = (await window.__load('/src/model/config.ts')) as CfgMod;
      const { tokenizerFromHfJson } = (await window.__load('/src/model/tokenizer/index.ts')) as TokMod;
      const tok = tokenizerFromHfJson(await (await fetch('/tokenizer/micro.json')).text(), '/tokenizer/micro.json');
      const cfg = { ...PRESETS.micro, num_hidden_layers: 2, max_position_embeddings: 64 };
      const t0 = performance.now();
      const times: Record<string, number> = {};
      const lap = (k: string) => (times[k] = Math.round(performance.now() - t0));
      const weights = initParams(cfg, 4, 0.12);
      const choice = await ro.chooseBackend();
      const prompts = ['<|user|>hello<|end|><|assistant|>', 'const x ='].map((s) =>
        tok.encode(s, { allowSpecial: true }),
      );
      // One session per EP (a WebGPU session compiles its shaders on SwiftShader: the slow part). First the prefill
      // logits of a left-padded batch at each row's last token, then greedy generation with the KV cache (on WebGPU the
      // present.* tensors stay GPU buffers between steps). WebGPU decodes with a static cache by default (fixed
      // shapes); its growing cache, run for 3 tokens, must agree with the first 3 of the static run, and on wasm
      // (growing by default) the static cache must give the same 8 tokens.
      const batch = ro.layoutPrompts(prompts, tok.tokenId('<|pad|>'), 'left');
      const run = async (backend: 'wasm' | 'webgpu') => {
        const s = await ro.PolicySession.create(cfg, { backend, weights });
        lap(`${backend} session`);
        const out = await s.step({
          ids: batch.ids,
          mask: batch.mask,
          positions: batch.positions,
          B: 2,
          S: batch.L,
          past: null,
          logitsIndex: batch.lastIndex,
        });
        s.releaseCache(out.present);
        const opts = { seed: 9, temperature: 0, samplesPerPrompt: 2 };
        const { completions } = await ro.generate(s, tok, prompts, { ...opts, maxNewTokens: 8 });
        lap(`${backend} generate`);
        const growing = await ro.generate(s, tok, prompts, { ...opts, maxNewTokens: 3, cache: 'dynamic' });
        const staticCache = await ro.generate(s, tok, prompts, { ...opts, maxNewTokens: 8, cache: 'static' });
        lap(`${backend} generate, both caches`);
        // Samples that end early leave the batch (static cache on WebGPU: its rows are copied between GPU buffers):
        // the same tokens as keeping them to the end, for fewer rows decoded.
        const ragged = { seed: 9, temperature: 1.2, samplesPerPrompt: 4, maxNewTokens: 12 };
        const eos = Array.from({ length: 150 }, (_, i) => 20 + i);
        const kept = await ro.generate(s, tok, prompts, { ...ragged, eos, compact: false });
        const compacted = await ro.generate(s, tok, prompts, { ...ragged, eos });
        lap(`${backend} generate, finished samples leaving the batch`);
        const compactAgrees =
          JSON.stringify(kept.completions.map((c) => c.tokens)) ===
            JSON.stringify(compacted.completions.map((c) => c.tokens)) &&
          compacted.stats.rowSteps < kept.stats.rowSteps;
        await s.release();
        const first3 = (cs: typeof completions) => JSON.stringify(cs.map((c) => c.tokens.slice(0, 3)));
        const cachesAgree =
          first3(growing.completions) === first3(completions) &&
          JSON.stringify(staticCache.completions.map((c) => c.tokens)) ===
            JSON.stringify(completions.map((c) => c.tokens));
        return { logits: out.logits, completions, cachesAgree, compactAgrees };
      };
      const w = await run('wasm');
      const gp = await run('webgpu');
      let diff = 0,
        scale = 0;
      for (let i = 0; i < w.logits.length; i++) {
        diff = Math.max(diff, Math.abs(w.logits[i] - gp.logits[i]));
        scale = Math.max(scale, Math.abs(w.logits[i]));
      }
      const cw = w.completions;
      const cg = gp.completions;
      let lpDiff = 0;
      cw.forEach((c, i) =>
        c.modelLogprobs.forEach((lp, j) => (lpDiff = Math.max(lpDiff, Math.abs(lp - cg[i].modelLogprobs[j])))),
      );
      return {
        times,
        choice,
        diff,
        scale,
        cachesAgree: [w.cachesAgree, gp.cachesAgree],
        compactAgrees: [w.compactAgrees, gp.compactAgrees],
        sameTokens: JSON.stringify(cw.map((c) => c.tokens)) === JSON.stringify(cg.map((c) => c.tokens)),
        lpDiff,
        n: cw.length,
      };
    });
    console.log('rollout backend choice:', r.choice, r.times, 'webgpu vs wasm max |Δlogit|', r.diff, 'of', r.scale);
    expect(['wasm', 'webgpu']).toContain(r.choice.backend);
    expect(r.choice.reason.length).toBeGreaterThan(0);
    expect(r.scale).toBeGreaterThan(1);
    // Both fp32; different kernels and summation orders. Same bound as ORT-vs-reference (see onnx-parity.test.ts).
    expect(r.diff).toBeLessThanOrEqual(1e-4 * Math.max(1, r.scale));
    expect(r.n).toBe(4);
    expect(r.sameTokens).toBe(true);
    expect(r.cachesAgree).toEqual([true, true]); // growing vs static KV cache, on each EP
    expect(r.compactAgrees).toEqual([true, true]); // finished samples leaving the batch, on each EP
    expect(r.lpDiff).toBeLessThan(1e-4);
  });
});
