// float64 reference: causal self-attention with grouped-query heads and a key padding mask.
// q: [B,T,nH,hd]; k, v: [B,T,nKV,hd]; mask: [B,T] (0 = padding, 1 = real token, ≥ 2 a packed row's segment:
// src/model/packed-rows.ts). Query head h reads kv head floor(h / (nH/nKV)). Key s is visible to query t when s <= t,
// mask[b,s] ≠ 0 and (mask[b,s] = 1 or mask[b,s] = mask[b,t]). A query with no visible key (a left-padding position)
// outputs 0 and passes 0 gradient; its probs row is all 0.
import { expectLength, expectPositiveInts, type Numeric } from './checks.ts';
import { sees } from '../packed-rows.ts';

function checkShapes(
  op: string,
  q: Numeric,
  k: Numeric,
  v: Numeric,
  mask: Numeric,
  B: number,
  T: number,
  nH: number,
  nKV: number,
  hd: number,
): void {
  expectPositiveInts(op, { B, T, nH, nKV, hd });
  if (nH % nKV !== 0) throw new RangeError(`${op}: nH ${nH} is not a multiple of nKV ${nKV}`);
  expectLength(op, 'q', q, B * T * nH * hd);
  expectLength(op, 'k', k, B * T * nKV * hd);
  expectLength(op, 'v', v, B * T * nKV * hd);
  expectLength(op, 'mask', mask, B * T);
}

export function attentionForward(
  q: Numeric,
  k: Numeric,
  v: Numeric,
  mask: Numeric,
  B: number,
  T: number,
  nH: number,
  nKV: number,
  hd: number,
): { out: Float64Array; probs: Float64Array } {
  checkShapes('attentionForward', q, k, v, mask, B, T, nH, nKV, hd);
  const group = nH / nKV;
  const scale = 1 / Math.sqrt(hd);
  const out = new Float64Array(B * T * nH * hd);
  const probs = new Float64Array(B * nH * T * T);
  const scores = new Float64Array(T);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nH; h++) {
      const kvh = Math.floor(h / group);
      for (let t = 0; t < T; t++) {
        const qBase = ((b * T + t) * nH + h) * hd;
        let max = -Infinity;
        for (let s = 0; s <= t; s++) {
          if (!sees(mask, b, T, t, s)) continue;
          const kBase = ((b * T + s) * nKV + kvh) * hd;
          let dot = 0;
          for (let d = 0; d < hd; d++) dot += q[qBase + d] * k[kBase + d];
          scores[s] = dot * scale;
          if (scores[s] > max) max = scores[s];
        }
        if (max === -Infinity) continue; // no visible key: output and probs stay 0
        const pRow = ((b * nH + h) * T + t) * T;
        let sum = 0;
        for (let s = 0; s <= t; s++) {
          if (!sees(mask, b, T, t, s)) continue;
          const e = Math.exp(scores[s] - max);
          probs[pRow + s] = e;
          sum += e;
        }
        for (let s = 0; s <= t; s++) {
          const p = probs[pRow + s] / sum;
          probs[pRow + s] = p;
          if (p === 0) continue;
          const vBase = ((b * T + s) * nKV + kvh) * hd;
          for (let d = 0; d < hd; d++) out[qBase + d] += p * v[vBase + d];
        }
      }
    }
  }
  return { out, probs };
}

/**
 * dv[s] += p[t,s]·dOut[t]; dp[t,s] = dOut[t]·v[s]; dscore = p ⊙ (dp − Σ_s p·dp);
 * dq[t] = scale·Σ_s dscore·k[s]; dk[s] += scale·dscore·q[t]. kv-head gradients sum over the query heads that share
 * them.
 */
export function attentionBackward(
  dOut: Numeric,
  q: Numeric,
  k: Numeric,
  v: Numeric,
  probs: Numeric,
  mask: Numeric,
  B: number,
  T: number,
  nH: number,
  nKV: number,
  hd: number,
): { dq: Float64Array; dk: Float64Array; dv: Float64Array } {
  checkShapes('attentionBackward', q, k, v, mask, B, T, nH, nKV, hd);
  expectLength('attentionBackward', 'dOut', dOut, B * T * nH * hd);
  expectLength('attentionBackward', 'probs', probs, B * nH * T * T);
  const group = nH / nKV;
  const scale = 1 / Math.sqrt(hd);
  const dq = new Float64Array(q.length);
  const dk = new Float64Array(k.length);
  const dv = new Float64Array(v.length);
  const dp = new Float64Array(T);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < nH; h++) {
      const kvh = Math.floor(h / group);
      for (let t = 0; t < T; t++) {
        const qBase = ((b * T + t) * nH + h) * hd;
        const pRow = ((b * nH + h) * T + t) * T;
        let pdp = 0;
        for (let s = 0; s <= t; s++) {
          const p = probs[pRow + s];
          if (p === 0) {
            dp[s] = 0;
            continue;
          }
          const vBase = ((b * T + s) * nKV + kvh) * hd;
          let dot = 0;
          for (let d = 0; d < hd; d++) {
            dot += dOut[qBase + d] * v[vBase + d];
            dv[vBase + d] += p * dOut[qBase + d];
          }
          dp[s] = dot;
          pdp += p * dot;
        }
        for (let s = 0; s <= t; s++) {
          const p = probs[pRow + s];
          if (p === 0) continue;
          const ds = p * (dp[s] - pdp) * scale;
          const kBase = ((b * T + s) * nKV + kvh) * hd;
          for (let d = 0; d < hd; d++) {
            dq[qBase + d] += ds * k[kBase + d];
            dk[kBase + d] += ds * q[qBase + d];
          }
        }
      }
    }
  }
  return { dq, dk, dv };
}
