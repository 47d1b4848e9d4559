// `atomgym demo [--json] [--sizes …] [--runs 5]`: builds the app, serves the build with `vite preview` on
// localhost, opens it in headless Chromium, clicks the GPU check and prints the adapter and the result,
// then runs the matmul bench (same options as `atomgym bench matmul`) and prints its table.
// Seam for the training demo (wired by the lead once the GRPO driver is in src/worker/drivers.ts): open the built
// page at `/?mode=joint&max_steps=…&start=1` (the page's URL parameters, src/app/README.md) and hand the page to
// followRun() (../follow-run.ts), which prints a progress line per step with reward and ETA, then returns the
// before/after table (formatBeforeAfter) and writes the PNG charts — `atomgym replay` already runs that path.
import { build, preview, type PreviewServer } from 'vite';
import type { Browser, Page } from 'playwright';
import { boolFlag, type ParsedArgs } from '../args.ts';
import { launchBrowser, PROJECT_ROOT, startHeadless } from '../headless.ts';
import { ensureSystem } from '../system.ts';
import { benchMatmulInPage, formatMatmulTable, parseMatmulBenchArgs } from '../bench/matmul.ts';
import type { AtomgymPageState } from '../../api/page-state.ts';

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

export async function run(args: ParsedArgs): Promise<number> {
  const json = boolFlag(args, 'json');
  const log = (m: string) => console.error(m);
  const benchOptions = parseMatmulBenchArgs(args);
  await ensureSystem(log);
  let browser: Browser | undefined;
  let preview: PreviewServer | undefined;
  let state: AtomgymPageState;
  try {
    const served = await buildAndPreview(log);
    preview = served.server;
    log(`demo: serving the build at ${served.origin}; opening it in headless Chromium …`);
    browser = await launchBrowser();
    const page = await browser.newPage();
    page.on('pageerror', (e) => log(`[page error] ${e.message}`));
    state = await clickCheck(page, served.origin);
  } finally {
    await browser?.close();
    await preview?.close();
  }
  if (state.status === 'no-webgpu') {
    console.error(`demo: the page found no WebGPU. ${state.error ?? ''}`);
    return 1;
  }
  if (!json) printCheck(state);
  if (state.status !== 'checked' || !state.check?.pass) {
    console.error(`demo: the GPU check did not pass${state.error ? `: ${state.error}` : ''}`);
    if (json) console.log(JSON.stringify({ page: state }, null, 2));
    return 1;
  }

  log(
    `demo: running the matmul bench (${benchOptions.shapes.map((s) => s.name).join(', ')}; ${benchOptions.runs} runs each; CPU adapters take minutes) …`,
  );
  const headless = await startHeadless();
  try {
    const bench = await benchMatmulInPage(headless.page, benchOptions);
    if (json) console.log(JSON.stringify({ page: state, bench }, null, 2));
    else console.log(`\n${formatMatmulTable(bench)}`);
    return bench.rows.every((r) => r.engines.ours) ? 0 : 1;
  } finally {
    await headless.close();
  }
}
