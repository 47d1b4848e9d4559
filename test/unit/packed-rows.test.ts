// Packed rows (src/model/packed-rows.ts): one prompt shared by several completions in one row gives each completion
// token the log-prob, and the whole model the gradient, that separate rows give — in the float64 reference exactly
// (to rounding), and in the wasm Trainer to the tolerances of its parity test (test/unit/trainer-wasm.test.ts).
import { describe, expect, it } from 'vitest';
import type { LlamaConfig } from '../../src/model/config.ts';
import { packedPositions } from '../../src/model/packed-rows.ts';
import { initParams, referenceBackward, referenceForward } from '../../src/model/reference/model.ts';
import { randomNormal } from '../../src/model/reference/rng.ts';
import { WasmTrainer } from '../../src/train/wasm/trainer.ts';
import { TINY_LLAMA } from './tiny-llama.ts';

const cfg: LlamaConfig = { ...TINY_LLAMA, tie_word_embeddings: false };
const params = () => {
  const p = initParams(cfg, 11, 0.3);
  for (const t of p.values()) t.set(Float32Array.from(t)); // fp32-representable, as the wasm trainer holds them
  return p;
};

// Prompt [5 9 31 2] continued by [17 3 8] and by [4 4]: separately two rows of 7, packed one row of 10 — the shared
// prompt head, then each segment led by a copy of the prompt's last token (whose entry scores the first answer token).
const separate = {
  tokens: [
    [5, 9, 31, 2, 17, 3, 8],
    [5, 9, 31, 2, 4, 4, 0],
  ],
  mask: [
    [1, 1, 1, 1, 1, 1, 1],
    [1, 1, 1, 1, 1, 1, 0],
  ],
  /** Entries scoring answer tokens, per answer. */
  scoring: [
    [3, 4, 5],
    [7 + 3, 7 + 4],
  ],
};
const packed = {
  tokens: [[5, 9, 31, 2, 17, 3, 8, 2, 4, 4]],
  mask: [[1, 1, 1, 2, 2, 2, 2, 3, 3, 3]],
  scoring: [
    [3, 4, 5],
    [7, 8],
  ],
};
const answerWeights = Array.from(randomNormal(5, 7));
const weightsFor = (layout: { scoring: number[][] }, N: number) => {
  const w = new Array<number>(N).fill(0);
  layout.scoring.flat().forEach((at, j) => (w[at] = answerWeights[j]));
  return w;
};
const answerLogprobs = (lp: ArrayLike<number>, layout: { scoring: number[][] }) =>
  layout.scoring.flat().map((at) => lp[at]);

describe('packed rows: a prompt shared by several completions', () => {
  it('positions continue the prompt in each segment', () => {
    const out = new Uint32Array(10);
    packedPositions(packed.mask[0], 1, 10, out);
    expect(Array.from(out)).toEqual([0, 1, 2, 3, 4, 5, 6, 3, 4, 5]);
  });

  it('float64 reference: the same answer log-probs and gradients as separate rows', () => {
    const p = params();
    const a = referenceForward(cfg, p, separate.tokens, separate.mask);
    const b = referenceForward(cfg, p, packed.tokens, packed.mask);
    const lpA = answerLogprobs(a.logprobs, separate);
    answerLogprobs(b.logprobs, packed).forEach((x, i) => expect(x).toBeCloseTo(lpA[i], 12));
    // The last token of segment 2 does not score segment 3's first.
    expect(b.logprobs[6]).toBe(0);
    const gA = referenceBackward(cfg, p, a.cache, weightsFor(separate, 14));
    const gB = referenceBackward(cfg, p, b.cache, weightsFor(packed, 10));
    for (const [name, g] of gA) {
      const scale = g.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
      expect(scale, name).toBeGreaterThan(0);
      gB.get(name)!.forEach((x, i) => expect(Math.abs(x - g[i]) / scale, `${name}[${i}]`).toBeLessThan(1e-10));
    }
  });

  it('wasm Trainer: packed and plain rows in one batch match the reference; bad mask entries are named', async () => {
    // Row 0 packed, row 1 a plain left-padded row: both conventions in one batch.
    const tokens = [packed.tokens[0], [0, 0, 0, 4, 8, 15, 16, 23, 1, 3]];
    const mask = [packed.mask[0], [0, 0, 0, 1, 1, 1, 1, 1, 1, 1]];
    const w = [...weightsFor(packed, 10), ...Array.from(randomNormal(10, 3))];
    const p = params();
    const ref = referenceForward(cfg, p, tokens, mask);
    const refGrads = referenceBackward(cfg, p, ref.cache, w);
    const trainer = await WasmTrainer.create({ config: cfg, batch: 2, seqLen: 10 }, { weights: p });
    try {
      const lp = await trainer.forward(tokens, mask);
      await trainer.backward(w);
      const got = await trainer.getGradients();
      lp.forEach((x, i) => expect(Math.abs(x - ref.logprobs[i]), `log-prob ${i}`).toBeLessThan(1e-5));
      let checked = 0;
      for (const [name, g] of refGrads) {
        const scale = g.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
        got.get(name)!.forEach((x, i) => {
          if (Math.abs(g[i]) < 1e-3 * scale) return;
          checked++;
          expect(Math.abs(x - g[i]) / Math.abs(g[i]), `${name}[${i}]`).toBeLessThan(1e-3);
        });
      }
      expect(checked).toBeGreaterThan(1000);
      const bad = [mask[0], mask[1].map((m, t) => (t === 4 ? 0.5 : m))];
      await expect(trainer.forward(tokens, bad)).rejects.toThrow(/mask entry 14 is 0.5/);
    } finally {
      trainer.destroy();
    }
  });
});
