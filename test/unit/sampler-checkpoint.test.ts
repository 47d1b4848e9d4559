// End to end: a checkpoint made by the project's own code goes to disk (HF layout), comes back, samples the same text
// for the same seed, and the sampler's log-probs match the float64 reference forward on the loaded weights.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCheckpoint, writeCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryReader, directoryWriter } from '../../src/model/checkpoint-node.ts';
import { PRESETS } from '../../src/model/config.ts';
import { initParams, referenceForward } from '../../src/model/reference/model.ts';
import { tokenizerFromHfJson } from '../../src/model/tokenizer/index.ts';
import { generate, PolicySession } from '../../src/rollout/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'atomgym-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('checkpoint → disk → sampler', () => {
  it('round-trips, samples deterministically and matches the reference log-probs', async () => {
    const config = { ...PRESETS.micro, num_hidden_layers: 2, max_position_embeddings: 128 };
    const weights = new Map([...initParams(config, 21, 0.1)].map(([k, v]) => [k, Float32Array.from(v)]));
    const tokenizer = JSON.parse(readFileSync('public/tokenizer/micro.json', 'utf8'));
    await writeCheckpoint(directoryWriter(dir), { config, weights, tokenizer });
    const { checkpoint } = await readCheckpoint(directoryReader(dir), { requireTokenizer: true });
    const tok = tokenizerFromHfJson(JSON.stringify(checkpoint.tokenizer), `${dir}/tokenizer.json`);
    const policy = await PolicySession.create(checkpoint.config, { backend: 'wasm', weights: checkpoint.weights });
    const prompt = tok.encode('<|user|>sort an array<|end|><|assistant|>', { allowSpecial: true });
    const opts = { maxNewTokens: 12, seed: 2024, temperature: 0.8, topK: 40 };
    const a = (await generate(policy, tok, [prompt], opts)).completions[0];
    const b = (await generate(policy, tok, [prompt], opts)).completions[0];
    await policy.release();
    expect(b.text).toBe(a.text);
    expect(b.tokens).toEqual(a.tokens);
    expect(a.tokens.length).toBe(12);
    const seq = [...prompt, ...a.tokens];
    const { logprobs } = referenceForward(checkpoint.config, checkpoint.weights, [seq], [seq.map(() => 1)]);
    a.modelLogprobs.forEach((lp, j) => expect(Math.abs(lp - logprobs[prompt.length - 1 + j])).toBeLessThan(1e-4));
    // At temperature 0.8 with top-k the sampling distribution differs from the model's: both are reported.
    expect(a.logprobs.some((lp, j) => Math.abs(lp - a.modelLogprobs[j]) > 1e-3)).toBe(true);
  });
});
