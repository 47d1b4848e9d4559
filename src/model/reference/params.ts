// Parameter layout of the Llama model under Hugging Face tensor names, and a seeded initialisation.
import { headDim, type LlamaConfig } from '../config.ts';
import { randomNormal } from './rng.ts';

export type ParamMap = Map<string, Float64Array>;

export const layerPrefix = (i: number): string => `model.layers.${i}`;

/** Every tensor of the model, in a fixed order (embedding, layers, final norm, untied head), with HF shapes. */
export function parameterShapes(cfg: LlamaConfig): [name: string, shape: number[]][] {
  const C = cfg.hidden_size,
    I = cfg.intermediate_size,
    V = cfg.vocab_size,
    hd = headDim(cfg);
  const qDim = cfg.num_attention_heads * hd,
    kvDim = cfg.num_key_value_heads * hd;
  const out: [string, number[]][] = [['model.embed_tokens.weight', [V, C]]];
  for (let i = 0; i < cfg.num_hidden_layers; i++) {
    const p = layerPrefix(i);
    out.push(
      [`${p}.input_layernorm.weight`, [C]],
      [`${p}.self_attn.q_proj.weight`, [qDim, C]],
      [`${p}.self_attn.k_proj.weight`, [kvDim, C]],
      [`${p}.self_attn.v_proj.weight`, [kvDim, C]],
      [`${p}.self_attn.o_proj.weight`, [C, qDim]],
      [`${p}.post_attention_layernorm.weight`, [C]],
      [`${p}.mlp.gate_proj.weight`, [I, C]],
      [`${p}.mlp.up_proj.weight`, [I, C]],
      [`${p}.mlp.down_proj.weight`, [C, I]],
    );
  }
  out.push(['model.norm.weight', [C]]);
  if (!cfg.tie_word_embeddings) out.push(['lm_head.weight', [V, C]]);
  return out;
}

/**
 * Deterministic init: 1-D tensors (norm weights) are 1, 2-D weights are normal(0, std) drawn from a
 * stream seeded by (seed, tensor index), so adding a layer does not change the earlier tensors.
 */
export function initParams(cfg: LlamaConfig, seed: number, std = 0.02): ParamMap {
  const params: ParamMap = new Map();
  parameterShapes(cfg).forEach(([name, shape], index) => {
    const n = shape.reduce((a, b) => a * b, 1);
    params.set(
      name,
      shape.length === 1 ? new Float64Array(n).fill(1) : randomNormal(n, (seed * 1_000_003 + index * 7919) >>> 0, std),
    );
  });
  return params;
}

/** The tensor or an error naming it (and its expected size when the length is wrong). */
export function getParam(
  params: ReadonlyMap<string, ArrayLike<number>>,
  name: string,
  size: number,
): ArrayLike<number> {
  const t = params.get(name);
  if (!t) throw new RangeError(`reference model: missing tensor ${name}`);
  if (t.length !== size)
    throw new RangeError(`reference model: tensor ${name} has ${t.length} elements, expected ${size}`);
  return t;
}
