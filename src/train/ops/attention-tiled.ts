// The register-tiled attention variant (shaders/attention_tiled_{common,fwd,bwd}.wgsl, hd % 4 = 0): T×T probabilities
// in f32 buffers, 4×4 / 4×vec4 tiles per invocation. Same inputs and outputs as the row-wise variant
// in attention.ts, which picks between them. Two ways to get P into the backward:
//   saveProbs = true:  the forward writes P into `saved` (after the row stats), so the backward only
//                      computes dS — B·nH·T·4⌈T/4⌉ f32 more per layer, no recompute;
//   saveProbs = false: `saved` holds the row stats only and the backward recomputes P = exp(q·kᵀ − lse)
//                      into a scratch buffer shared by all layers.
import {
  F32,
  Kernel,
  PlannedDispatch,
  ceilDiv,
  createBuffer,
  createUniform,
  grid,
  refBuffer,
  refOffset,
  sequence,
  shaderSource,
  uniform,
  type Encodable,
  type TensorRef,
} from '../../gpu/index.ts';
import type { AttentionShape } from './attention.ts';

const WG = 64;
/** The probabilities in `saved` start at this alignment (minStorageBufferOffsetAlignment on every adapter we know). */
const ALIGN = 256;

// Bindings per entry point ('P' is the uniform block; the WGSL prefixes keep module-scope names unique).
const SCORES_ROWS = {
  P: 'uniform',
  sc_q: 'read',
  sc_k: 'read',
  sc_mask: 'read',
  sc_stats_w: 'write',
  sc_S: 'write',
} as const;
const NORMALIZE = { P: 'uniform', sm_S: 'write', sm_stats_r: 'write' } as const;
const ROWS_TIMES = { P: 'uniform', mm_S: 'read', mm_rhs: 'read', mm_out: 'write' } as const;
const DELTA = { P: 'uniform', de_out: 'read', de_dout: 'read', de_stats: 'write' } as const;
const PROBS = { P: 'uniform', sc_q: 'read', sc_k: 'read', sc_mask: 'read', sc_stats: 'read', sc_S: 'write' } as const;
const DS = { P: 'uniform', ds_dout: 'read', ds_v: 'read', ds_stats: 'read', ds_P: 'read', ds_dS: 'write' } as const;
const DKV = {
  P: 'uniform',
  kv_P: 'read',
  kv_dS: 'read',
  kv_dout: 'read',
  kv_q: 'read',
  kv_dk: 'write',
  kv_dv: 'write',
} as const;

interface TiledKernels {
  scoresRows: Kernel<typeof SCORES_ROWS>;
  normalize: Kernel<typeof NORMALIZE>;
  rows: Kernel<typeof ROWS_TIMES>;
  delta: Kernel<typeof DELTA>;
  probs: Kernel<typeof PROBS>;
  ds: Kernel<typeof DS>;
  dkv: Kernel<typeof DKV>;
}

/** Bytes of one [B·nH, T, 4·⌈T/4⌉] f32 matrix (rows padded to whole vec4 key blocks). */
export function tiledMatrixBytes({ B, T, nH }: AttentionShape): number {
  return B * nH * T * ceilDiv(T, 4) * 4 * F32;
}

export class AttentionTiled {
  private constructor(
    readonly device: GPUDevice,
    readonly shape: AttentionShape,
    readonly saveProbs: boolean,
    private readonly k: TiledKernels,
    private readonly params: GPUBuffer,
    /** Forward scores → probabilities when P is not saved; recomputed P in the backward. Absent when saved. */
    private readonly scratchP: GPUBuffer | undefined,
    /** dS in the backward (P stays readable for dv). */
    private readonly scratchDs: GPUBuffer,
  ) {}

  static async create(device: GPUDevice, shape: AttentionShape, saveProbs: boolean): Promise<AttentionTiled> {
    const { B, T, nH, nKV, hd } = shape;
    if (hd % 4 !== 0) throw new RangeError(`AttentionTiled: head dimension ${hd} is not a multiple of 4`);
    // One kernel family in three files (declarations + helpers, forward, backward) so each stays readable.
    const prelude = shaderSource('attention_tiled_common');
    const fwd = { file: 'attention_tiled_fwd', constants: { WG }, prelude };
    const bwd = { ...fwd, file: 'attention_tiled_bwd' };
    const [scoresRows, normalize, rows, delta, probs, ds, dkv] = await Promise.all([
      Kernel.create(device, { ...fwd, entryPoint: 'attn_scores_rows', bindings: SCORES_ROWS }),
      Kernel.create(device, { ...fwd, entryPoint: 'attn_normalize', bindings: NORMALIZE }),
      Kernel.create(device, { ...fwd, entryPoint: 'attn_rows_times', bindings: ROWS_TIMES }),
      Kernel.create(device, { ...bwd, entryPoint: 'attn_delta', bindings: DELTA }),
      Kernel.create(device, { ...bwd, entryPoint: 'attn_probs', bindings: PROBS }),
      Kernel.create(device, { ...bwd, entryPoint: 'attn_ds', bindings: DS }),
      Kernel.create(device, { ...bwd, entryPoint: 'attn_dkv', bindings: DKV }),
    ]);
    const params = createUniform(device, 'attention-tiled:params', [
      ['u32', B],
      ['u32', T],
      ['u32', nH],
      ['u32', nKV],
      ['u32', hd / 4],
      ['u32', nH / nKV],
      ['f32', 1 / Math.sqrt(hd)],
      ['u32', ceilDiv(T, 4)],
    ]);
    const bytes = tiledMatrixBytes(shape);
    const scratchP = saveProbs ? undefined : createBuffer(device, bytes, 'attention-tiled:P');
    const scratchDs = createBuffer(device, bytes, 'attention-tiled:dS');
    return new AttentionTiled(
      device,
      shape,
      saveProbs,
      { scoresRows, normalize, rows, delta, probs, ds, dkv },
      params,
      scratchP,
      scratchDs,
    );
  }

