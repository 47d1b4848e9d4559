// Attention kernels vs the float64 reference: GQA ratios 1 and 4, T = 1, T not a multiple of the
// workgroup, left and right padding (left padding leaves query rows with no visible key).
// Tolerance: each output is a softmax-weighted sum over ≤ T keys of dot products over hd, all in f32
// with inputs rounded to f32; we allow atol = 4·2⁻²⁴·(T + hd)·max|ref| (a few ulps per accumulated
// term, scaled by the group size for dk/dv which also sum over query heads) plus rel 1e-5.
import { describe, expect, it } from 'vitest';
import { Attention, type AttentionVariant } from '../../src/train/ops/attention.ts';
import { attentionBackward, attentionForward } from '../../src/model/reference/attention.ts';
import { randomNormal } from '../../src/model/reference/rng.ts';
import { createBuffer } from '../../src/gpu/index.ts';
import { expectClose, f32, gpuOrFail, maxAbs, readF, run, upF32, upU32 } from './kernels-util.ts';

interface Case {
  B: number;
  T: number;
  nH: number;
  nKV: number;
  hd: number;
  pad: 'none' | 'left' | 'right';
}

function makeMask({ B, T, pad }: Case): number[] {
  const mask = new Array<number>(B * T).fill(1);
  for (let b = 0; b < B; b++) {
    const n = Math.min(T - 1, b * 2 + 1); // batch rows pad differently; row 0 pads 1 (or none when T = 1)
    if (pad === 'none' || T === 1) continue;
    for (let i = 0; i < n; i++) mask[b * T + (pad === 'left' ? i : T - 1 - i)] = 0;
  }
  return mask;
}

const CASES: Case[] = [
  { B: 2, T: 1, nH: 2, nKV: 2, hd: 4, pad: 'none' },
  { B: 2, T: 70, nH: 4, nKV: 1, hd: 8, pad: 'left' },
  { B: 3, T: 37, nH: 4, nKV: 4, hd: 6, pad: 'right' }, // hd % 4 ≠ 0: the vec2 path
  { B: 1, T: 65, nH: 8, nKV: 2, hd: 24, pad: 'left' },
];

describe('attention kernels vs float64 reference', () => {
  const runs = CASES.flatMap((c) =>
    (['rowwise', 'tiled', 'tiled-recompute'] as AttentionVariant[])
      .filter((v) => v === 'rowwise' || c.hd % 4 === 0)
      .map((variant) => ({ c, variant })),
  );
  for (const { c, variant } of runs) {
    const title = `${variant}: B=${c.B} T=${c.T} nH=${c.nH} nKV=${c.nKV} hd=${c.hd} ${c.pad}-padded: out, dq, dk, dv`;
    it(title, async () => {
      const { device } = await gpuOrFail();
      const { B, T, nH, nKV, hd } = c;
      const q = f32(randomNormal(B * T * nH * hd, 41, 1.5));
      const k = f32(randomNormal(B * T * nKV * hd, 42, 1.5));
      const v = f32(randomNormal(B * T * nKV * hd, 43));
      const dOut = f32(randomNormal(B * T * nH * hd, 44));
      const mask = makeMask(c);
      const op = await Attention.create(device, { B, T, nH, nKV, hd }, variant);
      const [bq, bk, bv, bm, bdo] = [
        upF32(device, q, 'q'),
        upF32(device, k, 'k'),
        upF32(device, v, 'v'),
        upU32(device, mask, 'mask'),
        upF32(device, dOut, 'dOut'),
      ];
      const out = createBuffer(device, q.length * 4, 'out');
      const saved = createBuffer(device, op.savedBytes, 'saved');
      const dq = upF32(device, randomNormal(q.length, 45), 'dq (overwritten)');
      const dk = upF32(device, randomNormal(k.length, 46), 'dk (overwritten)');
      const dv = upF32(device, randomNormal(v.length, 47), 'dv (overwritten)');
      await run(
        device,
        op.bindForward({ q: bq, k: bk, v: bv, mask: bm, out, saved }),
        op.bindBackward({ dOut: bdo, q: bq, k: bk, v: bv, mask: bm, out, saved, dq, dk, dv }),
      );
      const fwd = attentionForward(q, k, v, mask, B, T, nH, nKV, hd);
      const back = attentionBackward(dOut, q, k, v, fwd.probs, mask, B, T, nH, nKV, hd);
      const bound = (ref: Float64Array) => 4 * 2 ** -24 * (T + hd) * maxAbs(ref);
      const gOut = await readF(device, out, q.length);
      expectClose('out', gOut, fwd.out, 1e-5, bound(fwd.out));
      expectClose('dq', await readF(device, dq, q.length), back.dq, 1e-5, bound(back.dq));
      expectClose('dk', await readF(device, dk, k.length), back.dk, 1e-5, bound(back.dk) * (nH / nKV));
      expectClose('dv', await readF(device, dv, v.length), back.dv, 1e-5, bound(back.dv) * (nH / nKV));
      if (c.pad === 'left') {
        // Left padding: query rows with no visible key output exactly 0 (and pass no gradient).
        for (let t = 0; t < T && mask[t] === 0; t++)
          for (let d = 0; d < nH * hd; d++) expect(gOut[t * nH * hd + d]).toBe(0);
      }
      op.destroy();
    });
  }

  it('rejects a head dimension over the kernel limit and a non-divisible GQA ratio', async () => {
    const { device } = await gpuOrFail();
    await expect(Attention.create(device, { B: 1, T: 4, nH: 2, nKV: 2, hd: 512 })).rejects.toThrow(
      /head dimension 512/,
    );
    await expect(Attention.create(device, { B: 1, T: 4, nH: 3, nKV: 2, hd: 8 })).rejects.toThrow(/not a multiple/);
  });
});
