// Checkpoints both ways with Hugging Face. (1) A Llama checkpoint written the way transformers writes one (BF16 or F32
// safetensors with HF names and metadata, config.json with HF's extra fields, a tokenizers-library tokenizer.json),
// made by python/hf_check/make_hf_fixture.py, loads into atomgym: the float64 reference and the sampler give the
// log-probs that HF's math (llama_numpy.py, written from modeling_llama) gives. (2) Our checkpoints pass
// python/hf_check/check_llama.py: what LlamaForCausalLM.from_pretrained needs, and the same math through numpy.
// With torch + transformers installed (not on this machine) that script also loads them into LlamaForCausalLM.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeCheckpoint, encodeCheckpoint, readCheckpoint, writeCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryReader, directoryWriter } from '../../src/model/checkpoint-node.ts';
import { PRESETS } from '../../src/model/config.ts';
import { initParams, referenceForward } from '../../src/model/reference/model.ts';
import { tokenizerFromHfJson } from '../../src/model/tokenizer/index.ts';
import { PolicySession } from '../../src/rollout/index.ts';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'atomgym-hf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Expected {
  ids: number[];
  logprobs: number[][];
}

async function python(script: string, args: string[]): Promise<{ code: number; out: Record<string, unknown> }> {
  try {
    const { stdout } = await run('python3', [`python/hf_check/${script}`, ...args], { timeout: 120_000 });
    return { code: 0, out: JSON.parse(stdout.trim().split('\n').pop()!) as Record<string, unknown> };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    if (typeof err.code !== 'number' || !err.stdout)
      throw new Error(`python3 ${script} failed: ${err.stderr ?? String(e)}`);
    return { code: err.code, out: JSON.parse(err.stdout.trim().split('\n').pop()!) as Record<string, unknown> };
  }
}

/** Sampler log-softmax over every position of `ids` (one step, logits 'all'). */
async function samplerLogprobs(
  config: Parameters<typeof PolicySession.create>[0],
  weights: Map<string, Float32Array>,
  ids: number[],
): Promise<Float64Array[]> {
  const policy = await PolicySession.create(config, { backend: 'wasm', weights, logits: 'all' });
  try {
    const T = ids.length;
    const out = await policy.step({
      ids: BigInt64Array.from(ids.map(BigInt)),
      mask: new BigInt64Array(T).fill(1n),
      positions: BigInt64Array.from(ids.map((_, i) => BigInt(i))),
      B: 1,
      S: T,
      past: null,
    });
    const V = config.vocab_size;
    return ids.map((_, t) => {
      const row = Float64Array.from(out.logits.subarray(t * V, (t + 1) * V));
      const m = Math.max(...row);
      const lse = m + Math.log(row.reduce((a, x) => a + Math.exp(x - m), 0));
      return row.map((x) => x - lse);
    });
  } finally {
    await policy.release();
  }
}

const maxDiff = (a: ArrayLike<number>[], b: ArrayLike<number>[]) =>
  Math.max(...a.map((row, t) => Math.max(...Array.from(row, (x, v) => Math.abs(x - b[t][v])))));

