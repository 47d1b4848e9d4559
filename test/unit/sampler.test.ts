// The sampler: the sampling distribution (temperature → top-k → top-p), and batched generation on ORT's wasm EP with
// the project's micro model + shipped tokenizer: determinism, padding sides, KV vs recompute, stop strings, EOS,
// context limits, and the returned log-probs against the float64 reference forward pass on the same tokens.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESETS, type LlamaConfig } from '../../src/model/config.ts';
import { initParams, referenceForward } from '../../src/model/reference/model.ts';
import { tokenizerFromHfJson } from '../../src/model/tokenizer/index.ts';
import { ContextLengthError, generate, PolicySession, sampleRow, validateSampling } from '../../src/rollout/index.ts';

describe('sampleRow', () => {
  const logits = Float32Array.of(2, 1, 0.5, 3, -1, 3);
  const scratch = new Float64Array(6);
  const lse = Math.log(Array.from(logits).reduce((s, l) => s + Math.exp(l), 0));

  it('greedy picks the first maximum with logprob 0 under a point mass', () => {
    const p = sampleRow(logits, 0, 6, validateSampling({ temperature: 0 }), 0.7, scratch);
    expect(p.token).toBe(3);
    expect(p.logprob).toBe(0);
    expect(p.modelLogprob).toBeCloseTo(3 - lse, 6);
  });

  it('temperature, top-k and top-p renormalise exactly as specified', () => {
    // T = 0.5 → weights ∝ exp(2·l); top-k 4 keeps {3, 5, 0, 1}; top-p 0.95 of that mass drops token 1
    // (e^6+e^6+e^4 ≥ 0.95·(e^6+e^6+e^4+e^2)).
    const params = validateSampling({ temperature: 0.5, topK: 4, topP: 0.95 });
    const w = { 3: Math.exp(6), 5: Math.exp(6), 0: Math.exp(4) };
    const total = w[3] + w[5] + w[0];
    const seen = new Map<number, number>();
    for (let i = 0; i < 1000; i++) {
      const u = (i + 0.5) / 1000;
      const p = sampleRow(logits, 0, 6, params, u, scratch);
      seen.set(p.token, (seen.get(p.token) ?? 0) + 1);
      expect(p.logprob).toBeCloseTo(Math.log(w[p.token as 3 | 5 | 0] / total), 12);
      expect(p.modelLogprob).toBeCloseTo(logits[p.token] - lse, 6);
    }
    expect([...seen.keys()].sort()).toEqual([0, 3, 5]);
    expect(seen.get(0)! / 1000).toBeCloseTo(w[0] / total, 2); // inverse-CDF sampling over the kept set
  });

  it('rejects invalid parameters', () => {
    expect(() => validateSampling({ topP: 0 })).toThrow(/topP/);
    expect(() => validateSampling({ temperature: -1 })).toThrow(/temperature/);
    expect(() => validateSampling({ topK: 1.5 })).toThrow(/topK/);
  });
});

