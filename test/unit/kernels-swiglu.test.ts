import { describe, it } from 'vitest';
import { Swiglu } from '../../src/train/ops/swiglu.ts';
import { swigluBackward, swigluForward } from '../../src/model/reference/swiglu.ts';
import { randomNormal } from '../../src/model/reference/rng.ts';
import { createBuffer } from '../../src/gpu/index.ts';
import { expectClose, f32, gpuOrFail, readF, run, upF32 } from './kernels-util.ts';

// Elementwise f32 vs float64: a few ulps of exp/div per element ⇒ rel 1e-5 with a tiny absolute floor.
describe('swiglu kernels vs float64 reference', () => {
  it('forward and backward at an odd size with saturating inputs', async () => {
    const { device } = await gpuOrFail();
    const n = 1037;
    const gate = f32(randomNormal(n, 1, 4));
    gate[0] = 120; gate[1] = -120; gate[2] = 0; // sigmoid saturation must not produce NaN
    const up = f32(randomNormal(n, 2));
    const dh = f32(randomNormal(n, 3));
    const op = await Swiglu.create(device, { n });
    const [g, u, d] = [upF32(device, gate, 'gate'), upF32(device, up, 'up'), upF32(device, dh, 'dh')];
    const h = createBuffer(device, n * 4, 'h');
    const dgate = createBuffer(device, n * 4, 'dgate');
    const dup = createBuffer(device, n * 4, 'dup');
    await run(device, op.bindForward({ gate: g, up: u, h }), op.bindBackward({ dh: d, gate: g, up: u, dgate, dup }));
    const ref = swigluBackward(dh, gate, up);
    expectClose('h', await readF(device, h, n), swigluForward(gate, up), 1e-5, 1e-6);
    expectClose('dgate', await readF(device, dgate, n), ref.dgate, 1e-5, 1e-6);
    expectClose('dup', await readF(device, dup, n), ref.dup, 1e-5, 1e-6);
  });
});
