// `atomgym bench matmul [--json] [--runs 5] [--warmup 1] [--sizes 256,512,1024,4096x512x128]
//   [--engines ours,ortWebgpu,tfjsWebgpu,ortWasm]`:
// GFLOP/s of our matmul vs. onnxruntime-web (WebGPU EP, wasm EP) and tfjs-backend-webgpu in one headless page.
import { boolFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import type { ConsoleMessage, Page } from 'playwright';
import { startHeadless } from '../headless.ts';
import type { EngineName, MatmulBenchOptions, MatmulBenchResult, MatmulBenchShape } from '../../bench/matmul-page.ts';

const ENGINES: readonly EngineName[] = ['ours', 'ortWebgpu', 'tfjsWebgpu', 'ortWasm'];
const DEFAULT_SIZES = '256,512,1024,4096x512x128';

/** `256` → 256³; `MxNxK` → A [M,K] · B [K,N]. */
export function parseShape(text: string): MatmulBenchShape {
  const parts = text.split('x').map(Number);
  if (parts.length === 1 && Number.isInteger(parts[0]) && parts[0] > 0)
    return { name: `${parts[0]}³`, M: parts[0], N: parts[0], K: parts[0] };
  if (parts.length === 3 && parts.every((n) => Number.isInteger(n) && n > 0)) {
    const [M, N, K] = parts;
    return { name: `${M}×${K}·${K}×${N}`, M, N, K };
  }
  throw new UsageError(`--sizes takes N (square) or MxNxK items, e.g. 256,4096x512x128; got '${text}'`);
}

export function parseMatmulBenchArgs(args: ParsedArgs): MatmulBenchOptions {
  const int = (name: string, fallback: number, min: number) => {
    const v = Number(stringFlag(args, name, String(fallback)));
    if (!Number.isInteger(v) || v < min) throw new UsageError(`--${name} must be an integer >= ${min}`);
    return v;
  };
  const engines = stringFlag(args, 'engines', ENGINES.join(',')).split(',').filter(Boolean);
  for (const e of engines)
    if (!ENGINES.includes(e as EngineName)) throw new UsageError(`unknown engine '${e}' (have: ${ENGINES.join(', ')})`);
  if (!engines.includes('ours')) engines.unshift('ours');
  return {
    shapes: stringFlag(args, 'sizes', DEFAULT_SIZES).split(',').filter(Boolean).map(parseShape),
    runs: int('runs', 5, 5),
    warmup: int('warmup', 1, 1),
    engines: engines as EngineName[],
  };
}

const fmt = (x: number | undefined, digits = 2) => (x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(digits));

export function formatMatmulTable(r: MatmulBenchResult): string {
  const lines: string[] = [];
  lines.push(
    `adapter: ${r.adapter.vendor} ${r.adapter.architecture} ${r.adapter.description}${r.adapter.isFallback ? ' (CPU fallback: SwiftShader timings say little about real GPUs)' : ''}`,
  );
  lines.push(
    `our kernel: ${r.ourKernel}; median of ${r.runs} runs after ${r.warmup} warm-up; GFLOP/s (higher is better)`,
  );
  const head = [
    'shape',
    'ours',
    'ORT webgpu',
    'tfjs webgpu',
    'ORT wasm',
    'ours/ORT',
    'ours/tfjs',
    'ours/best',
    'ours/wasm',
  ];
  const rows = r.rows.map((row) => [
    row.shape.name,
    fmt(row.engines.ours?.gflops),
    fmt(row.engines.ortWebgpu?.gflops),
    fmt(row.engines.tfjsWebgpu?.gflops),
    fmt(row.engines.ortWasm?.gflops),
    `${fmt(row.ratios.oursOverOrtWebgpu)}x`,
    `${fmt(row.ratios.oursOverTfjsWebgpu)}x`,
    `${fmt(row.ratios.oursOverBestAnchor)}x`,
    `${fmt(row.ratios.oursOverOrtWasm)}x`,
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((x) => x[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  lines.push(line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line));
  for (const row of r.rows) {
    for (const [engine, message] of Object.entries(row.errors))
      lines.push(`  ${row.shape.name}: ${engine} failed: ${message}`);
    for (const [engine, e] of Object.entries(row.engines)) {
      if (e?.relDiffVsOurs !== undefined && e.relDiffVsOurs > 1e-4)
        lines.push(
          `  ${row.shape.name}: ${engine} differs from ours by ${e.relDiffVsOurs.toExponential(2)} (relative)`,
        );
    }
  }
  const below = r.rows.filter((row) => !(row.ratios.oursOverBestAnchor >= 1));
  lines.push(
    below.length === 0
      ? 'goal (>= 1.0x the best WebGPU anchor at every size): reached'
      : `goal (>= 1.0x the best WebGPU anchor at every size): not reached at ${below.map((x) => x.shape.name).join(', ')}`,
  );
  return lines.join('\n');
}

// The errors of a stale import after Vite re-bundled, matched case-insensitively.
const STALE_IMPORT = new RegExp(
  [
    'Failed to fetch dynamically imported module',
    'Outdated Optimize Dep',
    'error loading dynamically imported module',
  ].join('|'),
  'i',
);

/**
 * On a fresh checkout Vite's dev server discovers tfjs only when the page first imports it, re-bundles its
 * dependencies and answers the stale import with 504 "Outdated Optimize Dep". Importing the anchor
 * libraries up front and reloading the page after such a failure gets a page with one consistent bundle.
 */
export async function loadAnchorsWithRetry(page: Page, attempts = 6): Promise<void> {
  for (let i = 1; ; i++) {
    try {
      await page.evaluate(async () => {
        const mod = (await window.__load('/src/bench/matmul-page.ts')) as typeof import('../../bench/matmul-page.ts');
        await mod.loadAnchorLibraries();
      });
      return;
    } catch (e) {
      const stale = STALE_IMPORT.test(String(e));
      if (!stale || i >= attempts) throw e;
      console.error(
        `atomgym: Vite re-bundled its dependencies for the anchors (the 504 above); reloading the page (try ${i + 1} of ${attempts})`,
      );
      await new Promise((r) => setTimeout(r, 1500 * i));
      await page.reload();
      await page.waitForFunction(() => window.__harnessReady === true);
    }
  }
}

/** Runs the bench in a harness page that startHeadless() (or the demo) already opened. */
export async function benchMatmulInPage(page: Page, options: MatmulBenchOptions): Promise<MatmulBenchResult> {
  await loadAnchorsWithRetry(page);
  // Progress lines from the page go to stderr as they come (stdout carries only the result).
  const progress = (m: ConsoleMessage) => void (m.text().startsWith('bench matmul:') && console.error(m.text()));
  page.on('console', progress);
  try {
    return await page.evaluate(async (opts) => {
      const mod = (await window.__load('/src/bench/matmul-page.ts')) as typeof import('../../bench/matmul-page.ts');
      return mod.runMatmulBench(opts);
    }, options);
  } finally {
    page.off('console', progress);
  }
}

export async function run(args: ParsedArgs): Promise<number> {
  const options = parseMatmulBenchArgs(args);
  const headless = await startHeadless();
  try {
    const result = await benchMatmulInPage(headless.page, options);
    if (boolFlag(args, 'json')) console.log(JSON.stringify(result, null, 2));
    else console.log(formatMatmulTable(result));
    return result.rows.every((r) => r.engines.ours) ? 0 : 1;
  } finally {
    await headless.close();
  }
}
