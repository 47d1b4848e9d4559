// Token embedding (shaders/embedding.wgsl): out [N, C] = table[tokens] and the deterministic scatter-add
// backward dTable (+)= Σ dOut rows per token (see the shader for the two-pass, atomic-free scheme).
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

const WG = 256;
const FORWARD = { params: 'uniform', tokens: 'read', table: 'read', out: 'write' } as const;
const LINKS = { params: 'uniform', tokens: 'read', links: 'write' } as const;
const SCATTER = { params: 'uniform', tokens: 'read', s_links: 'read', dOut: 'read', dTable: 'write' } as const;

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
    private readonly fwd: Kernel<typeof FORWARD>,
    private readonly links: Kernel<typeof LINKS>,
    private readonly scatter: Kernel<typeof SCATTER>,
    private readonly params: GPUBuffer,
    /** Scratch [next (N) | hasPrev (N)] u32, owned here and reused by every backward. */
    private readonly linkBuffer: GPUBuffer,
  ) {}

  static async create(device: GPUDevice, shape: EmbeddingShape): Promise<Embedding> {
    checkDims('Embedding', { N: shape.N, V: shape.V, C: shape.C });
    const constants = { WG };
    const [f, l, s] = await Promise.all([
      Kernel.create(device, { file: 'embedding', entryPoint: 'embedding_forward', bindings: FORWARD, constants }),
      Kernel.create(device, { file: 'embedding', entryPoint: 'embedding_links', bindings: LINKS, constants }),
      Kernel.create(device, { file: 'embedding', entryPoint: 'embedding_scatter', bindings: SCATTER, constants }),
    ]);
    const params = createUniform(device, 'embedding:params', [
      ['u32', shape.N],
      ['u32', shape.V],
      ['u32', shape.C],
    ]);
    const linkBuffer = createBuffer(device, 2 * shape.N * 4, 'embedding:links');
    return new Embedding(device, shape, f, l, s, params, linkBuffer);
  }

  bindForward(io: { tokens: TensorRef; table: TensorRef; out: TensorRef }): Encodable {
    const { N, V, C } = this.shape;
    return new PlannedDispatch(
      this.fwd,
      {
        params: uniform(this.params),
        tokens: [io.tokens, N * 4],
        table: [io.table, V * C * F32],
        out: [io.out, N * C * F32],
      },
      grid(this.device, ceilDiv(N * C, WG)),
    );
  }

  /** dTable += scatter(dOut) with `accumulate`, else dTable = scatter(dOut) (rows of absent tokens become 0). */
  bindBackward(
    io: { tokens: TensorRef; dOut: TensorRef; dTable: TensorRef },
    options: { accumulate?: boolean } = {},
  ): Encodable {
    const { N, V, C } = this.shape;
    const params = uniform(this.params);
    const links: [GPUBuffer, number] = [this.linkBuffer, 2 * N * 4];
    const linkPass = new PlannedDispatch(
      this.links,
      { params, tokens: [io.tokens, N * 4], links },
      grid(this.device, ceilDiv(N, WG)),
    );
    const scatterPass = new PlannedDispatch(
      this.scatter,
      {
        params,
        tokens: [io.tokens, N * 4],
        s_links: links,
        dOut: [io.dOut, N * C * F32],
        dTable: [io.dTable, V * C * F32],
      },
      grid(this.device, ceilDiv(N * C, WG)),
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
