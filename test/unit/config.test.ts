import { describe, expect, it } from 'vitest';
import { ConfigError, headDim, parameterCount, PRESETS, validateConfig } from '../../src/model/config.ts';
import { initParams } from '../../src/model/reference/params.ts';

// HuggingFaceTB/SmolLM2-135M config.json (the fields LlamaConfig reads); HF reports 134,515,008 parameters.
const smolLM2 = {
  architectures: ['LlamaForCausalLM'],
  hidden_size: 576,
  intermediate_size: 1536,
  num_hidden_layers: 30,
  num_attention_heads: 9,
  num_key_value_heads: 3,
  vocab_size: 49152,
  max_position_embeddings: 8192,
  rms_norm_eps: 1e-5,
  rope_theta: 100000,
  tie_word_embeddings: true,
  model_type: 'llama',
};

describe('presets', () => {
  it('have the intended sizes: micro 0.3–1M, demo 1–3M, mini ≈10M, small ≈50M', () => {
    const n = (p: keyof typeof PRESETS) => parameterCount(PRESETS[p]);
    expect(n('micro')).toBeGreaterThanOrEqual(0.3e6);
    expect(n('micro')).toBeLessThanOrEqual(1e6);
    expect(n('demo')).toBeGreaterThanOrEqual(1e6);
    expect(n('demo')).toBeLessThanOrEqual(3e6);
    expect(n('mini')).toBeGreaterThanOrEqual(8e6);
    expect(n('mini')).toBeLessThanOrEqual(12e6);
    expect(n('small')).toBeGreaterThanOrEqual(40e6);
    expect(n('small')).toBeLessThanOrEqual(60e6);
  });
  it('validate unchanged', () => {
    for (const [name, cfg] of Object.entries(PRESETS)) expect(validateConfig(cfg, name)).toEqual(cfg);
  });
});

describe('parameterCount', () => {
  it('matches the published count of SmolLM2-135M', () => {
    expect(parameterCount(validateConfig(smolLM2))).toBe(134_515_008);
  });
  it("equals the sum of the reference model's tensors, tied and untied", () => {
    const tiny = { ...PRESETS.micro, hidden_size: 16, intermediate_size: 24, vocab_size: 50, num_hidden_layers: 2 };
    for (const tie of [true, false]) {
      const cfg = { ...tiny, tie_word_embeddings: tie };
      let total = 0;
      for (const t of initParams(cfg, 1).values()) total += t.length;
      expect(parameterCount(cfg)).toBe(total);
    }
  });
});

describe('validateConfig', () => {
  it('reads a real HF config.json, ignoring unknown fields', () => {
    const cfg = validateConfig(JSON.parse(JSON.stringify(smolLM2)), 'SmolLM2/config.json');
    expect(cfg.rope_theta).toBe(100000);
    expect(headDim(cfg)).toBe(64);
    expect(cfg).not.toHaveProperty('model_type');
  });
  it('applies HF defaults for optional fields', () => {
    const { rms_norm_eps, rope_theta, tie_word_embeddings, ...rest } = smolLM2;
    void rms_norm_eps;
    void rope_theta;
    void tie_word_embeddings;
    const cfg = validateConfig(rest);
    expect(cfg.rms_norm_eps).toBe(1e-6);
    expect(cfg.rope_theta).toBe(10000);
    expect(cfg.tie_word_embeddings).toBe(false);
  });
  it('honours an explicit head_dim', () => {
    const cfg = validateConfig({ ...smolLM2, head_dim: 32 });
    expect(headDim(cfg)).toBe(32);
    expect(parameterCount(cfg)).toBeLessThan(134_515_008);
  });
  it('names the source and the field in its errors', () => {
    expect(() => validateConfig(null, 'x.json')).toThrow(/x.json: expected a JSON object/);
    expect(() => validateConfig({ ...smolLM2, hidden_size: '576' }, 'x.json')).toThrow(
      /x.json: field 'hidden_size' must be a positive integer, got "576"/,
    );
    expect(() => validateConfig({ ...smolLM2, num_hidden_layers: 0 })).toThrow(/num_hidden_layers/);
    expect(() => validateConfig({ ...smolLM2, vocab_size: undefined })).toThrow(/vocab_size.*undefined/);
    expect(() => validateConfig({ ...smolLM2, rms_norm_eps: -1 })).toThrow(/rms_norm_eps/);
    expect(() => validateConfig({ ...smolLM2, head_dim: 2.5 })).toThrow(/head_dim/);
    expect(() => validateConfig({ ...smolLM2, hidden_size: 577 })).toThrow(/not divisible by num_attention_heads/);
    expect(() => validateConfig({ ...smolLM2, num_key_value_heads: 4 })).toThrow(
      /not a multiple of num_key_value_heads/,
    );
    expect(() => validateConfig({ ...smolLM2, hidden_size: 27, num_attention_heads: 9 })).toThrow(
      /must be even for RoPE/,
    );
    expect(() => validateConfig({ ...smolLM2, hidden_size: 27 })).toThrow(ConfigError);
  });
});
