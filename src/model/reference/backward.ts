// Hand-written backward of the float64 reference model (model.ts): gradients of L = Σ w[b,t]·logprob[b,t]
// for every parameter, under HF tensor names. Tied embeddings get one gradient summing both uses.
import { headDim, type LlamaConfig } from '../config.ts';
import { attentionBackward } from './attention.ts';
import { embeddingBackward } from './embedding.ts';
import { logprobBackward } from './logprob.ts';
import { matmulReference } from './matmul.ts';
import type { ForwardCache, ParamSource } from './model.ts';
import { getParam, layerPrefix, type ParamMap } from './params.ts';
import { rmsnormBackward } from './rmsnorm.ts';
import { ropeBackward } from './rope.ts';
import { swigluBackward } from './swiglu.ts';

/** For y = x·Wᵀ (x [N,in], W [out,in]): dx = dy·W [N,in] and dW = dyᵀ·x [out,in]. */
function linearBackward(
  dy: Float64Array,
  x: Float64Array,
  w: ArrayLike<number>,
  N: number,
  inDim: number,
  outDim: number,
): { dx: Float64Array; dw: Float64Array } {
  return {
    dx: matmulReference({ M: N, N: inDim, K: outDim, variant: 'nn' }, dy, w),
    dw: matmulReference({ M: outDim, N: inDim, K: N, variant: 'tn' }, dy, x),
  };
}

function addInto(a: Float64Array, b: Float64Array): Float64Array {
  for (let i = 0; i < a.length; i++) a[i] += b[i];
  return a;
}

/** weights: per-token loss weights, B rows of T or flat [B*T]. */
export function referenceBackward(
  cfg: LlamaConfig,
  params: ParamSource,
  cache: ForwardCache,
  weights: ArrayLike<number> | ArrayLike<number>[],
): ParamMap {
  const { B, T, tokens, mask, positions } = cache;
  const C = cfg.hidden_size,
    I = cfg.intermediate_size,
    V = cfg.vocab_size,
    hd = headDim(cfg);
  const nH = cfg.num_attention_heads,
    nKV = cfg.num_key_value_heads,
    N = B * T;
  const w = flattenWeights(weights, B, T);
  const p = (name: string, size: number): ArrayLike<number> => getParam(params, name, size);
  const grads: ParamMap = new Map();

  const dlogits = logprobBackward(w, cache.logits, tokens, mask, cache.lse, B, T, V);
  const headName = cfg.tie_word_embeddings ? 'model.embed_tokens.weight' : 'lm_head.weight';
  const headGrad = linearBackward(dlogits, cache.xnF, p(headName, V * C), N, C, V);
  const normF = rmsnormBackward(headGrad.dx, cache.xFinal, p('model.norm.weight', C), cache.rstdF, N, C);
  grads.set('model.norm.weight', normF.dw);
  let dx = normF.dx; // gradient w.r.t. the residual stream

  for (let l = cfg.num_hidden_layers - 1; l >= 0; l--) {
    const c = cache.layers[l];
    const pre = layerPrefix(l);
    // MLP branch: out = h + down(swiglu(gate(xn2), up(xn2)))
    const down = linearBackward(dx, c.act, p(`${pre}.mlp.down_proj.weight`, C * I), N, I, C);
    const { dgate, dup } = swigluBackward(down.dx, c.gate, c.up);
    const gateB = linearBackward(dgate, c.xn2, p(`${pre}.mlp.gate_proj.weight`, I * C), N, C, I);
    const upB = linearBackward(dup, c.xn2, p(`${pre}.mlp.up_proj.weight`, I * C), N, C, I);
    const norm2 = rmsnormBackward(
      addInto(gateB.dx, upB.dx),
      c.h,
      p(`${pre}.post_attention_layernorm.weight`, C),
      c.rstd2,
      N,
      C,
    );
    const dh = addInto(norm2.dx, dx);
    // attention branch: h = x + o(attn(rope(q(xn1)), rope(k(xn1)), v(xn1)))
    const o = linearBackward(dh, c.attn, p(`${pre}.self_attn.o_proj.weight`, C * nH * hd), N, nH * hd, C);
    const at = attentionBackward(o.dx, c.qr, c.kr, c.v, c.probs, mask, B, T, nH, nKV, hd);
    const dq = ropeBackward(at.dq, positions, B, T, nH, hd, cfg.rope_theta);
    const dk = ropeBackward(at.dk, positions, B, T, nKV, hd, cfg.rope_theta);
    const qB = linearBackward(dq, c.xn1, p(`${pre}.self_attn.q_proj.weight`, nH * hd * C), N, C, nH * hd);
    const kB = linearBackward(dk, c.xn1, p(`${pre}.self_attn.k_proj.weight`, nKV * hd * C), N, C, nKV * hd);
    const vB = linearBackward(at.dv, c.xn1, p(`${pre}.self_attn.v_proj.weight`, nKV * hd * C), N, C, nKV * hd);
    const norm1 = rmsnormBackward(
      addInto(addInto(qB.dx, kB.dx), vB.dx),
      c.x,
      p(`${pre}.input_layernorm.weight`, C),
      c.rstd1,
      N,
      C,
    );
    dx = addInto(norm1.dx, dh);

    grads.set(`${pre}.input_layernorm.weight`, norm1.dw);
    grads.set(`${pre}.self_attn.q_proj.weight`, qB.dw);
    grads.set(`${pre}.self_attn.k_proj.weight`, kB.dw);
    grads.set(`${pre}.self_attn.v_proj.weight`, vB.dw);
    grads.set(`${pre}.self_attn.o_proj.weight`, o.dw);
    grads.set(`${pre}.post_attention_layernorm.weight`, norm2.dw);
    grads.set(`${pre}.mlp.gate_proj.weight`, gateB.dw);
    grads.set(`${pre}.mlp.up_proj.weight`, upB.dw);
    grads.set(`${pre}.mlp.down_proj.weight`, down.dw);
  }
  const dEmbed = embeddingBackward(dx, tokens, V, C);
  if (cfg.tie_word_embeddings) addInto(dEmbed, headGrad.dw);
  else grads.set('lm_head.weight', headGrad.dw);
  grads.set('model.embed_tokens.weight', dEmbed);
  return grads;
}

function flattenWeights(weights: ArrayLike<number> | ArrayLike<number>[], B: number, T: number): Float64Array {
  const out = new Float64Array(B * T);
  if (weights.length > 0 && typeof (weights as ArrayLike<unknown>)[0] === 'object') {
    (weights as ArrayLike<number>[]).forEach((row, b) => {
      if (row.length !== T)
        throw new RangeError(`referenceBackward: weights row ${b} has ${row.length} entries, expected ${T}`);
      for (let t = 0; t < T; t++) out[b * T + t] = row[t];
    });
    return out;
  }
  if (weights.length !== B * T)
    throw new RangeError(`referenceBackward: weights has ${weights.length} entries, expected B*T = ${B * T}`);
  for (let i = 0; i < B * T; i++) out[i] = (weights as ArrayLike<number>)[i];
  return out;
}
