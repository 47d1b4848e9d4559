// `atomgym bench train [--json] [--presets micro,mini] [--batch micro=2,mini=1] [--seq 256] [--steps 5] [--warmup 1] [--tfjs all|auto|none]`:
// default all (on SwiftShader here: ~20 min in total, tfjs mini ≈ 90 s per step); auto skips the anchor for big presets on CPU adapters.
// tokens/s of forward + backward + AdamW and GPU memory of our Trainer vs the tfjs anchor, in one page on one adapter.
import { boolFlag, stringFlag, UsageError, type ParsedArgs } from '../args.ts';
import { startHeadless } from '../headless.ts';
import { PRESETS, type PresetName } from '../../model/config.ts';
import type { TrainBenchOptions, TrainBenchResult } from '../../bench/train-page.ts';

const DEFAULT_BATCH: Record<PresetName, number> = { micro: 2, mini: 1, small: 1 };

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

export function parseTrainBenchArgs(args: ParsedArgs): TrainBenchOptions {
  const presets = stringFlag(args, 'presets', 'micro,mini').split(',').filter(Boolean);
  for (const p of presets) if (!(p in PRESETS)) throw new UsageError(`unknown preset '${p}' (have: ${Object.keys(PRESETS).join(', ')})`);
  const batch = { ...DEFAULT_BATCH };
  for (const part of stringFlag(args, 'batch', '').split(',').filter(Boolean)) {
    const [name, value] = part.split('=');
    const n = Number(value);
    if (!(name in PRESETS) || !Number.isInteger(n) || n < 1) throw new UsageError(`--batch takes preset=B pairs, e.g. micro=4,mini=1; got '${part}'`);
    batch[name as PresetName] = n;
  }
  return {
    cases: presets.map((p) => ({ preset: p as PresetName, batch: batch[p as PresetName] })),
    seqLen: intFlag(args, 'seq', 256, 2),
    steps: intFlag(args, 'steps', 5, 5),
    warmup: intFlag(args, 'warmup', 1, 1),
    tfjs: tfjsMode(args),
  };
}

const mib = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;

function printHuman(r: TrainBenchResult): void {
  console.log(`adapter: ${r.adapter.vendor} ${r.adapter.architecture} ${r.adapter.description}${r.adapter.isFallback ? ' (CPU fallback)' : ''}`);
  for (const row of r.rows) {
    console.log(`\n${row.preset} (${(row.parameters / 1e6).toFixed(2)}M params), B=${row.batch} T=${row.seqLen}`);
    console.log(`  ours: ${row.ours.tokensPerSecond.toFixed(1)} tok/s (median step ${row.ours.step.medianMs.toFixed(1)} ms), memory ${mib(row.ours.memoryBytes)}`);
    if (row.tfjs) {
      console.log(`  tfjs: ${row.tfjs.tokensPerSecond.toFixed(1)} tok/s (median step ${row.tfjs.step.medianMs.toFixed(1)} ms), memory ${mib(row.tfjs.memoryBytes)}`);
      console.log(`  ratio ours/tfjs: speed ${row.speedRatio}x (goal >= 3), memory ${row.memoryRatio}x (goal <= 1)`);
    } else if (row.tfjsSkipped) console.log(`  tfjs: not run — ${row.tfjsSkipped}`);
    const kinds = Object.entries(row.ours.memoryByKind).map(([k, b]) => `${k} ${mib(b)}`).join(', ');
    console.log(`  our memory: ${kinds}`);
    const totals: Record<string, number> = {};
    for (const phase of Object.values(row.ours.profile)) for (const [k, ms] of Object.entries(phase.byKernel)) totals[k] = (totals[k] ?? 0) + ms;
    const sum = Object.values(totals).reduce((a, b) => a + b, 0);
    if (sum > 0) {
      const parts = Object.entries(totals).sort((a, b) => b[1] - a[1]).map(([k, ms]) => `${k} ${ms.toFixed(1)} ms (${((100 * ms) / sum).toFixed(0)}%)`);
      console.log(`  GPU time per kernel (one profiled step, timestamp queries): ${parts.join(', ')}`);
    }
  }
}

export async function run(args: ParsedArgs): Promise<number> {
  const options = parseTrainBenchArgs(args);
  // The page's console (progress lines, errors) goes to stderr; stdout carries only the result.
  const headless = await startHeadless(true);
  try {
    const result = await headless.page.evaluate(async (o) => {
      const mod = (await window.__load('/src/bench/train-page.ts')) as typeof import('../../bench/train-page.ts');
      return mod.runTrainBench(o);
    }, options);
    if (boolFlag(args, 'json')) console.log(JSON.stringify(result, null, 2));
    else printHuman(result);
    return 0;
  } finally {
    await headless.close();
  }
}
