// The kernel families (all but matmul) against the float64 reference in headless Chromium — the real
// WebGPU path — batched in one page (src/parity/families.ts); the Node unit tests cover more shapes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { closeBrowser, harnessPage } from './page.ts';

let page: Page;
beforeAll(async () => {
  page = await harnessPage();
});
afterAll(closeBrowser);

describe('WGSL kernel families in Chromium', () => {
  it('every family matches the float64 reference within its bound', async () => {
    const results = await page.evaluate(async () => {
      const gpu = (await window.__load('/src/gpu/index.ts')) as typeof import('../../src/gpu/index.ts');
      const { runKernelSelfCheck } = (await window.__load(
        '/src/parity/families.ts',
      )) as typeof import('../../src/parity/families.ts');
      const { device } = await gpu.sharedGpu();
      return runKernelSelfCheck(device);
    });
    const names = results.map((r) => r.name);
    for (const family of [
      'swiglu',
      'rmsnorm',
      'rope',
      'embedding',
      'attention',
      'logprob',
      'gradnorm',
      'nonfinite',
      'adamw',
    ]) {
      expect(
        names.some((n) => n.startsWith(family)),
        `no check for ${family}`,
      ).toBe(true);
    }
    console.log(results.map((r) => `${r.name}: ${r.ratio.toFixed(3)}`).join('\n'));
    const failed = results.filter((r) => !(r.ratio <= 1));
    expect(failed, `checks over their bound: ${JSON.stringify(failed)}`).toEqual([]);
  });
});
