// The Llama decoder as an ONNX graph for inference with a KV cache (the math of docs "model conventions").
//
// Inputs:  input_ids [B,S] int64, attention_mask [B,P+S] int64 (1 = real token), position_ids [B,S] int64,
//          past_key_values.{i}.key|value [B,nKV,P,hd] float32 (P may be 0),
//          and with `logits: 'selected'` also logits_index [B] int64 (which of the S positions gets logits).
// Outputs: logits [B,S,V] ('all') or [B,1,V] ('selected'); present.{i}.key|value [B,nKV,P+S,hd].
// Weights (HF names) are graph inputs (bind the trainer's buffers) or initializers (a standalone file).
//
// `cache: 'static'` is the decoding graph with fixed shapes: one new token per row (S = 1) written into a cache of
// fixed capacity C at column cache_index [1] int64; past and present are [B,nKV,C,hd], attention_mask is [B,C] and
// marks the filled columns (the caller sets column cache_index before the step). Every decoding step then has the
// same input shapes, so an execution provider that compiles per shape (WebGPU) compiles once per generation.
//
// Masking: query s sits at absolute index P+s; key k is allowed when k <= P+s and attention_mask[b,k] = 1. A query with
// no allowed key (a left-padding position) outputs exactly 0, as in the CPU reference: masked scores get -1e30 (finite,
// so no NaN) and the softmax is multiplied by the 0/1 mask. GQA never copies k/v: q is regrouped to [B,nKV,rep*S,hd].
import { headDim, type LlamaConfig } from '../config.ts';
import { DataType, GraphBuilder } from './builder.ts';
import { weightShapes } from './weights.ts';

export type WeightMode = 'inputs' | 'initializers';

export interface LlamaGraphOptions {
  weights: WeightMode;
  /** 'all': logits for every position (HF interface); 'selected': only at logits_index per row (generation). */
  logits?: 'all' | 'selected';
  /** Required when weights = 'initializers'. */
  values?: ReadonlyMap<string, Float32Array>;
  /** 'dynamic' (default): the cache grows by S each step; 'static': fixed capacity, S = 1, logits [B,1,V]. */
  cache?: 'dynamic' | 'static';
}

const NEG = -1e30;

/** cos/sin tables [maxPos, hd] in HF's layout (the hd/2 frequencies twice), computed in float64. */
export function ropeTables(cfg: LlamaConfig): { cos: Float32Array; sin: Float32Array } {
  const hd = headDim(cfg);
  const half = hd / 2;
  const n = cfg.max_position_embeddings;
  const cos = new Float32Array(n * hd);
  const sin = new Float32Array(n * hd);
  for (let p = 0; p < n; p++) {
    for (let j = 0; j < half; j++) {
      const a = p * Math.pow(cfg.rope_theta, (-2 * j) / hd);
      cos[p * hd + j] = cos[p * hd + j + half] = Math.cos(a);
      sin[p * hd + j] = sin[p * hd + j + half] = Math.sin(a);
    }
  }
  return { cos, sin };
}

