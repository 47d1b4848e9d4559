// The one Trainer API both training backends implement (DESIGN.md "Training backends"): `webgpu` (our WGSL
// kernels, src/train/trainer.ts) and `wasm` (forward+backward as one ONNX graph on onnxruntime-web's wasm EP).
// Loop code (src/rl, src/eval, the page) holds a TrainerBackend and never knows which one it has.
// Conventions, identical in both: forward returns per-token log-probs [B·T] where entry (b,t) scores
// token t+1 given tokens ≤ t (the last entry of a row and entries without a real next token are 0);
// backward(w) accumulates ∂(Σ w·logprob)/∂θ; step(lr) descends that gradient, i.e. it MINIMISES Σ w·logprob
// (so SFT passes w = −1/N on answer tokens, GRPO w = −advantage/len). Clip, NaN/Inf skip and AdamW live in step.
// The mask is 0 (padding) / 1 (real); a backend with `packsRows` also takes packed rows, several sequences in one
// row told apart by mask values ≥ 2 (src/model/packed-rows.ts); the other refuses them.
import type { Checkpoint } from '../model/checkpoint.ts';
import type { LlamaConfig } from '../model/config.ts';
import type { BatchInput } from './batch.ts';
import type { ResolvedOptions } from './options.ts';
import type { StepResult } from './trainer.ts';
import type { TrainerState } from './trainer-state.ts';

export type TrainerBackendKind = 'webgpu' | 'wasm';

/** Which backends take packed rows, known before one is built (a caller picks its batch shape from it). */
export const PACKS_ROWS: Readonly<Record<TrainerBackendKind, boolean>> = { webgpu: false, wasm: true };

export interface TrainerBackend {
  readonly kind: TrainerBackendKind;
  readonly options: ResolvedOptions;
  readonly config: LlamaConfig;
  /** Optimizer steps taken (skipped steps do not count). */
  readonly steps: number;
  /** Bytes the plan holds (parameters, gradients, moments, activations). */
  readonly memoryBytes: number;
  /** Whether forward takes packed rows (mask values ≥ 2: src/model/packed-rows.ts). */
  readonly packsRows: boolean;
  forward(tokens: BatchInput, mask: BatchInput): Promise<Float32Array>;
  backward(weights: BatchInput): Promise<void>;
  /** forward then backward(weights) for weights known before the forward (SFT); may run as one pass (wasm). */
  forwardBackward(tokens: BatchInput, mask: BatchInput, weights: BatchInput): Promise<Float32Array>;
  step(lr: number): Promise<StepResult>;
  zeroGrad(): void;
  getWeights(): Promise<Map<string, Float32Array>>;
  getGradients(): Promise<Map<string, Float32Array>>;
  setWeights(weights: ReadonlyMap<string, ArrayLike<number>>): Promise<void>;
  state(): Promise<TrainerState>;
  save(tokenizer?: unknown): Promise<Checkpoint>;
  load(ckpt: Checkpoint): Promise<void>;
  destroy(): void;
}
