// Global gradient norm over many tensors (shaders/gradnorm.wgsl) into the stats block (grad-stats.ts),
// and the pass that scales gradients in place by the clip factor min(1, maxNorm/‖g‖).
import { Kernel, ceilDiv, createBuffer } from '../../gpu/index.ts';
import { F32, PlannedDispatch, bind, bindUniform, checkDims, clearing, createUniform, grid, sequence, type Encodable, type TensorRef } from './common.ts';
import { GRAD_STATS_BYTES } from './grad-stats.ts';

const WG = 256;
const ITEMS = 64;
const FAN = 256;
/** Elements one pass-1 workgroup covers; it leaves WG partial sums. */
const CHUNK = WG * ITEMS;

export class GradNorm {
  private constructor(
    readonly device: GPUDevice,
    /** Element counts of the tensors, in the order `bind` receives them. */
    readonly sizes: readonly number[],
    private readonly partial: Kernel,
    private readonly reduce: Kernel,
    private readonly finalize: Kernel,
    private readonly clip: Kernel,
    private readonly slices: GPUBuffer[],
    private readonly final: GPUBuffer,
    private readonly partials: GPUBuffer,
    private readonly partialCount: number,
    private readonly level2: GPUBuffer,
    private readonly level2Count: number,
  ) {}

  /** `maxNorm` ≤ 0 or absent: no clipping (scale 1). */
  static async create(device: GPUDevice, sizes: readonly number[], options: { maxNorm?: number } = {}): Promise<GradNorm> {
    if (sizes.length === 0) throw new RangeError('GradNorm: no tensors');
    sizes.forEach((n, i) => checkDims('GradNorm', { [`sizes[${i}]`]: n }));
    const make = (entryPoint: string, constants: Record<string, number>) => Kernel.create(device, { file: 'gradnorm', entryPoint, constants });
    const [p, r, f, c] = await Promise.all([
      make('gradnorm_partial', { WG, ITEMS }),
      make('gradnorm_reduce', { WG, FAN }),
      make('gradnorm_finalize', {}),
      make('gradnorm_clip', { WG }),
    ]);
    let base = 0;
    const slices = sizes.map((n, i) => {
      const u = createUniform(device, `gradnorm:slice${i}`, [['u32', n], ['u32', base]]);
      base += ceilDiv(n, CHUNK) * WG;
      return u;
    });
    const count2 = ceilDiv(base, FAN);
    const final = createUniform(device, 'gradnorm:final', [['u32', base], ['f32', options.maxNorm ?? 0], ['u32', count2]]);
    const partials = createBuffer(device, base * F32, 'gradnorm:partials');
    const level2 = createBuffer(device, count2 * F32, 'gradnorm:level2');
    return new GradNorm(device, sizes, p, r, f, c, slices, final, partials, base, level2, count2);
  }

  /** Changes the clip threshold (a queue write into the planned uniform). */
  setMaxNorm(maxNorm: number): void {
    this.device.queue.writeBuffer(this.final, 4, new Float32Array([maxNorm]));
  }

  private checkCount(what: string, grads: readonly TensorRef[]): void {
    if (grads.length !== this.sizes.length) throw new RangeError(`GradNorm.${what}: got ${grads.length} tensors, planned for ${this.sizes.length}`);
  }

  /** Σg², ‖g‖ and the clip scale into `stats` (words 0, 2, 3; the non-finite flag word is left alone). */
  bind(grads: readonly TensorRef[], stats: TensorRef): Encodable {
    this.checkCount('bind', grads);
    const p = this.partial;
    const passes: Encodable[] = grads.map(
      (g, i) => new PlannedDispatch(p, [bindUniform(this.slices[i]), bind(p, `grads[${i}]`, g, this.sizes[i] * F32), bind(p, 'partials', this.partials, this.partialCount * F32)], grid(this.device, ceilDiv(this.sizes[i], CHUNK))),
    );
    const r = this.reduce;
    const f = this.finalize;
    const u = bindUniform(this.final);
    passes.push(
      new PlannedDispatch(r, [u, bind(r, 'partials', this.partials, this.partialCount * F32), bind(r, 'level2', this.level2, this.level2Count * F32)], grid(this.device, ceilDiv(this.level2Count, WG))),
      new PlannedDispatch(f, [u, bind(f, 'level2', this.level2, this.level2Count * F32), bind(f, 'stats', stats, GRAD_STATS_BYTES)], [1], ['stats']),
    );
    return sequence(...passes);
  }

  /** g *= clip scale, in place, for every tensor (after `bind`'s passes have run). */
  bindClip(grads: readonly TensorRef[], stats: TensorRef): Encodable {
    this.checkCount('bindClip', grads);
    const c = this.clip;
    return sequence(
      ...grads.map((g, i) => new PlannedDispatch(c, [bindUniform(this.slices[i]), bind(c, 'stats', stats, GRAD_STATS_BYTES), bind(c, `grads[${i}]`, g, this.sizes[i] * F32)], grid(this.device, ceilDiv(this.sizes[i], WG)), [`grads[${i}]`])),
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
