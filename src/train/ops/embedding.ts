// Token embedding (shaders/embedding.wgsl): out [N, C] = table[tokens] and the deterministic scatter-add
// backward dTable (+)= Σ dOut rows per token (see the shader for the two-pass, atomic-free scheme).
import { Kernel, ceilDiv, createBuffer } from '../../gpu/index.ts';
import { F32, PlannedDispatch, bind, bindUniform, checkDims, clearing, createUniform, grid, sequence, type Encodable, type TensorRef } from './common.ts';

const WG = 256;

export interface EmbeddingShape {
  /** Token positions B·T. */
  N: number;
  V: number;
  C: number;
}

export class Embedding {
  private constructor(
    readonly device: GPUDevice,
    readonly shape: EmbeddingShape,
    private readonly fwd: Kernel,
    private readonly links: Kernel,
    private readonly scatter: Kernel,
    private readonly params: GPUBuffer,
    /** Scratch [next (N) | hasPrev (N)] u32, owned here and reused by every backward. */
    private readonly linkBuffer: GPUBuffer,
  ) {}

  static async create(device: GPUDevice, shape: EmbeddingShape): Promise<Embedding> {
    checkDims('Embedding', { N: shape.N, V: shape.V, C: shape.C });
    const make = (entryPoint: string) => Kernel.create(device, { file: 'embedding', entryPoint, constants: { WG } });
    const [f, l, s] = await Promise.all([make('embedding_forward'), make('embedding_links'), make('embedding_scatter')]);
    const params = createUniform(device, 'embedding:params', [['u32', shape.N], ['u32', shape.V], ['u32', shape.C]]);
    const linkBuffer = createBuffer(device, 2 * shape.N * 4, 'embedding:links');
    return new Embedding(device, shape, f, l, s, params, linkBuffer);
  }

  bindForward(io: { tokens: TensorRef; table: TensorRef; out: TensorRef }): Encodable {
    const { N, V, C } = this.shape;
    const k = this.fwd;
    return new PlannedDispatch(
      k,
      [bindUniform(this.params), bind(k, 'tokens', io.tokens, N * 4), bind(k, 'table', io.table, V * C * F32), bind(k, 'out', io.out, N * C * F32)],
      grid(this.device, ceilDiv(N * C, WG)),
      ['out'],
    );
  }

  /** dTable += scatter(dOut) with `accumulate`, else dTable = scatter(dOut) (rows of absent tokens become 0). */
  bindBackward(io: { tokens: TensorRef; dOut: TensorRef; dTable: TensorRef }, options: { accumulate?: boolean } = {}): Encodable {
    const { N, V, C } = this.shape;
    const l = this.links;
    const s = this.scatter;
    const u = bindUniform(this.params);
    const linkPass = new PlannedDispatch(l, [u, bind(l, 'tokens', io.tokens, N * 4), bind(l, 'links', this.linkBuffer, 2 * N * 4)], grid(this.device, ceilDiv(N, WG)));
    const scatterPass = new PlannedDispatch(
      s,
      [u, bind(s, 'tokens', io.tokens, N * 4), bind(s, 'links', this.linkBuffer, 2 * N * 4), bind(s, 'dOut', io.dOut, N * C * F32), bind(s, 'dTable', io.dTable, V * C * F32)],
      grid(this.device, ceilDiv(N * C, WG)),
      ['dTable'],
    );
    const parts = [clearing({ buffer: this.linkBuffer, offset: N * 4 }, N * 4), linkPass, scatterPass];
    if (!options.accumulate) parts.unshift(clearing(io.dTable, V * C * F32));
    return sequence(...parts);
  }

  destroy(): void {
    this.params.destroy();
    this.linkBuffer.destroy();
  }
}