describe('a Hugging Face Llama checkpoint made elsewhere loads into atomgym', () => {
  for (const [dtype, tying, layout] of [
    ['BF16', 'tied', 'single'],
    ['F32', 'untied', 'single'],
    ['BF16', 'untied', 'sharded'],
  ] as const) {
    it(`${dtype} ${tying} ${layout}: HF config extras, tokenizer; reference and sampler match HF's math`, async () => {
      const ck = join(dir, `hf-${dtype}-${tying}-${layout}`);
      await python('make_hf_fixture.py', [ck, 'public/tokenizer/micro.json', dtype, tying, layout]);
      const { checkpoint, unexpected } = await readCheckpoint(directoryReader(ck), { requireTokenizer: true });
      expect(unexpected).toEqual([]);
      // the index and the shards are the weights, not extra files to carry along
      expect(Object.keys(checkpoint.extraFiles ?? {})).toEqual([]);
      expect(checkpoint.config).toMatchObject({
        head_dim: 8,
        rope_theta: 100000,
        tie_word_embeddings: tying === 'tied',
        num_key_value_heads: 2,
      });
      const tok = tokenizerFromHfJson(readFileSync(join(ck, 'tokenizer.json'), 'utf8'), join(ck, 'tokenizer.json'));
      const text = 'export function add(a, b) {\n  return a + b;\n}';
      expect(tok.decode(tok.encode(text))).toBe(text);
      expect(tok.encode('<|im_start|>user', { allowSpecial: true })[0]).toBe(1020);

      const exp = JSON.parse(readFileSync(join(ck, 'expected.json'), 'utf8')) as Expected;
      const { logprobs } = referenceForward(checkpoint.config, checkpoint.weights, [exp.ids], [exp.ids.map(() => 1)]);
      for (let t = 0; t + 1 < exp.ids.length; t++)
        expect(Math.abs(logprobs[t] - exp.logprobs[t][exp.ids[t + 1]])).toBeLessThan(1e-9);
      // The sampler runs in f32 (onnxruntime-web wasm); the bound is f32 rounding over a 2-layer model.
      expect(maxDiff(await samplerLogprobs(checkpoint.config, checkpoint.weights, exp.ids), exp.logprobs)).toBeLessThan(
        2e-4,
      );
    });
  }

  it('configs whose math differs from ours are refused with the field named', () => {
    const base = encodeCheckpoint({
      config: { ...PRESETS.micro, num_hidden_layers: 1 },
      weights: new Map(
        [...initParams({ ...PRESETS.micro, num_hidden_layers: 1 }, 1)].map(([k, v]) => [k, Float32Array.from(v)]),
      ),
    });
    const cfg = JSON.parse(new TextDecoder().decode(base['config.json'])) as Record<string, unknown>;
    const withCfg = (extra: Record<string, unknown>) => ({
      ...base,
      'config.json': new TextEncoder().encode(JSON.stringify({ ...cfg, ...extra })),
    });
    expect(() => decodeCheckpoint(withCfg({ rope_scaling: { rope_type: 'llama3', factor: 8 } }))).toThrow(
      /field 'rope_scaling'/,
    );
    expect(() => decodeCheckpoint(withCfg({ attention_bias: true }))).toThrow(/field 'attention_bias'/);
    expect(() => decodeCheckpoint(withCfg({ model_type: 'qwen2', architectures: ['Qwen2ForCausalLM'] }))).toThrow(
      /field 'model_type' is "qwen2"/,
    );
    expect(() => decodeCheckpoint(withCfg({ hidden_act: 'gelu' }))).toThrow(/field 'hidden_act'/);
    // a sharded checkpoint whose index points a tensor at the wrong shard, or lists a shard that is not there
    const model = base['model.safetensors'];
    const index = (map: Record<string, string>) => new TextEncoder().encode(JSON.stringify({ weight_map: map }));
    const shardOf = (name: string) => ({
      ...base,
      'model.safetensors': undefined as unknown as Uint8Array,
      [name]: model,
    });
    expect(() =>
      decodeCheckpoint({
        ...shardOf('a.safetensors'),
        'model.safetensors.index.json': index({ 'model.norm.weight': 'b.safetensors' }),
      }),
    ).toThrow(/shard 'b\.safetensors' is listed but missing/);
    expect(() =>
      decodeCheckpoint({
        ...shardOf('a.safetensors'),
        'model.safetensors.index.json': index({ 'model.norm.weight': 'a.safetensors' }),
      }),
    ).toThrow(/a\.safetensors: tensor 'model\.embed_tokens\.weight' is not where the index says \(absent\)/);
    // transformers v5 moves rope_theta into rope_parameters
    const v5: Record<string, unknown> = { ...cfg, rope_parameters: { rope_type: 'default', rope_theta: 500000 } };
    delete v5.rope_theta;
    expect(
      decodeCheckpoint({ ...base, 'config.json': new TextEncoder().encode(JSON.stringify(v5)) }).checkpoint.config
        .rope_theta,
    ).toBe(500000);
  });
});

