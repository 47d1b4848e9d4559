// `atomgym demo [--steps N] [--pool N] [--out DIR] [--json]`: builds the app, serves the build with `vite preview` on
// localhost, opens it in headless Chromium, runs the GPU check, then trains the shipped base policy (public/base/)
// with GRPO in the page — the same page and run worker a person opens — printing a progress line per step with the
// reward and an ETA, and ends with the before/after table and the chart PNGs (src/cli/follow-run.ts).
import { build, preview, type PreviewServer } from 'vite';
import type { Browser, Page } from 'playwright';
import { boolFlag, numberFlag, stringFlag, type ParsedArgs } from '../args.ts';
import { followRun, formatBeforeAfter, formatHeldOut } from '../follow-run.ts';
import { resolve } from 'node:path';
import { launchBrowser, PROJECT_ROOT } from '../headless.ts';
import { ensureSystem } from '../system.ts';
import type { AtomgymPageState, HeldOutResult } from '../../api/page-state.ts';

const CONFIG = `${PROJECT_ROOT}vite.config.ts`;

async function buildAndPreview(log: (m: string) => void): Promise<{ server: PreviewServer; origin: string }> {
  log('demo: building the app (vite build) …');
  await build({ root: PROJECT_ROOT, configFile: CONFIG, logLevel: 'warn', clearScreen: false });
  const server = await preview({
    root: PROJECT_ROOT,
    configFile: CONFIG,
    logLevel: 'error',
    preview: { port: 0, host: 'localhost', open: false },
  });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('vite preview did not report a TCP port');
  return { server, origin: `http://localhost:${address.port}` };
}

/** Opens the built page, waits for the adapter, clicks the check and returns the page's final state. */
async function clickCheck(page: Page, origin: string): Promise<AtomgymPageState> {
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => window.atomgym && window.atomgym.status !== 'loading', undefined, {
    timeout: 60_000,
  });
  const status = await page.evaluate(() => window.atomgym.status);
  if (status === 'ready') {
    await page.click('#run-check');
    await page.waitForFunction(() => ['checked', 'check-failed'].includes(window.atomgym.status), undefined, {
      timeout: 600_000,
    });
  }
  // runCheck is a function and does not survive serialisation; everything else does.
  return page.evaluate(() => ({ ...window.atomgym, runCheck: undefined }));
}

function printCheck(state: AtomgymPageState): void {
  const a = state.adapter;
  if (a) {
    console.log(`adapter: ${a.vendor} ${a.architecture} ${a.description}`.trim());
    console.log(
      a.isFallback
        ? 'fallback (CPU) adapter: yes — correct but slow; on a machine with a GPU use Chrome/Edge with hardware acceleration'
        : 'fallback (CPU) adapter: no',
    );
    console.log(`shader-f16: ${a.shaderF16}  subgroups: ${a.subgroups}  timestamp-query: ${a.timestampQuery}`);
  }
  if (state.check) {
    for (const c of state.check.cases)
      console.log(
        `  ${c.pass ? 'pass' : 'FAIL'}  ${c.label}  max |error| ${c.maxError.toExponential(2)} (${c.worstRatio.toFixed(3)} of the bound)`,
      );
    const s = state.check.speed;
    console.log(
      `matmul check: ${state.check.pass ? 'passed' : 'FAILED'}; ${s.size}³ ${s.gflops.toFixed(2)} GFLOP/s (${s.kernel} kernel, median of ${s.runs})`,
    );
  }
}

/** The URL that starts a GRPO run in the page (knobs by their TRL names; src/app/train/options-form.ts). */
export function trainUrl(origin: string, knobs: Record<string, string | number>): string {
  const q = new URLSearchParams(Object.entries(knobs).map(([k, v]) => [k, String(v)]));
  q.set('start', '1');
  return `${origin}/?${q}`;
}

export async function run(args: ParsedArgs): Promise<number> {
  const json = boolFlag(args, 'json');
  const log = (m: string) => console.error(m);
  const steps = numberFlag(args, 'steps', 24);
  const pool = numberFlag(args, 'pool', 8);
  const heldOutPerSkill = numberFlag(args, 'held-out', 10);
  const outDir = resolve(stringFlag(args, 'out', 'results/demo'));
  await ensureSystem(log);
  let browser: Browser | undefined;
  let preview: PreviewServer | undefined;
  try {
    const served = await buildAndPreview(log);
    preview = served.server;
    log(`demo: serving the build at ${served.origin}; opening it in headless Chromium …`);
    browser = await launchBrowser();
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    page.on('pageerror', (e) => log(`[page error] ${e.message}`));
    const state = await clickCheck(page, served.origin);
    if (state.status === 'no-webgpu') log(`demo: the page found no WebGPU (${state.error ?? ''}); training on wasm`);
    else if (!json) printCheck(state);

    const knobs = { mode: 'joint', max_steps: steps, pool, num_generations: 4, max_completion_length: 96 };
    log(
      `demo: GRPO (joint over the five skills) from the shipped base policy, ${steps} steps, in the page; ` +
        'the first step waits for the task pool and the trainer …',
    );
    await page.goto(trainUrl(served.origin, knobs));
    let lastNote = '';
    const run = await followRun(page, {
      outDir,
      log,
      onIdle: (r) => {
        if (r.step === 0 && r.driver && r.driver !== lastNote) log(`  ${(lastNote = r.driver)}`);
      },
    });
    let heldOut: HeldOutResult | undefined;
    if (run.status === 'done' && heldOutPerSkill > 0) {
      log(`demo: base vs trained on ${heldOutPerSkill} held-out test tasks per skill (in the page) …`);
      heldOut = await page.evaluate((perKind) => window.atomgym.evaluateHeldOut!({ perKind }), heldOutPerSkill);
    }
    await page.click('nav button[data-tab="evaluation"]');
    await page.screenshot({ path: `${outDir}/page.png`, fullPage: true });
    if (json) console.log(JSON.stringify({ check: state.check, run, heldOut }, null, 2));
    else {
      console.log(`\n${run.status} at step ${run.step}: ${run.driver ?? ''}`);
      console.log("reward on the run's own training rollouts, first vs last quarter of its steps:");
      console.log(formatBeforeAfter(run.rows));
      if (heldOut) console.log(`\n${formatHeldOut(heldOut)}`);
      console.log(`\ncharts: ${run.charts.join(', ')}\npage: ${outDir}/page.png`);
    }
    if (run.status !== 'done') log(`demo: the run ended ${run.status}${run.error ? `: ${run.error}` : ''}`);
    return run.status === 'done' ? 0 : 1;
  } finally {
    await browser?.close();
    await preview?.close();
  }
}
