// What the Trainer's graph needs from the kernel families, as one narrow interface. kernel-set.ts
// implements it with the wrappers in src/train/ops and src/gpu/matmul.ts; the graph (graph.ts) only
// sees this, so the orchestration does not depend on each wrapper's construction details.
import type { Encodable } from './ops/common.ts';

export type { Encodable };

/** y = x·Wᵀ with W [out, in] (HF layout), x [rows, in]. */
export interface LinearIO {
  x: GPUBuffer;
  w: GPUBuffer;
  y: GPUBuffer;
}

export interface LinearShape {
  rows: number;
  inDim: number;
  outDim: number;
}

export interface TrainKernels {
  /** y (+)= x·Wᵀ. */
  linearForward(shape: LinearShape, io: LinearIO, accumulate: boolean): Promise<Encodable>;
  /** dx (+)= dy·W. */
  linearBackwardInput(shape: LinearShape, io: { dy: GPUBuffer; w: GPUBuffer; dx: GPUBuffer }, accumulate: boolean): Promise<Encodable>;
  /** dW += dyᵀ·x (always accumulates: gradients add up until zeroGrad). */
  linearBackwardWeight(shape: LinearShape, io: { dy: GPUBuffer; x: GPUBuffer; dw: GPUBuffer }): Promise<Encodable>;

  embeddingForward(io: { tokens: GPUBuffer; table: GPUBuffer; out: GPUBuffer }): Encodable;
  /** dTable += scatter of dOut rows by token id. */
  embeddingBackward(io: { tokens: GPUBuffer; dOut: GPUBuffer; dTable: GPUBuffer }): Encodable;

  /** y = x·rstd·w, rstd saved for the backward. */
  rmsnormForward(io: { x: GPUBuffer; w: GPUBuffer; y: GPUBuffer; rstd: GPUBuffer }): Encodable;
  /** dx (+)= (∂y/∂x)ᵀ dy (accumulateDx: dx carries the residual gradient) and dw += Σ_rows dy·x·rstd. */
  rmsnormBackward(io: { dy: GPUBuffer; x: GPUBuffer; w: GPUBuffer; rstd: GPUBuffer; dx: GPUBuffer; dw: GPUBuffer }, accumulateDx: boolean): Encodable;

  /** Rotary embedding on [N, heads·hd] (heads = nH for q, nKV for k); x === y runs in place. */
  ropeForward(heads: number, io: { x: GPUBuffer; positions: GPUBuffer; y: GPUBuffer }): Encodable;
  ropeBackward(heads: number, io: { dy: GPUBuffer; positions: GPUBuffer; dx: GPUBuffer }): Encodable;

  /** Bytes of whatever the attention forward saves for its backward (probabilities or row statistics). */
  readonly attentionSavedBytes: number;
  attentionForward(io: { q: GPUBuffer; k: GPUBuffer; v: GPUBuffer; mask: GPUBuffer; out: GPUBuffer; saved: GPUBuffer }): Encodable;
  attentionBackward(io: {
    dOut: GPUBuffer; q: GPUBuffer; k: GPUBuffer; v: GPUBuffer; out: GPUBuffer; saved: GPUBuffer; mask: GPUBuffer;
    dq: GPUBuffer; dk: GPUBuffer; dv: GPUBuffer;
  }): Encodable;

  swigluForward(io: { gate: GPUBuffer; up: GPUBuffer; h: GPUBuffer }): Encodable;
  swigluBackward(io: { dh: GPUBuffer; gate: GPUBuffer; up: GPUBuffer; dgate: GPUBuffer; dup: GPUBuffer }): Encodable;

  /** Per-token log-probs [N] of tokens[t+1] (0 where not scored) and the row log-sum-exp [N]. */
  logprobForward(io: { logits: GPUBuffer; tokens: GPUBuffer; mask: GPUBuffer; logprobs: GPUBuffer; lse: GPUBuffer }): Encodable;
  /** dlogits = w·(onehot(target) − softmax) (written, not accumulated; dlogits === logits runs in place). */
  logprobBackward(io: { weights: GPUBuffer; logits: GPUBuffer; tokens: GPUBuffer; mask: GPUBuffer; lse: GPUBuffer; dlogits: GPUBuffer }): Encodable;
}

/** The optimizer side: global gradient statistics, then the AdamW update of every tensor, on the GPU. */
export interface OptimizerKernels {
  /**
   * Encodes the non-finite flag and the global norm / clip scale of all gradients into `stats` (the
   * 16-byte block of src/train/ops/grad-stats.ts: f32 Σg², u32 flag, f32 ‖g‖, f32 clip scale).
   */
  gradStats(grads: readonly { buffer: GPUBuffer; size: number }[], stats: GPUBuffer): Promise<Encodable>;
  /**
   * One AdamW update of one tensor: reads lr and bias corrections from the planned hyper uniform, the
   * clip scale and the flag from `stats` (a set flag makes it a no-op: weights and m/v stay untouched).
   */
  adamw(tensor: { name: string; param: GPUBuffer; grad: GPUBuffer; m: GPUBuffer; v: GPUBuffer; size: number; decay: boolean; stats: GPUBuffer }): Promise<Encodable>;
  /** Writes this step's lr and 1-based step (a queue write into a planned uniform: no allocation). */
  writeHyper(h: { lr: number; step: number }): void;
}
