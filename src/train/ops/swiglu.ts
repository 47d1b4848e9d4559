// SwiGLU (shaders/swiglu.wgsl): h = silu(gate) ⊙ up over n elements, and dgate/dup from dh.
import { Kernel, ceilDiv } from '../../gpu/index.ts';
import { F32, PlannedDispatch, bind, bindUniform, checkDims, createUniform, grid, type Encodable, type TensorRef } from './common.ts';

const WG = 256;

export interface SwigluShape {
  /** Elements of gate (= up = h), e.g. B·T·intermediate_size. */
  n: number;
}

export class Swiglu {
  private constructor(
    readonly shape: SwigluShape,
    private readonly forwardKernel: Kernel,
    private readonly backwardKernel: Kernel,
    private readonly params: GPUBuffer,
    private readonly workgroups: [number, number],
  ) {}

  static async create(device: GPUDevice, shape: SwigluShape): Promise<Swiglu> {
    checkDims('Swiglu', { n: shape.n });
    const constants = { WG };
    const [f, b] = await Promise.all([
      Kernel.create(device, { file: 'swiglu', entryPoint: 'swiglu_forward', constants }),
      Kernel.create(device, { file: 'swiglu', entryPoint: 'swiglu_backward', constants }),
    ]);
    const params = createUniform(device, 'swiglu:params', [['u32', shape.n]]);
    return new Swiglu(shape, f, b, params, grid(device, ceilDiv(shape.n, WG)));
  }

  bindForward(io: { gate: TensorRef; up: TensorRef; h: TensorRef }): Encodable {
    const bytes = this.shape.n * F32;
    const k = this.forwardKernel;
    return new PlannedDispatch(k, [bindUniform(this.params), bind(k, 'gate', io.gate, bytes), bind(k, 'up', io.up, bytes), bind(k, 'h', io.h, bytes)], this.workgroups, ['h']);
  }

  bindBackward(io: { dh: TensorRef; gate: TensorRef; up: TensorRef; dgate: TensorRef; dup: TensorRef }): Encodable {
    const bytes = this.shape.n * F32;
    const k = this.backwardKernel;
    return new PlannedDispatch(
      k,
      [bindUniform(this.params), bind(k, 'gate', io.gate, bytes), bind(k, 'up', io.up, bytes), bind(k, 'dh', io.dh, bytes), bind(k, 'dgate', io.dgate, bytes), bind(k, 'dup', io.dup, bytes)],
      this.workgroups,
      ['dgate', 'dup'],
    );
  }

  destroy(): void {
    this.params.destroy();
  }
}
