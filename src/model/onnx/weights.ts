// The HF Llama tensor names and shapes for a config, in a stable order (the graph's weight inputs follow it).
import { headDim, type LlamaConfig } from '../config.ts';

export function weightShapes(cfg: LlamaConfig): [string, number[]][] {
  const C = cfg.hidden_size;
  const hd = headDim(cfg);
  const I = cfg.intermediate_size;
  const out: [string, number[]][] = [['model.embed_tokens.weight', [cfg.vocab_size, C]]];
  for (let i = 0; i < cfg.num_hidden_layers; i++) {
    const L = `model.layers.${i}`;
    out.push(
      [`${L}.input_layernorm.weight`, [C]],
      [`${L}.self_attn.q_proj.weight`, [cfg.num_attention_heads * hd, C]],
      [`${L}.self_attn.k_proj.weight`, [cfg.num_key_value_heads * hd, C]],
      [`${L}.self_attn.v_proj.weight`, [cfg.num_key_value_heads * hd, C]],
      [`${L}.self_attn.o_proj.weight`, [C, cfg.num_attention_heads * hd]],
      [`${L}.post_attention_layernorm.weight`, [C]],
      [`${L}.mlp.gate_proj.weight`, [I, C]],
      [`${L}.mlp.up_proj.weight`, [I, C]],
      [`${L}.mlp.down_proj.weight`, [C, I]],
    );
  }
  out.push(['model.norm.weight', [C]]);
  if (!cfg.tie_word_embeddings) out.push(['lm_head.weight', [cfg.vocab_size, C]]);
  return out;
}

/** Float32 copies of the weights (the reference keeps float64), checking every name and size. */
export function toFloat32Weights(
  cfg: LlamaConfig,
  weights: ReadonlyMap<string, ArrayLike<number>>,
): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  for (const [name, dims] of weightShapes(cfg)) {
    const v = weights.get(name);
    if (!v) throw new Error(`weights: missing tensor '${name}'`);
    const n = dims.reduce((a, b) => a * b, 1);
    if (v.length !== n)
      throw new Error(`weights: tensor '${name}' has ${v.length} values, shape [${dims.join(', ')}] needs ${n}`);
    out.set(name, v instanceof Float32Array ? v : Float32Array.from(v));
  }
  return out;
}
