// The optimizer step as planned dispatches: non-finite flag and global norm / clip scale of all gradients
// into the stats block (ops/grad-stats.ts), then one AdamW dispatch per tensor reading both on the GPU
// (a set flag makes every update a no-op). Built once per Trainer; a step only rewrites the hyper uniform.
import { sequence, type Encodable } from '../gpu/index.ts';
import type { PlannedOp } from './graph.ts';
import { Adamw } from './ops/adamw.ts';
import { GradNorm } from './ops/gradnorm.ts';
import { NonFinite } from './ops/nonfinite.ts';
import type { OptimizerOptions } from './options.ts';

export interface OptimizedTensor {
  name: string;
  param: GPUBuffer;
  grad: GPUBuffer;
  m: GPUBuffer;
  v: GPUBuffer;
  size: number;
  /** Decoupled weight decay applies (2-D weights), or not (norm gains). */
  decay: boolean;
}

export class OptimizerPlan {
  private constructor(
    private readonly opt: OptimizerOptions,
    private readonly adamwKernel: Adamw,
    private readonly owned: { destroy(): void }[],
    /** Flag + norm + clip scale into the stats block. */
    readonly gradStats: Encodable,
    /** One AdamW update per tensor, labelled for the profiler. */
    readonly adamw: PlannedOp[],
  ) {}

  static async create(
    device: GPUDevice,
    tensors: readonly OptimizedTensor[],
    stats: GPUBuffer,
    opt: OptimizerOptions,
  ): Promise<OptimizerPlan> {
    const sizes = tensors.map((t) => t.size);
    const maxNorm = Number.isFinite(opt.maxGradNorm) ? opt.maxGradNorm : 0; // 0: the kernel's "no clipping"
    const [nonFinite, gradNorm, adamw] = await Promise.all([
      NonFinite.create(device, sizes),
      GradNorm.create(device, sizes, { maxNorm }),
      Adamw.create(device),
    ]);
    const grads = tensors.map((t) => t.grad);
    const gradStats = sequence(nonFinite.bind(grads, stats), gradNorm.bind(grads, stats));
    const updates = tensors.map((t) => ({ kernel: 'adamw', op: adamw.bindTensor(t, stats) }));
    return new OptimizerPlan(opt, adamw, [nonFinite, gradNorm, adamw], gradStats, updates);
  }

  /** Writes this step's lr and 1-based step (a queue write into a planned uniform: no allocation). */
  writeHyper(h: { lr: number; step: number }): void {
    const { beta1, beta2, eps, weightDecay } = this.opt;
    this.adamwKernel.setHyper({ lr: h.lr, step: h.step, beta1, beta2, eps, weightDecay });
  }

  destroy(): void {
    for (const o of this.owned) o.destroy();
  }
}
