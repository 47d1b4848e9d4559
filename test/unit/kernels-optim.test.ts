// Optimizer-side kernels vs the float64 reference: global grad norm over several tensors of odd sizes,
// clipping, NaN/Inf flag, AdamW (decay on/off, bias correction over steps, lr changes), and the
// GPU-side skip of a step whose gradients are not finite.
// Tolerances: Σg² over n elements in f32 with tree sums: rel 1e-5 (≈ log2(n)·2⁻²⁴ plus sequential
// ITEMS-long sums); AdamW is elementwise: rel 1e-5 / atol 1e-7 per step on p, m, v.
import { describe, expect, it } from 'vitest';
import { GradNorm } from '../../src/train/ops/gradnorm.ts';
import { NonFinite } from '../../src/train/ops/nonfinite.ts';
import { Adamw } from '../../src/train/ops/adamw.ts';
import { GRAD_STATS_BYTES, readGradStats } from '../../src/train/ops/grad-stats.ts';
import { adamwReference, clipReference, globalNormReference } from '../../src/model/reference/optim.ts';
import { randomNormal } from '../../src/model/reference/rng.ts';
import { createBuffer } from '../../src/gpu/index.ts';
import { expectClose, f32, gpuOrFail, readF, run, upF32 } from './kernels-util.ts';

const SIZES = [1, 37, 4096, 10007, 96];

describe('gradient norm, clip and non-finite flag', () => {
  it('norm over many tensors, clip scale, in-place clip, flag clear/set', async () => {
    const { device } = await gpuOrFail();
    const grads = SIZES.map((n, i) => f32(randomNormal(n, 60 + i, 0.1)));
    const bufs = grads.map((g, i) => upF32(device, g, `g${i}`));
    const stats = createBuffer(device, GRAD_STATS_BYTES, 'stats');
    const maxNorm = 1.5;
    const norm = await GradNorm.create(device, SIZES, { maxNorm });
    const flag = await NonFinite.create(device, SIZES);
    await run(device, norm.bind(bufs, stats), flag.bind(bufs, stats));
    const want = globalNormReference(grads);
    expect(want).toBeGreaterThan(maxNorm);
    const s = await readGradStats(device, stats);
    expect(s.nonFinite).toBe(false);
    expectClose('norm', [s.norm], [want], 1e-5, 0);
    expectClose('sum of squares', [s.sumSquares], [want * want], 2e-5, 0);
    expectClose('clip scale', [s.clipScale], [maxNorm / want], 1e-5, 0);
    await run(device, norm.bindClip(bufs, stats));
    clipReference(grads, maxNorm);
    for (let i = 0; i < SIZES.length; i++)
      expectClose(`clipped g${i}`, await readF(device, bufs[i], SIZES[i]), grads[i], 2e-5, 1e-9);

    // No clipping below the threshold.
    norm.setMaxNorm(100);
    await run(device, norm.bind(bufs, stats));
    expect((await readGradStats(device, stats)).clipScale).toBe(1);

    // A NaN in one tensor and an Inf in another set the flag; a clean pass clears it again.
    for (const bad of [NaN, Infinity, -Infinity]) {
      device.queue.writeBuffer(bufs[3], 4 * 5003, new Float32Array([bad]));
      await run(device, flag.bind(bufs, stats));
      expect((await readGradStats(device, stats)).nonFinite, `flag for ${bad}`).toBe(true);
      device.queue.writeBuffer(bufs[3], 4 * 5003, new Float32Array([0.5]));
      await run(device, flag.bind(bufs, stats));
      expect((await readGradStats(device, stats)).nonFinite).toBe(false);
    }
    norm.destroy();
    flag.destroy();
  });

  it('rejects a tensor list that does not match the plan, naming the count', async () => {
    const { device } = await gpuOrFail();
    const norm = await GradNorm.create(device, [4, 5]);
    const stats = createBuffer(device, GRAD_STATS_BYTES, 'stats');
    expect(() => norm.bind([createBuffer(device, 16, 'a')], stats)).toThrow(/got 1 tensors, planned for 2/);
    expect(() => norm.bind([createBuffer(device, 16, 'a'), createBuffer(device, 8, 'short')], stats)).toThrow(
      /grads\[1\].*needs 20 bytes.*'short' has 8/,
    );
  });
});

