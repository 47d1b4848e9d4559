import { describe, expect, it } from 'vitest';
import { attentionBackward, attentionForward } from '../../src/model/reference/attention.ts';
import { embeddingBackward, embeddingForward } from '../../src/model/reference/embedding.ts';
import { logprobBackward, logprobForward } from '../../src/model/reference/logprob.ts';
import { randomNormal } from '../../src/model/reference/rng.ts';
import { rmsnormBackward, rmsnormForward } from '../../src/model/reference/rmsnorm.ts';
import { ropeBackward, ropeForward } from '../../src/model/reference/rope.ts';
import { swigluBackward, swigluForward } from '../../src/model/reference/swiglu.ts';
import { dot, maxFdError } from './reference-fd.ts';

// Central differences with h = 1e-5 on O(1) losses leave ~1e-10 absolute noise, i.e. ≲1e-7 relative on typical entries.
const TOL = 1e-6;

describe('embedding reference', () => {
  it('gathers rows and scatter-adds repeated tokens', () => {
    const V = 5,
      C = 3;
    const table = randomNormal(V * C, 1);
    const tokens = [4, 0, 4, 2];
    const out = embeddingForward(tokens, table, V, C);
    expect(Array.from(out.subarray(0, 3))).toEqual(Array.from(table.subarray(12, 15)));
    const dOut = randomNormal(tokens.length * C, 2);
    const dTable = embeddingBackward(dOut, tokens, V, C);
    expect(maxFdError(() => dot(embeddingForward(tokens, table, V, C), dOut), table, dTable)).toBeLessThan(TOL);
    expect(dTable[4 * C]).toBeCloseTo(dOut[0] + dOut[2 * C], 12);
    expect(dTable[1 * C]).toBe(0);
  });
  it('names a token outside the vocabulary', () => {
    expect(() => embeddingForward([0, 7], new Float64Array(10), 5, 2)).toThrow(/token 1 is 7, outside the vocabulary/);
  });
});

describe('rmsnorm reference', () => {
  it('normalises rows and its backward matches finite differences', () => {
    const rows = 4,
      C = 7,
      eps = 1e-5;
    const x = randomNormal(rows * C, 3);
    const w = randomNormal(C, 4);
    const { y, rstd } = rmsnormForward(x, w, rows, C, eps);
    let ms = 0;
    for (let c = 0; c < C; c++) ms += x[c] * x[c];
    expect(rstd[0]).toBeCloseTo(1 / Math.sqrt(ms / C + eps), 12);
    expect(y[2]).toBeCloseTo(x[2] * rstd[0] * w[2], 12);
    const dy = randomNormal(rows * C, 5);
    const { dx, dw } = rmsnormBackward(dy, x, w, rstd, rows, C);
    const loss = () => dot(rmsnormForward(x, w, rows, C, eps).y, dy);
    expect(maxFdError(loss, x, dx)).toBeLessThan(TOL);
    expect(maxFdError(loss, w, dw)).toBeLessThan(TOL);
  });
});

describe('rope reference', () => {
  const B = 2,
    T = 3,
    nH = 3,
    hd = 6,
    theta = 10000;
  const positions = [0, 1, 2, 0, 0, 1];
  it('rotates halves by pos·theta^(-2j/hd) and keeps norms', () => {
    const x = randomNormal(B * T * nH * hd, 6);
    const y = ropeForward(x, positions, B, T, nH, hd, theta);
    // position 0 is the identity
    expect(Array.from(y.subarray(0, nH * hd))).toEqual(Array.from(x.subarray(0, nH * hd)));
    // token (b=0,t=2), head 1, j=1: angle = 2·theta^(-2/6)
    const base = (2 * nH + 1) * hd,
      a = 2 * Math.pow(theta, -2 / 6);
    expect(y[base + 1]).toBeCloseTo(x[base + 1] * Math.cos(a) - x[base + 4] * Math.sin(a), 12);
    expect(y[base + 4]).toBeCloseTo(x[base + 4] * Math.cos(a) + x[base + 1] * Math.sin(a), 12);
    expect(dot(y, y)).toBeCloseTo(dot(x, x), 9);
  });
  it('backward matches finite differences', () => {
    const x = randomNormal(B * T * nH * hd, 7);
    const dy = randomNormal(x.length, 8);
    const dx = ropeBackward(dy, positions, B, T, nH, hd, theta);
    expect(maxFdError(() => dot(ropeForward(x, positions, B, T, nH, hd, theta), dy), x, dx)).toBeLessThan(TOL);
  });
});

