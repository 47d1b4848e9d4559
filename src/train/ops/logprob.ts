// Per-token log-probabilities of the next token from logits [B·T, V] (shaders/logprob.wgsl), and the
// gradient of L = Σ w·logprob: dlogits = w·(onehot − softmax) on scored rows. The backward may write
// into the logits buffer itself (dlogits === logits) to save a [B·T, V] buffer.
import {
  F32,
  Kernel,
  PlannedDispatch,
  ceilDiv,
  checkDims,
  createBuffer,
  createUniform,
  grid,
  refBuffer,
  refOffset,
  sequence,
  uniform,
  type Encodable,
  type TensorRef,
} from '../../gpu/index.ts';

const WG = 256;
/** Columns per invocation in the forward's first pass. */
const CHUNK = 256;
const PARTIAL = { params: 'uniform', p_logits: 'read', partial: 'write' } as const;
const FINALIZE = {
  params: 'uniform',
  tokens: 'read',
  mask: 'read',
  f_partial: 'read',
  f_logits: 'read',
  logprobs: 'write',
  lse: 'write',
} as const;
const BACKWARD = {
  params: 'uniform',
  tokens: 'read',
  mask: 'read',
  weights: 'read',
  b_lse: 'read',
  b_logits: 'read',
  dlogits: 'write',
} as const;
const BACKWARD_IN_PLACE = {
  params: 'uniform',
  tokens: 'read',
  mask: 'read',
  weights: 'read',
  b_lse: 'read',
  logits_grad: 'write',
} as const;

export interface LogprobShape {
  B: number;
  T: number;
  V: number;
}

export class Logprob {
  private constructor(
    readonly device: GPUDevice,
    readonly shape: LogprobShape,
    private readonly partialKernel: Kernel<typeof PARTIAL>,
    private readonly finalizeKernel: Kernel<typeof FINALIZE>,
    private readonly bwd: Kernel<typeof BACKWARD>,
    private readonly bwdInPlace: Kernel<typeof BACKWARD_IN_PLACE>,
    private readonly params: GPUBuffer,
    /** Per (row, chunk) online (max, Σexp) pairs, owned here and reused by every forward. */
    private readonly partials: GPUBuffer,
  ) {}

  static async create(device: GPUDevice, shape: LogprobShape): Promise<Logprob> {
    const { B, T, V } = shape;
    checkDims('Logprob', { B, T, V });
    const constants = { WG, CHUNK };
    const [p, f, b, bi] = await Promise.all([
      Kernel.create(device, { file: 'logprob', entryPoint: 'logprob_partial', bindings: PARTIAL, constants }),
      Kernel.create(device, { file: 'logprob', entryPoint: 'logprob_finalize', bindings: FINALIZE, constants }),
      Kernel.create(device, { file: 'logprob', entryPoint: 'logprob_backward', bindings: BACKWARD, constants }),
      Kernel.create(device, {
        file: 'logprob',
        entryPoint: 'logprob_backward_inplace',
        bindings: BACKWARD_IN_PLACE,
        constants,
      }),
    ]);
    const chunks = ceilDiv(V, CHUNK);
    const params = createUniform(device, 'logprob:params', [
      ['u32', B * T],
      ['u32', T],
      ['u32', V],
      ['u32', chunks],
    ]);
    const partials = createBuffer(device, B * T * chunks * 2 * F32, 'logprob:partials');
    return new Logprob(device, shape, p, f, b, bi, params, partials);
  }

  private get rows(): number {
    return this.shape.B * this.shape.T;
  }

  /** logprobs [B·T] (0 where not scored) and lse [B·T] (every row). */
  bindForward(io: {
    logits: TensorRef;
    tokens: TensorRef;
    mask: TensorRef;
    logprobs: TensorRef;
    lse: TensorRef;
  }): Encodable {
    const rows = this.rows;
    const chunks = ceilDiv(this.shape.V, CHUNK);
    const logitBytes = rows * this.shape.V * F32;
    const params = uniform(this.params);
    const partials: [GPUBuffer, number] = [this.partials, rows * chunks * 2 * F32];
    const logits: [TensorRef, number] = [io.logits, logitBytes];
    return sequence(
      new PlannedDispatch(
        this.partialKernel,
        { params, p_logits: logits, partial: partials },
        grid(this.device, ceilDiv(rows * chunks, WG)),
      ),
      new PlannedDispatch(
        this.finalizeKernel,
        {
          params,
          tokens: [io.tokens, rows * 4],
          mask: [io.mask, rows * 4],
          f_partial: partials,
          f_logits: logits,
          logprobs: [io.logprobs, rows * F32],
          lse: [io.lse, rows * F32],
        },
        grid(this.device, ceilDiv(rows, WG)),
      ),
    );
  }

  /** dlogits = w·(onehot(target) − softmax), written (not accumulated); in place when dlogits is logits. */
  bindBackward(io: {
    weights: TensorRef;
    logits: TensorRef;
    tokens: TensorRef;
    mask: TensorRef;
    lse: TensorRef;
    dlogits: TensorRef;
  }): Encodable {
    const rows = this.rows;
    const bytes = rows * this.shape.V * F32;
    const inPlace = refBuffer(io.logits) === refBuffer(io.dlogits) && refOffset(io.logits) === refOffset(io.dlogits);
    const common = {
      params: uniform(this.params),
      tokens: [io.tokens, rows * 4],
      mask: [io.mask, rows * 4],
      weights: [io.weights, rows * F32],
      b_lse: [io.lse, rows * F32],
    } as const;
    const workgroups = grid(this.device, ceilDiv(rows * this.shape.V, WG));
    if (inPlace)
      return new PlannedDispatch(this.bwdInPlace, { ...common, logits_grad: [io.logits, bytes] }, workgroups);
    return new PlannedDispatch(
      this.bwd,
      { ...common, b_logits: [io.logits, bytes], dlogits: [io.dlogits, bytes] },
      workgroups,
    );
  }

  destroy(): void {
    this.params.destroy();
    this.partials.destroy();
  }
}
