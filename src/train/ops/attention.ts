// Causal GQA attention with a key padding mask. Attention.create picks a variant (see AttentionVariant):
// the row-wise one here (shaders/attention.wgsl, online softmax, nothing T×T) or the register-tiled
// one (attention-tiled.ts). Between forward and backward both save per-row statistics —
// (logsumexp, D = dOut·out) as [B, nH, T, 2] f32 — and 'tiled' also the probabilities themselves;
// the others recompute them in the backward.
import {
  F32,
  Kernel,
  PlannedDispatch,
  ceilDiv,
  checkDims,
  createUniform,
  grid,
  sequence,
  uniform,
  type Encodable,
  type TensorRef,
} from '../../gpu/index.ts';
import { AttentionTiled, tiledMatrixBytes } from './attention-tiled.ts';

const WG = 64;
const INPUTS = { params: 'uniform', q: 'read', k: 'read', v: 'read', mask: 'read' } as const;
const FORWARD = { ...INPUTS, out: 'write', stats: 'write' } as const;
const BACKWARD_DQ = { ...INPUTS, q_out: 'read', q_dout: 'read', q_stats: 'write', dq: 'write' } as const;
const BACKWARD_DKV = { ...INPUTS, kv_dout: 'read', kv_stats: 'read', dk: 'write', dv: 'write' } as const;
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
  bindForward(io: {
    q: TensorRef;
    k: TensorRef;
    v: TensorRef;
    mask: TensorRef;
    out: TensorRef;
    saved: TensorRef;
  }): Encodable;
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
    private readonly fwd: Kernel<typeof FORWARD>,
    private readonly bwdDq: Kernel<typeof BACKWARD_DQ>,
    private readonly bwdDkv: Kernel<typeof BACKWARD_DKV>,
    private readonly params: GPUBuffer,
  ) {}

  static async create(
    device: GPUDevice,
    shape: AttentionShape,
    variant: AttentionVariant = 'auto',
  ): Promise<AttentionOp> {
    const { B, T, nH, nKV, hd } = shape;
    checkDims('Attention', { B, T, nH, nKV, hd });
    if (nH % nKV !== 0) throw new RangeError(`Attention: nH ${nH} is not a multiple of nKV ${nKV}`);
    if (hd > ATTENTION_MAX_HEAD_DIM)
      throw new RangeError(`Attention: head dimension ${hd} exceeds the kernel's ${ATTENTION_MAX_HEAD_DIM}`);
    if (hd % 2 !== 0) throw new RangeError(`Attention: head dimension ${hd} must be even`);
    const matrix = tiledMatrixBytes(shape);
    const chosen =
      variant !== 'auto'
        ? variant
        : hd % 4 !== 0
          ? 'rowwise'
          : matrix <= AUTO_SAVE_PROBS_MAX
            ? 'tiled'
            : matrix <= AUTO_TILED_SCRATCH_MAX
              ? 'tiled-recompute'
              : 'rowwise';
    if (chosen !== 'rowwise') return AttentionTiled.create(device, shape, chosen === 'tiled');
    const prelude = headPrelude(hd);
    const options = { file: 'attention', constants: { WG }, prelude };
    const [f, dq, dkv] = await Promise.all([
      Kernel.create(device, { ...options, entryPoint: 'attention_forward', bindings: FORWARD }),
      Kernel.create(device, { ...options, entryPoint: 'attention_backward_dq', bindings: BACKWARD_DQ }),
      Kernel.create(device, { ...options, entryPoint: 'attention_backward_dkv', bindings: BACKWARD_DKV }),
    ]);
    const params = createUniform(device, 'attention:params', [
      ['u32', B],
      ['u32', T],
      ['u32', nH],
      ['u32', nKV],
      ['u32', hd],
      ['u32', nH / nKV],
      ['f32', 1 / Math.sqrt(hd)],
      ['u32', 0],
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

  /** The bindings every entry point shares (uniform, q, k, v, mask). */
  private inputs(io: { q: TensorRef; k: TensorRef; v: TensorRef; mask: TensorRef }) {
    const n = this.bytes;
    return {
      params: uniform(this.params),
      q: [io.q, n.q],
      k: [io.k, n.kv],
      v: [io.v, n.kv],
      mask: [io.mask, n.mask],
    } as const;
  }

  bindForward(io: {
    q: TensorRef;
    k: TensorRef;
    v: TensorRef;
    mask: TensorRef;
    out: TensorRef;
    saved: TensorRef;
  }): Encodable {
    const n = this.bytes;
    const { B, T, nH } = this.shape;
    return new PlannedDispatch(
      this.fwd,
      { ...this.inputs(io), out: [io.out, n.q], stats: [io.saved, n.saved, 'saved'] },
      grid(this.device, ceilDiv(B * nH * ceilDiv(T, BLOCK), WG)),
    );
  }

  /** Writes dq, dk, dv (not accumulated). `out` and `saved` are the forward's. */
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
    const n = this.bytes;
    const { B, T, nH, nKV } = this.shape;
    const inputs = this.inputs(io);
    const dOut: [TensorRef, number, string] = [io.dOut, n.q, 'dOut'];
    const saved: [TensorRef, number, string] = [io.saved, n.saved, 'saved'];
    const dqPass = new PlannedDispatch(
      this.bwdDq,
      { ...inputs, q_out: [io.out, n.q, 'out'], q_dout: dOut, q_stats: saved, dq: [io.dq, n.q] },
      grid(this.device, ceilDiv(B * nH * ceilDiv(T, BLOCK), WG)),
    );
    const dkvPass = new PlannedDispatch(
      this.bwdDkv,
      { ...inputs, kv_dout: dOut, kv_stats: saved, dk: [io.dk, n.kv], dv: [io.dv, n.kv] },
      grid(this.device, ceilDiv(B * nKV * ceilDiv(T, BLOCK), WG)),
    );
    // dq first: it writes D into `saved`, which dk/dv read.
    return sequence(dqPass, dkvPass);
  }

  destroy(): void {
    this.params.destroy();
  }
}
