// Causal GQA attention with a key padding mask. Attention.create picks a variant (see AttentionVariant):
// the row-wise one here (shaders/attention.wgsl, online softmax, nothing T×T) or the register-tiled
// one (attention-tiled.ts). Between forward and backward both save per-row statistics —
// (logsumexp, D = dOut·out) as [B, nH, T, 2] f32 — and 'tiled' also the probabilities themselves;
// the others recompute them in the backward.
import { Kernel, ceilDiv } from '../../gpu/index.ts';
import { AttentionTiled, tiledMatrixBytes } from './attention-tiled.ts';
import { F32, PlannedDispatch, bind, bindUniform, checkDims, createUniform, grid, sequence, type Encodable, type TensorRef } from './common.ts';

const WG = 64;
/** Per-invocation row buffers hold a few head vectors; beyond this they would not fit in registers at all. */
export const ATTENTION_MAX_HEAD_DIM = 256;

/** Consecutive queries (or keys) per invocation: each loaded k/v (or q/dOut) row is reused this often. */
const BLOCK = 4;

/** Compile-time head dimension and block for the shader: vec4 rows when hd % 4 = 0, else vec2 (hd is even). */
function headPrelude(hd: number): string {
  const width = hd % 4 === 0 ? 4 : 2;
  return `alias VT = vec${width}<f32>;\nconst HDV: u32 = ${hd / width}u;\nconst BLOCK: u32 = ${BLOCK}u;`;
}

export interface AttentionShape {
  B: number;
  T: number;
  nH: number;
  nKV: number;
  hd: number;
}

/** Common surface of both variants (what the Trainer binds). */
export interface AttentionOp {
  readonly shape: AttentionShape;
  readonly savedBytes: number;
  bindForward(io: { q: TensorRef; k: TensorRef; v: TensorRef; mask: TensorRef; out: TensorRef; saved: TensorRef }): Encodable;
  bindBackward(io: {
    dOut: TensorRef; q: TensorRef; k: TensorRef; v: TensorRef; mask: TensorRef; out: TensorRef; saved: TensorRef;
    dq: TensorRef; dk: TensorRef; dv: TensorRef;
  }): Encodable;
  destroy(): void;
}

/**
 * 'tiled' (hd % 4 = 0; shaders/attention_tiled_*.wgsl) runs as register-tiled matmul-like passes over
 * B·nH·T² f32 matrices — several times faster on CPU adapters — and saves the probabilities per layer
 * (savedBytes grows by B·nH·T·4⌈T/4⌉·4); 'tiled-recompute' is the same without saving them (the
 * backward recomputes P; scratch shared by all layers); 'rowwise' (shaders/attention.wgsl) stores
 * nothing T×T. 'auto' = tiled when hd % 4 = 0 and the probabilities take at most 32 MiB per layer,
 * else tiled-recompute when its scratch buffers take at most 256 MiB each, else rowwise.
 */
export type AttentionVariant = 'auto' | 'tiled' | 'tiled-recompute' | 'rowwise';

/** Largest per-layer probability matrix 'auto' saves (bytes); beyond it the backward recomputes. */
const AUTO_SAVE_PROBS_MAX = 32 * 2 ** 20;
/** Largest scratch matrix 'auto' allows the tiled variants (bytes). */
const AUTO_TILED_SCRATCH_MAX = 256 * 2 ** 20;

export class Attention implements AttentionOp {
  private constructor(
    readonly device: GPUDevice,
    readonly shape: AttentionShape,
    private readonly fwd: Kernel,
    private readonly bwdDq: Kernel,
    private readonly bwdDkv: Kernel,
    private readonly params: GPUBuffer,
  ) {}

