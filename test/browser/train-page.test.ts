// The training page in real Chromium, clicked through as a user would: start a (replayed) run, pause, resume,
// reload → restored from OPFS with charts → resume to the end; the inspector, the explainer and the eval view;
// no main-thread long task over 200 ms while it runs; a crash in the middle of a checkpoint write leaves the last
// complete checkpoint. Screenshots go to test-artifacts/.
import { mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright';

const FIXTURE = fileURLToPath(new URL('../fixtures/replay-run.jsonl', import.meta.url));
const SHOTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const STEP_MS = 500;

let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Where the run stopped by the Stop button ended (the stored run the crash test starts from). */
let stoppedAt = 0;

const run = () => page.evaluate(() => ({ ...window.atomgym.run! }));
const waitFor = (pred: string, timeout = 60_000) => page.waitForFunction(pred, undefined, { timeout, polling: 50 });
const shot = (name: string) => page.screenshot({ path: `${SHOTS}${name}.png`, fullPage: true });
const longTasksSince = (t0: number) => page.evaluate((t) => window.atomgym.longTasks!.filter((x) => x.start >= t), t0);
const maxLongTaskSince = (t0: number) =>
  longTasksSince(t0).then((tasks) => Math.max(0, ...tasks.map((x) => x.duration)));

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.connect(inject('wsEndpoint'));
  context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
  await page.goto(`${inject('origin')}/?stepMs=${STEP_MS}`);
  await waitFor('window.atomgym?.run?.status === "idle"');
});
afterAll(async () => {
  await browser?.close();
});

