// The model config, with Hugging Face LlamaConfig field names so a real config.json loads unchanged.
import { checkHfFields } from './hf-config.ts';

export interface LlamaConfig {
  hidden_size: number;
  intermediate_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  num_key_value_heads: number;
  vocab_size: number;
  max_position_embeddings: number;
  rms_norm_eps: number;
  rope_theta: number;
  tie_word_embeddings: boolean;
  /** HF's optional explicit head size; defaults to hidden_size / num_attention_heads. */
  head_dim?: number;
}

export type PresetName = 'micro' | 'demo' | 'mini' | 'small';

const COMMON = { rms_norm_eps: 1e-5, rope_theta: 10_000, tie_word_embeddings: true } as const;

/**
 * micro ≈ 0.5M params (trainable on 2 CPU cores via SwiftShader), demo ≈ 1.6M (the task ladder's levels 1–2 on a
 * 2-core machine, with the 4,096-token tokenizer trained on the task world: sizing in public/tokenizer/README.md),
 * mini ≈ 9M, small ≈ 50M (real GPUs).
 */
export const PRESETS: Record<PresetName, LlamaConfig> = {
  micro: {
    ...COMMON,
    hidden_size: 96,
    intermediate_size: 256,
    num_hidden_layers: 4,
    num_attention_heads: 4,
    num_key_value_heads: 2,
    vocab_size: 1024,
    max_position_embeddings: 1024,
  },
  demo: {
    ...COMMON,
    hidden_size: 128,
    intermediate_size: 352,
    num_hidden_layers: 6,
    num_attention_heads: 4,
    num_key_value_heads: 2,
    vocab_size: 4096,
    max_position_embeddings: 1024,
  },
  mini: {
    ...COMMON,
    hidden_size: 256,
    intermediate_size: 704,
    num_hidden_layers: 10,
    num_attention_heads: 8,
    num_key_value_heads: 4,
    vocab_size: 8192,
    max_position_embeddings: 2048,
  },
  small: {
    ...COMMON,
    hidden_size: 512,
    intermediate_size: 1408,
    num_hidden_layers: 14,
    num_attention_heads: 8,
    num_key_value_heads: 4,
    vocab_size: 16384,
    max_position_embeddings: 2048,
  },
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const POSITIVE_INTS = [
  'hidden_size',
  'intermediate_size',
  'num_hidden_layers',
  'num_attention_heads',
  'num_key_value_heads',
  'vocab_size',
  'max_position_embeddings',
] as const;

/**
 * Upper bounds on sizes, far above any Llama-architecture model this project could load (Llama-3-405B: hidden
 * 16,384, intermediate 53,248, 126 layers, 128 heads, vocabulary 128,256), so an absurd config.json is refused
 * before anything is sized from it.
 */
export const CONFIG_BOUNDS: Record<(typeof POSITIVE_INTS)[number] | 'head_dim', number> = {
  hidden_size: 32_768,
  intermediate_size: 131_072,
  num_hidden_layers: 512,
  num_attention_heads: 512,
  num_key_value_heads: 512,
  vocab_size: 2 ** 20,
  max_position_embeddings: 2 ** 20,
  head_dim: 1_024,
};

/** Validates a parsed config.json (or preset) and returns a typed copy; errors name the field. */
export function validateConfig(raw: unknown, source = 'config'): LlamaConfig {
  if (typeof raw !== 'object' || raw === null) throw new ConfigError(`${source}: expected a JSON object`);
  const r = raw as Record<string, unknown>;
  for (const f of POSITIVE_INTS) {
    const v = r[f];
    if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0)
      throw new ConfigError(
        `${source}: field '${f}' must be a positive integer, got ${JSON.stringify(v)?.slice(0, 60)}`,
      );
    if (v > CONFIG_BOUNDS[f])
      throw new ConfigError(`${source}: field '${f}' is ${v}; at most ${CONFIG_BOUNDS[f]} is supported`);
  }
  const num = (f: string, fallback: number): number => {
    const v = r[f] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
      throw new ConfigError(`${source}: field '${f}' must be a positive number, got ${JSON.stringify(v)}`);
    return v;
  };
  const hf = checkHfFields(r, source);
  const cfg: LlamaConfig = {
    hidden_size: r.hidden_size as number,
    intermediate_size: r.intermediate_size as number,
    num_hidden_layers: r.num_hidden_layers as number,
    num_attention_heads: r.num_attention_heads as number,
    num_key_value_heads: r.num_key_value_heads as number,
    vocab_size: r.vocab_size as number,
    max_position_embeddings: r.max_position_embeddings as number,
    rms_norm_eps: num('rms_norm_eps', 1e-6),
    rope_theta: num('rope_theta', hf.ropeTheta ?? 10_000),
    tie_word_embeddings: r.tie_word_embeddings === undefined ? false : Boolean(r.tie_word_embeddings),
  };
  if (r.head_dim !== undefined && r.head_dim !== null) {
    if (
      typeof r.head_dim !== 'number' ||
      !Number.isInteger(r.head_dim) ||
      r.head_dim <= 0 ||
      r.head_dim > CONFIG_BOUNDS.head_dim
    )
      throw new ConfigError(`${source}: field 'head_dim' must be a positive integer up to ${CONFIG_BOUNDS.head_dim}`);
    cfg.head_dim = r.head_dim;
  } else if (cfg.hidden_size % cfg.num_attention_heads !== 0) {
    throw new ConfigError(
      `${source}: hidden_size ${cfg.hidden_size} is not divisible by num_attention_heads ${cfg.num_attention_heads}`,
    );
  }
  if (cfg.num_attention_heads % cfg.num_key_value_heads !== 0) {
    throw new ConfigError(
      `${source}: num_attention_heads ${cfg.num_attention_heads} is not a multiple of num_key_value_heads ${cfg.num_key_value_heads}`,
    );
  }
  if (headDim(cfg) % 2 !== 0) throw new ConfigError(`${source}: head dimension ${headDim(cfg)} must be even for RoPE`);
  return cfg;
}

export const headDim = (c: LlamaConfig): number => c.head_dim ?? c.hidden_size / c.num_attention_heads;

/** Parameter count (tied embeddings counted once). */
export function parameterCount(c: LlamaConfig): number {
  const hd = headDim(c);
  const q = c.hidden_size * c.num_attention_heads * hd;
  const kv = 2 * c.hidden_size * c.num_key_value_heads * hd;
  const o = c.num_attention_heads * hd * c.hidden_size;
  const mlp = 3 * c.hidden_size * c.intermediate_size;
  const norms = 2 * c.hidden_size;
  const embed = c.vocab_size * c.hidden_size;
  return embed * (c.tie_word_embeddings ? 1 : 2) + c.num_hidden_layers * (q + kv + o + mlp + norms) + c.hidden_size;
}
