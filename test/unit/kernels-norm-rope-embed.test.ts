// Parity of the RMSNorm, RoPE and embedding kernels with the float64 reference at awkward shapes.
// Tolerances: inputs are rounded to f32 first, so the error is the kernels' own f32 arithmetic.
// Elementwise results get rel 1e-5; row reductions over C (or over rows for dw, over repeats for the
// embedding scatter) get the worst-case bound of a length-n f32 sum, n·2⁻²⁴·max|result|.
import { describe, expect, it } from 'vitest';
import { Rmsnorm } from '../../src/train/ops/rmsnorm.ts';
import { Rope } from '../../src/train/ops/rope.ts';
import { Embedding } from '../../src/train/ops/embedding.ts';
import { rmsnormBackward, rmsnormForward } from '../../src/model/reference/rmsnorm.ts';
import { ropeBackward, ropeForward } from '../../src/model/reference/rope.ts';
import { embeddingBackward, embeddingForward } from '../../src/model/reference/embedding.ts';
import { mulberry32, randomNormal } from '../../src/model/reference/rng.ts';
import { createBuffer } from '../../src/gpu/index.ts';
import { expectClose, f32, gpuOrFail, maxAbs, readF, run, upF32, upU32 } from './kernels-util.ts';

const EPS32 = 2 ** -24;

describe('rmsnorm kernels vs float64 reference', () => {
  for (const [rows, C] of [
    [1, 7],
    [37, 96],
    [5, 300],
    [3, 1],
    [130, 20],
  ] as const) {
    it(`rows=${rows} C=${C}: y, rstd, dx (+accumulate), dw (+accumulate)`, async () => {
      const { device } = await gpuOrFail();
      const eps = 1e-5;
      const x = f32(randomNormal(rows * C, 11 + C, 2));
      const w = f32(randomNormal(C, 12, 1));
      const dy = f32(randomNormal(rows * C, 13));
      const dx0 = f32(randomNormal(rows * C, 14));
      const dw0 = f32(randomNormal(C, 15));
      const op = await Rmsnorm.create(device, { rows, C, eps });
      const bx = upF32(device, x, 'x');
      const bw = upF32(device, w, 'w');
      const y = createBuffer(device, rows * C * 4, 'y');
      const rstd = createBuffer(device, rows * 4, 'rstd');
      const bdy = upF32(device, dy, 'dy');
      const dx = createBuffer(device, rows * C * 4, 'dx');
      const dw = createBuffer(device, C * 4, 'dw');
      const dxAcc = upF32(device, dx0, 'dxAcc');
      const dwAcc = upF32(device, dw0, 'dwAcc');
      await run(
        device,
        op.bindForward({ x: bx, w: bw, y, rstd }),
        op.bindBackward({ dy: bdy, x: bx, w: bw, rstd, dx, dw }),
        op.bindBackward(
          { dy: bdy, x: bx, w: bw, rstd, dx: dxAcc, dw: dwAcc },
          { accumulateDx: true, accumulateDw: true },
        ),
      );
      const ref = rmsnormForward(x, w, rows, C, eps);
      const gpuRstd = await readF(device, rstd, rows);
      expectClose('rstd', gpuRstd, ref.rstd, 1e-5, 0);
      expectClose('y', await readF(device, y, rows * C), ref.y, 1e-5, 1e-6 * maxAbs(ref.y));
      // The backward consumes the GPU's rstd, as the Trainer does.
      const back = rmsnormBackward(dy, x, w, gpuRstd, rows, C);
      // dx is a difference of two terms of size |rstd·dy·w|; they cancel when C is tiny, so bound by the terms.
      let termMax = 0;
      for (let i = 0; i < rows * C; i++)
        termMax = Math.max(termMax, Math.abs(gpuRstd[Math.floor(i / C)] * dy[i] * w[i % C]));
      const dxTol = 4 * (C + 2) * EPS32 * termMax;
      expectClose('dx', await readF(device, dx, rows * C), back.dx, 1e-5, dxTol);
      const dwTol = rows * EPS32 * maxAbs(back.dw) + EPS32 * maxAbs(dw0);
      expectClose('dw', await readF(device, dw, C), back.dw, 1e-5, dwTol);
      expectClose(
        'dx accumulated',
        await readF(device, dxAcc, rows * C),
        back.dx.map((v, i) => v + dx0[i]),
        1e-5,
        dxTol,
      );
      expectClose(
        'dw accumulated',
        await readF(device, dwAcc, C),
        back.dw.map((v, i) => v + dw0[i]),
        1e-5,
        dwTol,
      );
      op.destroy();
    });
  }
});

