// The anchor for `bench train`: the same Llama model written with @tensorflow/tfjs on its WebGPU or wasm backend,
// trained with tf.variableGrads + a tf.train optimizer. On wasm the embedding is a one-hot matmul (same math):
// tfjs-backend-wasm 4.22 has no UnsortedSegmentSum kernel, so the gradient of tf.gather throws there. Same shapes and
// math as src/model/reference: RMSNorm, RoPE (rotate_half), causal GQA attention with a padding mask, SwiGLU, tied or
// untied head, and the loss L = Σ w[b,t]·logprob[b,t] that the optimizer minimises. Runs in a browser page
// (window.__load).
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import type { WebGPUMemoryInfo } from '@tensorflow/tfjs-backend-webgpu/dist/backend_webgpu';
import { headDim, validateConfig, type LlamaConfig } from '../../model/config.ts';
import { initParams, parameterShapes } from '../../model/reference/params.ts';
import { batchConstants } from './tfjs-llama-inputs.ts';

export interface TfjsLlamaOptions {
  /** Initial weights under HF names (e.g. the reference's); default initParams(cfg, seed). */
  init?: ReadonlyMap<string, ArrayLike<number>>;
  /** 'adam' (default; tf.train.adam, β = 0.9/0.999, eps 1e-8) or plain 'sgd' (for parity tests). */
  optimizer?: 'adam' | 'sgd';
  lr?: number;
  /** tfjs backend name: 'webgpu' (default), 'wasm' (threaded when the page is cross-origin isolated), 'cpu'. */
  backend?: string;
}

export interface TfjsLlama {
  readonly backend: string;
  /** One training step on flat [B*T] tokens / mask / per-token weights; resolves to the pre-update loss. */
  step(tokens: ArrayLike<number>, mask: ArrayLike<number>, weights: ArrayLike<number>): Promise<number>;
  /** Current weights under HF names. */
  readWeights(): Promise<Map<string, Float32Array>>;
  /** One step under tf.profile: GPU time per tfjs kernel name (timestamp queries where the adapter has them). */
  profileStep(tokens: ArrayLike<number>, mask: ArrayLike<number>, weights: ArrayLike<number>): Promise<KernelTime[]>;
  /** GPU bytes tfjs holds (its buffer pool included) on WebGPU; tensor bytes on other backends. */
  memoryBytes(): number;
  /** Peak tensor bytes during one step (tf.profile's peakBytes: weights, Adam state and the step's activations). */
  peakStepBytes(tokens: ArrayLike<number>, mask: ArrayLike<number>, weights: ArrayLike<number>): Promise<number>;
  dispose(): void;
}

export interface KernelTime {
  kernel: string;
  ms: number;
  calls: number;
}

let instances = 0;

