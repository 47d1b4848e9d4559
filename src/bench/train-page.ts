// Runs in the bench page (window.__load): both Trainer backends (webgpu = our WGSL kernels, wasm = ONNX on ORT's
// wasm EP), the two tfjs anchors (tfjs-backend-wasm, tfjs-backend-webgpu) and ORT's wasm forward pass, all on the
// same adapter, model, batch and math, one after another in one page; medians of timed steps, then the ratios.
import { sharedGpu } from '../gpu/device.ts';
import { PRESETS, parameterCount, type PresetName } from '../model/config.ts';
import { mulberry32 } from '../model/reference/rng.ts';
import type { PhaseProfile } from '../train/profiler.ts';
import {
  measureForwardOnly,
  measureTfjs,
  measureWasm,
  measureWebgpu,
  type BenchBatch,
  type SideResult,
} from './train-sides.ts';
import { ratio } from '../util/stats.ts';
import { loadOrt } from '../rollout/ort.ts';

export type { SideResult } from './train-sides.ts';

export interface TrainBenchCase {
  preset: PresetName;
  batch: number;
}

export type BenchSide = 'webgpu' | 'wasm' | 'forward' | 'tfjs-wasm' | 'tfjs-webgpu';
export const ALL_SIDES: BenchSide[] = ['wasm', 'forward', 'tfjs-wasm', 'webgpu', 'tfjs-webgpu'];

export interface TrainBenchOptions {
  cases: TrainBenchCase[];
  seqLen: number;
  steps: number;
  warmup: number;
  /** Which sides to run (default all). */
  sides: BenchSide[];
  /**
   * When to run the tfjs-webgpu anchor: 'all' (the CLI default), 'none', or 'auto' (every preset on a real GPU; on
   * a CPU fallback adapter only presets ≤ 2M parameters: there it took 19–110 s per micro step and ~90 s per mini
   * step, ~10 min for a mini measurement).
   */
  tfjs: 'all' | 'none' | 'auto';
}

export interface TrainBenchRow {
  preset: PresetName;
  parameters: number;
  batch: number;
  seqLen: number;
  webgpu?: SideResult & { memoryByKind: Record<string, number>; profile: Record<string, PhaseProfile> };
  /** forward, backward(w), step (GRPO's path); `fused`: forwardBackward(w), step (SFT's path). */
  wasm?: SideResult & { fused: SideResult };
  /** ORT wasm forward pass alone (tokens/s of inference on the same batch), and the sampler's refresh cost. */
  forward?: SideResult & { samplerRefreshMs: number };
  tfjsWasm?: SideResult;
  tfjsWebgpu?: SideResult;
  /** Why a side was not run, by side. */
  skipped: Partial<Record<BenchSide, string>>;
  /** tokens/s (and bytes) ratios; NaN where a side is missing. */
  ratios: {
    /** goal ≥ 3 */ wasmOverTfjsWasm: number;
    webgpuOverTfjsWebgpu: number;
    /** goal ≥ 10 on a CPU fallback adapter */ wasmOverWebgpu: number;
    /** goal ≥ 0.25 (backward ≈ 2 forwards: ~0.33 is the ceiling) */ wasmTrainOverForward: number;
    /** the same with the fused forward+backward (SFT's path) */ wasmFusedTrainOverForward: number;
    /** goal ≤ 1 */ memoryWasmOverTfjsWasm: number;
    memoryWebgpuOverTfjsWebgpu: number;
    /**
     * wasm sampler refresh (ORT session rebuild) ÷ one wasm training step; an RL step also samples rollouts, so
     * the refresh's share of an RL step is below this (goal ≤ 0.05 of an RL step).
     */
    samplerRefreshOverTrainStep: number;
  };
}

export interface TrainBenchResult {
  adapter: { vendor: string; architecture: string; description: string; isFallback: boolean; timestampQuery: boolean };
  /** Threads each wasm engine was given (ORT: ort.env.wasm.numThreads; the page is cross-origin isolated). */
  threads: { cores: number; crossOriginIsolated: boolean; ortWasmThreads: number };
  rows: TrainBenchRow[];
}