describe('rope kernels vs float64 reference', () => {
  it('left-padded positions, odd rows, out-of-place and in-place, forward and backward', async () => {
    const { device } = await gpuOrFail();
    const [B, T, heads, hd, theta] = [3, 5, 3, 10, 10000];
    const positions = [0, 0, 0, 1, 2, /* left-padded */ 0, 1, 2, 3, 4, 0, 0, 1, 2, 3];
    const x = f32(randomNormal(B * T * heads * hd, 21));
    const op = await Rope.create(device, { rows: B * T, heads, hd, theta, maxPositions: 64 });
    const bx = upF32(device, x, 'x');
    const pos = upU32(device, positions, 'positions');
    const y = createBuffer(device, x.length * 4, 'y');
    const back = createBuffer(device, x.length * 4, 'back');
    const inplace = upF32(device, x, 'inplace');
    await run(
      device,
      op.bindForward({ x: bx, positions: pos, y }),
      op.bindBackward({ dy: y, positions: pos, dx: back }),
      op.bindForward({ x: inplace, positions: pos, y: inplace }),
    );
    const want = ropeForward(x, positions, B, T, heads, hd, theta);
    const gy = await readF(device, y, x.length);
    expectClose('rope forward', gy, want, 1e-5, 1e-6);
    expectClose(
      'rope backward',
      await readF(device, back, x.length),
      ropeBackward(f32(gy), positions, B, T, heads, hd, theta),
      1e-5,
      1e-6,
    );
    expectClose('rope in place', await readF(device, inplace, x.length), want, 1e-5, 1e-6);
  });

  it('large positions keep f32 accuracy (table computed in float64)', async () => {
    const { device } = await gpuOrFail();
    const [B, T, heads, hd, theta] = [1, 4, 2, 64, 500000];
    const positions = [0, 1000, 2047, 1500];
    const x = f32(randomNormal(B * T * heads * hd, 22));
    const op = await Rope.create(device, { rows: B * T, heads, hd, theta, maxPositions: 2048 });
    const y = createBuffer(device, x.length * 4, 'y');
    await run(device, op.bindForward({ x: upF32(device, x, 'x'), positions: upU32(device, positions, 'pos'), y }));
    expectClose(
      'rope forward',
      await readF(device, y, x.length),
      ropeForward(x, positions, B, T, heads, hd, theta),
      1e-5,
      1e-5,
    );
  });
});

describe('embedding kernels vs float64 reference', () => {
  for (const [N, V, C, label] of [
    [1, 5, 3, 'one token'],
    [257, 50, 33, 'many repeats'],
    [300, 1000, 8, 'mostly unique'],
  ] as const) {
    it(`${label}: N=${N} V=${V} C=${C}, gather and deterministic scatter-add (+accumulate)`, async () => {
      const { device } = await gpuOrFail();
      const rnd = mulberry32(N + V);
      const tokens = Array.from({ length: N }, () => Math.floor(rnd() * V));
      if (N > 10) for (let i = 0; i < 40; i++) tokens[N - 1 - i] = 0; // a pad-like run of one id
      const table = f32(randomNormal(V * C, 31));
      const dOut = f32(randomNormal(N * C, 32));
      const base = f32(randomNormal(V * C, 33));
      const op = await Embedding.create(device, { N, V, C });
      const bt = upU32(device, tokens, 'tokens');
      const out = createBuffer(device, N * C * 4, 'out');
      const dTable = upF32(device, randomNormal(V * C, 34), 'dTable (garbage, overwritten)');
      const dAcc = upF32(device, base, 'dTable accumulated');
      const bd = upF32(device, dOut, 'dOut');
      const back = op.bindBackward({ tokens: bt, dOut: bd, dTable });
      await run(
        device,
        op.bindForward({ tokens: bt, table: upF32(device, table, 'table'), out }),
        back,
        op.bindBackward({ tokens: bt, dOut: bd, dTable: dAcc }, { accumulate: true }),
      );
      expect(Array.from(await readF(device, out, N * C))).toEqual(Array.from(embeddingForward(tokens, table, V, C)));
      const want = embeddingBackward(dOut, tokens, V, C);
      const first = await readF(device, dTable, V * C);
      const tol = N * EPS32 * 4 * maxAbs(dOut);
      expectClose('dTable', first, want, 1e-5, tol);
      expectClose(
        'dTable accumulated',
        await readF(device, dAcc, V * C),
        want.map((v, i) => v + base[i]),
        1e-5,
        tol,
      );
      // Deterministic: a second run of the same planned backward gives identical bits.
      await run(device, back);
      expect(Array.from(await readF(device, dTable, V * C))).toEqual(Array.from(first));
      op.destroy();
    });
  }
});
