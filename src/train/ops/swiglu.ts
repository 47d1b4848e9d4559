// SwiGLU (shaders/swiglu.wgsl): h = silu(gate) ⊙ up over n elements, and dgate/dup from dh.
import {
  F32,
  Kernel,
  PlannedDispatch,
  ceilDiv,
  checkDims,
  createUniform,
  grid,
  uniform,
  type Encodable,
  type TensorRef,
} from '../../gpu/index.ts';

const WG = 256;
const FORWARD = { params: 'uniform', gate: 'read', up: 'read', h: 'write' } as const;
const BACKWARD = { params: 'uniform', gate: 'read', up: 'read', dh: 'read', dgate: 'write', dup: 'write' } as const;

export interface SwigluShape {
  /** Elements of gate (= up = h), e.g. B·T·intermediate_size. */
  n: number;
}

export class Swiglu {
  private constructor(
    readonly shape: SwigluShape,
    private readonly forwardKernel: Kernel<typeof FORWARD>,
    private readonly backwardKernel: Kernel<typeof BACKWARD>,
    private readonly params: GPUBuffer,
    private readonly workgroups: [number, number],
  ) {}

  static async create(device: GPUDevice, shape: SwigluShape): Promise<Swiglu> {
    checkDims('Swiglu', { n: shape.n });
    const constants = { WG };
    const [f, b] = await Promise.all([
      Kernel.create(device, { file: 'swiglu', entryPoint: 'swiglu_forward', bindings: FORWARD, constants }),
      Kernel.create(device, { file: 'swiglu', entryPoint: 'swiglu_backward', bindings: BACKWARD, constants }),
    ]);
    const params = createUniform(device, 'swiglu:params', [['u32', shape.n]]);
    return new Swiglu(shape, f, b, params, grid(device, ceilDiv(shape.n, WG)));
  }

  bindForward(io: { gate: TensorRef; up: TensorRef; h: TensorRef }): Encodable {
    const bytes = this.shape.n * F32;
    const p = uniform(this.params);
    return new PlannedDispatch(
      this.forwardKernel,
      { params: p, gate: [io.gate, bytes], up: [io.up, bytes], h: [io.h, bytes] },
      this.workgroups,
    );
  }

  bindBackward(io: { dh: TensorRef; gate: TensorRef; up: TensorRef; dgate: TensorRef; dup: TensorRef }): Encodable {
    const bytes = this.shape.n * F32;
    return new PlannedDispatch(
      this.backwardKernel,
      {
        params: uniform(this.params),
        gate: [io.gate, bytes],
        up: [io.up, bytes],
        dh: [io.dh, bytes],
        dgate: [io.dgate, bytes],
        dup: [io.dup, bytes],
      },
      this.workgroups,
    );
  }

  destroy(): void {
    this.params.destroy();
  }
}
