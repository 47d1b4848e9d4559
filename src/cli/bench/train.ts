// `atomgym bench train [--json] [--presets micro,mini] [--batch micro=2,mini=1] [--seq 256] [--steps 5] [--warmup 3]
//   [--sides wasm,forward,tfjs-wasm,webgpu,tfjs-webgpu] [--tfjs all|auto|none]`: tokens/s of forward + backward +
// Adam(W) and memory of both Trainer backends (wasm: ONNX on ORT's wasm EP; webgpu: WGSL) against tfjs-backend-wasm and
// tfjs-backend-webgpu, plus ORT's wasm forward pass alone, in one page on one adapter, with the ratios the goals
// name. --tfjs applies to the tfjs-webgpu anchor (auto skips it for big presets on CPU adapters: ~90 s per mini step).
import { loadavg } from 'node:os';
import { boolFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { startHeadless } from '../headless.ts';
import { PRESETS, type PresetName } from '../../model/config.ts';
import type { BenchSide, TrainBenchOptions, TrainBenchResult, SideResult } from '../../bench/train-page.ts';

const DEFAULT_BATCH: Record<PresetName, number> = { micro: 2, demo: 2, mini: 1, small: 1 };

function intFlag(args: ParsedArgs, name: string, fallback: number, min: number): number {
  const v = Number(stringFlag(args, name, String(fallback)));
  if (!Number.isInteger(v) || v < min) throw new UsageError(`--${name} must be an integer >= ${min}`);
  return v;
}

function tfjsMode(args: ParsedArgs): TrainBenchOptions['tfjs'] {
  if (boolFlag(args, 'no-tfjs')) return 'none';
  const v = stringFlag(args, 'tfjs', 'all');
  if (v !== 'all' && v !== 'none' && v !== 'auto') throw new UsageError(`--tfjs must be all, none or auto, got '${v}'`);
  return v;
}

const SIDES: BenchSide[] = ['wasm', 'forward', 'tfjs-wasm', 'webgpu', 'tfjs-webgpu'];

function sidesFlag(args: ParsedArgs): BenchSide[] {
  const sides = stringFlag(args, 'sides', SIDES.join(',')).split(',').filter(Boolean);
  for (const s of sides)
    if (!SIDES.includes(s as BenchSide))
      throw new UsageError(`--sides takes a comma list of ${SIDES.join(', ')}; got '${s}'`);
  return sides as BenchSide[];
}

export function parseTrainBenchArgs(args: ParsedArgs): TrainBenchOptions {
  const presets = stringFlag(args, 'presets', 'micro,mini').split(',').filter(Boolean);
  for (const p of presets)
    if (!(p in PRESETS)) throw new UsageError(`unknown preset '${p}' (have: ${Object.keys(PRESETS).join(', ')})`);
  const batch = { ...DEFAULT_BATCH };
  for (const part of stringFlag(args, 'batch', '').split(',').filter(Boolean)) {
    const [name, value] = part.split('=');
    const n = Number(value);
    if (!(name in PRESETS) || !Number.isInteger(n) || n < 1)
      throw new UsageError(`--batch takes preset=B pairs, e.g. micro=4,mini=1; got '${part}'`);
    batch[name as PresetName] = n;
  }
  return {
    cases: presets.map((p) => ({ preset: p as PresetName, batch: batch[p as PresetName] })),
    seqLen: intFlag(args, 'seq', 256, 2),
    steps: intFlag(args, 'steps', 5, 5),
    // Three untimed steps: the wasm backend's first steps run 2–3× slower (ORT's arena grows, V8 compiles the
    // optimizer loops); with one, five timed steps gave a median of 358 ms for a 136 ms steady-state step.
    warmup: intFlag(args, 'warmup', 3, 1),
    tfjs: tfjsMode(args),
    sides: sidesFlag(args),
  };
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

function printHuman(r: TrainBenchResult): void {
  console.log(
    `adapter: ${r.adapter.vendor} ${r.adapter.architecture} ${r.adapter.description}${r.adapter.isFallback ? ' (CPU fallback)' : ''}`,
  );
  console.log(
    `cores: ${r.threads.cores}, cross-origin isolated: ${r.threads.crossOriginIsolated}, ORT wasm threads: ${r.threads.ortWasmThreads}`,
  );
  const line = (label: string, s?: SideResult) => {
    if (!s) return;
    const m = s.memoryBytes === undefined ? '' : `, memory ${mib(s.memoryBytes)} (${s.memoryNote})`;
    console.log(
      `  ${label.padEnd(22)} ${s.tokensPerSecond.toFixed(1).padStart(9)} tok/s (median step ${s.step.medianMs.toFixed(1)} ms)${m}`,
    );
  };
  for (const row of r.rows) {
    console.log(`\n${row.preset} (${(row.parameters / 1e6).toFixed(2)}M params), B=${row.batch} T=${row.seqLen}`);
    line('ours wasm (ORT)', row.wasm);
    line('ours wasm, fused f+b', row.wasm?.fused);
    line('ours webgpu (WGSL)', row.webgpu);
    line('tfjs-wasm', row.tfjsWasm);
    line('tfjs-webgpu', row.tfjsWebgpu);
    line('ORT wasm forward-only', row.forward);
    for (const [side, why] of Object.entries(row.skipped)) console.log(`  ${side}: not run — ${why}`);
    const q = row.ratios;
    console.log(
      `  ratios: wasm/tfjs-wasm ${q.wasmOverTfjsWasm} (goal >= 3), webgpu/tfjs-webgpu ${q.webgpuOverTfjsWebgpu}, wasm/webgpu ${q.wasmOverWebgpu} (goal >= 10 on SwiftShader),`,
    );
    console.log(
      `          wasm train/forward-only ${q.wasmTrainOverForward} (goal >= 0.25;` +
        ` fused ${q.wasmFusedTrainOverForward}),` +
        ` memory wasm/tfjs-wasm ${q.memoryWasmOverTfjsWasm} (goal <= 1),` +
        ` webgpu/tfjs-webgpu ${q.memoryWebgpuOverTfjsWebgpu}`,
    );
    if (row.forward)
      console.log(
        `  sampler refresh (wasm session rebuild): ${row.forward.samplerRefreshMs.toFixed(0)} ms = ${q.samplerRefreshOverTrainStep} of a wasm training step`,
      );
    if (row.webgpu) {
      const totals: Record<string, number> = {};
      for (const phase of Object.values(row.webgpu.profile))
        for (const [k, ms] of Object.entries(phase.byKernel)) totals[k] = (totals[k] ?? 0) + ms;
      const sum = Object.values(totals).reduce((a, b) => a + b, 0);
      if (sum > 0) {
        const parts = Object.entries(totals)
          .sort((a, b) => b[1] - a[1])
          .map(([k, ms]) => `${k} ${ms.toFixed(1)} ms (${((100 * ms) / sum).toFixed(0)}%)`);
        console.log(`  WGSL GPU time per kernel (one profiled step): ${parts.join(', ')}`);
      }
    }
  }
}

export async function run(args: ParsedArgs): Promise<number> {
  const options = parseTrainBenchArgs(args);
  // The page's console (progress lines, errors) goes to stderr; stdout carries only the result.
  const loadBefore = loadavg();
  const headless = await startHeadless(true);
  try {
    const result = await headless.page.evaluate(async (o) => {
      const mod = (await window.__load('/src/bench/train-page.ts')) as typeof import('../../bench/train-page.ts');
      return mod.runTrainBench(o);
    }, options);
    // The machine may be shared: the load average before and after says how much the figures can be trusted.
    const report = { ...result, loadAverage: { before: loadBefore, after: loadavg() } };
    if (boolFlag(args, 'json')) console.log(JSON.stringify(report, null, 2));
    else {
      printHuman(result);
      console.log(
        `\nload average (1/5/15 min) before ${report.loadAverage.before.map((x) => x.toFixed(2)).join(' ')}, after ${report.loadAverage.after.map((x) => x.toFixed(2)).join(' ')}`,
      );
    }
    return 0;
  } finally {
    await headless.close();
  }
}