  /** Row stats [B·nH·T, 2] f32, padded so that saved probabilities after them stay aligned. */
  private get statsBytes(): number {
    const { B, T, nH } = this.shape;
    return ceilDiv(B * nH * T * 2 * F32, ALIGN) * ALIGN;
  }

  get savedBytes(): number {
    return this.statsBytes + (this.saveProbs ? tiledMatrixBytes(this.shape) : 0);
  }

  /** Bytes of the scratch buffers (GPU memory this variant adds besides `saved`). */
  get scratchBytes(): number {
    return (this.scratchP?.size ?? 0) + this.scratchDs.size;
  }

  private sizes() {
    const { B, T, nH, nKV, hd } = this.shape;
    const T4 = ceilDiv(T, 4);
    return {
      q: B * T * nH * hd * F32,
      kv: B * T * nKV * hd * F32,
      mask: B * T * 4,
      stats: B * nH * T * 2 * F32,
      S: tiledMatrixBytes(this.shape),
      tiles: grid(this.device, ceilDiv(B * nH * ((T4 * (T4 + 1)) / 2), WG)),
      rowTiles: grid(this.device, ceilDiv(B * nH * T4, WG)),
      blocks: grid(this.device, ceilDiv(B * nH * T * T4, WG)),
      rowsGrid: grid(this.device, ceilDiv(B * nH * T, WG)),
      /** rows_times: 4 query rows × 2 vec4 columns of the head dim per invocation. */
      qBlocks: grid(this.device, ceilDiv(B * nH * T4 * ceilDiv(hd / 4, 2), WG)),
      kvBlocks: grid(this.device, ceilDiv(B * nKV * T4 * (hd / 4), WG)),
    };
  }

  /** Where P lives: after the stats in `saved`, or the scratch buffer. */
  private probsRef(saved: TensorRef): TensorRef {
    if (this.scratchP) return this.scratchP;
    return { buffer: refBuffer(saved), offset: refOffset(saved) + this.statsBytes };
  }

  bindForward(io: {
    q: TensorRef;
    k: TensorRef;
    v: TensorRef;
    mask: TensorRef;
    out: TensorRef;
    saved: TensorRef;
  }): Encodable {
    const n = this.sizes();
    const u = uniform(this.params);
    const P: [TensorRef, number, string] = [this.probsRef(io.saved), n.S, 'probabilities'];
    const stats: [TensorRef, number, string] = [io.saved, n.stats, 'saved stats'];
    return sequence(
      new PlannedDispatch(
        this.k.scoresRows,
        { P: u, sc_q: [io.q, n.q], sc_k: [io.k, n.kv], sc_mask: [io.mask, n.mask], sc_stats_w: stats, sc_S: P },
        n.rowTiles,
      ),
      // The stats binding is writable here only because P may share its buffer (WebGPU refuses read + write aliasing).
      new PlannedDispatch(this.k.normalize, { P: u, sm_S: P, sm_stats_r: stats }, n.blocks),
      new PlannedDispatch(this.k.rows, { P: u, mm_S: P, mm_rhs: [io.v, n.kv], mm_out: [io.out, n.q] }, n.qBlocks),
    );
  }

  bindBackward(io: {
    dOut: TensorRef;
    q: TensorRef;
    k: TensorRef;
    v: TensorRef;
    mask: TensorRef;
    out: TensorRef;
    saved: TensorRef;
    dq: TensorRef;
    dk: TensorRef;
    dv: TensorRef;
  }): Encodable {
    const n = this.sizes();
    const u = uniform(this.params);
    const P: [TensorRef, number, string] = [this.probsRef(io.saved), n.S, 'probabilities'];
    const stats: [TensorRef, number, string] = [io.saved, n.stats, 'saved stats'];
    const dS: [TensorRef, number, string] = [this.scratchDs, n.S, 'dS'];
    const dOut: [TensorRef, number] = [io.dOut, n.q];
    const recompute = this.scratchP
      ? [
          new PlannedDispatch(
            this.k.probs,
            { P: u, sc_q: [io.q, n.q], sc_k: [io.k, n.kv], sc_mask: [io.mask, n.mask], sc_stats: stats, sc_S: P },
            n.tiles,
          ),
        ]
      : [];
    return sequence(
      // delta writes D into the stats; with saved P the kernel does not bind P, so no aliasing.
      new PlannedDispatch(this.k.delta, { P: u, de_out: [io.out, n.q], de_dout: dOut, de_stats: stats }, n.rowsGrid),
      ...recompute,
      new PlannedDispatch(
        this.k.ds,
        { P: u, ds_dout: dOut, ds_v: [io.v, n.kv], ds_stats: stats, ds_P: P, ds_dS: dS },
        n.tiles,
      ),
      new PlannedDispatch(
        this.k.dkv,
        { P: u, kv_P: P, kv_dS: dS, kv_dout: dOut, kv_q: [io.q, n.q], kv_dk: [io.dk, n.kv], kv_dv: [io.dv, n.kv] },
        n.kvBlocks,
      ),
      new PlannedDispatch(this.k.rows, { P: u, mm_S: dS, mm_rhs: [io.k, n.kv], mm_out: [io.dq, n.q] }, n.qBlocks),
    );
  }

  destroy(): void {
    this.params.destroy();
    this.scratchP?.destroy();
    this.scratchDs.destroy();
  }
}
