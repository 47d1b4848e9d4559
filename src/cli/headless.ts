// A Vite server on localhost plus a headless Chromium page on it: how Node code reaches WebGPU.
import { createServer, type ViteDevServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright';
import { fileURLToPath } from 'node:url';
import { ensureChromium, launchOptions } from './browser.ts';
import { ensureSystem } from './system.ts';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Starts the project's Vite dev server on a free localhost port (a secure context, so WebGPU is exposed). */
export async function startViteServer(port = 0): Promise<{ server: ViteDevServer; origin: string }> {
  const server = await createServer({
    root: PROJECT_ROOT,
    configFile: `${PROJECT_ROOT}vite.config.ts`,
    logLevel: 'error',
    server: { port, strictPort: port !== 0, host: 'localhost', hmr: false },
    clearScreen: false,
  });
  await server.listen();
  const address = server.httpServer?.address();
  if (!address || typeof address === 'string') throw new Error('Vite server did not report a TCP port');
  return { server, origin: `http://localhost:${address.port}` };
}

export async function launchBrowser(): Promise<Browser> {
  await ensureSystem();
  return chromium.launch(launchOptions(ensureChromium()));
}

/**
 * Opens the test/bench harness page, which exposes `window.__load(path)` (a dynamic import through Vite).
 * Console errors from the page are forwarded so failures in the browser are visible in Node.
 */
export async function openHarness(browser: Browser, origin: string, echo = false): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  page.on('console', (m) => {
    if (echo || m.type() === 'error') console.error(`[page ${m.type()}] ${m.text()}`);
  });
  await page.goto(`${origin}/test/browser/harness.html`);
  await page.waitForFunction(() => (window as unknown as { __harnessReady?: boolean }).__harnessReady === true);
  return page;
}

export interface Headless {
  page: Page;
  origin: string;
  close(): Promise<void>;
}

/** The dev server and a browser on it; if the browser fails to start, the server is closed before rethrowing. */
async function startServerAndBrowser(): Promise<{ browser: Browser; origin: string; close(): Promise<void> }> {
  const { server, origin } = await startViteServer();
  const browser = await launchBrowser().catch(async (e: unknown) => {
    await server.close();
    throw e;
  });
  return {
    browser,
    origin,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Everything at once, for CLI commands: server, browser, harness page. */
export async function startHeadless(echo = false): Promise<Headless> {
  const { browser, origin, close } = await startServerAndBrowser();
  return { page: await openHarness(browser, origin, echo), origin, close };
}

/** The training page's server and browser with one fresh page (errors echoed to `log`); `close` ends both. */
export async function openPageSession(log: (s: string) => void = console.error): Promise<Headless> {
  const { browser, origin, close } = await startServerAndBrowser();
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (e) => log(`[page error] ${e.message}`));
  return { page, origin, close };
}
