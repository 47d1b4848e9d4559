// The register-tiled attention variant (shaders/attention_tiled_{common,fwd,bwd}.wgsl, hd % 4 = 0): T×T probabilities
// in f32 buffers, 4×4 / 4×vec4 tiles per invocation. Same inputs and outputs as the row-wise variant
// in attention.ts, which picks between them. Two ways to get P into the backward:
//   saveProbs = true:  the forward writes P into `saved` (after the row stats), so the backward only
//                      computes dS — B·nH·T·4⌈T/4⌉ f32 more per layer, no recompute;
//   saveProbs = false: `saved` holds the row stats only and the backward recomputes P = exp(q·kᵀ − lse)
//                      into a scratch buffer shared by all layers.
import { Kernel, ceilDiv, createBuffer, shaderSource } from '../../gpu/index.ts';
import type { AttentionShape } from './attention.ts';
import { F32, PlannedDispatch, bind, bindUniform, createUniform, grid, refBuffer, refOffset, sequence, type Encodable, type TensorRef } from './common.ts';

const WG = 64;
/** The probabilities in `saved` start at this alignment (minStorageBufferOffsetAlignment on every adapter we know). */
const ALIGN = 256;

type Entry = 'scoresRows' | 'normalize' | 'rows' | 'delta' | 'probs' | 'ds' | 'dkv';

/** Bytes of one [B·nH, T, 4·⌈T/4⌉] f32 matrix (rows padded to whole vec4 key blocks). */
export function tiledMatrixBytes({ B, T, nH }: AttentionShape): number {
  return B * nH * T * ceilDiv(T, 4) * 4 * F32;
}

export class AttentionTiled {
  private constructor(
    readonly device: GPUDevice,
    readonly shape: AttentionShape,
    readonly saveProbs: boolean,
    private readonly k: Record<Entry, Kernel>,
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
    const make = (entryPoint: string, file = 'attention_tiled_fwd') => Kernel.create(device, { file, entryPoint, constants: { WG }, prelude });
    const [scoresRows, normalize, rows, delta, probs, ds, dkv] = await Promise.all([
      make('attn_scores_rows'),
      make('attn_normalize'),
      make('attn_rows_times'),
      make('attn_delta', 'attention_tiled_bwd'),
      make('attn_probs', 'attention_tiled_bwd'),
      make('attn_ds', 'attention_tiled_bwd'),
      make('attn_dkv', 'attention_tiled_bwd'),
    ]);
    const params = createUniform(device, 'attention-tiled:params', [
      ['u32', B], ['u32', T], ['u32', nH], ['u32', nKV], ['u32', hd / 4], ['u32', nH / nKV], ['f32', 1 / Math.sqrt(hd)], ['u32', ceilDiv(T, 4)],
    ]);
    const bytes = tiledMatrixBytes(shape);
    const scratchP = saveProbs ? undefined : createBuffer(device, bytes, 'attention-tiled:P');
    const scratchDs = createBuffer(device, bytes, 'attention-tiled:dS');
    return new AttentionTiled(device, shape, saveProbs, { scoresRows, normalize, rows, delta, probs, ds, dkv }, params, scratchP, scratchDs);
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
      q: B * T * nH * hd * F32, kv: B * T * nKV * hd * F32, mask: B * T * 4, stats: B * nH * T * 2 * F32, S: tiledMatrixBytes(this.shape),
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

  bindForward(io: { q: TensorRef; k: TensorRef; v: TensorRef; mask: TensorRef; out: TensorRef; saved: TensorRef }): Encodable {
    const n = this.sizes();
    const u = bindUniform(this.params);
    const { scoresRows: sr, normalize, rows } = this.k;
    const P = this.probsRef(io.saved);
    return sequence(
      new PlannedDispatch(
        sr,
        [u, bind(sr, 'q', io.q, n.q), bind(sr, 'k', io.k, n.kv), bind(sr, 'mask', io.mask, n.mask), bind(sr, 'stats', io.saved, n.stats), bind(sr, 'scores', P, n.S)],
        n.rowTiles,
        ['stats', 'scores'],
      ),
      // The stats binding is writable here only because P may share its buffer (WebGPU refuses read + write aliasing).
      new PlannedDispatch(normalize, [u, bind(normalize, 'scores', P, n.S), bind(normalize, 'stats', io.saved, n.stats)], n.blocks, ['scores', 'stats']),
      new PlannedDispatch(rows, [u, bind(rows, 'probs', P, n.S), bind(rows, 'v', io.v, n.kv), bind(rows, 'out', io.out, n.q)], n.qBlocks, ['out']),
    );
  }

  bindBackward(io: {
    dOut: TensorRef; q: TensorRef; k: TensorRef; v: TensorRef; mask: TensorRef; out: TensorRef; saved: TensorRef;
    dq: TensorRef; dk: TensorRef; dv: TensorRef;
  }): Encodable {
    const n = this.sizes();
    const u = bindUniform(this.params);
    const { delta, rows, probs: pr, ds, dkv } = this.k;
    const P = this.probsRef(io.saved);
    const recompute = this.scratchP
      ? [new PlannedDispatch(
          pr,
          [u, bind(pr, 'q', io.q, n.q), bind(pr, 'k', io.k, n.kv), bind(pr, 'mask', io.mask, n.mask), bind(pr, 'stats', io.saved, n.stats), bind(pr, 'P', this.scratchP, n.S)],
          n.tiles,
          ['P'],
        )]
      : [];
    return sequence(
      // delta writes D into the stats; with saved P the kernel does not bind P, so no aliasing.
      new PlannedDispatch(delta, [u, bind(delta, 'out', io.out, n.q), bind(delta, 'dOut', io.dOut, n.q), bind(delta, 'stats', io.saved, n.stats)], n.rowsGrid, ['stats']),
      ...recompute,
      new PlannedDispatch(
        ds,
        [u, bind(ds, 'dOut', io.dOut, n.q), bind(ds, 'v', io.v, n.kv), bind(ds, 'stats', io.saved, n.stats), bind(ds, 'P', P, n.S), bind(ds, 'dS', this.scratchDs, n.S)],
        n.tiles,
        ['dS'],
      ),
      new PlannedDispatch(
        dkv,
        [u, bind(dkv, 'P', P, n.S), bind(dkv, 'dS', this.scratchDs, n.S), bind(dkv, 'dOut', io.dOut, n.q), bind(dkv, 'q', io.q, n.q), bind(dkv, 'dk', io.dk, n.kv), bind(dkv, 'dv', io.dv, n.kv)],
        n.kvBlocks,
        ['dk', 'dv'],
      ),
      new PlannedDispatch(rows, [u, bind(rows, 'dS', this.scratchDs, n.S), bind(rows, 'k', io.k, n.kv), bind(rows, 'dq', io.dq, n.q)], n.qBlocks, ['dq']),
    );
  }

  destroy(): void {
    this.params.destroy();
    this.scratchP?.destroy();
    this.scratchDs.destroy();
  }
}
