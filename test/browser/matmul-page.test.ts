// The app's first page (index.html from the dev server): shows the adapter, and a click on the button
// runs the matmul check, whose result lands on window.atomgym.
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await chromium.connect(inject('wsEndpoint'));
  page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(`${inject('origin')}/index.html`);
});
afterAll(async () => {
  await browser?.close();
});

describe('index.html', () => {
  it('shows the adapter and passes the matmul check on a click', async () => {
    await page.waitForFunction(() => window.atomgym?.status !== 'loading', undefined, { timeout: 60_000 });
    const before = await page.evaluate(() => ({
      status: window.atomgym.status,
      adapter: window.atomgym.adapter,
      error: window.atomgym.error,
    }));
    expect(before.error).toBeUndefined();
    expect(before.status).toBe('ready');
    expect(typeof before.adapter?.isFallback).toBe('boolean');
    await expect
      .poll(() => page.textContent('#adapter-body'))
      .toContain(before.adapter!.isFallback ? 'CPU fallback' : 'GPU');

    await page.click('#run-check');
    await page.waitForFunction(() => ['checked', 'check-failed'].includes(window.atomgym.status), undefined, {
      timeout: 120_000,
    });
    const state = await page.evaluate(() => ({
      status: window.atomgym.status,
      check: window.atomgym.check,
      error: window.atomgym.error,
    }));
    expect(state.error).toBeUndefined();
    expect(state.status).toBe('checked');
    expect(state.check!.cases.length).toBeGreaterThanOrEqual(5);
    expect(state.check!.cases.filter((c) => !c.pass)).toEqual([]);
    expect(state.check!.pass).toBe(true);
    expect(state.check!.speed.gflops).toBeGreaterThan(0);
    expect(await page.textContent('#check-body')).toContain('match the float64 reference');
  });
});
