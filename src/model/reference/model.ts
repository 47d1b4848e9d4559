// float64 CPU reference of the whole Llama decoder: forward to per-token log-probabilities, caching every
// activation the hand-written backward (backward.ts) needs — the llm.c layout, one op at a time.
import { headDim, type LlamaConfig } from '../config.ts';
import { packedPositions } from '../packed-rows.ts';
import { attentionForward } from './attention.ts';
import { embeddingForward } from './embedding.ts';
import { logprobForward } from './logprob.ts';
import { matmulReference } from './matmul.ts';
import { getParam, layerPrefix } from './params.ts';
import { rmsnormForward } from './rmsnorm.ts';
import { ropeForward } from './rope.ts';
import { swigluForward } from './swiglu.ts';

export { referenceBackward } from './backward.ts';
export { initParams, parameterShapes, type ParamMap } from './params.ts';

/** Read-only parameters: Float64Array from initParams, or Float32Array loaded from a checkpoint. */
export type ParamSource = ReadonlyMap<string, ArrayLike<number>>;

/** One row per sequence: B rows of T entries. */
export type Rows = ArrayLike<number>[];

export interface LayerCache {
  x: Float64Array; // block input [N, C]
  rstd1: Float64Array;
  xn1: Float64Array;
  qr: Float64Array; // rotated q [N, nH*hd]
  kr: Float64Array; // rotated k [N, nKV*hd]
  v: Float64Array;
  probs: Float64Array; // [B, nH, T, T]
  attn: Float64Array; // attention output before o_proj [N, nH*hd]
  h: Float64Array; // x + o_proj(attn)
  rstd2: Float64Array;
  xn2: Float64Array;
  gate: Float64Array; // [N, I]
  up: Float64Array;
  act: Float64Array; // silu(gate)·up
}

export interface ForwardCache {
  B: number;
  T: number;
  tokens: Int32Array; // [B*T]
  mask: Float64Array;
  positions: Float64Array;
  layers: LayerCache[];
  xFinal: Float64Array; // input of the final norm
  rstdF: Float64Array;
  xnF: Float64Array;
  logits: Float64Array; // [N, V]
  lse: Float64Array;
}

/**
 * Positions from the mask (src/model/packed-rows.ts): cumsum(mask) − 1 per row clamped at 0 for a 0/1 mask (left
 * padding does not shift real tokens); in a packed row, the keys a token sees before itself.
 */
export function positionsFromMask(mask: Rows): number[][] {
  return mask.map((row) => {
    const out = new Float64Array(row.length);
    packedPositions(row, 1, row.length, out);
    return Array.from(out);
  });
}

function flattenRows(what: string, rows: Rows, B: number, T: number): Float64Array {
  if (rows.length !== B) throw new RangeError(`referenceForward: ${what} has ${rows.length} rows, expected ${B}`);
  const out = new Float64Array(B * T);
  rows.forEach((r, b) => {
    if (r.length !== T)
      throw new RangeError(`referenceForward: ${what} row ${b} has ${r.length} entries, expected ${T}`);
    for (let t = 0; t < T; t++) out[b * T + t] = r[t];
  });
  return out;
}

/** y = x·Wᵀ with W in HF layout [out, in]. */
export const linear = (
  x: ArrayLike<number>,
  w: ArrayLike<number>,
  N: number,
  inDim: number,
  outDim: number,
): Float64Array => matmulReference({ M: N, N: outDim, K: inDim, variant: 'nt' }, x, w);

const add = (a: Float64Array, b: Float64Array): Float64Array => a.map((x, i) => x + b[i]);

/**
 * tokens, mask (1 = real) and positions: B rows of T. Returns logprobs [B*T] (row-major, see logprob.ts
 * for which entries are 0) and the cache for referenceBackward.
 */
export function referenceForward(
  cfg: LlamaConfig,
  params: ParamSource,
  tokens: Rows,
  mask: Rows,
  positions?: Rows,
): { logprobs: Float64Array; cache: ForwardCache } {
  const B = tokens.length;
  if (B === 0) throw new RangeError('referenceForward: empty batch');
  const T = tokens[0].length;
  const C = cfg.hidden_size,
    I = cfg.intermediate_size,
    V = cfg.vocab_size,
    hd = headDim(cfg);
  const nH = cfg.num_attention_heads,
    nKV = cfg.num_key_value_heads,
    N = B * T;
  const tok = Int32Array.from(flattenRows('tokens', tokens, B, T));
  const m = flattenRows('mask', mask, B, T);
  const pos = flattenRows('positions', positions ?? positionsFromMask(mask), B, T);
  const embed = getParam(params, 'model.embed_tokens.weight', V * C);
  const p = (name: string, size: number): ArrayLike<number> => getParam(params, name, size);

  let x = embeddingForward(tok, embed, V, C);
  const layers: LayerCache[] = [];
  for (let l = 0; l < cfg.num_hidden_layers; l++) {
    const pre = layerPrefix(l);
    const { y: xn1, rstd: rstd1 } = rmsnormForward(x, p(`${pre}.input_layernorm.weight`, C), N, C, cfg.rms_norm_eps);
    const q = linear(xn1, p(`${pre}.self_attn.q_proj.weight`, nH * hd * C), N, C, nH * hd);
    const k = linear(xn1, p(`${pre}.self_attn.k_proj.weight`, nKV * hd * C), N, C, nKV * hd);
    const v = linear(xn1, p(`${pre}.self_attn.v_proj.weight`, nKV * hd * C), N, C, nKV * hd);
    const qr = ropeForward(q, pos, B, T, nH, hd, cfg.rope_theta);
    const kr = ropeForward(k, pos, B, T, nKV, hd, cfg.rope_theta);
    const { out: attn, probs } = attentionForward(qr, kr, v, m, B, T, nH, nKV, hd);
    const h = add(x, linear(attn, p(`${pre}.self_attn.o_proj.weight`, C * nH * hd), N, nH * hd, C));
    const { y: xn2, rstd: rstd2 } = rmsnormForward(
      h,
      p(`${pre}.post_attention_layernorm.weight`, C),
      N,
      C,
      cfg.rms_norm_eps,
    );
    const gate = linear(xn2, p(`${pre}.mlp.gate_proj.weight`, I * C), N, C, I);
    const up = linear(xn2, p(`${pre}.mlp.up_proj.weight`, I * C), N, C, I);
    const act = swigluForward(gate, up);
    const out = add(h, linear(act, p(`${pre}.mlp.down_proj.weight`, C * I), N, I, C));
    layers.push({ x, rstd1, xn1, qr, kr, v, probs, attn, h, rstd2, xn2, gate, up, act });
    x = out;
  }
  const { y: xnF, rstd: rstdF } = rmsnormForward(x, p('model.norm.weight', C), N, C, cfg.rms_norm_eps);
  const head = cfg.tie_word_embeddings ? embed : p('lm_head.weight', V * C);
  const logits = linear(xnF, head, N, C, V);
  const { logprobs, lse } = logprobForward(logits, tok, m, B, T, V);
  return {
    logprobs,
    cache: { B, T, tokens: tok, mask: m, positions: pos, layers, xFinal: x, rstdF, xnF, logits, lse },
  };
}
