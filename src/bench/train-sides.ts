// The sides `bench train` measures, each on the same model, batch and math (forward + backward of L = Σ w·logprob
// + an Adam(W) update; forward-only for the ORT reference): our two Trainer backends, the two tfjs anchors and
// onnxruntime-web's wasm forward pass. Each returns the median step and tokens/s; runs in the bench page.
import type { LlamaConfig } from '../model/config.ts';
import { initParams } from '../model/reference/params.ts';
import { toFloat32Weights } from '../model/onnx/weights.ts';
import { PolicySession } from '../rollout/policy.ts';
import type { PhaseProfile } from '../train/profiler.ts';
import { Trainer } from '../train/trainer.ts';
import { WasmTrainer } from '../train/wasm/trainer.ts';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { createTfjsLlama } from './anchors/tfjs-llama.ts';
import { timeRuns, type Timing } from '../util/stats.ts';

export interface SideResult {
  step: Timing;
  tokensPerSecond: number;
  /** Bytes the side holds; `memoryNote` says what is counted. */
  memoryBytes?: number;
  memoryNote?: string;
}

export interface BenchBatch {
  cfg: LlamaConfig;
  B: number;
  T: number;
  tokens: number[];
  mask: number[];
  weights: number[];
}

export interface Timed {
  steps: number;
  warmup: number;
  progress(what: string): void;
}

// Same optimizer as the anchors' tf.train.adam(lr, 0.9, 0.999, 1e-8): no weight decay.
const OPTIMIZER = { beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 };
const side = (step: Timing, b: BenchBatch, memoryBytes?: number, memoryNote?: string): SideResult => ({
  step,
  tokensPerSecond: (b.B * b.T) / (step.medianMs / 1000),
  memoryBytes,
  memoryNote,
});

export async function measureWebgpu(
  device: GPUDevice,
  b: BenchBatch,
  o: Timed,
): Promise<SideResult & { memoryByKind: Record<string, number>; profile: Record<string, PhaseProfile> }> {
  const trainer = await Trainer.create(
    device,
    { config: b.cfg, batch: b.B, seqLen: b.T, optimizer: OPTIMIZER, profile: true },
    { seed: 0 },
  );
  try {
    const step = async () => {
      await trainer.forward(b.tokens, b.mask);
      await trainer.backward(b.weights);
      await trainer.step(1e-3);
      trainer.zeroGrad();
    };
    o.progress(
      `webgpu (WGSL) planned (${(trainer.memoryBytes / 2 ** 20).toFixed(1)} MiB), timing ${o.warmup}+${o.steps} steps`,
    );
    const t = await timeRuns(step, o.steps, o.warmup);
    o.progress(`webgpu median step ${t.medianMs.toFixed(0)} ms`);
    let profile: Record<string, PhaseProfile> = {};
    if (trainer.canProfile) {
      trainer.setProfiling(true);
      await step();
      profile = trainer.lastProfile();
      trainer.setProfiling(false);
    }
    return {
      ...side(t, b, trainer.memoryBytes, 'GPU buffers of the plan'),
      memoryByKind: trainer.memoryByKind(),
      profile,
    };
  } finally {
    trainer.destroy();
  }
}

/**
 * The wasm Trainer two ways on one plan: forward, backward(w), step — the split path GRPO takes, since its w
 * depends on the log-probs — and forwardBackward(w), step — the fused graph SFT takes.
 */
export async function measureWasm(b: BenchBatch, o: Timed): Promise<SideResult & { fused: SideResult }> {
  const trainer = await WasmTrainer.create(
    { config: b.cfg, batch: b.B, seqLen: b.T, optimizer: OPTIMIZER },
    { seed: 0 },
  );
  try {
    o.progress(
      `wasm (ORT) planned (${(trainer.memoryBytes / 2 ** 20).toFixed(1)} MiB), timing ${o.warmup}+${o.steps} steps`,
    );
    const split = async () => {
      await trainer.forward(b.tokens, b.mask);
      await trainer.backward(b.weights);
      await trainer.step(1e-3);
      trainer.zeroGrad();
    };
    const fused = async () => {
      await trainer.forwardBackward(b.tokens, b.mask, b.weights);
      await trainer.step(1e-3);
      trainer.zeroGrad();
    };
    const t = await timeRuns(split, o.steps, o.warmup);
    o.progress(`wasm median step ${t.medianMs.toFixed(0)} ms; fused forward+backward, ${o.warmup}+${o.steps} steps`);
    const tf = await timeRuns(fused, o.steps, o.warmup);
    o.progress(`wasm fused median step ${tf.medianMs.toFixed(0)} ms`);
    const note = "host arrays: weights, grads, AdamW moments, saved activations (not ORT's internal arena)";
    return { ...side(t, b, trainer.memoryBytes, note), fused: side(tf, b, trainer.memoryBytes, note) };
  } finally {
    trainer.destroy();
  }
}

/**
 * onnxruntime-web's wasm forward pass alone (the inference graph, logits for every position) on the same batch;
 * then what it costs the sampler to follow the trainer: updateWeights with new weights (a session rebuild on wasm).
 */
export async function measureForwardOnly(b: BenchBatch, o: Timed): Promise<SideResult & { samplerRefreshMs: number }> {
  const sess = await PolicySession.create(b.cfg, { backend: 'wasm', weights: initParams(b.cfg, 0), logits: 'all' });
  const big = (xs: number[]) => BigInt64Array.from(xs, (x) => BigInt(x));
  const positions: number[] = [];
  for (let r = 0; r < b.B; r++)
    for (let t = 0, seen = 0; t < b.T; t++) positions.push(Math.max((seen += b.mask[r * b.T + t] ? 1 : 0) - 1, 0));
  const input = { ids: big(b.tokens), mask: big(b.mask), positions: big(positions), B: b.B, S: b.T, past: null };
  try {
    const t = await timeRuns(() => sess.step(input), o.steps, o.warmup);
    o.progress(`ORT wasm forward-only median ${t.medianMs.toFixed(0)} ms`);
    // New weights as the trainer hands them over (Float32Arrays from getWeights), made outside the timing.
    const next = toFloat32Weights(b.cfg, initParams(b.cfg, 1));
    const refresh = await timeRuns(() => sess.updateWeights(next), 3, 0);
    o.progress(`sampler refresh (session rebuild with new weights) median ${refresh.medianMs.toFixed(0)} ms`);
    return { ...side(t, b), samplerRefreshMs: refresh.medianMs };
  } finally {
    await sess.release();
  }
}

export async function measureTfjs(backend: 'wasm' | 'webgpu', b: BenchBatch, o: Timed): Promise<SideResult> {
  const model = await createTfjsLlama(b.cfg, b.B, b.T, 0, { optimizer: 'adam', lr: 1e-3, backend });
  try {
    o.progress(`tfjs-${backend} anchor created, timing`);
    const t = await timeRuns(() => model.step(b.tokens, b.mask, b.weights), o.steps, o.warmup);
    const peak = await model.peakStepBytes(b.tokens, b.mask, b.weights);
    const bytes = backend === 'webgpu' ? model.memoryBytes() : peak;
    o.progress(`tfjs-${backend} median step ${t.medianMs.toFixed(0)} ms, memory ${(bytes / 2 ** 20).toFixed(1)} MiB`);
    return side(
      t,
      b,
      bytes,
      backend === 'webgpu'
        ? 'GPU bytes tfjs holds, buffer pool included'
        : `peak tensor bytes during a step (tf.profile); ${getThreadsCount()} wasm thread(s)`,
    );
  } finally {
    model.dispose();
  }
}
