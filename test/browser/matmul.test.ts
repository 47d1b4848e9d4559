// Matmul parity in real headless Chromium (its async pipeline path, its SwiftShader or GPU adapter):
// every variant, both kernels, awkward shapes, bias/accumulate/batch, in one page.evaluate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { closeBrowser, harnessPage } from './page.ts';

let page: Page;
beforeAll(async () => {
  page = await harnessPage();
});
afterAll(closeBrowser);

describe('matmul in headless Chromium', () => {
  it('matches the float64 reference for every variant, kernel and awkward shape', async () => {
    const results = await page.evaluate(async () => {
      const gpu = (await window.__load('/src/gpu/index.ts')) as typeof import('../../src/gpu/index.ts');
      const check = (await window.__load('/src/parity/matmul.ts')) as typeof import('../../src/parity/matmul.ts');
      type Spec = import('../../src/train/ops/matmul.ts').MatmulSpec;
      const { device } = await gpu.sharedGpu();
      // The default kernel on this adapter gets everything; the other one every shape and variant but
      // fewer flag combinations (each combination is a pipeline, and SwiftShader takes seconds to
      // compile the tiled one) and one 256³.
      const { defaultMatmulKernel } = (await window.__load(
        '/src/train/ops/matmul.ts',
      )) as typeof import('../../src/train/ops/matmul.ts');
      const main = defaultMatmulKernel(device);
      const specs: Spec[] = [];
      for (const kernel of ['registers', 'tiled'] as const) {
        for (const variant of ['nn', 'tn', 'nt'] as const) {
          for (const [M, N, K] of check.PARITY_SHAPES) {
            if (kernel === main || M * N * K < 256 ** 3 || variant === 'nn') specs.push({ M, N, K, variant, kernel });
          }
          if (kernel === main) {
            specs.push({ M: 70, N: 45, K: 29, variant, kernel, bias: true });
            specs.push({ M: 45, N: 70, K: 31, variant, kernel, accumulate: true });
          }
          specs.push({ M: 9, N: 130, K: 3, variant, kernel, accumulate: true, bias: true });
          specs.push({ M: 37, N: 37, K: 16, variant, kernel, batch: 4, accumulate: true, bias: true });
        }
      }
      const out = [];
      for (const [i, spec] of specs.entries()) {
        const r = await check.checkMatmul(device, spec, 100 + i);
        out.push({ label: r.label, pass: r.pass, maxError: r.maxError, worstRatio: r.worstRatio });
      }
      return out;
    });
    const failures = results
      .filter((r) => !r.pass)
      .map((r) => `${r.label}: max error ${r.maxError}, ${r.worstRatio.toFixed(2)}x bound`);
    expect(failures).toEqual([]);
    expect(results.length).toBe(58);
    for (const tag of ['nn ', 'tn ', 'nt ', '[registers]', '[tiled]', '256x256x256', 'batch 4'])
      expect(
        results.some((r) => r.label.includes(tag)),
        tag,
      ).toBe(true);
  });

  it('throws a GpuKernelError naming matmul and the operand for a too-small buffer', async () => {
    const message = await page.evaluate(async () => {
      const gpu = (await window.__load('/src/gpu/index.ts')) as typeof import('../../src/gpu/index.ts');
      const { Matmul } = (await window.__load(
        '/src/train/ops/matmul.ts',
      )) as typeof import('../../src/train/ops/matmul.ts');
      const { device } = await gpu.sharedGpu();
      const m = await Matmul.create(device, { M: 16, N: 8, K: 4, variant: 'nt' });
      const buf = (floats: number, label: string) => gpu.createBuffer(device, floats * 4, label);
      try {
        m.encode(device.createCommandEncoder(), { a: buf(64, 'a'), b: buf(31, 'b-short'), c: buf(128, 'c') });
        return 'no error';
      } catch (e) {
        return `${(e as Error).name}: ${(e as Error).message}`;
      }
    });
    expect(message).toMatch(
      // One regex, its source split in two for line length.
      new RegExp(
        /^GpuKernelError: matmul: binding error: matmul nt 16x8x4: /.source +
          /operand 'b' \[8,4\] needs 128 bytes but buffer 'b-short' has 124/.source,
      ),
    );
  });
});