export async function createTfjsLlama(
  rawCfg: LlamaConfig,
  B: number,
  T: number,
  seed: number,
  opts: TfjsLlamaOptions = {},
): Promise<TfjsLlama> {
  const cfg = validateConfig(rawCfg, 'tfjs anchor config');
  const backend = opts.backend ?? 'webgpu';
  if (backend === 'wasm')
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    });
  const oneHotEmbedding = backend === 'wasm';
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs anchor: backend '${backend}' failed to initialise`);
  await tf.ready();

  const prefix = `tfjs-llama-${instances++}/`; // tfjs variable names are global to the engine
  const init = opts.init ?? initParams(cfg, seed);
  const vars = new Map<string, tf.Variable>();
  for (const [name, shape] of parameterShapes(cfg)) {
    const data = init.get(name);
    const size = shape.reduce((a, b) => a * b, 1);
    if (!data || data.length !== size)
      throw new RangeError(
        `tfjs anchor: initial tensor ${name} has ${data?.length ?? 'no'} elements, expected ${size}`,
      );
    vars.set(name, tf.variable(tf.tensor(Float32Array.from(data), shape, 'float32'), true, prefix + name));
  }
  const varList = [...vars.values()];
  const lr = opts.lr ?? 1e-3;
  const optimizer = opts.optimizer === 'sgd' ? tf.train.sgd(lr) : tf.train.adam(lr, 0.9, 0.999, 1e-8);
  const P = (name: string): tf.Variable => vars.get(name)!;

  const C = cfg.hidden_size,
    hd = headDim(cfg),
    half = hd / 2,
    N = B * T;
  const nH = cfg.num_attention_heads,
    nKV = cfg.num_key_value_heads,
    group = nH / nKV;

  const rmsnorm = (x: tf.Tensor2D, w: tf.Tensor): tf.Tensor2D =>
    x.mul(tf.rsqrt(x.square().mean(-1, true).add(cfg.rms_norm_eps))).mul(w);
  const linear = (x: tf.Tensor2D, w: tf.Tensor): tf.Tensor2D => tf.matMul(x, w as tf.Tensor2D, false, true);

  interface Consts {
    tokens: tf.Tensor1D;
    tokenOnehot?: tf.Tensor2D;
    onehot: tf.Tensor2D;
    w: tf.Tensor1D;
    cos: tf.Tensor3D;
    sin: tf.Tensor3D;
    bias: tf.Tensor4D;
    rowValid: tf.Tensor4D;
  }

  /** [N, heads*hd] → rotate_half RoPE → [B, heads, T, hd]. */
  function rope(x: tf.Tensor2D, heads: number, k: Consts): tf.Tensor4D {
    const x3 = x.reshape([N, heads, hd]);
    const x1 = x3.slice([0, 0, 0], [N, heads, half]);
    const x2 = x3.slice([0, 0, half], [N, heads, half]);
    const rotated = tf.concat([x1.mul(k.cos).sub(x2.mul(k.sin)), x2.mul(k.cos).add(x1.mul(k.sin))], 2);
    return rotated.reshape([B, T, heads, hd]).transpose([0, 2, 1, 3]);
  }

  function loss(k: Consts): tf.Scalar {
    const embed = P('model.embed_tokens.weight') as tf.Tensor2D;
    let x: tf.Tensor2D = k.tokenOnehot ? tf.matMul(k.tokenOnehot, embed) : (tf.gather(embed, k.tokens) as tf.Tensor2D);
    for (let l = 0; l < cfg.num_hidden_layers; l++) {
      const pre = `model.layers.${l}`;
      const xn = rmsnorm(x, P(`${pre}.input_layernorm.weight`));
      // GQA without copying K/V: the `group` query heads of one kv head are contiguous, so q viewed as
      // [B, nKV, group·T, hd] multiplies that kv head's keys directly (head h reads kv head floor(h/group)).
      const q = rope(linear(xn, P(`${pre}.self_attn.q_proj.weight`)), nH, k).reshape([B, nKV, group * T, hd]);
      const kk = rope(linear(xn, P(`${pre}.self_attn.k_proj.weight`)), nKV, k);
      const v = linear(xn, P(`${pre}.self_attn.v_proj.weight`))
        .reshape([B, T, nKV, hd])
        .transpose([0, 2, 1, 3]);
      const scores = tf
        .matMul(q, kk, false, true)
        .mul(1 / Math.sqrt(hd))
        .add(k.bias);
      const probs = tf.softmax(scores).mul(k.rowValid);
      const attn = tf
        .matMul(probs, v)
        .reshape([B, nH, T, hd])
        .transpose([0, 2, 1, 3])
        .reshape([N, nH * hd]) as tf.Tensor2D;
      const h: tf.Tensor2D = x.add(linear(attn, P(`${pre}.self_attn.o_proj.weight`)));
      const hn = rmsnorm(h, P(`${pre}.post_attention_layernorm.weight`));
      const gate = linear(hn, P(`${pre}.mlp.gate_proj.weight`));
      const act = gate.mul(tf.sigmoid(gate)).mul(linear(hn, P(`${pre}.mlp.up_proj.weight`)));
      x = h.add(linear(act as tf.Tensor2D, P(`${pre}.mlp.down_proj.weight`)));
    }
    const head = P(cfg.tie_word_embeddings ? 'model.embed_tokens.weight' : 'lm_head.weight');
    const logp = tf.logSoftmax(linear(rmsnorm(x, P('model.norm.weight')), head));
    return logp.mul(k.onehot).sum(1).mul(k.w).sum();
  }

  function constants(tokens: ArrayLike<number>, mask: ArrayLike<number>, weights: ArrayLike<number>): Consts {
    const c = batchConstants(cfg, B, T, tokens, mask, weights, group);
    return {
      tokens: tf.tensor1d(c.tokens, 'int32'),
      ...(oneHotEmbedding
        ? {
            tokenOnehot: tf.tidy(() =>
              tf.oneHot(tf.tensor1d(c.tokens, 'int32'), cfg.vocab_size).toFloat(),
            ) as tf.Tensor2D,
          }
        : {}),
      onehot: tf.tidy(() => tf.oneHot(tf.tensor1d(c.targets, 'int32'), cfg.vocab_size).toFloat()) as tf.Tensor2D,
      w: tf.tensor1d(c.lossWeights),
      cos: tf.tensor3d(c.cos, [N, 1, half]),
      sin: tf.tensor3d(c.sin, [N, 1, half]),
      bias: tf.tensor4d(c.attnBias, [B, 1, group * T, T]),
      rowValid: tf.tensor4d(c.rowValid, [B, 1, group * T, 1]),
    };
  }

  async function step(tokens: ArrayLike<number>, mask: ArrayLike<number>, weights: ArrayLike<number>): Promise<number> {
    const k = constants(tokens, mask, weights);
    const value = tf.tidy(() => {
      const { value: v, grads } = tf.variableGrads(() => loss(k), varList);
      optimizer.applyGradients(Object.entries(grads).map(([name, tensor]) => ({ name, tensor })));
      return v;
    });
    Object.values(k).forEach((t: tf.Tensor | undefined) => t?.dispose());
    const out = (await value.data())[0];
    value.dispose();
    return out;
  }

  return {
    backend,
    step,
    async profileStep(tokens, mask, weights) {
      const info = await tf.profile(async () => {
        await step(tokens, mask, weights);
        return [];
      });
      const byName = new Map<string, KernelTime>();
      for (const k of info.kernels) {
        const e = byName.get(k.name) ?? { kernel: k.name, ms: 0, calls: 0 };
        e.ms += typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : NaN;
        e.calls++;
        byName.set(k.name, e);
      }
      return [...byName.values()].sort((a, b) => b.ms - a.ms);
    },
    async readWeights() {
      const out = new Map<string, Float32Array>();
      for (const [name, v] of vars) out.set(name, (await v.data()) as Float32Array);
      return out;
    },
    async peakStepBytes(tokens, mask, weights) {
      return (await tf.profile(() => step(tokens, mask, weights).then(() => []))).peakBytes;
    },
    memoryBytes() {
      const m = tf.memory() as Partial<WebGPUMemoryInfo> & tf.MemoryInfo;
      return m.numBytesAllocatedInGPU ?? m.numBytes;
    },
    dispose() {
      optimizer.dispose();
      varList.forEach((v) => v.dispose());
    },
  };
}
