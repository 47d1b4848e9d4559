// Runs in the bench page (window.__load): our Trainer vs the tfjs anchor on the same adapter, same shapes
// and same math (forward + backward of L = Σ w·logprob + Adam(W) update), medians of timed steps.
import { sharedGpu } from '../gpu/device.ts';
import { PRESETS, parameterCount, type PresetName } from '../model/config.ts';
import { mulberry32 } from '../model/reference/rng.ts';
import { Trainer } from '../train/trainer.ts';
import type { PhaseProfile } from '../train/profiler.ts';
import { createTfjsLlama } from './anchors/tfjs-llama.ts';
import { ratio, timeRuns, type Timing } from '../util/stats.ts';

export interface TrainBenchCase {
  preset: PresetName;
  batch: number;
}

export interface TrainBenchOptions {
  cases: TrainBenchCase[];
  seqLen: number;
  steps: number;
  warmup: number;
  /**
   * When to run the tfjs anchor: 'all' (the CLI default), 'none', or 'auto' (every preset on a real GPU; on
   * a CPU fallback adapter only presets ≤ 2M parameters: there tfjs took 19–110 s per micro step and ~90 s
   * per mini step, ~10 min for a mini measurement).
   */
  tfjs: 'all' | 'none' | 'auto';
}

export interface SideResult {
  step: Timing;
  tokensPerSecond: number;
  memoryBytes: number;
}

export interface TrainBenchRow {
  preset: PresetName;
  parameters: number;
  batch: number;
  seqLen: number;
  ours: SideResult & { memoryByKind: Record<string, number>; profile: Record<string, PhaseProfile> };
  tfjs?: SideResult;
  /** Why the anchor was not run for this preset, when it was not. */
  tfjsSkipped?: string;
  /** ours/tfjs tokens per second (goal ≥ 3). */
  speedRatio?: number;
  /** ours/tfjs bytes (goal ≤ 1). */
  memoryRatio?: number;
}

export interface TrainBenchResult {
  adapter: { vendor: string; architecture: string; description: string; isFallback: boolean; timestampQuery: boolean };
  rows: TrainBenchRow[];
}

function batchData(V: number, B: number, T: number, seed: number) {
  const rnd = mulberry32(seed);
  const tokens = Array.from({ length: B * T }, () => Math.floor(rnd() * V));
  const mask = new Array<number>(B * T).fill(1);
  const weights = new Array<number>(B * T).fill(-1 / (B * (T - 1)));
  return { tokens, mask, weights };
}

export async function runTrainBench(o: TrainBenchOptions): Promise<TrainBenchResult> {
  const { device, report } = await sharedGpu();
  const rows: TrainBenchRow[] = [];
  for (const c of o.cases) {
    const cfg = PRESETS[c.preset];
    const B = c.batch, T = o.seqLen, tokensPerStep = B * T;
    const data = batchData(cfg.vocab_size, B, T, 1);
    // Same optimizer as the anchor's tf.train.adam(lr, 0.9, 0.999, 1e-8): no weight decay.
    const trainer = await Trainer.create(device, { config: cfg, batch: B, seqLen: T, optimizer: { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 }, profile: true }, { seed: 0 });
    const ourStep = async () => {
      await trainer.forward(data.tokens, data.mask);
      await trainer.backward(data.weights);
      await trainer.step(1e-3);
      trainer.zeroGrad();
    };
    const progress = (what: string) => console.info(`bench train: ${c.preset} B=${B} T=${T}: ${what}`);
    progress(`ours planned (${(trainer.memoryBytes / 2 ** 20).toFixed(1)} MiB), timing ${o.warmup}+${o.steps} steps`);
    const ourTiming = await timeRuns(ourStep, o.steps, o.warmup);
    progress(`ours median step ${ourTiming.medianMs.toFixed(0)} ms`);
    let profile: Record<string, PhaseProfile> = {};
    if (trainer.canProfile) {
      trainer.setProfiling(true);
      await ourStep();
      profile = trainer.lastProfile();
      trainer.setProfiling(false);
    }
    const ours = { step: ourTiming, tokensPerSecond: tokensPerStep / (ourTiming.medianMs / 1000), memoryBytes: trainer.memoryBytes, memoryByKind: trainer.memoryByKind(), profile };
    trainer.destroy();
    const row: TrainBenchRow = { preset: c.preset, parameters: parameterCount(cfg), batch: B, seqLen: T, ours };
    const anchorTooSlow = o.tfjs === 'auto' && report.isFallback && row.parameters > 2e6;
    if (o.tfjs === 'none') row.tfjsSkipped = 'disabled (--tfjs none)';
    else if (anchorTooSlow) row.tfjsSkipped = 'CPU fallback adapter and > 2M parameters: the tfjs anchor takes ~10 min or more here (run with --tfjs all)';
    else {
      const model = await createTfjsLlama(cfg, B, T, 0, { optimizer: 'adam', lr: 1e-3 });
      try {
        progress('tfjs anchor created, timing');
        const t = await timeRuns(() => model.step(data.tokens, data.mask, data.weights), o.steps, o.warmup);
        progress(`tfjs median step ${t.medianMs.toFixed(0)} ms, memory ${(model.memoryBytes() / 2 ** 20).toFixed(1)} MiB`);
        row.tfjs = { step: t, tokensPerSecond: tokensPerStep / (t.medianMs / 1000), memoryBytes: model.memoryBytes() };
      } finally {
        model.dispose();
      }
      row.speedRatio = ratio(ours.tokensPerSecond, row.tfjs.tokensPerSecond);
      row.memoryRatio = ratio(ours.memoryBytes, row.tfjs.memoryBytes);
    }
    rows.push(row);
  }
  return {
    adapter: { vendor: report.vendor, architecture: report.architecture, description: report.description, isFallback: report.isFallback, timestampQuery: report.timestampQuery },
    rows,
  };
}
