// Host-side per-batch constants for the tfjs anchor: the same derived inputs our engine computes from
// (tokens, mask): positions, RoPE cos/sin, the attention bias, and the per-token loss weights.
import type { LlamaConfig } from '../../model/config.ts';
import { headDim } from '../../model/config.ts';

export interface BatchConstants {
  tokens: Int32Array; // [N]
  targets: Int32Array; // [N]: tokens[b,t+1] (0 where nothing is scored)
  lossWeights: Float32Array; // [N]: w[b,t] where position (b,t) scores a real next token, else 0
  cos: Float32Array; // [N, hd/2]
  sin: Float32Array; // [N, hd/2]
  attnBias: Float32Array; // [B, 1, group·T, T]: 0 where key s is visible to query t, −1e9 elsewhere
  //                         (repeated per head of a kv group)
  rowValid: Float32Array; // [B, 1, group·T, 1]: 0 for a query with no visible key (its output is defined as 0)
}

/** Large enough that exp(bias) underflows to 0 in fp32, small enough that bias + score stays finite. */
const MASKED = -1e9;

export function batchConstants(
  cfg: LlamaConfig,
  B: number,
  T: number,
  tokens: ArrayLike<number>,
  mask: ArrayLike<number>,
  weights: ArrayLike<number>,
  group = 1,
): BatchConstants {
  const N = B * T;
  for (const [name, a] of [
    ['tokens', tokens],
    ['mask', mask],
    ['weights', weights],
  ] as const) {
    if (a.length !== N) throw new RangeError(`tfjs anchor: ${name} has ${a.length} entries, expected B*T = ${N}`);
  }
  const hd = headDim(cfg),
    half = hd / 2;
  const out: BatchConstants = {
    tokens: new Int32Array(N),
    targets: new Int32Array(N),
    lossWeights: new Float32Array(N),
    cos: new Float32Array(N * half),
    sin: new Float32Array(N * half),
    attnBias: new Float32Array(B * group * T * T),
    rowValid: new Float32Array(B * group * T),
  };
  for (let b = 0; b < B; b++) {
    let seen = 0;
    for (let t = 0; t < T; t++) {
      const i = b * T + t;
      const id = tokens[i];
      if (!Number.isInteger(id) || id < 0 || id >= cfg.vocab_size)
        throw new RangeError(`tfjs anchor: token ${i} is ${id}, outside the vocabulary [0, ${cfg.vocab_size})`);
      out.tokens[i] = id;
      if (mask[i] !== 0) seen++;
      const pos = Math.max(seen - 1, 0); // cumsum(mask) − 1, clamped at 0
      for (let j = 0; j < half; j++) {
        const angle = pos * Math.pow(cfg.rope_theta, (-2 * j) / hd);
        out.cos[i * half + j] = Math.cos(angle);
        out.sin[i * half + j] = Math.sin(angle);
      }
      if (t < T - 1 && mask[i + 1] !== 0) {
        out.targets[i] = tokens[i + 1];
        out.lossWeights[i] = weights[i];
      }
      let visible = 0;
      for (let g = 0; g < group; g++) {
        const row = (b * group + g) * T + t;
        for (let s = 0; s < T; s++) {
          const ok = s <= t && mask[b * T + s] !== 0;
          out.attnBias[row * T + s] = ok ? 0 : MASKED;
          if (ok && g === 0) visible++;
        }
        out.rowValid[row] = visible > 0 ? 1 : 0;
      }
    }
  }
  return out;
}
