// Matmul parity vs. the float64 reference on Node's Dawn + SwiftShader adapter (the same CPU adapter
// Chromium uses): every variant, awkward shapes, bias/accumulate/batch. The bound is
// derived in src/parity/matmul.ts. test/browser/matmul.test.ts repeats the list in real Chromium.
import { beforeAll, describe, expect, it } from 'vitest';
import type { Gpu } from '../../src/gpu/device.ts';
import { nodeGpu, nodeGpuFailure } from './node-gpu.ts';
import type { MatmulSpec, MatmulVariant } from '../../src/train/ops/matmul.ts';
import { PARITY_SHAPES, checkMatmul } from '../../src/parity/matmul.ts';

let gpu: Gpu;
beforeAll(async () => {
  const got = await nodeGpu();
  expect(got, nodeGpuFailure).toBeDefined();
  gpu = got!;
});

const VARIANTS: MatmulVariant[] = ['nn', 'tn', 'nt'];

async function expectParity(spec: MatmulSpec, seed: number): Promise<void> {
  const r = await checkMatmul(gpu.device, spec, seed);
  expect(
    r.pass,
    `${r.label}: max error ${r.maxError}, ${r.worstRatio.toFixed(3)}x the bound at element ${r.worstIndex}`,
  ).toBe(true);
}

// The register kernel (the one this CPU adapter runs) gets every case here. The tiled kernel (for real
// GPUs) is checked in test/browser/matmul.test.ts only: SwiftShader needs ~10-20 s to compile each of its
// pipelines on this machine, and the browser test pays that once.
describe('matmul parity in Node, registers kernel', () => {
  it.each(VARIANTS)(
    'variant %s at 1³, 7×13×5, 65×33×17, 127×1×255, non-multiples of every tile, 256³',
    async (variant) => {
      for (const [i, [M, N, K]] of PARITY_SHAPES.entries())
        await expectParity({ M, N, K, variant, kernel: 'registers' }, 10 * i);
    },
  );

  it('bias, accumulate, both, and a strided batch, every variant', async () => {
    for (const [i, variant] of VARIANTS.entries()) {
      await expectParity({ M: 70, N: 45, K: 29, variant, kernel: 'registers', bias: true }, 100 + i);
      await expectParity({ M: 45, N: 70, K: 31, variant, kernel: 'registers', accumulate: true }, 200 + i);
      await expectParity({ M: 9, N: 130, K: 3, variant, kernel: 'registers', accumulate: true, bias: true }, 300 + i);
      await expectParity({ M: 37, N: 37, K: 16, variant, kernel: 'registers', batch: 4 }, 400 + i);
      await expectParity(
        { M: 5, N: 66, K: 9, variant, kernel: 'registers', batch: 3, bias: true, accumulate: true },
        500 + i,
      );
    }
  });
});
