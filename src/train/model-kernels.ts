// The kernel families one model plan uses, each compiled once for (config, B, T). The graph (graph.ts)
// calls them directly; every family has the same style (create → bind… → Encodable, destroy).
import { headDim, type LlamaConfig } from '../model/config.ts';
import { Attention, type AttentionOp } from './ops/attention.ts';
import { Embedding } from './ops/embedding.ts';
import { Linear } from './ops/linear.ts';
import { Logprob } from './ops/logprob.ts';
import { Rmsnorm } from './ops/rmsnorm.ts';
import { Rope } from './ops/rope.ts';
import { Swiglu } from './ops/swiglu.ts';

export interface ModelKernels {
  linear: Linear;
  embedding: Embedding;
  rmsnorm: Rmsnorm;
  /** RoPE over the query heads (nH) and the key heads (nKV; the same object when nKV = nH). */
  rope: { q: Rope; k: Rope };
  attention: AttentionOp;
  swiglu: Swiglu;
  logprob: Logprob;
  destroy(): void;
}

export async function createModelKernels(device: GPUDevice, cfg: LlamaConfig, B: number, T: number) {
  const N = B * T,
    C = cfg.hidden_size,
    V = cfg.vocab_size,
    hd = headDim(cfg);
  const nH = cfg.num_attention_heads,
    nKV = cfg.num_key_value_heads;
  const ropeShape = (heads: number) => ({ rows: N, heads, hd, theta: cfg.rope_theta, maxPositions: T });
  const [swiglu, embedding, rmsnorm, ropeQ, ropeK, attention, logprob] = await Promise.all([
    Swiglu.create(device, { n: N * cfg.intermediate_size }),
    Embedding.create(device, { N, V, C }),
    Rmsnorm.create(device, { rows: N, C, eps: cfg.rms_norm_eps }),
    Rope.create(device, ropeShape(nH)),
    nKV === nH ? undefined : Rope.create(device, ropeShape(nKV)),
    Attention.create(device, { B, T, nH, nKV, hd }),
    Logprob.create(device, { B, T, V }),
  ]);
  const linear = new Linear(device);
  const kernels: ModelKernels = {
    linear,
    embedding,
    rmsnorm,
    rope: { q: ropeQ, k: ropeK ?? ropeQ },
    attention,
    swiglu,
    logprob,
    destroy() {
      for (const k of [linear, swiglu, embedding, rmsnorm, ropeQ, ropeK, attention, logprob]) k?.destroy();
    },
  };
  return kernels;
}
