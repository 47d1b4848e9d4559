// One Vite server and one Chromium for all browser test files; each file connects over the wsEndpoint.
import type { TestProject } from 'vitest/node';
import { chromium, type BrowserServer } from 'playwright';
import type { ViteDevServer } from 'vite';
import { startViteServer } from '../../src/cli/headless.ts';
import { ensureChromium, launchOptions } from '../../src/cli/browser.ts';
import { ensureSystem } from '../../src/cli/system.ts';

let browserServer: BrowserServer | undefined;
let vite: ViteDevServer | undefined;

export async function setup(project: TestProject): Promise<void> {
  await ensureSystem();
  const started = await startViteServer();
  vite = started.server;
  browserServer = await chromium.launchServer(launchOptions(ensureChromium()));
  project.provide('origin', started.origin);
  project.provide('wsEndpoint', browserServer.wsEndpoint());
}

export async function teardown(): Promise<void> {
  await browserServer?.close();
  await vite?.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    origin: string;
    wsEndpoint: string;
  }
}
