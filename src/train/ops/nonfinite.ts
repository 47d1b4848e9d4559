// NaN/Inf flag over many tensors (shaders/nonfinite.wgsl) into word 1 of the stats block.
import {
  F32,
  Kernel,
  PlannedDispatch,
  ceilDiv,
  checkDims,
  clearing,
  createUniform,
  grid,
  refBuffer,
  refOffset,
  sequence,
  uniform,
  type Encodable,
  type TensorRef,
} from '../../gpu/index.ts';
import { GRAD_STATS_BYTES, GRAD_STATS_FLAG_OFFSET } from './grad-stats.ts';

const WG = 256;
const ITEMS = 8;
const CHECK = { slice: 'uniform', x: 'read', stats: 'write' } as const;

export class NonFinite {
  private constructor(
    readonly device: GPUDevice,
    readonly sizes: readonly number[],
    private readonly check: Kernel<typeof CHECK>,
    private readonly slices: GPUBuffer[],
  ) {}

  static async create(device: GPUDevice, sizes: readonly number[]): Promise<NonFinite> {
    if (sizes.length === 0) throw new RangeError('NonFinite: no tensors');
    sizes.forEach((n, i) => checkDims('NonFinite', { [`sizes[${i}]`]: n }));
    const check = await Kernel.create(device, {
      file: 'nonfinite',
      entryPoint: 'nonfinite_check',
      bindings: CHECK,
      constants: { WG, ITEMS },
    });
    const slices = sizes.map((n, i) => createUniform(device, `nonfinite:slice${i}`, [['u32', n]]));
    return new NonFinite(device, sizes, check, slices);
  }

  /** Clears the flag, then sets it when any element of any tensor is NaN or ±Inf. */
  bind(tensors: readonly TensorRef[], stats: TensorRef): Encodable {
    if (tensors.length !== this.sizes.length)
      throw new RangeError(`NonFinite.bind: got ${tensors.length} tensors, planned for ${this.sizes.length}`);
    const flag = { buffer: refBuffer(stats), offset: refOffset(stats) + GRAD_STATS_FLAG_OFFSET };
    const passes = tensors.map((t, i) => {
      const bound = {
        slice: uniform(this.slices[i]),
        x: [t, this.sizes[i] * F32, `tensors[${i}]`],
        stats: [stats, GRAD_STATS_BYTES],
      } as const;
      return new PlannedDispatch(this.check, bound, grid(this.device, ceilDiv(this.sizes[i], WG * ITEMS)));
    });
    return sequence(clearing(flag, 4), ...passes);
  }

  destroy(): void {
    for (const u of this.slices) u.destroy();
  }
}