describe('our checkpoints are what transformers LlamaForCausalLM.from_pretrained needs', () => {
  for (const [dtype, tied] of [
    ['F32', true],
    ['BF16', false],
  ] as const) {
    it(`${dtype}, ${tied ? 'tied (no lm_head)' : 'untied'}: structure, dtypes, same log-probs (numpy)`, async () => {
      const config = { ...PRESETS.micro, num_hidden_layers: 2, tie_word_embeddings: tied };
      const weights = new Map([...initParams(config, 5, 0.08)].map(([k, v]) => [k, Float32Array.from(v)]));
      const tokenizer = JSON.parse(readFileSync('public/tokenizer/micro.json', 'utf8')) as unknown;
      const ck = join(dir, `ours-${dtype}`);
      await writeCheckpoint(directoryWriter(ck), { config, weights, tokenizer }, { dtype });
      const back = (await readCheckpoint(directoryReader(ck))).checkpoint;
      const ids = [5, 77, 301, 12, 999, 3, 640, 41, 8, 256];
      const { cache } = referenceForward(back.config, back.weights, [ids], [ids.map(() => 1)]);
      const V = config.vocab_size;
      const lp = ids.map((_, t) => Array.from(cache.logits.subarray(t * V, (t + 1) * V), (x) => x - cache.lse[t]));
      writeFileSync(join(ck, 'expected.json'), JSON.stringify({ ids, logprobs: lp }));
      const { code, out } = await python('check_llama.py', [ck, join(ck, 'expected.json')]);
      expect(out.problems).toEqual([]);
      expect(code).toBe(0);
      expect(out.dtypes).toEqual([dtype]);
      expect(out.numpy_max_abs_diff).toBeLessThan(1e-9);
      expect(String(out.transformers)).toMatch(/not installed|LlamaForCausalLM/);
      const hfCfg = JSON.parse(readFileSync(join(ck, 'config.json'), 'utf8')) as Record<string, unknown>;
      expect(hfCfg).toMatchObject({
        architectures: ['LlamaForCausalLM'],
        model_type: 'llama',
        hidden_act: 'silu',
        rope_scaling: null,
        torch_dtype: dtype === 'F32' ? 'float32' : 'bfloat16',
        // the micro tokenizer's <|end|> and <|pad|> (public/tokenizer/README.md), not LlamaConfig's byte defaults
        bos_token_id: null,
        eos_token_id: 1023,
        pad_token_id: 1019,
      });
      expect(JSON.parse(readFileSync(join(ck, 'tokenizer_config.json'), 'utf8'))).toMatchObject({
        tokenizer_class: 'PreTrainedTokenizerFast',
        eos_token: '<|end|>',
        pad_token: '<|pad|>',
      });
    });
  }

  it('the checker is not a rubber stamp: a tied checkpoint relabelled untied is missing lm_head', async () => {
    const ck = join(dir, 'ours-F32');
    const cfg = JSON.parse(readFileSync(join(ck, 'config.json'), 'utf8')) as Record<string, unknown>;
    writeFileSync(
      join(ck, 'config.json'),
      JSON.stringify({ ...cfg, tie_word_embeddings: false, torch_dtype: 'bfloat16' }),
    );
    const { code, out } = await python('check_llama.py', [ck]);
    expect(code).toBe(1);
    expect((out.problems as string[]).join('\n')).toMatch(
      /missing tensors.*lm_head\.weight[\s\S]*torch_dtype 'bfloat16'/,
    );
  });
});
