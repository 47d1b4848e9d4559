// float64 reference: per-token log-probabilities of the next token and their weighted gradient.
// logprob[b,t] = logits[b,t,tokens[b,t+1]] − lse[b,t] for t < T−1 when token t+1 is real and sees t (one sequence;
// src/model/packed-rows.ts for rows that pack several); every other entry is 0.
// Loss L = Σ w[b,t]·logprob[b,t]  ⇒  dL/dlogits[b,t,:] = w[b,t]·(onehot(target) − softmax(logits[b,t,:])).
import { expectLength, expectPositiveInts, type Numeric } from './checks.ts';
import { scoresNext } from '../packed-rows.ts';

/** Whether position (b,t) scores a real next token (one that sees it: src/model/packed-rows.ts). */
export const scoresTarget = scoresNext;

function checkShapes(
  op: string,
  logits: Numeric,
  tokens: Numeric,
  mask: Numeric,
  B: number,
  T: number,
  V: number,
): void {
  expectPositiveInts(op, { B, T, V });
  expectLength(op, 'logits', logits, B * T * V);
  expectLength(op, 'tokens', tokens, B * T);
  expectLength(op, 'mask', mask, B * T);
}

function target(op: string, tokens: Numeric, i: number, V: number): number {
  const id = tokens[i];
  if (!Number.isInteger(id) || id < 0 || id >= V)
    throw new RangeError(`${op}: token ${i} is ${id}, outside the vocabulary [0, ${V})`);
  return id;
}

/** lse[b,t] = log Σ exp(logits[b,t,:]) is computed for every position (the backward reuses it). */
export function logprobForward(
  logits: Numeric,
  tokens: Numeric,
  mask: Numeric,
  B: number,
  T: number,
  V: number,
): { logprobs: Float64Array; lse: Float64Array } {
  checkShapes('logprobForward', logits, tokens, mask, B, T, V);
  const logprobs = new Float64Array(B * T);
  const lse = new Float64Array(B * T);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const row = (b * T + t) * V;
      let max = -Infinity;
      for (let j = 0; j < V; j++) max = Math.max(max, logits[row + j]);
      let sum = 0;
      for (let j = 0; j < V; j++) sum += Math.exp(logits[row + j] - max);
      lse[b * T + t] = max + Math.log(sum);
      if (scoresTarget(mask, b, t, T)) {
        const tgt = target('logprobForward', tokens, b * T + t + 1, V);
        logprobs[b * T + t] = logits[row + tgt] - lse[b * T + t];
      }
    }
  }
  return { logprobs, lse };
}

export function logprobBackward(
  weights: Numeric,
  logits: Numeric,
  tokens: Numeric,
  mask: Numeric,
  lse: Numeric,
  B: number,
  T: number,
  V: number,
): Float64Array {
  checkShapes('logprobBackward', logits, tokens, mask, B, T, V);
  expectLength('logprobBackward', 'weights', weights, B * T);
  expectLength('logprobBackward', 'lse', lse, B * T);
  const dlogits = new Float64Array(B * T * V);
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const w = weights[b * T + t];
      if (w === 0 || !scoresTarget(mask, b, t, T)) continue;
      const row = (b * T + t) * V;
      const l = lse[b * T + t];
      for (let j = 0; j < V; j++) dlogits[row + j] = -w * Math.exp(logits[row + j] - l);
      dlogits[row + target('logprobBackward', tokens, b * T + t + 1, V)] += w;
    }
  }
  return dlogits;
}
