// Global-norm clip, NaN/Inf skip and AdamW on the host arrays — the float64 reference's step
// (src/model/reference/train-step.ts). The norm is summed in float64 in JS; the update runs in float32 as a wasm
// SIMD kernel over the arrays in place (host-memory.ts, adamw.wat; ~7× the JS loop it replaced). Not a second ONNX
// graph: onnxruntime-web copies every input and output across the wasm boundary on each run, so a graph would move
// params, grads, m and v (16 bytes per weight, each way) to do ~10 flops per weight. Nothing here allocates.
import type { OptimizerOptions } from '../options.ts';
import type { HostMemory } from './host-memory.ts';

export interface HostTensor {
  name: string;
  shape: number[];
  size: number;
  param: Float32Array;
  grad: Float32Array;
  m: Float32Array;
  v: Float32Array;
  /** Weight decay applies to 2-D weights only (not the RMSNorm gains), as in the webgpu Trainer. */
  decay: boolean;
}

/** Σg² over every gradient in float64; a NaN or ±Inf anywhere makes it non-finite. */
export function sumOfSquares(tensors: readonly HostTensor[]): number {
  // Four running sums: one sum waits on the previous add every element; four keep the adder busy (~2× here).
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  for (const t of tensors) {
    const g = t.grad;
    const n4 = g.length - (g.length % 4);
    let i = 0;
    for (; i < n4; i += 4) {
      s0 += g[i] * g[i];
      s1 += g[i + 1] * g[i + 1];
      s2 += g[i + 2] * g[i + 2];
      s3 += g[i + 3] * g[i + 3];
    }
    for (; i < g.length; i++) s0 += g[i] * g[i];
  }
  return s0 + s1 + s2 + s3;
}

/**
 * One optimizer step: skipped (nothing written) when a gradient is not finite; otherwise clip by global norm
 * (scale = maxNorm/‖g‖ when ‖g‖ > maxNorm) and AdamW with PyTorch's semantics, `step` 1-based.
 */
export function optimizerStep(
  memory: HostMemory,
  tensors: readonly HostTensor[],
  o: OptimizerOptions,
  lr: number,
  step: number,
): { gradNorm: number; skipped: boolean } {
  const gradNorm = Math.sqrt(sumOfSquares(tensors));
  if (!Number.isFinite(gradNorm)) return { gradNorm, skipped: true };
  const scale = Number.isFinite(o.maxGradNorm) && gradNorm > o.maxGradNorm ? o.maxGradNorm / gradNorm : 1;
  // p −= lr·(m̂/(√v̂ + eps) + wd·p) with m̂ = m/bc1, v̂ = v/bc2, the divisions hoisted out of the loop.
  const scalars = {
    scale,
    b1: o.beta1,
    b2: o.beta2,
    lrBc1: lr / (1 - Math.pow(o.beta1, step)),
    rBc2: 1 / (1 - Math.pow(o.beta2, step)),
    eps: o.eps,
  };
  for (const t of tensors) memory.adamw(t, scalars, lr * (t.decay ? o.weightDecay : 0));
  return { gradNorm, skipped: false };
}
