// Per-token log-probabilities of the next token from logits [B·T, V] (shaders/logprob.wgsl), and the
// gradient of L = Σ w·logprob: dlogits = w·(onehot − softmax) on scored rows. The backward may write
// into the logits buffer itself (dlogits === logits) to save a [B·T, V] buffer.
import { Kernel, ceilDiv, createBuffer } from '../../gpu/index.ts';
import { F32, PlannedDispatch, bind, bindUniform, checkDims, createUniform, grid, refBuffer, refOffset, sequence, type Encodable, type TensorRef } from './common.ts';

const WG = 256;
/** Columns per invocation in the forward's first pass. */
const CHUNK = 256;

export interface LogprobShape {
  B: number;
  T: number;
  V: number;
}

export class Logprob {
  private constructor(
    readonly device: GPUDevice,
    readonly shape: LogprobShape,
    private readonly partialKernel: Kernel,
    private readonly finalizeKernel: Kernel,
    private readonly bwd: Kernel,
    private readonly bwdInPlace: Kernel,
    private readonly params: GPUBuffer,
    /** Per (row, chunk) online (max, Σexp) pairs, owned here and reused by every forward. */
    private readonly partials: GPUBuffer,
  ) {}

  static async create(device: GPUDevice, shape: LogprobShape): Promise<Logprob> {
    const { B, T, V } = shape;
    checkDims('Logprob', { B, T, V });
    const make = (entryPoint: string) => Kernel.create(device, { file: 'logprob', entryPoint, constants: { WG, CHUNK } });
    const [p, f, b, bi] = await Promise.all([make('logprob_partial'), make('logprob_finalize'), make('logprob_backward'), make('logprob_backward_inplace')]);
    const chunks = ceilDiv(V, CHUNK);
    const params = createUniform(device, 'logprob:params', [['u32', B * T], ['u32', T], ['u32', V], ['u32', chunks]]);
    const partials = createBuffer(device, B * T * chunks * 2 * F32, 'logprob:partials');
    return new Logprob(device, shape, p, f, b, bi, params, partials);
  }

  private get rows(): number {
    return this.shape.B * this.shape.T;
  }

  /** logprobs [B·T] (0 where not scored) and lse [B·T] (every row). */
  bindForward(io: { logits: TensorRef; tokens: TensorRef; mask: TensorRef; logprobs: TensorRef; lse: TensorRef }): Encodable {
    const rows = this.rows;
    const chunks = ceilDiv(this.shape.V, CHUNK);
    const logitBytes = rows * this.shape.V * F32;
    const u = bindUniform(this.params);
    const p = this.partialKernel;
    const f = this.finalizeKernel;
    const partialBytes = rows * chunks * 2 * F32;
    return sequence(
      new PlannedDispatch(p, [u, bind(p, 'logits', io.logits, logitBytes), bind(p, 'partials', this.partials, partialBytes)], grid(this.device, ceilDiv(rows * chunks, WG))),
      new PlannedDispatch(
        f,
        [u, bind(f, 'tokens', io.tokens, rows * 4), bind(f, 'mask', io.mask, rows * 4), bind(f, 'partials', this.partials, partialBytes), bind(f, 'logits', io.logits, logitBytes), bind(f, 'logprobs', io.logprobs, rows * F32), bind(f, 'lse', io.lse, rows * F32)],
        grid(this.device, ceilDiv(rows, WG)),
        ['logprobs', 'lse'],
      ),
    );
  }

  /** dlogits = w·(onehot(target) − softmax), written (not accumulated); in place when dlogits is logits. */
  bindBackward(io: { weights: TensorRef; logits: TensorRef; tokens: TensorRef; mask: TensorRef; lse: TensorRef; dlogits: TensorRef }): Encodable {
    const rows = this.rows;
    const bytes = rows * this.shape.V * F32;
    const inPlace = refBuffer(io.logits) === refBuffer(io.dlogits) && refOffset(io.logits) === refOffset(io.dlogits);
    const k = inPlace ? this.bwdInPlace : this.bwd;
    const common = [bindUniform(this.params), bind(k, 'tokens', io.tokens, rows * 4), bind(k, 'mask', io.mask, rows * 4), bind(k, 'weights', io.weights, rows * F32), bind(k, 'lse', io.lse, rows * F32)];
    const tensors = inPlace ? [bind(k, 'logits', io.logits, bytes)] : [bind(k, 'logits', io.logits, bytes), bind(k, 'dlogits', io.dlogits, bytes)];
    return new PlannedDispatch(k, [...common, ...tensors], grid(this.device, ceilDiv(rows * this.shape.V, WG)), [inPlace ? 'logits' : 'dlogits']);
  }

  destroy(): void {
    this.params.destroy();
    this.partials.destroy();
  }
}
