// Global gradient norm over many tensors (shaders/gradnorm.wgsl) into the stats block (grad-stats.ts),
// and the pass that scales gradients in place by the clip factor min(1, maxNorm/‖g‖).
import {
  F32,
  Kernel,
  PlannedDispatch,
  ceilDiv,
  checkDims,
  clearing,
  createBuffer,
  createUniform,
  grid,
  sequence,
  uniform,
  type Encodable,
  type TensorRef,
} from '../../gpu/index.ts';
import { GRAD_STATS_BYTES } from './grad-stats.ts';

const WG = 256;
const ITEMS = 64;
const FAN = 256;
/** Elements one pass-1 workgroup covers; it leaves WG partial sums. */
const CHUNK = WG * ITEMS;
const PARTIAL = { slice: 'uniform', x: 'read', partials: 'write' } as const;
const REDUCE = { fin: 'uniform', r_partials: 'read', level2: 'write' } as const;
const FINALIZE = { fin: 'uniform', f_level2: 'read', stats: 'write' } as const;
const CLIP = { slice: 'uniform', c_stats: 'read', grad: 'write' } as const;

export class GradNorm {
  private constructor(
    readonly device: GPUDevice,
    /** Element counts of the tensors, in the order `bind` receives them. */
    readonly sizes: readonly number[],
    private readonly partial: Kernel<typeof PARTIAL>,
    private readonly reduce: Kernel<typeof REDUCE>,
    private readonly finalize: Kernel<typeof FINALIZE>,
    private readonly clip: Kernel<typeof CLIP>,
    private readonly slices: GPUBuffer[],
    private readonly final: GPUBuffer,
    private readonly partials: GPUBuffer,
    private readonly partialCount: number,
    private readonly level2: GPUBuffer,
    private readonly level2Count: number,
  ) {}

  /** `maxNorm` ≤ 0 or absent: no clipping (scale 1). */
  static async create(
    device: GPUDevice,
    sizes: readonly number[],
    options: { maxNorm?: number } = {},
  ): Promise<GradNorm> {
    if (sizes.length === 0) throw new RangeError('GradNorm: no tensors');
    sizes.forEach((n, i) => checkDims('GradNorm', { [`sizes[${i}]`]: n }));
    const file = 'gradnorm';
    const [p, r, f, c] = await Promise.all([
      Kernel.create(device, { file, entryPoint: 'gradnorm_partial', bindings: PARTIAL, constants: { WG, ITEMS } }),
      Kernel.create(device, { file, entryPoint: 'gradnorm_reduce', bindings: REDUCE, constants: { WG, FAN } }),
      Kernel.create(device, { file, entryPoint: 'gradnorm_finalize', bindings: FINALIZE, constants: {} }),
      Kernel.create(device, { file, entryPoint: 'gradnorm_clip', bindings: CLIP, constants: { WG } }),
    ]);
    let base = 0;
    const slices = sizes.map((n, i) => {
      const u = createUniform(device, `gradnorm:slice${i}`, [
        ['u32', n],
        ['u32', base],
      ]);
      base += ceilDiv(n, CHUNK) * WG;
      return u;
    });
    const count2 = ceilDiv(base, FAN);
    const final = createUniform(device, 'gradnorm:final', [
      ['u32', base],
      ['f32', options.maxNorm ?? 0],
      ['u32', count2],
    ]);
    const partials = createBuffer(device, base * F32, 'gradnorm:partials');
    const level2 = createBuffer(device, count2 * F32, 'gradnorm:level2');
    return new GradNorm(device, sizes, p, r, f, c, slices, final, partials, base, level2, count2);
  }

  /** Changes the clip threshold (a queue write into the planned uniform). */
  setMaxNorm(maxNorm: number): void {
    this.device.queue.writeBuffer(this.final, 4, new Float32Array([maxNorm]));
  }

  private checkCount(what: string, grads: readonly TensorRef[]): void {
    if (grads.length !== this.sizes.length)
      throw new RangeError(`GradNorm.${what}: got ${grads.length} tensors, planned for ${this.sizes.length}`);
  }

  /** Σg², ‖g‖ and the clip scale into `stats` (words 0, 2, 3; the non-finite flag word is left alone). */
  bind(grads: readonly TensorRef[], stats: TensorRef): Encodable {
    this.checkCount('bind', grads);
    const partials: [GPUBuffer, number] = [this.partials, this.partialCount * F32];
    const level2: [GPUBuffer, number] = [this.level2, this.level2Count * F32];
    const passes: Encodable[] = grads.map((g, i) => {
      const bound = { slice: uniform(this.slices[i]), x: [g, this.sizes[i] * F32, `grads[${i}]`], partials } as const;
      return new PlannedDispatch(this.partial, bound, grid(this.device, ceilDiv(this.sizes[i], CHUNK)));
    });
    const fin = uniform(this.final);
    passes.push(
      new PlannedDispatch(
        this.reduce,
        { fin, r_partials: partials, level2 },
        grid(this.device, ceilDiv(this.level2Count, WG)),
      ),
      new PlannedDispatch(this.finalize, { fin, f_level2: level2, stats: [stats, GRAD_STATS_BYTES] }, [1]),
    );
    return sequence(...passes);
  }

  /** g *= clip scale, in place, for every tensor (after `bind`'s passes have run). */
  bindClip(grads: readonly TensorRef[], stats: TensorRef): Encodable {
    this.checkCount('bindClip', grads);
    return sequence(
      ...grads.map((g, i) => {
        const bound = {
          slice: uniform(this.slices[i]),
          c_stats: [stats, GRAD_STATS_BYTES],
          grad: [g, this.sizes[i] * F32, `grads[${i}]`],
        } as const;
        return new PlannedDispatch(this.clip, bound, grid(this.device, ceilDiv(this.sizes[i], WG)));
      }),
    );
  }

  destroy(): void {
    for (const u of this.slices) u.destroy();
    this.final.destroy();
    this.partials.destroy();
    this.level2.destroy();
  }
}

/** Zeroes a whole stats block (norm, flag, scale) — e.g. before the first step. */
export function clearGradStats(stats: TensorRef): Encodable {
  return clearing(stats, GRAD_STATS_BYTES);
}
