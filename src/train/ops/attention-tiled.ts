// The register-tiled attention variant (shaders/attention_tiled.wgsl, hd % 4 = 0): T×T scores in a
// scratch buffer owned here, 4×4 / 4×vec4 tiles per invocation. Same inputs, outputs and saved stats
// as the row-wise variant in attention.ts, which picks between them.
import { Kernel, ceilDiv, createBuffer } from '../../gpu/index.ts';
import type { AttentionShape } from './attention.ts';
import { F32, PlannedDispatch, bind, bindUniform, createUniform, grid, sequence, type Encodable, type TensorRef } from './common.ts';

const WG = 64;

type Entry = 'scoresRows' | 'normalize' | 'recompute' | 'rows' | 'cols' | 'delta' | 'ds';

export class AttentionTiled {
  private constructor(
    readonly device: GPUDevice,
    readonly shape: AttentionShape,
    private readonly k: Record<Entry, Kernel>,
    private readonly params: GPUBuffer,
    /** Scores / probabilities / dS for all (batch, head) pairs: [B·nH, T, T] f32. */
    private readonly scratch: GPUBuffer,
  ) {}

  static async create(device: GPUDevice, shape: AttentionShape): Promise<AttentionTiled> {
    const { B, T, nH, nKV, hd } = shape;
    if (hd % 4 !== 0) throw new RangeError(`AttentionTiled: head dimension ${hd} is not a multiple of 4`);
    const make = (entryPoint: string, extra: Record<string, number> = {}) => Kernel.create(device, { file: 'attention_tiled', entryPoint, constants: { WG, ...extra } });
    const [scoresRows, normalize, recompute, rows, cols, delta, ds] = await Promise.all([
      make('attn_scores_rows'),
      make('attn_normalize'),
      make('attn_probs'),
      make('attn_rows_times'),
      make('attn_cols_times'),
      make('attn_delta'),
      make('attn_ds'),
    ]);
    const params = createUniform(device, 'attention-tiled:params', [
      ['u32', B], ['u32', T], ['u32', nH], ['u32', nKV], ['u32', hd / 4], ['u32', nH / nKV], ['f32', 1 / Math.sqrt(hd)], ['u32', ceilDiv(T, 4)],
    ]);
    const scratch = createBuffer(device, B * nH * T * T * F32, 'attention-tiled:scores');
    return new AttentionTiled(device, shape, { scoresRows, normalize, recompute, rows, cols, delta, ds }, params, scratch);
  }

  get savedBytes(): number {
    const { B, T, nH } = this.shape;
    return B * nH * T * 2 * F32;
  }

  /** Bytes of the scratch scores buffer (GPU memory this variant adds). */
  get scratchBytes(): number {
    return this.scratch.size;
  }

  private sizes() {
    const { B, T, nH, nKV, hd } = this.shape;
    const T4 = ceilDiv(T, 4);
    return {
      q: B * T * nH * hd * F32, kv: B * T * nKV * hd * F32, mask: B * T * 4, saved: this.savedBytes, S: B * nH * T * T * F32,
      tiles: grid(this.device, ceilDiv(B * nH * T4 * T4, WG)),
      rowTiles: grid(this.device, ceilDiv(B * nH * T4, WG)),
      elements: grid(this.device, ceilDiv(B * nH * T * T, WG)),
      rowsGrid: grid(this.device, ceilDiv(B * nH * T, WG)),
      qBlocks: grid(this.device, ceilDiv(B * nH * T4 * (hd / 4), WG)),
      kvBlocks: grid(this.device, ceilDiv(B * nKV * T4 * (hd / 4), WG)),
    };
  }

  private scoresPass(kernel: Kernel, io: { q: TensorRef; k: TensorRef; mask: TensorRef; saved: TensorRef }): Encodable {
    const n = this.sizes();
    return new PlannedDispatch(
      kernel,
      [bindUniform(this.params), bind(kernel, 'q', io.q, n.q), bind(kernel, 'k', io.k, n.kv), bind(kernel, 'mask', io.mask, n.mask), bind(kernel, 'saved', io.saved, n.saved), bind(kernel, 'scores', this.scratch, n.S)],
      n.tiles,
      ['scores'],
    );
  }

  bindForward(io: { q: TensorRef; k: TensorRef; v: TensorRef; mask: TensorRef; out: TensorRef; saved: TensorRef }): Encodable {
    const n = this.sizes();
    const u = bindUniform(this.params);
    const { scoresRows: sr, normalize, rows } = this.k;
    return sequence(
      new PlannedDispatch(
        sr,
        [u, bind(sr, 'q', io.q, n.q), bind(sr, 'k', io.k, n.kv), bind(sr, 'mask', io.mask, n.mask), bind(sr, 'saved', io.saved, n.saved), bind(sr, 'scores', this.scratch, n.S)],
        n.rowTiles,
        ['saved', 'scores'],
      ),
      new PlannedDispatch(normalize, [u, bind(normalize, 'scores', this.scratch, n.S), bind(normalize, 'saved', io.saved, n.saved)], n.elements, ['scores']),
      new PlannedDispatch(rows, [u, bind(rows, 'probs', this.scratch, n.S), bind(rows, 'v', io.v, n.kv), bind(rows, 'out', io.out, n.q)], n.qBlocks, ['out']),
    );
  }

  bindBackward(io: {
    dOut: TensorRef; q: TensorRef; k: TensorRef; v: TensorRef; mask: TensorRef; out: TensorRef; saved: TensorRef;
    dq: TensorRef; dk: TensorRef; dv: TensorRef;
  }): Encodable {
    const n = this.sizes();
    const u = bindUniform(this.params);
    const { delta, rows, cols, ds } = this.k;
    return sequence(
      new PlannedDispatch(delta, [u, bind(delta, 'out', io.out, n.q), bind(delta, 'dOut', io.dOut, n.q), bind(delta, 'saved', io.saved, n.saved)], n.rowsGrid, ['saved']),
      this.scoresPass(this.k.recompute, io),
      new PlannedDispatch(cols, [u, bind(cols, 'probs', this.scratch, n.S), bind(cols, 'dOut', io.dOut, n.q), bind(cols, 'dv', io.dv, n.kv)], n.kvBlocks, ['dv']),
      new PlannedDispatch(ds, [u, bind(ds, 'dOut', io.dOut, n.q), bind(ds, 'v', io.v, n.kv), bind(ds, 'saved', io.saved, n.saved), bind(ds, 'scores', this.scratch, n.S)], n.tiles, ['scores']),
      new PlannedDispatch(rows, [u, bind(rows, 'dS', this.scratch, n.S), bind(rows, 'k', io.k, n.kv), bind(rows, 'dq', io.dq, n.q)], n.qBlocks, ['dq']),
      new PlannedDispatch(cols, [u, bind(cols, 'dS', this.scratch, n.S), bind(cols, 'q', io.q, n.q), bind(cols, 'dk', io.dk, n.kv)], n.kvBlocks, ['dk']),
    );
  }

  destroy(): void {
    this.params.destroy();
    this.scratch.destroy();
  }
}
