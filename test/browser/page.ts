// Per-file access to the shared browser: `const page = await harnessPage()` in beforeAll.
import { inject } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright';
import { openHarness } from '../../src/cli/headless.ts';

let browser: Browser | undefined;

export async function harnessPage(): Promise<Page> {
  browser ??= await chromium.connect(inject('wsEndpoint'));
  return openHarness(browser, inject('origin'));
}

export async function closeBrowser(): Promise<void> {
  await browser?.close();
  browser = undefined;
}
