// TrainKernels / OptimizerKernels on top of the kernel wrappers (src/gpu/matmul.ts, src/train/ops/*):
// compiles each family once for (config, B, T) and binds it to the Trainer's buffers at plan time.
import type { LlamaConfig } from '../model/config.ts';
import { Matmul, type MatmulSpec } from '../gpu/matmul.ts';
import { headDim } from '../model/config.ts';
import { Attention } from './ops/attention.ts';
import { Embedding } from './ops/embedding.ts';
import { Logprob } from './ops/logprob.ts';
import { Rmsnorm } from './ops/rmsnorm.ts';
import { Rope } from './ops/rope.ts';
import { Swiglu } from './ops/swiglu.ts';
import { Adamw } from './ops/adamw.ts';
import { GradNorm } from './ops/gradnorm.ts';
import { NonFinite } from './ops/nonfinite.ts';
import { sequence } from './ops/common.ts';
import type { Encodable, LinearShape, OptimizerKernels, TrainKernels } from './kernels.ts';
import type { OptimizerOptions } from './options.ts';

/** Matmuls are cached by spec: a transformer reuses a handful of shapes many times. */
class MatmulCache {
  private readonly byKey = new Map<string, Promise<Matmul>>();
  constructor(private readonly device: GPUDevice) {}
  get(spec: MatmulSpec): Promise<Matmul> {
    const key = JSON.stringify(spec);
    let m = this.byKey.get(key);
    if (!m) this.byKey.set(key, (m = Matmul.create(this.device, spec)));
    return m;
  }
  async destroy(): Promise<void> {
    for (const m of this.byKey.values()) (await m).destroy();
  }
}

export type KernelSet = TrainKernels & { destroy(): void };

export async function createKernelSet(device: GPUDevice, cfg: LlamaConfig, B: number, T: number): Promise<KernelSet> {
  const N = B * T;
  const I = cfg.intermediate_size;
  const mm = new MatmulCache(device);
  const swiglu = await Swiglu.create(device, { n: N * I });
  const ops = await createFamilyKernels(device, cfg, B, T);

  return {
    ...ops,
    // y = x·Wᵀ: x [rows, in], W [out, in] → 'nt' with M = rows, N = out, K = in.
    async linearForward(s: LinearShape, io, accumulate): Promise<Encodable> {
      return (await mm.get({ M: s.rows, N: s.outDim, K: s.inDim, variant: 'nt', accumulate })).bind({ a: io.x, b: io.w, c: io.y });
    },
    // dx = dy·W: dy [rows, out], W [out, in] → 'nn' with M = rows, N = in, K = out.
    async linearBackwardInput(s: LinearShape, io, accumulate): Promise<Encodable> {
      return (await mm.get({ M: s.rows, N: s.inDim, K: s.outDim, variant: 'nn', accumulate })).bind({ a: io.dy, b: io.w, c: io.dx });
    },
    // dW += dyᵀ·x: dy [rows, out] (as Aᵀ), x [rows, in] → 'tn' with M = out, N = in, K = rows.
    async linearBackwardWeight(s: LinearShape, io): Promise<Encodable> {
      return (await mm.get({ M: s.outDim, N: s.inDim, K: s.rows, variant: 'tn', accumulate: true })).bind({ a: io.dy, b: io.x, c: io.dw });
    },
    swigluForward: (io) => swiglu.bindForward(io),
    swigluBackward: (io) => swiglu.bindBackward(io),
    destroy() {
      void mm.destroy();
      swiglu.destroy();
      ops.destroy();
    },
  };
}

type FamilyKernels = Omit<TrainKernels, 'linearForward' | 'linearBackwardInput' | 'linearBackwardWeight' | 'swigluForward' | 'swigluBackward'> & { destroy(): void };

/** Embedding, RMSNorm, RoPE, attention and log-prob families (src/train/ops). */
async function createFamilyKernels(device: GPUDevice, cfg: LlamaConfig, B: number, T: number): Promise<FamilyKernels> {
  const N = B * T, C = cfg.hidden_size, V = cfg.vocab_size, hd = headDim(cfg);
  const nH = cfg.num_attention_heads, nKV = cfg.num_key_value_heads;
  const ropeShape = (heads: number) => ({ rows: N, heads, hd, theta: cfg.rope_theta, maxPositions: T });
  const [embedding, rmsnorm, ropeQ, ropeK, attention, logprob] = await Promise.all([
    Embedding.create(device, { N, V, C }),
    Rmsnorm.create(device, { rows: N, C, eps: cfg.rms_norm_eps }),
    Rope.create(device, ropeShape(nH)),
    nKV === nH ? undefined : Rope.create(device, ropeShape(nKV)),
    Attention.create(device, { B, T, nH, nKV, hd }),
    Logprob.create(device, { B, T, V }),
  ]);
  const rope = (heads: number) => (heads === nH ? ropeQ : (ropeK as Rope));
  return {
    embeddingForward: (io) => embedding.bindForward(io),
    embeddingBackward: (io) => embedding.bindBackward(io, { accumulate: true }),
    rmsnormForward: (io) => rmsnorm.bindForward(io),
    rmsnormBackward: (io, accumulateDx) => rmsnorm.bindBackward(io, { accumulateDx, accumulateDw: true }),
    ropeForward: (heads, io) => rope(heads).bindForward(io),
    ropeBackward: (heads, io) => rope(heads).bindBackward(io),
    attentionSavedBytes: attention.savedBytes,
    attentionForward: (io) => attention.bindForward(io),
    attentionBackward: (io) => attention.bindBackward(io),
    logprobForward: (io) => logprob.bindForward(io),
    logprobBackward: (io) => logprob.bindBackward(io),
    destroy() {
      for (const k of [embedding, rmsnorm, ropeQ, ropeK, attention, logprob]) k?.destroy();
    },
  };
}

/** Non-finite flag + global norm/clip scale into the stats block, then AdamW reading both on the GPU. */
export async function createOptimizerKernels(device: GPUDevice, sizes: readonly number[], opt: OptimizerOptions): Promise<OptimizerKernels & { destroy(): void }> {
  const maxNorm = Number.isFinite(opt.maxGradNorm) ? opt.maxGradNorm : 0; // 0: the kernel's "no clipping"
  const [nonFinite, gradNorm, adamw] = await Promise.all([NonFinite.create(device, sizes), GradNorm.create(device, sizes, { maxNorm }), Adamw.create(device)]);
  return {
    async gradStats(grads, stats) {
      const buffers = grads.map((g) => g.buffer);
      return sequence(nonFinite.bind(buffers, stats), gradNorm.bind(buffers, stats));
    },
    async adamw(t) {
      return adamw.bindTensor({ param: t.param, grad: t.grad, m: t.m, v: t.v, size: t.size, decay: t.decay, name: t.name }, t.stats);
    },
    writeHyper(h) {
      adamw.setHyper({ lr: h.lr, step: h.step, beta1: opt.beta1, beta2: opt.beta2, eps: opt.eps, weightDecay: opt.weightDecay });
    },
    destroy() {
      nonFinite.destroy();
      gradNorm.destroy();
      adamw.destroy();
    },
  };
}
