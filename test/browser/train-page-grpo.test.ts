// The GRPO loop in the training page, in real Chromium: URL parameters start a run from the shipped base policy;
// the run worker generates its task pool, trains on the wasm backend (SwiftShader is a CPU fallback) and logs
// steps with rollouts; a reload restores the run from its OPFS checkpoint (policy + AdamW) and Resume finishes it;
// the Evaluation tab then scores base vs trained on held-out tasks.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright';
import { readCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryReader } from '../../src/model/checkpoint-node.ts';
import { unzipModel, zipEntryNames, zipReader } from '../../src/model/checkpoint-zip.ts';

const SHOTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
let browser: Browser;
let page: Page;

const run = () => page.evaluate(() => ({ ...window.atomgym.run! }));
const waitFor = (pred: string, timeout = 240_000) => page.waitForFunction(pred, undefined, { timeout, polling: 100 });

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.connect(inject('wsEndpoint'));
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  page = await context.newPage();
  page.on('pageerror', (e) => console.error(`[page error] ${e.message}`));
});
afterAll(async () => {
  await browser?.close();
});

describe('GRPO in the training page', () => {
  it('trains from the shipped base, checkpoints to OPFS, and resumes after a reload', async () => {
    const knobs = 'max_steps=3&save_steps=1&pool=1&prompts_per_step=2&num_generations=2&max_completion_length=16';
    await page.goto(`${inject('origin')}/?${knobs}&start=1`);
    await waitFor('window.atomgym?.run?.step >= 1');
    const first = await run();
    expect(first.driver).toMatch(/GRPO joint from http:\/\/localhost:\d+\/base\/: trainer wasm/);
    // No real GPU here: the wasm trainer, so the page's pack_groups 'auto' trains packed rows one at a time.
    expect(first.driver).toMatch(/ B=1 T=\d+ \(packed rows/);
    expect(first.metrics?.reward).toBeGreaterThanOrEqual(0);
    expect(first.metrics?.['completions/mean_length']).toBeGreaterThan(0);
    // The rollouts of step 1 reach the inspector: 2 tasks × 2 completions.
    await page.click('nav button[data-tab="inspector"]');
    await expect.poll(() => page.locator('#inspector-body article.group').count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#inspector-body .heat-strip .tok').count()).toBeGreaterThan(0);
    await page.click('nav button[data-tab="train"]');
    // Step 1's checkpoint is complete once step 2 is logged: the driver awaits it before stepping on.
    await waitFor('window.atomgym.run.step >= 2');

    await page.reload();
    await waitFor('window.atomgym?.run?.status === "restored"', 60_000).catch(async (e: unknown) => {
      throw new Error(`not restored: ${JSON.stringify(await run())}`, { cause: e });
    });
    const restored = await run();
    expect(restored.step).toBeGreaterThanOrEqual(1);
    expect(await page.inputValue('#opt-driver')).toBe('grpo');
    await page.click('#run-resume');
    await waitFor('window.atomgym.run.status === "done" || window.atomgym.run.status === "failed"');
    const end = await run();
    expect(end.error ?? '').toBe('');
    expect(end.status).toBe('done');
    expect(end.step).toBe(3);
    expect(end.driver).toMatch(new RegExp(`resumed at step ${restored.step}`));

    // Base vs trained on held-out test tasks, from the Evaluation tab's button, with the trivial baselines.
    await page.click('nav button[data-tab="evaluation"]');
    const held = await page.evaluate(() => window.atomgym.evaluateHeldOut!({ perKind: 1, k: 1 }));
    expect(held.rows.map((r) => r.kind)).toEqual([
      'localization',
      'editing',
      'test-generation',
      'reproduction',
      'review',
    ]);
    for (const r of held.rows) expect([r.base.n, r.trained.n]).toEqual([1, 1]);
    expect(held.rows.find((r) => r.kind === 'review')!.baseline!.mean).toBeGreaterThanOrEqual(0);
    expect(await page.locator('#heldout-table tbody tr').count()).toBe(5);
    await page.screenshot({ path: `${SHOTS}train-grpo-done.png`, fullPage: true });
  });

  it('exports the policy as a HF .zip and into a folder, then starts a new run from the zip', async () => {
    const download = page.waitForEvent('download');
    await page.click('#export-model-zip');
    const file = `${SHOTS}${(await download).suggestedFilename()}`;
    await (await download).saveAs(file);
    expect(file).toMatch(/atomgym-model-step-3\.zip$/);
    const zip = new Uint8Array(readFileSync(file));
    expect(zipEntryNames(zip)).toContain('atomgym-model-step-3/model.safetensors');
    const trained = (await readCheckpoint(zipReader(zip, file), { requireTokenizer: true })).checkpoint;
    const base = (await readCheckpoint(directoryReader('public/base'))).checkpoint;
    expect(trained.config).toEqual(base.config);
    const w = 'model.layers.0.mlp.down_proj.weight';
    expect(trained.weights.get(w)).not.toEqual(base.weights.get(w)); // three updates moved the weights

    // "Export model to a folder…": a person would pick a folder; here the picker hands over an OPFS folder, which is
    // the same FileSystemDirectoryHandle API, and the files written there must equal the zip's.
    await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const picked = await root.getDirectoryHandle('picked-folder', { create: true });
      Object.assign(window, { showDirectoryPicker: async () => picked });
    });
    await page.click('#export-model-folder');
    await expect
      .poll(() => page.textContent('#export-note'), { timeout: 30_000 })
      .toMatch(/wrote 4 files to picked-folder\/atomgym-model-step-3\//);
    const written = await page.evaluate(async () => {
      const root = await navigator.storage.getDirectory();
      const dir = await (await root.getDirectoryHandle('picked-folder')).getDirectoryHandle('atomgym-model-step-3');
      const out: Record<string, string> = {};
      for await (const name of dir.keys()) {
        const bytes = await (await (await dir.getFileHandle(name)).getFile()).arrayBuffer();
        out[name] = [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))]
          .map((b) => b.toString(16).padStart(2, '0'))
          .join('');
      }
      return out;
    });
    const zipped = unzipModel(zip, file);
    expect(Object.keys(written).sort()).toEqual(Object.keys(zipped).sort());
    for (const [name, digest] of Object.entries(written))
      expect(digest, name).toBe(
        createHash('sha256')
          .update(zipped[name] as Uint8Array)
          .digest('hex'),
      );

    await page.goto(`${inject('origin')}/?pool=1`);
    await waitFor('window.atomgym?.run?.status === "restored"', 60_000); // the last run, shown with its options
    for (const [knob, value] of Object.entries({ max_steps: 1, prompts_per_step: 1, num_generations: 2 }))
      await page.fill(`#opt-${knob}`, String(value));
    await page.fill('#opt-max_completion_length', '8');
    await page.selectOption('#opt-model', 'zip');
    await page.setInputFiles('#opt-model-zip', file);
    const layers = `${base.config.num_hidden_layers} layers, hidden ${base.config.hidden_size}`;
    await expect
      .poll(() => page.textContent('#model-note'))
      .toMatch(new RegExp(`Llama model: [\\d.]+M parameters, ${layers}`));
    await page.click('#run-start');
    await waitFor('window.atomgym?.run?.status === "done" || window.atomgym?.run?.status === "failed"').catch(
      async (e: unknown) => {
        const status = await page.textContent('#run-status');
        throw new Error(`the run from the zip did not end: ${JSON.stringify(await run())} ${status}`, { cause: e });
      },
    );
    const end = await run();
    expect(end.error ?? '').toBe('');
    expect(end.driver).toMatch(/GRPO joint from atomgym-model-step-3\.zip: trainer wasm/);
  });
});