describe('attention reference', () => {
  const B = 2,
    T = 4,
    nH = 4,
    nKV = 2,
    hd = 3;
  // row 0 left-padded by one, row 1 right-padded by one
  const mask = [0, 1, 1, 1, 1, 1, 1, 0];
  const q = randomNormal(B * T * nH * hd, 9);
  const k = randomNormal(B * T * nKV * hd, 10);
  const v = randomNormal(B * T * nKV * hd, 11);
  it('is causal, skips padded keys, zeroes queries without keys, and uses the GQA head map', () => {
    const { out, probs } = attentionForward(q, k, v, mask, B, T, nH, nKV, hd);
    // b=0, t=0 is a padding query with no visible key
    for (let i = 0; i < nH * hd; i++) expect(out[i]).toBe(0);
    // b=0, t=1, head 3 → kv head 1; its only visible key is s=1, so out = v[s=1, kv 1]
    const o = ((0 * T + 1) * nH + 3) * hd,
      vb = ((0 * T + 1) * nKV + 1) * hd;
    for (let d = 0; d < hd; d++) expect(out[o + d]).toBeCloseTo(v[vb + d], 12);
    // probs rows sum to 1 and never look at the future or padding
    for (let b = 0; b < B; b++)
      for (let h = 0; h < nH; h++)
        for (let t = 0; t < T; t++) {
          const row = ((b * nH + h) * T + t) * T;
          let sum = 0;
          for (let s = 0; s < T; s++) {
            if (s > t || mask[b * T + s] === 0) expect(probs[row + s]).toBe(0);
            sum += probs[row + s];
          }
          expect(sum).toBeCloseTo(b === 0 && t === 0 ? 0 : 1, 12);
        }
  });
  it('backward matches finite differences for q, k and v', () => {
    const dOut = randomNormal(B * T * nH * hd, 12);
    const { probs } = attentionForward(q, k, v, mask, B, T, nH, nKV, hd);
    const g = attentionBackward(dOut, q, k, v, probs, mask, B, T, nH, nKV, hd);
    const loss = () => dot(attentionForward(q, k, v, mask, B, T, nH, nKV, hd).out, dOut);
    expect(maxFdError(loss, q, g.dq)).toBeLessThan(TOL);
    expect(maxFdError(loss, k, g.dk)).toBeLessThan(TOL);
    expect(maxFdError(loss, v, g.dv)).toBeLessThan(TOL);
  });
});

describe('swiglu reference', () => {
  it('computes silu(gate)·up and its backward matches finite differences', () => {
    const gate = randomNormal(12, 13, 3),
      up = randomNormal(12, 14);
    const h = swigluForward(gate, up);
    expect(h[0]).toBeCloseTo((gate[0] / (1 + Math.exp(-gate[0]))) * up[0], 12);
    const dh = randomNormal(12, 15);
    const { dgate, dup } = swigluBackward(dh, gate, up);
    const loss = () => dot(swigluForward(gate, up), dh);
    expect(maxFdError(loss, gate, dgate)).toBeLessThan(TOL);
    expect(maxFdError(loss, up, dup)).toBeLessThan(TOL);
  });
});

describe('logprob reference', () => {
  const B = 2,
    T = 4,
    V = 6;
  const tokens = [0, 3, 5, 1, 2, 2, 4, 0];
  const mask = [0, 1, 1, 1, 1, 1, 1, 0];
  const logits = randomNormal(B * T * V, 16, 2);
  it('scores the next token, and is 0 at the last position and before padding targets', () => {
    const { logprobs, lse } = logprobForward(logits, tokens, mask, B, T, V);
    let sum = 0;
    for (let j = 0; j < V; j++) sum += Math.exp(logits[V + j]);
    expect(lse[1]).toBeCloseTo(Math.log(sum), 12);
    expect(logprobs[1]).toBeCloseTo(logits[V + 5] - Math.log(sum), 12);
    expect(logprobs[3]).toBe(0); // t = T-1
    expect(logprobs[T + 2]).toBe(0); // target (b=1,t=3) is padding
    expect(logprobs[T + 3]).toBe(0);
    expect(logprobs[0]).not.toBe(0); // target (b=0,t=1) is real
  });
  it('weighted backward matches finite differences, including a large logit shift', () => {
    const weights = randomNormal(B * T, 17);
    for (const shift of [0, 500]) {
      const shifted = logits.map((z) => z + shift);
      const { lse } = logprobForward(shifted, tokens, mask, B, T, V);
      const d = logprobBackward(weights, shifted, tokens, mask, lse, B, T, V);
      const loss = () => dot(logprobForward(shifted, tokens, mask, B, T, V).logprobs, weights);
      expect(maxFdError(loss, shifted, d, undefined, shift ? 1e-4 : 1e-5)).toBeLessThan(shift ? 1e-5 : TOL);
    }
  });
});