describe('generate on the wasm EP', () => {
  const tok = tokenizerFromHfJson(readFileSync('public/tokenizer/micro.json', 'utf8'));
  const cfg: LlamaConfig = { ...PRESETS.micro, max_position_embeddings: 64 };
  const weights = initParams(cfg, 7, 0.12);
  let policy: PolicySession;
  const prompts = ['<|user|>add two numbers<|end|><|assistant|>', 'function f(', '<|user|>x<|end|><|assistant|>'].map(
    (s) => tok.encode(s, { allowSpecial: true }),
  );

  beforeAll(async () => {
    policy = await PolicySession.create(cfg, { backend: 'wasm', weights });
  });
  afterAll(() => policy.release());

  it('is deterministic for a seed, independent of batch composition, and varies with the seed', async () => {
    const opts = { maxNewTokens: 12, seed: 11, samplesPerPrompt: 2, temperature: 1, topP: 0.95 };
    const a = await generate(policy, tok, prompts, opts);
    const b = await generate(policy, tok, prompts, opts);
    expect(b.completions.map((c) => c.tokens)).toEqual(a.completions.map((c) => c.tokens));
    const alone = await generate(policy, tok, [prompts[1]], opts);
    expect(alone.completions.map((c) => c.tokens)).toEqual(
      a.completions.filter((c) => c.prompt === 1).map((c) => c.tokens),
    );
    const other = await generate(policy, tok, prompts, { ...opts, seed: 12 });
    expect(other.completions.map((c) => c.tokens)).not.toEqual(a.completions.map((c) => c.tokens));
    expect(a.completions[0].tokens).not.toEqual(a.completions[1].tokens); // the G samples differ
    expect(a.stats.generatedTokens).toBe(a.completions.reduce((n, c) => n + c.tokens.length, 0));
  });

  it("never samples an id beyond the tokenizer's vocabulary when the model has more output rows", async () => {
    const wide: LlamaConfig = { ...cfg, vocab_size: tok.vocabSize * 4 };
    const session = await PolicySession.create(wide, { backend: 'wasm', weights: initParams(wide, 7, 0.12) });
    const opts = { maxNewTokens: 12, seed: 5, samplesPerPrompt: 4, temperature: 1.5 };
    const { completions } = await generate(session, tok, prompts, opts);
    // Without a tokenizer (the RL sampler), the limit is given.
    const bare = await generate(session, null, prompts, { ...opts, vocabLimit: tok.vocabSize });
    session.release();
    const ids = [...completions, ...bare.completions].flatMap((c) => c.tokens);
    expect(ids.length).toBeGreaterThan(40);
    expect(Math.max(...ids)).toBeLessThan(tok.vocabSize);
  });

  it('padding left or right, growing or static KV cache, full recompute: the same tokens and logprobs', async () => {
    const base = { maxNewTokens: 10, seed: 3, temperature: 0.9, samplesPerPrompt: 2 };
    const runs = await Promise.all(
      [
        generate(policy, tok, prompts, { ...base, padding: 'left' }),
        generate(policy, tok, prompts, { ...base, padding: 'right' }),
        generate(policy, tok, prompts, { ...base, mode: 'recompute' }),
        generate(policy, tok, prompts, { ...base, cache: 'static' }),
        generate(policy, tok, prompts, { ...base, cache: 'static', padding: 'right' }),
      ].map((p) => p),
    );
    for (const r of runs.slice(1)) {
      expect(r.completions.map((c) => c.tokens)).toEqual(runs[0].completions.map((c) => c.tokens));
      r.completions.forEach((c, i) =>
        c.modelLogprobs.forEach((lp, j) =>
          expect(Math.abs(lp - runs[0].completions[i].modelLogprobs[j])).toBeLessThan(1e-4),
        ),
      );
    }
  });

  it('finished sequences leave the batch: the same tokens and log-probs for less decoding work', async () => {
    // Many end tokens, so the random-weights model ends its samples at different steps.
    const eos = Array.from({ length: 60 }, (_, i) => 20 + i);
    for (const cache of ['dynamic', 'static'] as const) {
      const o = { maxNewTokens: 40, seed: 9, temperature: 1.2, samplesPerPrompt: 4, eos, cache };
      const [kept, compacted] = await Promise.all([
        generate(policy, tok, prompts, { ...o, compact: false }),
        generate(policy, tok, prompts, o),
      ]);
      const lengths = kept.completions.map((c) => c.tokens.length);
      expect(Math.min(...lengths)).toBeLessThan(Math.max(...lengths) / 2);
      expect(compacted.completions.map((c) => c.tokens)).toEqual(kept.completions.map((c) => c.tokens));
      compacted.completions.forEach((c, i) =>
        c.modelLogprobs.forEach((lp, j) =>
          expect(Math.abs(lp - kept.completions[i].modelLogprobs[j])).toBeLessThan(1e-5),
        ),
      );
      expect(kept.stats.rowSteps).toBe(12 * (Math.max(...lengths) - 1));
      expect(compacted.stats.rowSteps).toBeLessThan(kept.stats.rowSteps * 0.8);
    }
  });

  it('returned log-probs match the float64 reference forward pass on the same tokens', async () => {
    const { completions } = await generate(policy, tok, prompts, { maxNewTokens: 10, seed: 5, temperature: 1 });
    const seqs = completions.map((c) => [...prompts[c.prompt], ...c.tokens]);
    const T = Math.max(...seqs.map((s) => s.length));
    const tokens = seqs.map((s) => [...s, ...new Array(T - s.length).fill(0)]);
    const mask = seqs.map((s) => tokens[0].map((_, t) => (t < s.length ? 1 : 0)));
    const { logprobs } = referenceForward(cfg, weights, tokens, mask);
    let worst = 0;
    completions.forEach((c, b) => {
      const P = prompts[c.prompt].length;
      c.tokens.forEach((_, j) => {
        const ref = logprobs[b * T + P - 1 + j]; // logprob of token P+j, scored at position P+j-1
        worst = Math.max(worst, Math.abs(ref - c.modelLogprobs[j]));
        expect(c.logprobs[j]).toBeCloseTo(c.modelLogprobs[j], 9); // T = 1, no filtering: the same distribution
      });
    });
    expect(worst).toBeLessThan(1e-4);
  });

  it('a static cache follows updateWeights, takes one token per step and refuses to overflow', async () => {
    const own = await PolicySession.create(cfg, { backend: 'wasm', weights });
    const opts = { maxNewTokens: 6, seed: 2, temperature: 0, cache: 'static' as const };
    const before = await generate(own, tok, prompts, opts);
    await own.updateWeights(initParams(cfg, 8, 0.12));
    const after = await generate(own, tok, prompts, opts);
    const growing = await generate(own, tok, prompts, { ...opts, cache: 'dynamic' });
    expect(after.completions.map((c) => c.tokens)).toEqual(growing.completions.map((c) => c.tokens));
    expect(after.completions.map((c) => c.tokens)).not.toEqual(before.completions.map((c) => c.tokens));
    const full = { tensors: own.emptyCache(1).tensors, length: 4, capacity: 4 };
    const step = (S: number, past: typeof full) => {
      const [ids, positions] = [new BigInt64Array(S), new BigInt64Array(S)];
      return own.step({ ids, mask: new BigInt64Array(4), positions, B: 1, S, past });
    };
    await expect(step(2, { ...full, length: 1 })).rejects.toThrow(/static cache takes one token per row, got S = 2/);
    await expect(step(1, full)).rejects.toThrow(/static cache is full \(4 columns\)/);
    await own.release();
  });

  it('stops on a stop string (trimmed from the text) and on EOS', async () => {
    const greedy = await generate(policy, tok, [prompts[0]], { maxNewTokens: 16, seed: 1, temperature: 0 });
    const full = greedy.completions[0];
    expect(full.finish).toBe('length');
    expect(full.tokens.length).toBe(16);
    const text = tok.decode(full.tokens);
    const stop = text.slice(6, 9);
    const stopped = (
      await generate(policy, tok, [prompts[0]], { maxNewTokens: 16, seed: 1, temperature: 0, stop: [stop] })
    ).completions[0];
    expect(stopped.finish).toBe('stop');
    expect(stopped.text).toBe(text.slice(0, text.indexOf(stop)));
    expect(stopped.tokens).toEqual(full.tokens.slice(0, stopped.tokens.length));
    const eos = (
      await generate(policy, tok, [prompts[0]], { maxNewTokens: 16, seed: 1, temperature: 0, eos: [full.tokens[2]] })
    ).completions[0];
    expect(eos.finish).toBe('eos');
    expect(eos.tokens).toEqual(full.tokens.slice(0, 3));
    expect(eos.text).toBe(tok.decode(full.tokens.slice(0, 2)));
  });

  it('errors on prompts that do not fit the context, or keeps their last tokens with truncate: left', async () => {
    const long = Array.from({ length: 60 }, (_, i) => 100 + i);
    await expect(generate(policy, tok, [long], { maxNewTokens: 8, seed: 1 })).rejects.toThrow(ContextLengthError);
    await expect(generate(policy, tok, [long], { maxNewTokens: 8, seed: 1 })).rejects.toThrow(
      /prompt 0 has 60 tokens.*allows 56/,
    );
    const cut = await generate(policy, tok, [long], { maxNewTokens: 8, seed: 1, truncate: 'left', temperature: 0 });
    const same = await generate(policy, tok, [long.slice(4)], { maxNewTokens: 8, seed: 1, temperature: 0 });
    expect(cut.completions[0].tokens).toEqual(same.completions[0].tokens);
  });
});
