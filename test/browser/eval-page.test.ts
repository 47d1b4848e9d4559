// The Evaluation tab's "Evaluate a model" form and `atomgym eval --page`: the page's run worker scores a model folder
// by URL with src/eval, on generated tasks or a pack, and gives the same report `atomgym eval` gives in Node.
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, inject, vi } from 'vitest';
import { chromium, type Browser } from 'playwright';
import { main } from '../../src/cli/main.ts';
import type { EvalReport } from '../../src/eval/report.ts';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
let browser: Browser | undefined;
afterAll(async () => {
  await browser?.close();
});

async function cli(argv: string[]): Promise<{ code: number; err: string }> {
  const err: string[] = [];
  vi.spyOn(console, 'log').mockImplementation(() => {});
  vi.spyOn(console, 'error').mockImplementation((...xs: unknown[]) => void err.push(xs.join(' ')));
  try {
    return { code: await main(argv), err: err.join('\n') };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('evaluating a model in the page', () => {
  it('the form scores the shipped base on generated test tasks, with the trivial baselines', async () => {
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.connect(inject('wsEndpoint'));
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 1000 } })).newPage();
    page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
    await page.goto(`${inject('origin')}/`);
    await page.click('nav button[data-tab="evaluation"]');
    await page.fill('#ceval-kinds', 'review,localization');
    await page.fill('#ceval-n', '1');
    await page.fill('#ceval-k', '1');
    await page.fill('#ceval-max-new-tokens', '16');
    await page.click('#ceval-run');
    await page.waitForSelector('#ceval-table tbody tr', { timeout: 240_000 });
    const rows = await page.locator('#ceval-table tbody tr').allTextContents();
    expect(rows.map((r) => r.split(/\s|\d/)[0])).toEqual(['localization', 'review']);
    expect(rows.find((r) => r.startsWith('review'))).toMatch(/always-approve|reject/);
    expect(await page.textContent('#ceval-progress')).toMatch(/^done: \d+ s$/);
    await page.screenshot({ path: `${SHOTS}eval-checkpoint.png`, fullPage: true });
  });

  it('`atomgym eval --page` on a pack gives the report `atomgym eval` gives in Node', async () => {
    const root = mkdtempSync(join(tmpdir(), 'atomgym-eval-page-'));
    const common = ['--checkpoint', 'public/base', '--pack', 'public/packs/realcode.jsonl'];
    common.push('--skills', 'localization,review', '--n', '2', '--k', '1', '--temperature', '0.6');
    common.push('--max-new-tokens', '24', '--no-png', '--json');
    const inPage = await cli(['eval', ...common, '--page', '--out', join(root, 'page')]);
    expect(inPage.code, inPage.err).toBe(0);
    expect(inPage.err).toMatch(/eval: public\/base: sampler wasm/);
    const inNode = await cli(['eval', ...common, '--out', join(root, 'node')]);
    expect(inNode.code, inNode.err).toBe(0);
    const read = (d: string) => JSON.parse(readFileSync(join(root, d, 'eval.json'), 'utf8')) as EvalReport;
    const [p, n] = [read('page'), read('node')];
    expect(p.tasks).toBe('pack public/packs/realcode.jsonl, 4 tasks');
    expect(p.policy).toBe('public/base');
    expect(p.tasks).toBe(n.tasks);
    // Same tasks, same seeded sampling on the same (wasm) engine: the same answers and rewards.
    expect(p.results).toEqual(n.results);
    expect(p.summary).toEqual(n.summary);
    expect(
      readFileSync(join(root, 'page', 'page.png'))
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });
});
