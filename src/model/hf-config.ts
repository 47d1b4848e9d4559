// The parts of a Hugging Face config.json that change the math of a Llama model but have no field in LlamaConfig.
// A checkpoint made elsewhere (TRL, transformers) may set them; loading one we cannot run as written must fail with
// the field named, not silently run a different model. Also the fields we write so transformers need not guess.
import type { LlamaConfig } from './config.ts';

export class HfConfigError extends Error {
  override name = 'HfConfigError';
}

/** Architectures and model types whose weights and math are exactly the Llama decoder this project runs. */
const MODEL_TYPES = new Set(['llama']);

/**
 * Rejects fields that would make the model differ from ours; returns rope_theta when transformers v5's
 * `rope_parameters` carries it instead of the top-level field.
 */
export function checkHfFields(r: Record<string, unknown>, source: string): { ropeTheta?: number } {
  const bad = (field: string, why: string): never => {
    throw new HfConfigError(`${source}: field '${field}' ${why}; only the plain Llama architecture is supported`);
  };
  if (r.model_type !== undefined && !MODEL_TYPES.has(String(r.model_type)))
    bad('model_type', `is ${JSON.stringify(r.model_type)}`);
  if (Array.isArray(r.architectures) && r.architectures.length > 0 && !r.architectures.includes('LlamaForCausalLM'))
    bad('architectures', `is ${JSON.stringify(r.architectures)}`);
  if (r.hidden_act !== undefined && r.hidden_act !== 'silu')
    bad('hidden_act', `is ${JSON.stringify(r.hidden_act)} (SwiGLU needs silu)`);
  if (r.attention_bias === true) bad('attention_bias', 'is true (q/k/v/o biases)');
  if (r.mlp_bias === true) bad('mlp_bias', 'is true (MLP biases)');
  if (r.rope_scaling !== undefined && r.rope_scaling !== null)
    bad('rope_scaling', `is ${JSON.stringify(r.rope_scaling)} (scaled RoPE)`);
  const rp = r.rope_parameters;
  if (rp !== undefined && rp !== null) {
    if (typeof rp !== 'object' || Array.isArray(rp)) bad('rope_parameters', 'must be an object');
    const p = rp as Record<string, unknown>;
    if (p.rope_type !== undefined && p.rope_type !== 'default')
      bad('rope_parameters.rope_type', `is ${JSON.stringify(p.rope_type)} (scaled RoPE)`);
    if (p.rope_theta !== undefined) {
      if (typeof p.rope_theta !== 'number' || !(p.rope_theta > 0))
        bad('rope_parameters.rope_theta', 'must be a positive number');
      if (typeof r.rope_theta === 'number' && r.rope_theta !== p.rope_theta)
        bad('rope_theta', `(${r.rope_theta}) disagrees with rope_parameters.rope_theta (${p.rope_theta})`);
      return { ropeTheta: p.rope_theta as number };
    }
  }
  return {};
}

/** The project's special tokens (public/tokenizer/README.md): a turn and a completion end with EOS. */
const EOS = '<|end|>';
const PAD = '<|pad|>';

/** The id of an added token in a parsed tokenizer.json, if it has one. */
function specialId(tokenizer: unknown, content: string): number | undefined {
  const added = (tokenizer as { added_tokens?: unknown } | null | undefined)?.added_tokens;
  if (!Array.isArray(added)) return undefined;
  const hit = added.find((a: { content?: unknown; id?: unknown } | null) => a?.content === content);
  return typeof hit?.id === 'number' ? hit.id : undefined;
}

/** Fields written next to ours in config.json, so transformers' LlamaConfig reads exactly this model. */
export function hfConfigFields(cfg: LlamaConfig, tokenizer?: unknown): Record<string, unknown> {
  // LlamaConfig's defaults (bos 1, eos 2) are byte tokens in our vocabulary: name the real ones, or none.
  const eos = specialId(tokenizer, EOS);
  const pad = specialId(tokenizer, PAD);
  return {
    bos_token_id: null,
    eos_token_id: eos ?? null,
    ...(pad !== undefined ? { pad_token_id: pad } : {}),
    architectures: ['LlamaForCausalLM'],
    model_type: 'llama',
    hidden_act: 'silu',
    attention_bias: false,
    attention_dropout: 0,
    mlp_bias: false,
    rope_scaling: null,
    ...(cfg.head_dim !== undefined ? { head_dim: cfg.head_dim } : {}),
  };
}

/**
 * tokenizer_config.json for transformers' AutoTokenizer: the fast tokenizer is tokenizer.json itself; the special
 * tokens are named when the vocabulary has the project's (<|pad|>, <|end|> ends a turn and a completion).
 */
export function hfTokenizerConfig(tokenizer: unknown, cfg: LlamaConfig): Record<string, unknown> {
  const has = (t: string) => specialId(tokenizer, t) !== undefined;
  return {
    tokenizer_class: 'PreTrainedTokenizerFast',
    model_max_length: cfg.max_position_embeddings,
    clean_up_tokenization_spaces: false,
    ...(has(EOS) ? { eos_token: EOS } : {}),
    ...(has(PAD) ? { pad_token: PAD } : {}),
  };
}