function batchData(preset: PresetName, B: number, T: number, seed: number): BenchBatch {
  const cfg = PRESETS[preset];
  const rnd = mulberry32(seed);
  const tokens = Array.from({ length: B * T }, () => Math.floor(rnd() * cfg.vocab_size));
  return {
    cfg,
    B,
    T,
    tokens,
    mask: new Array<number>(B * T).fill(1),
    weights: new Array<number>(B * T).fill(-1 / (B * (T - 1))),
  };
}

export async function runTrainBench(o: TrainBenchOptions): Promise<TrainBenchResult> {
  const { device, report } = await sharedGpu();
  const rows: TrainBenchRow[] = [];
  for (const c of o.cases) {
    const b = batchData(c.preset, c.batch, o.seqLen, 1);
    const row: TrainBenchRow = {
      preset: c.preset,
      parameters: parameterCount(b.cfg),
      batch: b.B,
      seqLen: b.T,
      skipped: {},
      ratios: {} as TrainBenchRow['ratios'],
    };
    const timed = {
      steps: o.steps,
      warmup: o.warmup,
      progress: (what: string) => console.info(`bench train: ${c.preset} B=${b.B} T=${b.T}: ${what}`),
    };
    const want = (s: BenchSide) => o.sides.includes(s) || ((row.skipped[s] = 'not requested (--sides)'), false);
    if (want('wasm')) row.wasm = await measureWasm(b, timed);
    if (want('forward')) row.forward = await measureForwardOnly(b, timed);
    if (want('tfjs-wasm')) row.tfjsWasm = await measureTfjs('wasm', b, timed);
    if (want('webgpu')) row.webgpu = await measureWebgpu(device, b, timed);
    if (want('tfjs-webgpu')) {
      if (o.tfjs === 'none') row.skipped['tfjs-webgpu'] = 'disabled (--tfjs none)';
      else if (o.tfjs === 'auto' && report.isFallback && row.parameters > 2e6)
        row.skipped['tfjs-webgpu'] =
          'CPU fallback adapter and > 2M parameters: ~10 min or more here (run with --tfjs all)';
      else row.tfjsWebgpu = await measureTfjs('webgpu', b, timed);
    }
    const tps = (s?: SideResult) => s?.tokensPerSecond ?? NaN;
    const mem = (s?: SideResult) => s?.memoryBytes ?? NaN;
    row.ratios = {
      wasmOverTfjsWasm: ratio(tps(row.wasm), tps(row.tfjsWasm)),
      webgpuOverTfjsWebgpu: ratio(tps(row.webgpu), tps(row.tfjsWebgpu)),
      wasmOverWebgpu: ratio(tps(row.wasm), tps(row.webgpu)),
      wasmTrainOverForward: ratio(tps(row.wasm), tps(row.forward)),
      wasmFusedTrainOverForward: ratio(tps(row.wasm?.fused), tps(row.forward)),
      memoryWasmOverTfjsWasm: ratio(mem(row.wasm), mem(row.tfjsWasm)),
      memoryWebgpuOverTfjsWebgpu: ratio(mem(row.webgpu), mem(row.tfjsWebgpu)),
      samplerRefreshOverTrainStep: ratio(row.forward?.samplerRefreshMs ?? NaN, row.wasm?.step.medianMs ?? NaN),
    };
    timed.progress(`ratios ${JSON.stringify(row.ratios)}`);
    rows.push(row);
  }
  return {
    adapter: {
      vendor: report.vendor,
      architecture: report.architecture,
      description: report.description,
      isFallback: report.isFallback,
      timestampQuery: report.timestampQuery,
    },
    threads: {
      cores: navigator.hardwareConcurrency ?? 1,
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
      ortWasmThreads: (await loadOrt()).env.wasm.numThreads ?? 1,
    },
    rows,
  };
}
