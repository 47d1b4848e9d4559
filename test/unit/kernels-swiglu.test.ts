import { describe, expect, it } from 'vitest';
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
    gate[0] = 120;
    gate[1] = -120;
    gate[2] = 0; // sigmoid saturation must not produce NaN
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

describe('tensor references with byte offsets (packed buffers)', () => {
  it('reads and writes at 256-byte-aligned offsets and rejects misaligned or short bindings by name', async () => {
    const { device } = await gpuOrFail();
    const n = 70;
    const gate = f32(randomNormal(n, 5));
    const up = f32(randomNormal(n, 6));
    // gate at byte 0 and up at byte 512 of one packed input buffer; h at byte 1024 of another. (WebGPU
    // forbids one buffer being written and read by the same dispatch even in disjoint ranges.)
    const packed = createBuffer(device, 512 + n * 4, 'packed');
    device.queue.writeBuffer(packed, 0, Float32Array.from(gate));
    device.queue.writeBuffer(packed, 512, Float32Array.from(up));
    const op = await Swiglu.create(device, { n });
    const out = createBuffer(device, 1024 + n * 4, 'out');
    await run(
      device,
      op.bindForward({ gate: packed, up: { buffer: packed, offset: 512 }, h: { buffer: out, offset: 1024 } }),
    );
    const all = await readF(device, out, 256 + n);
    expectClose('h at offset', all.subarray(256, 256 + n), swigluForward(gate, up), 1e-5, 1e-6);
    const other = createBuffer(device, n * 4, 'other');
    expect(() => op.bindForward({ gate: { buffer: packed, offset: 4 }, up: other, h: other })).toThrow(
      /swiglu:swiglu_forward.*'gate' offset 4 is not a multiple of 256/,
    );
    expect(() => op.bindForward({ gate: packed, up: other, h: { buffer: packed, offset: 512 } })).toThrow(
      /swiglu:swiglu_forward.*'h' is written but its buffer 'packed' is also bound as 'gate'/,
    );
    expect(() => op.bindForward({ gate: other, up: createBuffer(device, 40, 'tiny'), h: out })).toThrow(
      /swiglu:swiglu_forward.*'up' needs 280 bytes.*'tiny' has 40/,
    );
  });
});