export function buildLlamaGraph(cfg: LlamaConfig, opts: LlamaGraphOptions): Uint8Array {
  const g = new GraphBuilder();
  const hd = headDim(cfg);
  const C = cfg.hidden_size;
  const nH = cfg.num_attention_heads;
  const nKV = cfg.num_key_value_heads;
  const rep = nH / nKV;
  const F = DataType.FLOAT;

  const ids = g.input('input_ids', DataType.INT64, ['batch_size', 'sequence_length']);
  const mask = g.input('attention_mask', DataType.INT64, ['batch_size', 'total_sequence_length']);
  const pos = g.input('position_ids', DataType.INT64, ['batch_size', 'sequence_length']);
  const fixed = opts.cache === 'static';
  const selected = opts.logits === 'selected' && !fixed;
  const logitsIndex = selected ? g.input('logits_index', DataType.INT64, ['batch_size']) : '';
  const cacheIndex = fixed ? g.input('cache_index', DataType.INT64, [1]) : '';
  const past: [string, string][] = [];
  for (let i = 0; i < cfg.num_hidden_layers; i++) {
    const dims = ['batch_size', nKV, fixed ? 'cache_length' : 'past_sequence_length', hd];
    past.push([g.input(`past_key_values.${i}.key`, F, dims), g.input(`past_key_values.${i}.value`, F, dims)]);
  }
  const W = new Map<string, string>();
  for (const [name, dims] of weightShapes(cfg)) {
    if (opts.weights === 'inputs') W.set(name, g.input(name, F, dims));
    else {
      const v = opts.values?.get(name);
      if (!v) throw new Error(`exportOnnx: missing weight tensor '${name}'`);
      W.set(name, g.initializer(name, dims, v));
    }
  }
  const w = (name: string) => W.get(name)!;

  // Dynamic sizes as 1-D int64 tensors, for building shapes.
  const idsShape = g.op('Shape', [ids]);
  const B = g.op('Slice', [idsShape, g.ints([0]), g.ints([1])]);
  const S = g.op('Slice', [idsShape, g.ints([1]), g.ints([2])]);
  const T = g.op('Slice', [g.op('Shape', [mask]), g.ints([1]), g.ints([2])]);

  // Allowed[b,1,s,k] = (k <= T-S+s) & mask[b,k]; additive bias and a 0/1 multiplier, both tiled over the rep q-groups.
  const scalarOf = (t: string) => g.op('Squeeze', [t, g.ints([0])]);
  const kIdx = g.op('Range', [g.ints([0], true), scalarOf(T), g.ints([1], true)]);
  const causal = () => {
    const qIdx = g.op('Range', [scalarOf(g.op('Sub', [T, S])), scalarOf(T), g.ints([1], true)]);
    const [k2, q2] = [g.op('Unsqueeze', [kIdx, g.ints([0])]), g.op('Unsqueeze', [qIdx, g.ints([1])])];
    return g.op('LessOrEqual', [k2, q2]); // [S,T]
  };
  const real = g.op('Unsqueeze', [g.op('Equal', [mask, g.ints([1], true)]), g.ints([1, 2])]); // [B,1,1,T]
  // Static: S = 1 and the mask alone says which filled columns a row attends to (causal by construction).
  const allowed = fixed ? real : g.op('And', [g.op('Unsqueeze', [causal(), g.ints([0, 1])]), real]); // [B,1,S,T]
  const allowedRep = rep > 1 ? g.op('Tile', [allowed, g.ints([1, 1, rep, 1])]) : allowed; // [B,1,rep*S,T]
  const bias = g.op('Where', [allowedRep, g.scalar(0), g.scalar(NEG)]);
  const keep = g.op('Cast', [allowedRep], { to: F });

  // RoPE: cos/sin rows for each position, [B,1,S,hd]; q's tables carry the 1/sqrt(hd) score scale (one Mul fewer
  // per layer). rotate_half(x) = x·R with a constant signed permutation R [hd,hd]: one MatMul instead of
  // Slice/Slice/Neg/Concat — ORT's wasm EP pays ~20 µs per node, which dominates small-batch decoding.
  const tables = ropeTables(cfg);
  const scaleQ = 1 / Math.sqrt(hd);
  const ropeRows = (name: string, table: Float32Array) =>
    g.op('Unsqueeze', [
      g.op('Gather', [g.initializer(name, [cfg.max_position_embeddings, hd], table), pos]),
      g.ints([1]),
    ]);
  const cosK = ropeRows('const/rope_cos', tables.cos);
  const sinK = ropeRows('const/rope_sin', tables.sin);
  const cosQ = ropeRows(
    'const/rope_cos_scaled',
    tables.cos.map((c) => c * scaleQ),
  );
  const sinQ = ropeRows(
    'const/rope_sin_scaled',
    tables.sin.map((c) => c * scaleQ),
  );
  const R = new Float32Array(hd * hd);
  for (let j = 0; j < hd / 2; j++) {
    R[(j + hd / 2) * hd + j] = -1; // out[j] = -x[j+hd/2]
    R[j * hd + j + hd / 2] = 1; // out[j+hd/2] = x[j]
  }
  const rotateHalf = g.initializer('const/rotate_half', [hd, hd], R);
  const rope = (x: string, cos: string, sin: string, p: string) =>
    g.op(
      'Add',
      [g.op('Mul', [x, cos], {}, p), g.op('Mul', [g.op('MatMul', [x, rotateHalf], {}, p), sin], {}, p)],
      {},
      p,
    );
  /** x·Wᵀ (+ residual), x [N,in]: Gemm's C input absorbs the residual add. */
  const linear = (x: string, weight: string, p: string, residual?: string) =>
    g.op('Gemm', residual ? [x, weight, residual] : [x, weight], { transB: 1 }, p);
  // The Pow/ReduceMean/Add/Sqrt/Div/Mul chain is the pattern ORT fuses into one SimplifiedLayerNormalization node.
  const two = g.scalar(2);
  const eps = g.scalar(cfg.rms_norm_eps);
  const rmsnorm = (x: string, weight: string, p: string) => {
    const ms = g.op('ReduceMean', [g.op('Pow', [x, two], {}, p)], { axes: [-1], keepdims: 1 }, p);
    return g.op('Mul', [g.op('Div', [x, g.op('Sqrt', [g.op('Add', [ms, eps], {}, p)], {}, p)], {}, p), weight], {}, p);
  };
  // [N, heads*hd] → [B, heads, S, hd]; the two target shapes are built once for all layers.
  const shapeOf = new Map<number, string>();
  for (const n of new Set([nH, nKV])) shapeOf.set(n, g.op('Concat', [B, S, g.ints([n, hd])], { axis: 0 }));
  const heads = (x: string, n: number, p: string) =>
    g.op('Transpose', [g.op('Reshape', [x, shapeOf.get(n)!], {}, p)], { perm: [0, 2, 1, 3] }, p);

  // Static cache: [1,1,C,1] true at column cache_index; Where(writeColumn, new [B,nKV,1,hd], past) is the present.
  const writeColumn = fixed ? g.op('Reshape', [g.op('Equal', [kIdx, cacheIndex]), g.ints([1, 1, -1, 1])]) : '';

  let x = g.op('Reshape', [g.op('Gather', [w('model.embed_tokens.weight'), ids]), g.ints([-1, C])]); // [N,C], N = B*S
  for (let i = 0; i < cfg.num_hidden_layers; i++) {
    const p = `layer${i}`;
    const L = `model.layers.${i}`;
    const h = rmsnorm(x, w(`${L}.input_layernorm.weight`), p);
    const q = rope(heads(linear(h, w(`${L}.self_attn.q_proj.weight`), p), nH, p), cosQ, sinQ, p); // already scaled
    const k = rope(heads(linear(h, w(`${L}.self_attn.k_proj.weight`), p), nKV, p), cosK, sinK, p);
    const v = heads(linear(h, w(`${L}.self_attn.v_proj.weight`), p), nKV, p);
    // The present cache: the past with this step's k/v written in (static) or appended (growing).
    const present = (pastT: string, x: string, name: string) =>
      fixed ? g.opNamed('Where', [writeColumn, x, pastT], name) : g.opNamed('Concat', [pastT, x], name, { axis: 2 });
    const kAll = present(past[i][0], k, `present.${i}.key`);
    const vAll = present(past[i][1], v, `present.${i}.value`);
    // q heads h = kv*rep + r are contiguous per kv head, so [B,nH,S,hd] → [B,nKV,rep*S,hd] is a free reshape.
    const qg = g.op('Reshape', [q, g.ints([0, nKV, -1, hd])], {}, p);
    const scores = g.op(
      'Add',
      [g.op('MatMul', [qg, g.op('Transpose', [kAll], { perm: [0, 1, 3, 2] }, p)], {}, p), bias],
      {},
      p,
    );
    const probs = g.op('Mul', [g.op('Softmax', [scores], { axis: -1 }, p), keep], {}, p);
    const ctx = g.op('Reshape', [g.op('MatMul', [probs, vAll], {}, p), g.ints([0, nH, -1, hd])], {}, p); // [B,nH,S,hd]
    const merged = g.op('Reshape', [g.op('Transpose', [ctx], { perm: [0, 2, 1, 3] }, p), g.ints([-1, nH * hd])], {}, p);
    x = linear(merged, w(`${L}.self_attn.o_proj.weight`), p, x);
    const h2 = rmsnorm(x, w(`${L}.post_attention_layernorm.weight`), p);
    const gate = linear(h2, w(`${L}.mlp.gate_proj.weight`), p);
    const act = g.op(
      'Mul',
      [g.op('Mul', [gate, g.op('Sigmoid', [gate], {}, p)], {}, p), linear(h2, w(`${L}.mlp.up_proj.weight`), p)],
      {},
      p,
    );
    x = linear(act, w(`${L}.mlp.down_proj.weight`), p, x);
  }
  const head = w(cfg.tie_word_embeddings ? 'model.embed_tokens.weight' : 'lm_head.weight');
  if (selected) {
    // Gather row logits_index[b] of each sequence before the final norm + LM head (both are per-token).
    const x3 = g.op('Reshape', [x, g.op('Concat', [B, S, g.ints([C])], { axis: 0 })]);
    const idx = g.op('Expand', [
      g.op('Reshape', [logitsIndex, g.ints([-1, 1, 1])]),
      g.op('Concat', [B, g.ints([1, C])], { axis: 0 }),
    ]);
    const last = g.op('Reshape', [g.op('GatherElements', [x3, idx], { axis: 1 }), g.ints([-1, C])]);
    const logits2 = linear(rmsnorm(last, w('model.norm.weight'), 'final'), head, 'final');
    g.opNamed('Reshape', [logits2, g.ints([-1, 1, cfg.vocab_size])], 'logits');
    g.output('logits', F, ['batch_size', 1, cfg.vocab_size]);
  } else {
    const logits2 = linear(rmsnorm(x, w('model.norm.weight'), 'final'), head, 'final');
    g.opNamed('Reshape', [logits2, g.op('Concat', [B, S, g.ints([cfg.vocab_size])], { axis: 0 })], 'logits');
    g.output('logits', F, ['batch_size', fixed ? 1 : 'sequence_length', cfg.vocab_size]);
  }
  const presentLength = fixed ? 'cache_length' : 'total_sequence_length';
  for (let i = 0; i < cfg.num_hidden_layers; i++) {
    g.output(`present.${i}.key`, F, ['batch_size', nKV, presentLength, hd]);
    g.output(`present.${i}.value`, F, ['batch_size', nKV, presentLength, hd]);
  }
  return g.encode('atomgym-llama');
}
