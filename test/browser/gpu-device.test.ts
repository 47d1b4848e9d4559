import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { closeBrowser, harnessPage } from './page.ts';

let page: Page;
beforeAll(async () => {
  page = await harnessPage();
});
afterAll(closeBrowser);

describe('src/gpu in headless Chromium', () => {
  it('acquires a device and reports the adapter', async () => {
    const report = await page.evaluate(async () => {
      const { acquireGpu } = (await window.__load('/src/gpu/device.ts')) as typeof import('../../src/gpu/device.ts');
      const { report } = await acquireGpu();
      return report;
    });
    expect(report.limits.maxStorageBufferBindingSize).toBeGreaterThan(128 * 2 ** 20);
    expect(typeof report.isFallback).toBe('boolean');
  });

  it('round-trips a buffer', async () => {
    const out = await page.evaluate(async () => {
      const gpu = (await window.__load('/src/gpu/index.ts')) as typeof import('../../src/gpu/index.ts');
      const { device } = await gpu.sharedGpu();
      const buf = gpu.uploadBuffer(device, new Float32Array([1, 2.5, -3]), 'roundtrip');
      return Array.from(await gpu.readFloat32(device, buf, 3));
    });
    expect(out).toEqual([1, 2.5, -3]);
  });
});
