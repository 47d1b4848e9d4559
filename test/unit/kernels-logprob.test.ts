// Fused log-softmax → next-token log-prob and its weighted gradient vs the float64 reference, at
// V = 1000-ish and V = 16384, left and right padding, T = 1. Tolerance: lse is a sum of V exponentials
// merged by a tree (error ≈ log2(V)·2⁻²⁴ relative to the sum) plus f32 rounding of |logit| ≤ ~30, so
// atol 1e-5·(1 + max|logit|) on lse/logprob; dlogits are elementwise given lse: rel 1e-4, atol 1e-7·|w|.
import { describe, expect, it } from 'vitest';
import { Logprob } from '../../src/train/ops/logprob.ts';
import { logprobBackward, logprobForward } from '../../src/model/reference/logprob.ts';
import { mulberry32, randomNormal } from '../../src/model/reference/rng.ts';
import { createBuffer } from '../../src/gpu/index.ts';
import { expectClose, f32, gpuOrFail, maxAbs, readF, run, upF32, upU32 } from './kernels-util.ts';

interface Case {
  B: number;
  T: number;
  V: number;
  pad: 'left' | 'right';
}

const CASES: Case[] = [
  { B: 3, T: 9, V: 1003, pad: 'left' },
  { B: 2, T: 5, V: 16384, pad: 'right' },
  { B: 2, T: 1, V: 37, pad: 'left' },
];

describe('logprob kernels vs float64 reference', () => {
  for (const c of CASES) {
    it(`B=${c.B} T=${c.T} V=${c.V} ${c.pad}-padded: logprobs, lse, dlogits (and in place)`, async () => {
      const { device } = await gpuOrFail();
      const { B, T, V } = c;
      const rows = B * T;
      const rnd = mulberry32(V);
      const tokens = Array.from({ length: rows }, () => Math.floor(rnd() * V));
      const mask = new Array<number>(rows).fill(1);
      for (let b = 0; b < B; b++)
        for (let i = 0; i < Math.min(b * 2, T - 1); i++) mask[b * T + (c.pad === 'left' ? i : T - 1 - i)] = 0;
      const logits = f32(randomNormal(rows * V, 51, 4));
      logits[3] = 30; // a dominant logit: the online max must rescale correctly
      const weights = f32(randomNormal(rows, 52));
      const op = await Logprob.create(device, { B, T, V });
      const [bl, bt, bm, bw] = [
        upF32(device, logits, 'logits'),
        upU32(device, tokens, 'tokens'),
        upU32(device, mask, 'mask'),
        upF32(device, weights, 'weights'),
      ];
      const logprobs = createBuffer(device, rows * 4, 'logprobs');
      const lse = createBuffer(device, rows * 4, 'lse');
      const dlogits = createBuffer(device, rows * V * 4, 'dlogits');
      const inplace = upF32(device, logits, 'logits (in place)');
      await run(
        device,
        op.bindForward({ logits: bl, tokens: bt, mask: bm, logprobs, lse }),
        op.bindBackward({ weights: bw, logits: bl, tokens: bt, mask: bm, lse, dlogits }),
        op.bindBackward({ weights: bw, logits: inplace, tokens: bt, mask: bm, lse, dlogits: inplace }),
      );
      const ref = logprobForward(logits, tokens, mask, B, T, V);
      const tol = 1e-5 * (1 + maxAbs(logits));
      const gotLp = await readF(device, logprobs, rows);
      expectClose('lse', await readF(device, lse, rows), ref.lse, 0, tol);
      expectClose('logprobs', gotLp, ref.logprobs, 0, tol);
      for (let r = 0; r < rows; r++) if (ref.logprobs[r] === 0) expect(gotLp[r]).toBe(0); // unscored rows are exactly 0
      const want = logprobBackward(weights, logits, tokens, mask, ref.lse, B, T, V);
      const atol = 1e-7 * maxAbs(weights);
      expectClose('dlogits', await readF(device, dlogits, rows * V), want, 1e-4, atol);
      expectClose('dlogits in place', await readF(device, inplace, rows * V), want, 1e-4, atol);
      op.destroy();
    });
  }
});
