// ONNX causal self-attention with grouped-query heads and a key padding mask, forward and backward — the float32
// counterpart of src/model/reference/attention.ts. GQA never copies k/v: q heads h = kv·rep + r are contiguous
// per kv head, so [B,nH,T,hd] → [B,nKV,rep·T,hd] is a free reshape and the kv gradients sum over `rep` in the
// MatMuls. The probabilities are recomputed in the backward (B·nH·T² floats per layer are not worth saving).
import type { GraphBuilder } from '../../model/onnx/builder.ts';
import type { Dims } from './ops.ts';

/** Additive bias (0 or −1e30, finite so no NaN) and 0/1 keep multiplier [B,1,rep·T,T], built once per graph. */
export interface AttnMask {
  bias: string;
  keep: string;
}

/**
 * Key s is visible to query t when s ≤ t, mask[b,s] ≠ 0 and (mask[b,s] = 1 or mask[b,s] = mask[b,t]): padding, real
 * tokens and a packed row's segments (src/model/packed-rows.ts; a 0/1 mask gives the plain causal-with-padding keep,
 * the same numbers as before). A query with no visible key (left padding) gets an all-zero probability row, as in the
 * reference: its softmax over −1e30s is multiplied by keep = 0.
 */
export function attentionMask(g: GraphBuilder, d: Dims, mask: string): AttnMask {
  const causal = new Float32Array(d.T * d.T);
  for (let t = 0; t < d.T; t++) for (let s = 0; s <= t; s++) causal[t * d.T + s] = 1;
  const c = g.initializer('const/causal', [1, 1, d.T, d.T], causal);
  const key = g.op('Reshape', [mask, g.ints([d.B, 1, 1, d.T])]);
  const query = g.op('Reshape', [mask, g.ints([d.B, 1, d.T, 1])]);
  const real = g.op('Greater', [key, g.scalar(0)]);
  const sharedOrSame = g.op('Or', [g.op('Equal', [key, g.scalar(1)]), g.op('Equal', [query, key])]); // [B,1,T,T]
  const visible = g.op('Cast', [g.op('And', [real, sharedOrSame])], { to: 1 });
  const keep1 = g.op('Mul', [c, visible]); // [B,1,T,T]
  const keep = d.rep > 1 ? g.op('Tile', [keep1, g.ints([1, 1, d.rep, 1])]) : keep1;
  return { keep, bias: g.op('Mul', [g.op('Sub', [keep, g.scalar(1)]), g.scalar(1e30)]) };
}

/** probs = softmax(qs·krᵀ + bias) ⊙ keep, [B,nKV,rep·T,T]; qs already carries the 1/√hd scale. */
export const attentionProbs = (g: GraphBuilder, qs: string, kr: string, m: AttnMask): string =>
  g.op('Mul', [
    g.op('Softmax', [g.op('Add', [g.op('MatMul', [qs, g.op('Transpose', [kr], { perm: [0, 1, 3, 2] })]), m.bias])], {
      axis: -1,
    }),
    m.keep,
  ]);

/** qs [B,nKV,rep·T,hd], kr and v [B,nKV,T,hd] → context [B,nKV,rep·T,hd]. */
export const attentionForward = (g: GraphBuilder, qs: string, kr: string, v: string, m: AttnMask): string =>
  g.op('MatMul', [attentionProbs(g, qs, kr, m), v]);

/**
 * dv = pᵀ·dOut; dp = dOut·vᵀ; ds = p ⊙ (dp − Σ_s p·dp); dqs = ds·kr; dkr = dsᵀ·qs (the scale rides on qs and is
 * undone by the q-side RoPE backward, whose tables carry it too).
 */
export function attentionBackward(
  g: GraphBuilder,
  dOut: string,
  qs: string,
  kr: string,
  v: string,
  m: AttnMask,
): { dqs: string; dkr: string; dv: string } {
  const p = attentionProbs(g, qs, kr, m);
  const tr = (x: string) => g.op('Transpose', [x], { perm: [0, 1, 3, 2] });
  const dv = g.op('MatMul', [tr(p), dOut]);
  const dp = g.op('MatMul', [dOut, tr(v)]);
  const pdp = g.op('ReduceSum', [g.op('Mul', [p, dp]), g.ints([-1])], { keepdims: 1 });
  const ds = g.op('Mul', [p, g.op('Sub', [dp, pdp])]);
  return { dqs: g.op('MatMul', [ds, kr]), dkr: g.op('MatMul', [tr(ds), qs]), dv };
}