describe('training page', () => {
  it('starts, pauses, resumes, survives a reload and finishes; the main thread never blocks > 200 ms', async () => {
    await page.selectOption('#opt-driver', 'replay');
    await page.setInputFiles('#opt-log', FIXTURE);
    await page.fill('#opt-max_steps', '10');
    await page.fill('#opt-num_generations', '4');
    const t0 = await page.evaluate(() => performance.now());
    await page.click('#run-start');
    await waitFor('window.atomgym.run.step >= 3').catch(async (e: unknown) => {
      throw new Error(`the replay did not reach step 3: ${JSON.stringify(await run())}`, { cause: e });
    });
    expect((await run()).driver).toMatch(/replay of replay-run\.jsonl .*trains nothing/);
    await page.click('#run-pause');
    await waitFor('window.atomgym.run.status === "paused"');
    const pausedAt = (await run()).step;
    await page.waitForTimeout(4 * STEP_MS);
    expect((await run()).step).toBeLessThanOrEqual(pausedAt + 1); // at most the step already in flight
    await page.click('#run-resume');
    await waitFor('window.atomgym.run.step >= 5');
    await page.click('#run-pause');
    await waitFor('window.atomgym.run.status === "paused"');
    // Checked before any screenshot: capturing a full page is itself a long task.
    console.log('long tasks while running:', JSON.stringify(await longTasksSince(t0)), 'load', loadavg()[0]);
    expect(await maxLongTaskSince(t0)).toBeLessThan(200);
    await shot('train-paused');
    await page.waitForTimeout(500); // the worker's log + checkpoint writes for the last step

    await page.reload();
    await waitFor('window.atomgym?.run?.status === "restored"');
    const restored = await run();
    expect(restored.steps).toBeGreaterThanOrEqual(5);
    expect(await page.isHidden('#chart-reward .chart-empty')).toBe(true); // charts came back with the log
    expect(await page.isVisible('#chart-loss .chart-empty')).toBe(true); // a replay has no loss: said so
    expect(await page.inputValue('#opt-max_steps')).toBe('10');
    const t1 = await page.evaluate(() => performance.now());
    await page.click('#run-resume');
    await waitFor('window.atomgym.run.status === "done"');
    const done = await run();
    expect(done.step).toBe(10);
    expect(done.steps).toBe(10); // resumed after the restored steps, nothing repeated or lost
    console.log('long tasks after the reload:', JSON.stringify(await longTasksSince(t1)), 'load', loadavg()[0]);
    expect(await maxLongTaskSince(t1)).toBeLessThan(200);
    await shot('train-done');
  });

  it('inspects rollouts with skill and reward filters', async () => {
    await page.click('nav button[data-tab="inspector"]');
    await expect.poll(() => page.locator('#inspector-body article.group').count()).toBe(5);
    expect(await page.textContent('#inspector-step-label')).toContain('step 10');
    expect(await page.locator('#inspector-body .heat-strip .tok').count()).toBeGreaterThan(20);
    await page.selectOption('#inspector-skill', 'review');
    await expect.poll(() => page.locator('#inspector-body article.group').count()).toBe(1);
    expect(await page.textContent('#inspector-body h3')).toContain('review');
    await page.selectOption('#inspector-skill', 'all');
    await page.selectOption('#inspector-reward', 'fail');
    const badges = await page.locator('#inspector-body .completion-head .badge').allTextContents();
    for (const b of badges) expect(b).toBe('reward 0');
    await page.selectOption('#inspector-reward', 'all');
    await page.locator('#inspector-body details summary').first().click();
    await shot('inspector');
  });

  it('walks the classroom explainer forward and back on a real group', async () => {
    await page.click('nav button[data-tab="explainer"]');
    await expect.poll(() => page.textContent('#explain-stage')).toContain('Stage 1 of 7');
    for (let i = 0; i < 5; i++) await page.click('#explain-next');
    expect(await page.textContent('#explain-stage')).toContain('Stage 6 of 7');
    expect(await page.textContent('#explain-stats')).toMatch(/mean reward \d\.\d\d, spread \(std\) \d\.\d\d/);
    const advs = await page.locator('#explain-body .adv').allTextContents();
    expect(advs.length).toBe(4);
    // Advantages are centred: they sum to ~0 within the group.
    const sum = advs.map((t) => Number(t.split('=').pop())).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum)).toBeLessThan(0.05);
    expect(await page.locator('#explain-body .push .tok').count()).toBeGreaterThan(4);
    await shot('explainer');
    await page.click('#explain-next');
    expect(await page.textContent('#explain-stage')).toContain('Stage 7 of 7');
    // A replayed log has no before/after of an update: the last stage says so instead of inventing one.
    expect(await page.textContent('#explain-moved-note')).toMatch(/Not measured/);
    await page.click('#explain-back');
    await page.click('#explain-back');
    expect(await page.textContent('#explain-stage')).toContain('Stage 5 of 7');
  });

  it('shows the before/after table and downloads the results', async () => {
    await page.click('nav button[data-tab="evaluation"]');
    await expect.poll(() => page.locator('#eval-table tbody tr').count()).toBe(6);
    const download = page.waitForEvent('download');
    await page.click('#download-results');
    const file = `${SHOTS}atomgym-results.json`;
    await (await download).saveAs(file);
    type Row = { kind: string; after: { mean: number; lo: number; hi: number } };
    const results = JSON.parse(readFileSync(file, 'utf8')) as { rows: Row[] };
    const all = results.rows.find((r) => r.kind === 'all')!;
    expect(all.after.lo).toBeLessThanOrEqual(all.after.mean);
    expect(all.after.hi).toBeGreaterThanOrEqual(all.after.mean);
    const ckpt = page.waitForEvent('download');
    await page.click('#download-checkpoint');
    expect((await ckpt).suggestedFilename()).toBe('ckpt-00000010.json');
    // The stored log downloads as a replayable StepRecord log, identical to what was replayed.
    const logDl = page.waitForEvent('download');
    await page.click('#download-log');
    const logFile = `${SHOTS}atomgym-run.jsonl`;
    await (await logDl).saveAs(logFile);
    expect(readFileSync(logFile, 'utf8')).toBe(readFileSync(FIXTURE, 'utf8'));
    await shot('evaluation');
  });

  it('starts from URL parameters without clicks (the seam `atomgym train` and the demo use), and stops', async () => {
    const p2 = await context.newPage();
    await p2.goto(`${inject('origin')}/?source=/test/fixtures/replay-run.jsonl&max_steps=3&seed=4&start=1&stepMs=100`);
    await p2.waitForFunction(() => window.atomgym?.run?.status === 'done', undefined, { timeout: 60_000 });
    expect(await p2.evaluate(() => window.atomgym.run!.step)).toBe(3);
    expect(await p2.inputValue('#opt-seed')).toBe('4');
    // Start again with more steps, then Stop: the run ends where it was and stays stopped.
    await p2.fill('#opt-max_steps', '10');
    await p2.click('#run-start');
    await p2.waitForFunction(() => window.atomgym.run!.status === 'running' && window.atomgym.run!.step >= 2);
    await p2.click('#run-stop');
    await p2.waitForFunction(() => window.atomgym.run!.status === 'stopped');
    stoppedAt = await p2.evaluate(() => window.atomgym.run!.step);
    expect(stoppedAt).toBeLessThan(10);
    await p2.waitForTimeout(1000);
    expect(await p2.evaluate(() => window.atomgym.run!.step)).toBe(stoppedAt);
    await p2.close();
    await page.reload(); // the URL run replaced the stored one: the page shows it
    await waitFor('window.atomgym?.run?.status === "restored"');
    expect((await run()).step).toBe(stoppedAt);
  });

  it('keeps the last complete checkpoint when the page crashes in the middle of a save', async () => {
    const harness = await context.newPage();
    await harness.goto(`${inject('origin')}/test/browser/harness.html`);
    await harness.waitForFunction(() => window.__harnessReady === true);
    // A checkpoint for the next step with a 48 MiB blob, written 1 MiB at a time; the page crashes a few chunks in.
    await harness.evaluate(async () => {
      type Store = typeof import('../../src/worker/run-store.ts');
      const { RunStore } = (await window.__load('/src/worker/run-store.ts')) as Store;
      const store = await RunStore.open();
      const last = (await store.latestCheckpoint())!;
      const weights = new Uint8Array(48 << 20).fill(1);
      const big = { ...last, driver: { ...last.driver, step: last.driver.step + 1, blobs: { weights } } };
      (window as unknown as { saveProgress: number }).saveProgress = 0;
      void store.saveCheckpoint(big, {
        throttleMs: 100,
        onProgress: (w) => ((window as unknown as { saveProgress: number }).saveProgress = w),
      });
    });
    await harness.waitForFunction(() => (window as unknown as { saveProgress: number }).saveProgress >= 3 << 20);
    const cdp = await context.newCDPSession(harness);
    const crashed = harness.waitForEvent('crash');
    void cdp.send('Page.crash').catch(() => undefined);
    await crashed;

    const after = await context.newPage();
    await after.goto(`${inject('origin')}/test/browser/harness.html`);
    await after.waitForFunction(() => window.__harnessReady === true);
    const files = await after.evaluate(async () => {
      type Store = typeof import('../../src/worker/run-store.ts');
      const { RunStore } = (await window.__load('/src/worker/run-store.ts')) as Store;
      return (await RunStore.open()).files();
    });
    const name = (step: number) => `ckpt-${String(step).padStart(8, '0')}.json`;
    expect(files).toContain(name(stoppedAt));
    expect(files).not.toContain(name(stoppedAt + 1)); // the interrupted save never became a checkpoint
    await after.close();

    await page.reload();
    await waitFor('window.atomgym?.run?.status === "restored"');
    expect((await run()).step).toBe(stoppedAt);
    expect(await page.textContent('#run-status')).toContain(`restored from OPFS at step ${stoppedAt}`);
    await harness.close().catch(() => undefined);
  });
});
