// The sandbox in headless Chromium: QuickJS's wasm loads through Vite in the page and in a worker, a run
// gives the same per-test results as in Node, and a WebContainer boot that cannot reach StackBlitz (offline)
// times out and falls back to QuickJS, saying so once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright';
import { closeBrowser, harnessPage } from './page.ts';

let page: Page;
const warnings: string[] = [];
beforeAll(async () => {
  page = await harnessPage();
  page.on('console', (m) => {
    if (m.type() === 'warning') warnings.push(m.text());
  });
});
afterAll(closeBrowser);

const REPO = {
  'src/util.js': 'export const clamp = (x, lo, hi) => Math.min(hi, Math.max(lo, x));\n',
  'src/legacy.js': "const { clamp } = require('./helpers.js');\nexports.pct = (x) => clamp(x, 0, 100);\n",
  'src/helpers.js': 'module.exports = { clamp: (x, lo, hi) => Math.min(hi, Math.max(lo, x)) };\n',
  'test/util.test.js': `import { clamp } from '../src/util.js';
import { pct } from '../src/legacy.js';
describe('util', () => {
  it('clamps', () => { expect(clamp(5, 0, 3)).toBe(3); expect(pct(-4)).toBe(0); });
  it('fails', () => { expect(clamp(1, 0, 3)).toEqual(2); });
  it('async', async () => { await new Promise((r) => setTimeout(r, 50)); expect([1, 2]).toContain(2); });
});
`,
};

describe('sandbox in the browser', () => {
  it('runs QuickJS in the page and in a worker, with the same results, and enforces limits', async () => {
    const out = await page.evaluate(async (repo) => {
      const sb = (await window.__load('/src/sandbox/index.ts')) as typeof import('../../src/sandbox/index.ts');
      const wk = (await window.__load(
        '/src/sandbox/worker/client.ts',
      )) as typeof import('../../src/sandbox/worker/client.ts');
      const tpl = (await window.__load(
        '/src/sandbox/quickjs/template.ts',
      )) as typeof import('../../src/sandbox/quickjs/template.ts');
      const wasm = (await window.__load(
        '/src/sandbox/quickjs/wasm.ts',
      )) as typeof import('../../src/sandbox/quickjs/wasm.ts');
      const rewinds = tpl.QuickJsTemplate.create(await wasm.loadQuickJsModule()).reusable;
      const inPage = await sb.createQuickJsSandbox();
      const pageRun = await inPage.run(repo, { kind: 'tests' });
      const loop = await inPage.run(
        { 'a.test.js': "it('loops', () => { for (;;) {} });" },
        { kind: 'tests' },
        { timeMs: 300 },
      );
      const escape = await inPage.run(
        {
          'a.test.js':
            "it('no host', () => { expect(typeof window).toBe('undefined'); expect(typeof document).toBe('undefined'); expect(typeof fetch).toBe('undefined'); expect(Function('return this')()).toBe(globalThis); });",
        },
        { kind: 'tests' },
      );
      const worker = wk.createBrowserWorkerSandbox({ graceMs: 0 });
      const workerRun = await worker.run(repo, { kind: 'tests' });
      // One long built-in call (a default sort compares string forms in C): QuickJS cannot interrupt it,
      // so the watchdog ends the worker.
      const t0 = performance.now();
      const stuck = await worker.run(
        { 'a.test.js': "it('stuck', () => { const a = new Array(4e6).fill(7); a.sort(); a.sort(); });" },
        { kind: 'tests' },
        { timeMs: 50 },
      );
      const stuckMs = performance.now() - t0;
      const after = await worker.run(repo, { kind: 'tests' });
      worker.dispose();
      const summary = (r: import('../../src/sandbox/types.ts').RunResult) => ({
        status: r.status,
        tests: r.tests.map((t) => [t.name, t.status]),
      });
      return {
        rewinds,
        page: summary(pageRun),
        loop: summary(loop),
        escape: summary(escape),
        worker: summary(workerRun),
        stuck: { ...summary(stuck), limitHit: stuck.limitHit, message: stuck.message },
        stuckMs,
        after: summary(after),
        restarts: worker.restarts,
      };
    }, REPO);
    const expected = {
      status: 'ok',
      tests: [
        ['util > clamps', 'passed'],
        ['util > fails', 'failed'],
        ['util > async', 'passed'],
      ],
    };
    expect(out.rewinds).toBe(true); // the wasm heap is reachable, so runs rewind a snapshot in the browser too
    expect(out.page).toEqual(expected);
    expect(out.worker).toEqual(expected);
    expect(out.after).toEqual(expected);
    expect(out.loop).toEqual({ status: 'timeout', tests: [['loops', 'timeout']] });
    expect(out.escape.tests).toEqual([['no host', 'passed']]);
    expect(out.stuck.status).toBe('timeout');
    expect(out.stuck.limitHit).toBe('time');
    expect(out.stuck.message).toContain('terminated');
    expect(out.stuckMs).toBeLessThan(20_000);
    expect(out.restarts).toBe(1);
  });

  it('falls back to QuickJS when WebContainer cannot boot offline, and warns once', async () => {
    const out = await page.evaluate(async () => {
      const sb = (await window.__load('/src/sandbox/index.ts')) as typeof import('../../src/sandbox/index.ts');
      const t0 = performance.now();
      const first = await sb.createSandbox({ prefer: 'webcontainer', bootTimeoutMs: 3_000 });
      const bootMs = performance.now() - t0;
      const second = await sb.createSandbox({ prefer: 'webcontainer', bootTimeoutMs: 500 });
      const r = await first.run({ 'a.test.js': "it('x', () => { expect(1).toBe(1); });" }, { kind: 'tests' });
      return {
        isolated: crossOriginIsolated,
        name: first.name,
        reason: first.fallbackReason,
        reason2: second.fallbackReason,
        bootMs,
        passed: r.totals.passed,
      };
    });
    expect(out.isolated).toBe(true);
    expect(out.name).toBe('quickjs');
    expect(out.reason).toMatch(/WebContainer unavailable: .*(did not boot within 3000 ms|stackblitz|fetch|network)/i);
    expect(out.reason2).toContain('WebContainer unavailable');
    expect(out.bootMs).toBeLessThan(10_000);
    expect(out.passed).toBe(1);
    expect(warnings.filter((w) => w.includes('WebContainer unavailable'))).toHaveLength(1);
  });
});
