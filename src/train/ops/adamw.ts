// AdamW (shaders/adamw.wgsl): one planned dispatch per tensor; lr / step / grad scale live in one
// uniform rewritten by setHyper (no allocation). Reads the stats block: a set non-finite flag skips
// the whole update on the GPU, and (by default) the global clip scale multiplies the gradient.
import {
  F32,
  Kernel,
  PlannedDispatch,
  ceilDiv,
  checkDims,
  createUniform,
  grid,
  uniform,
  uniformWords,
  type Encodable,
  type TensorRef,
} from '../../gpu/index.ts';
import { GRAD_STATS_BYTES } from './grad-stats.ts';

const WG = 256;
const STEP = {
  hyper: 'uniform',
  tensor: 'uniform',
  stats: 'read',
  p: 'write',
  g: 'read',
  m: 'write',
  v: 'write',
} as const;

export interface AdamwHyperParams {
  lr: number;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** 1-based step for bias correction. */
  step: number;
  /** Extra gradient scale (default 1); multiplied with the stats clip scale when that is enabled. */
  gradScale?: number;
}

export interface AdamwTensor {
  param: TensorRef;
  grad: TensorRef;
  m: TensorRef;
  v: TensorRef;
  /** Elements. */
  size: number;
  /** Apply decoupled weight decay (2-D weights yes, norm weights no). */
  decay: boolean;
  /** Label for binding errors. */
  name?: string;
}

export class Adamw {
  private readonly tensorUniforms: GPUBuffer[] = [];

  private constructor(
    readonly device: GPUDevice,
    private readonly kernel: Kernel<typeof STEP>,
    private readonly hyper: GPUBuffer,
  ) {}

  /** `clipScaleFromStats` (default true): multiply gradients by the stats block's clip scale. */
  static async create(device: GPUDevice, options: { clipScaleFromStats?: boolean } = {}): Promise<Adamw> {
    const constants = { WG, USE_STATS_SCALE: options.clipScaleFromStats === false ? 0 : 1 };
    const kernel = await Kernel.create(device, { file: 'adamw', entryPoint: 'adamw_step', bindings: STEP, constants });
    const hyper = createUniform(device, 'adamw:hyper', new Array(8).fill(['f32', 0]));
    return new Adamw(device, kernel, hyper);
  }

  /** Writes this step's hyper-parameters (bias corrections computed here in float64). */
  setHyper(h: AdamwHyperParams): void {
    if (!Number.isInteger(h.step) || h.step < 1)
      throw new RangeError(`Adamw.setHyper: step must be an integer >= 1, got ${h.step}`);
    const words = uniformWords([
      ['f32', h.lr],
      ['f32', h.beta1],
      ['f32', h.beta2],
      ['f32', h.eps],
      ['f32', h.weightDecay],
      ['f32', 1 - Math.pow(h.beta1, h.step)],
      ['f32', 1 - Math.pow(h.beta2, h.step)],
      ['f32', h.gradScale ?? 1],
    ]);
    this.device.queue.writeBuffer(this.hyper, 0, new Uint8Array(words));
  }

  /** Plans the update of one tensor (bind groups and its small uniform made now, reused every step). */
  bindTensor(t: AdamwTensor, stats: TensorRef): Encodable {
    const name = t.name ?? `tensor${this.tensorUniforms.length}`;
    checkDims('Adamw', { [`${name}.size`]: t.size });
    const u = createUniform(this.device, `adamw:${name}`, [
      ['u32', t.size],
      ['u32', t.decay ? 1 : 0],
    ]);
    this.tensorUniforms.push(u);
    const bytes = t.size * F32;
    return new PlannedDispatch(
      this.kernel,
      {
        hyper: uniform(this.hyper),
        tensor: [u, u.size, `${name}:tensor`],
        stats: [stats, GRAD_STATS_BYTES],
        p: [t.param, bytes, `${name}.param`],
        g: [t.grad, bytes, `${name}.grad`],
        m: [t.m, bytes, `${name}.m`],
        v: [t.v, bytes, `${name}.v`],
      },
      grid(this.device, ceilDiv(t.size, WG)),
    );
  }

  destroy(): void {
    this.hyper.destroy();
    for (const u of this.tensorUniforms) u.destroy();
    this.tensorUniforms.length = 0;
  }
}
