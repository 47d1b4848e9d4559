// Matmul in Node: every kernel variant compiles, the error paths (wrong sizes, bad specs), the kernel choice.
// The parity bound's own test is test/unit/matmul-bound.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Gpu } from '../../src/gpu/device.ts';
import { nodeGpu, nodeGpuFailure } from './node-gpu.ts';
import { GpuKernelError } from '../../src/gpu/errors.ts';
import { createBuffer } from '../../src/gpu/buffers.ts';
import { Matmul, defaultMatmulKernel, type MatmulVariant } from '../../src/train/ops/matmul.ts';

// Dawn's null backend: real WGSL validation, pipeline creation and bind-group checks, no execution, and
// milliseconds per pipeline (SwiftShader takes seconds). Parity runs in test/unit/matmul-parity.test.ts.
let gpu: Gpu;
beforeAll(async () => {
  const got = await nodeGpu({ backend: 'null' });
  expect(got, nodeGpuFailure).toBeDefined();
  gpu = got!;
});

describe('matmul kernels compile', () => {
  it('both kernels with every bias/accumulate combination pass WGSL validation', async () => {
    for (const kernel of ['registers', 'tiled'] as const) {
      for (const bias of [false, true]) {
        for (const accumulate of [false, true]) {
          const m = await Matmul.create(gpu.device, { M: 5, N: 6, K: 7, variant: 'nn', kernel, bias, accumulate });
          expect(m.kernelKind).toBe(kernel);
        }
      }
    }
  });
});

describe('matmul choices and error paths', () => {
  it('picks the register kernel on CPU adapters and the tiled one on GPUs', () => {
    const on = (info: Partial<GPUAdapterInfo>) =>
      defaultMatmulKernel({
        adapterInfo: { vendor: '', architecture: '', device: '', description: '', ...info },
      } as unknown as GPUDevice);
    expect(on({ vendor: 'google', architecture: 'swiftshader' })).toBe('registers');
    expect(on({ vendor: 'mesa', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' })).toBe('registers');
    expect(on({ vendor: 'nvidia', architecture: 'hopper' })).toBe('tiled');
    expect(on({ vendor: 'apple', architecture: 'metal-3' })).toBe('tiled');
    // A device that cannot say what it runs on gets the kernel that is sound everywhere.
    expect(defaultMatmulKernel({} as GPUDevice)).toBe('registers');
  });

  it('a too-small buffer throws a GpuKernelError naming matmul and the operand', async () => {
    const m = await Matmul.create(gpu.device, { M: 8, N: 6, K: 5, variant: 'tn', bias: true });
    const buf = (floats: number, label: string) => createBuffer(gpu.device, floats * 4, label);
    const ok = { a: buf(40, 'a'), b: buf(30, 'b'), c: buf(48, 'c'), bias: buf(6, 'bias') };
    const enc = () => gpu.device.createCommandEncoder();
    expect(() => m.encode(enc(), ok)).not.toThrow();
    for (const [operand, small] of [
      ['a', 39],
      ['b', 29],
      ['c', 47],
      ['bias', 5],
    ] as const) {
      const io = { ...ok, [operand]: buf(small, `${operand}-short`) };
      const call = () => m.encode(enc(), io);
      expect(call).toThrow(GpuKernelError);
      expect(call).toThrow(
        new RegExp(`^matmul: binding error: matmul tn 8x6x5 .*operand '${operand}'.*needs ${(small + 1) * 4} bytes`),
      );
    }
    expect(() => m.encode(enc(), { a: ok.a, b: ok.b, c: ok.c })).toThrow(/operand 'bias' \[6\] is missing/);
  });

  it('rejects malformed specs and aliasing output', async () => {
    await expect(Matmul.create(gpu.device, { M: 0, N: 1, K: 1, variant: 'nn' })).rejects.toThrow(
      /matmul: .*M must be a positive integer/,
    );
    await expect(Matmul.create(gpu.device, { M: 1, N: 1, K: 1.5, variant: 'nn' })).rejects.toThrow(
      /K must be a positive integer/,
    );
    await expect(Matmul.create(gpu.device, { M: 1, N: 1, K: 1, variant: 'tt' as MatmulVariant })).rejects.toThrow(
      /variant must be/,
    );
    const m = await Matmul.create(gpu.device, { M: 2, N: 2, K: 2, variant: 'nn' });
    const shared = createBuffer(gpu.device, 16, 'shared');
    expect(() =>
      m.encode(gpu.device.createCommandEncoder(), { a: shared, b: createBuffer(gpu.device, 16, 'b'), c: shared }),
    ).toThrow(/'c' must not alias/);
  });
});