  static async create(device: GPUDevice, shape: AttentionShape, variant: AttentionVariant = 'auto'): Promise<AttentionOp> {
    const { B, T, nH, nKV, hd } = shape;
    checkDims('Attention', { B, T, nH, nKV, hd });
    if (nH % nKV !== 0) throw new RangeError(`Attention: nH ${nH} is not a multiple of nKV ${nKV}`);
    if (hd > ATTENTION_MAX_HEAD_DIM) throw new RangeError(`Attention: head dimension ${hd} exceeds the kernel's ${ATTENTION_MAX_HEAD_DIM}`);
    if (hd % 2 !== 0) throw new RangeError(`Attention: head dimension ${hd} must be even`);
    const matrix = tiledMatrixBytes(shape);
    const chosen = variant !== 'auto' ? variant
      : hd % 4 !== 0 ? 'rowwise'
      : matrix <= AUTO_SAVE_PROBS_MAX ? 'tiled'
      : matrix <= AUTO_TILED_SCRATCH_MAX ? 'tiled-recompute'
      : 'rowwise';
    if (chosen !== 'rowwise') return AttentionTiled.create(device, shape, chosen === 'tiled');
    const prelude = headPrelude(hd);
    const make = (entryPoint: string) => Kernel.create(device, { file: 'attention', entryPoint, constants: { WG }, prelude });
    const [f, dq, dkv] = await Promise.all([make('attention_forward'), make('attention_backward_dq'), make('attention_backward_dkv')]);
    const params = createUniform(device, 'attention:params', [
      ['u32', B], ['u32', T], ['u32', nH], ['u32', nKV], ['u32', hd], ['u32', nH / nKV], ['f32', 1 / Math.sqrt(hd)], ['u32', 0],
    ]);
    return new Attention(device, shape, f, dq, dkv, params);
  }

  /** Bytes of the per-row statistics the forward saves for the backward. */
  get savedBytes(): number {
    const { B, T, nH } = this.shape;
    return B * nH * T * 2 * F32;
  }

  private get bytes() {
    const { B, T, nH, nKV, hd } = this.shape;
    return { q: B * T * nH * hd * F32, kv: B * T * nKV * hd * F32, mask: B * T * 4, saved: this.savedBytes };
  }

  bindForward(io: { q: TensorRef; k: TensorRef; v: TensorRef; mask: TensorRef; out: TensorRef; saved: TensorRef }): Encodable {
    const n = this.bytes;
    const { B, T, nH } = this.shape;
    const f = this.fwd;
    return new PlannedDispatch(
      f,
      [bindUniform(this.params), bind(f, 'q', io.q, n.q), bind(f, 'k', io.k, n.kv), bind(f, 'v', io.v, n.kv), bind(f, 'mask', io.mask, n.mask), bind(f, 'out', io.out, n.q), bind(f, 'saved', io.saved, n.saved)],
      grid(this.device, ceilDiv(B * nH * ceilDiv(T, BLOCK), WG)),
      ['out', 'saved'],
    );
  }

  /** Writes dq, dk, dv (not accumulated). `out` and `saved` are the forward's. */
  bindBackward(io: {
    dOut: TensorRef; q: TensorRef; k: TensorRef; v: TensorRef; mask: TensorRef; out: TensorRef; saved: TensorRef;
    dq: TensorRef; dk: TensorRef; dv: TensorRef;
  }): Encodable {
    const n = this.bytes;
    const { B, T, nH, nKV } = this.shape;
    const u = bindUniform(this.params);
    const a = this.bwdDq;
    const dqPass = new PlannedDispatch(
      a,
      [u, bind(a, 'q', io.q, n.q), bind(a, 'k', io.k, n.kv), bind(a, 'v', io.v, n.kv), bind(a, 'mask', io.mask, n.mask), bind(a, 'out', io.out, n.q), bind(a, 'dOut', io.dOut, n.q), bind(a, 'saved', io.saved, n.saved), bind(a, 'dq', io.dq, n.q)],
      grid(this.device, ceilDiv(B * nH * ceilDiv(T, BLOCK), WG)),
      ['saved', 'dq'],
    );
    const b = this.bwdDkv;
    const dkvPass = new PlannedDispatch(
      b,
      [u, bind(b, 'q', io.q, n.q), bind(b, 'k', io.k, n.kv), bind(b, 'v', io.v, n.kv), bind(b, 'mask', io.mask, n.mask), bind(b, 'dOut', io.dOut, n.q), bind(b, 'saved', io.saved, n.saved), bind(b, 'dk', io.dk, n.kv), bind(b, 'dv', io.dv, n.kv)],
      grid(this.device, ceilDiv(B * nKV * ceilDiv(T, BLOCK), WG)),
      ['dk', 'dv'],
    );
    // dq first: it writes D into `saved`, which dk/dv read.
    return sequence(dqPass, dkvPass);
  }

  destroy(): void {
    this.params.destroy();
  }
}