describe('AdamW vs float64 reference', () => {
  it('three steps with changing lr, decay on one tensor only, clip scale from the stats block, NaN skip', async () => {
    const { device } = await gpuOrFail();
    const sizes = [300, 17];
    const decay = [true, false];
    const p = sizes.map((n, i) => f32(randomNormal(n, 70 + i)));
    const m = sizes.map((n) => new Float64Array(n));
    const v = sizes.map((n) => new Float64Array(n));
    const bp = p.map((x, i) => upF32(device, x, `p${i}`));
    const bg = sizes.map((n, i) => createBuffer(device, n * 4, `g${i}`));
    const bm = sizes.map((n, i) => createBuffer(device, n * 4, `m${i}`));
    const bv = sizes.map((n, i) => createBuffer(device, n * 4, `v${i}`));
    const stats = createBuffer(device, GRAD_STATS_BYTES, 'stats');
    const maxNorm = 2;
    const norm = await GradNorm.create(device, sizes, { maxNorm });
    const flag = await NonFinite.create(device, sizes);
    const adamw = await Adamw.create(device);
    const stepPlan = [
      norm.bind(bg, stats),
      flag.bind(bg, stats),
      ...sizes.map((n, i) =>
        adamw.bindTensor(
          { param: bp[i], grad: bg[i], m: bm[i], v: bv[i], size: n, decay: decay[i], name: `t${i}` },
          stats,
        ),
      ),
    ];
    const base = { beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1 };
    for (const [step, lr] of [
      [1, 1e-2],
      [2, 3e-3],
      [3, 5e-2],
    ] as const) {
      const g = sizes.map((n, i) => f32(randomNormal(n, 100 * step + i, 0.3)));
      g.forEach((x, i) => device.queue.writeBuffer(bg[i], 0, Float32Array.from(x)));
      adamw.setHyper({ ...base, lr, step });
      await run(device, ...stepPlan);
      clipReference(g, maxNorm);
      for (let i = 0; i < sizes.length; i++)
        adamwReference(p[i], g[i], m[i], v[i], { ...base, lr, step, weightDecay: decay[i] ? base.weightDecay : 0 });
      for (let i = 0; i < sizes.length; i++) {
        expectClose(`step ${step} p${i}`, await readF(device, bp[i], sizes[i]), p[i], 1e-5, 1e-7);
        expectClose(`step ${step} m${i}`, await readF(device, bm[i], sizes[i]), m[i], 1e-5, 1e-8);
        expectClose(`step ${step} v${i}`, await readF(device, bv[i], sizes[i]), v[i], 1e-5, 1e-10);
      }
    }
    // A NaN gradient: the same planned step runs and leaves every parameter and moment bit-identical.
    const before = await Promise.all([...bp, ...bm, ...bv].map((b, j) => readF(device, b, sizes[j % 2])));
    device.queue.writeBuffer(bg[1], 8, new Float32Array([NaN]));
    adamw.setHyper({ ...base, lr: 1e-2, step: 4 });
    await run(device, ...stepPlan);
    expect((await readGradStats(device, stats)).nonFinite).toBe(true);
    const after = await Promise.all([...bp, ...bm, ...bv].map((b, j) => readF(device, b, sizes[j % 2])));
    after.forEach((a, j) =>
      expect(Array.from(a), `tensor ${j} changed on a skipped step`).toEqual(Array.from(before[j])),
    );
    adamw.destroy();
    norm.destroy();
    flag.destroy();
  });
});
