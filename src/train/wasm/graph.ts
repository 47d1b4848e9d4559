// The wasm backend's model: forward and hand-written backward of the Llama decoder as ONNX, op for op like the
// float64 reference (src/model/reference/model.ts, backward.ts). Built per (config, B, T) in two forms:
// - split, two halves of one graph: the forward emits the log-probs and the activations the backward reads
//   (`saved.*`), the backward takes them back with the loss weights and emits one gradient per weight
//   (`grad.<HF name>`). The split sits where the API splits (forward → log-probs, then backward(w) with w chosen
//   from them, as GRPO does); saving activations costs a copy out of and into wasm memory, recomputing them a forward.
// - fused, one graph from the batch and the loss weights to the log-probs and the gradients, for callers that
//   know w before the forward (SFT): the activations never leave ORT's memory.
import { DataType, GraphBuilder } from '../../model/onnx/builder.ts';
import { ropeTables } from '../../model/onnx/llama.ts';
import type { LlamaConfig } from '../../model/config.ts';
import { weightShapes } from '../../model/onnx/weights.ts';
import { attentionBackward, attentionForward, attentionMask } from './ops-attention.ts';
import { embeddingBackward, embeddingForward, logprobBackward, logprobForward } from './ops-logprob.ts';
import * as op from './ops.ts';

const F = DataType.FLOAT;

export interface TrainGraphs {
  forward: Uint8Array;
  backward: Uint8Array;
  /** Activations the forward outputs and the backward takes back, in order. */
  saved: { name: string; dims: number[] }[];
  /** Weight names in order; the backward's outputs are `grad.<name>`. */
  weights: [string, number[]][];
}

/** Inputs both halves share: batch tensors, weights, RoPE rows and the attention mask. */
function inputs(g: GraphBuilder, cfg: LlamaConfig, d: op.Dims) {
  const ids = g.input('input_ids', DataType.INT64, [d.B, d.T]);
  const pos = g.input('position_ids', DataType.INT64, [d.B, d.T]);
  const mask = g.input('attention_mask', F, [d.B, d.T]);
  const targets = g.input('targets', DataType.INT64, [d.N, 1]);
  const score = g.input('score_mask', F, [d.N, 1]);
  const W = new Map(weightShapes(cfg).map(([name, dims]) => [name, g.input(name, F, dims)]));
  // RoPE rows [B,1,T,hd]; q's tables carry the 1/√hd score scale, so the scores need no extra Mul.
  const tab = ropeTables(cfg),
    s = 1 / Math.sqrt(d.hd),
    P = cfg.max_position_embeddings;
  const rows = (name: string, t: Float32Array) =>
    g.op('Unsqueeze', [g.op('Gather', [g.initializer(name, [P, d.hd], t), pos]), g.ints([1])]);
  const R = g.initializer('const/rotate_half', [d.hd, d.hd], op.rotateHalfMatrix(d.hd, false));
  const Rt = g.initializer('const/rotate_half_t', [d.hd, d.hd], op.rotateHalfMatrix(d.hd, true));
  const ropeQ = {
    cos: rows(
      'const/cos_q',
      tab.cos.map((c) => c * s),
    ),
    sin: rows(
      'const/sin_q',
      tab.sin.map((c) => c * s),
    ),
    R,
    Rt,
  };
  const ropeK = { cos: rows('const/cos', tab.cos), sin: rows('const/sin', tab.sin), R, Rt };
  return { ids, targets, score, w: (n: string) => W.get(n)!, ropeQ, ropeK, am: attentionMask(g, d, mask) };
}

export function buildTrainGraphs(cfg: LlamaConfig, B: number, T: number): TrainGraphs {
  const { gf, gb, saved } = build(cfg, B, T, false);
  return {
    forward: gf.encode('atomgym-train-forward'),
    backward: gb.encode('atomgym-train-backward'),
    saved,
    weights: weightShapes(cfg),
  };
}

/** The fused graph: inputs of both halves but no `saved.*`; outputs `logprobs` and every `grad.<name>`. */
export function buildFusedTrainGraph(cfg: LlamaConfig, B: number, T: number): Uint8Array {
  return build(cfg, B, T, true).gf.encode('atomgym-train-fused');
}

function build(cfg: LlamaConfig, B: number, T: number, fused: boolean) {
  const d = op.dimsOf(cfg, B, T),
    eps = cfg.rms_norm_eps,
    L = cfg.num_hidden_layers;
  const gf = new GraphBuilder();
  const gb = fused ? gf : new GraphBuilder();
  const fi = inputs(gf, cfg, d);
  const bi = fused ? fi : inputs(gb, cfg, d);
  const saved: TrainGraphs['saved'] = [];
  const kept = new Map<string, string>();
  /** Split: the forward exposes `x` as saved.<name> and the backward takes it as an input. Fused: `x` itself. */
  const save = (name: string, x: string, dims: number[]) => {
    saved.push({ name: `saved.${name}`, dims });
    if (fused) kept.set(name, x);
    else gf.output(gf.opNamed('Identity', [x], `saved.${name}`), F, dims);
  };
  const S = (name: string) => (fused ? kept.get(name)! : `saved.${name}`);
  const lw = (l: number, n: string) => `model.layers.${l}.${n}`;
  const headName = cfg.tie_word_embeddings ? 'model.embed_tokens.weight' : 'lm_head.weight';
  const [NC, N1, NI, qShape, kvShape] = [
    [d.N, d.C],
    [d.N, 1],
    [d.N, d.I],
    [d.B, d.nKV, d.rep * d.T, d.hd],
    [d.B, d.nKV, d.T, d.hd],
  ];

  // ---- forward (gf) ----
  let x = embeddingForward(gf, d, fi.w('model.embed_tokens.weight'), fi.ids);
  for (let l = 0; l < L; l++) {
    const w = (n: string) => fi.w(lw(l, n));
    const n1 = op.rmsnormForward(gf, x, w('input_layernorm.weight'), eps);
    const qh = op.toHeads(gf, d, op.linear(gf, n1.y, w('self_attn.q_proj.weight')), d.nH);
    const qs = gf.op('Reshape', [op.ropeForward(gf, qh, fi.ropeQ), gf.ints(qShape)]); // grouped, scaled
    const kr = op.ropeForward(
      gf,
      op.toHeads(gf, d, op.linear(gf, n1.y, w('self_attn.k_proj.weight')), d.nKV),
      fi.ropeK,
    );
    const v = op.toHeads(gf, d, op.linear(gf, n1.y, w('self_attn.v_proj.weight')), d.nKV);
    const ctx = gf.op('Reshape', [attentionForward(gf, qs, kr, v, fi.am), gf.ints([d.B, d.nH, d.T, d.hd])]);
    const attn = op.fromHeads(gf, d, ctx, d.nH);
    const h = op.linear(gf, attn, w('self_attn.o_proj.weight'), x);
    const n2 = op.rmsnormForward(gf, h, w('post_attention_layernorm.weight'), eps);
    const gate = op.linear(gf, n2.y, w('mlp.gate_proj.weight'));
    const up = op.linear(gf, n2.y, w('mlp.up_proj.weight'));
    x = op.linear(gf, op.swigluForward(gf, gate, up).h, w('mlp.down_proj.weight'), h);
    const keep: [string, string, number[]][] = [
      ['xhat1', n1.xhat, NC],
      ['rstd1', n1.rstd, N1],
      ['qs', qs, qShape],
      ['kr', kr, kvShape],
      ['v', v, kvShape],
      ['attn', attn, [d.N, d.qDim]],
      ['xhat2', n2.xhat, NC],
      ['rstd2', n2.rstd, N1],
      ['gate', gate, NI],
      ['up', up, NI],
    ];
    for (const [name, t, dims] of keep) save(`L${l}.${name}`, t, dims);
  }
  const nF = op.rmsnormForward(gf, x, fi.w('model.norm.weight'), eps);
  const lp = logprobForward(gf, op.linear(gf, nF.y, fi.w(headName)), fi.targets, fi.score);
  gf.output(gf.opNamed('Reshape', [lp.logprobs, gf.ints([d.N])], 'logprobs'), F, [d.N]);
  save('xhatF', nF.xhat, NC);
  save('rstdF', nF.rstd, N1);
  save('logsm', lp.logsm, [d.N, d.V]);

  // ---- backward (gb): L = Σ w·logprob ----
  if (!fused) for (const s of saved) gb.input(s.name, F, s.dims);
  const lossW = gb.input('loss_weights', F, [d.N, 1]);
  const grads = new Map<string, string>();
  const dLogits = logprobBackward(gb, d, S('logsm'), bi.targets, bi.score, lossW);
  const xnF = gb.op('Mul', [S('xhatF'), bi.w('model.norm.weight')]);
  const dHead = op.linearDw(gb, dLogits, xnF);
  const normF = op.rmsnormBackward(
    gb,
    op.linearDx(gb, dLogits, bi.w(headName)),
    S('xhatF'),
    S('rstdF'),
    bi.w('model.norm.weight'),
  );
  grads.set('model.norm.weight', normF.dw);
  let dx = normF.dx; // gradient w.r.t. the residual stream
  for (let l = L - 1; l >= 0; l--) {
    const w = (n: string) => bi.w(lw(l, n));
    const s = (n: string) => S(`L${l}.${n}`);
    // MLP branch: out = h + down(swiglu(gate(xn2), up(xn2)))
    const sw = op.swigluForward(gb, s('gate'), s('up')); // recomputed: elementwise, cheaper than saving
    grads.set(lw(l, 'mlp.down_proj.weight'), op.linearDw(gb, dx, sw.h));
    const { dgate, dup } = op.swigluBackward(
      gb,
      op.linearDx(gb, dx, w('mlp.down_proj.weight')),
      s('gate'),
      s('up'),
      sw.sig,
      sw.silu,
    );
    const xn2 = gb.op('Mul', [s('xhat2'), w('post_attention_layernorm.weight')]);
    grads.set(lw(l, 'mlp.gate_proj.weight'), op.linearDw(gb, dgate, xn2));
    grads.set(lw(l, 'mlp.up_proj.weight'), op.linearDw(gb, dup, xn2));
    const dxn2 = op.linearDx(gb, dup, w('mlp.up_proj.weight'), op.linearDx(gb, dgate, w('mlp.gate_proj.weight')));
    const norm2 = op.rmsnormBackward(gb, dxn2, s('xhat2'), s('rstd2'), w('post_attention_layernorm.weight'), dx);
    grads.set(lw(l, 'post_attention_layernorm.weight'), norm2.dw);
    const dh = norm2.dx;
    // attention branch: h = x + o(attn(rope(q(xn1)), rope(k(xn1)), v(xn1)))
    grads.set(lw(l, 'self_attn.o_proj.weight'), op.linearDw(gb, dh, s('attn')));
    const dCtx = gb.op('Reshape', [
      op.toHeads(gb, d, op.linearDx(gb, dh, w('self_attn.o_proj.weight')), d.nH),
      gb.ints(qShape),
    ]);
    const at = attentionBackward(gb, dCtx, s('qs'), s('kr'), s('v'), bi.am);
    const dqh = op.ropeBackward(gb, gb.op('Reshape', [at.dqs, gb.ints([d.B, d.nH, d.T, d.hd])]), bi.ropeQ);
    const dq = op.fromHeads(gb, d, dqh, d.nH);
    const dk = op.fromHeads(gb, d, op.ropeBackward(gb, at.dkr, bi.ropeK), d.nKV);
    const dv = op.fromHeads(gb, d, at.dv, d.nKV);
    const xn1 = gb.op('Mul', [s('xhat1'), w('input_layernorm.weight')]);
    grads.set(lw(l, 'self_attn.q_proj.weight'), op.linearDw(gb, dq, xn1));
    grads.set(lw(l, 'self_attn.k_proj.weight'), op.linearDw(gb, dk, xn1));
    grads.set(lw(l, 'self_attn.v_proj.weight'), op.linearDw(gb, dv, xn1));
    const dxn1 = op.linearDx(
      gb,
      dv,
      w('self_attn.v_proj.weight'),
      op.linearDx(gb, dk, w('self_attn.k_proj.weight'), op.linearDx(gb, dq, w('self_attn.q_proj.weight'))),
    );
    const norm1 = op.rmsnormBackward(gb, dxn1, s('xhat1'), s('rstd1'), w('input_layernorm.weight'), dh);
    grads.set(lw(l, 'input_layernorm.weight'), norm1.dw);
    dx = norm1.dx;
  }
  // Tied: the head's dW is the scatter's starting point, so the embedding gradient sums both uses.
  const zeros = () =>
    gb.op('ConstantOfShape', [gb.ints([d.V, d.C])], { value: { tensor: { dims: [1], dataType: F, floatData: [0] } } });
  grads.set(
    'model.embed_tokens.weight',
    embeddingBackward(gb, d, cfg.tie_word_embeddings ? dHead : zeros(), bi.ids, dx),
  );
  if (!cfg.tie_word_embeddings) grads.set('lm_head.weight', dHead);
  for (const [name, dims] of weightShapes(cfg))
    gb.output(gb.opNamed('Identity', [grads.get(name)!], `grad.${name}`), F, dims);
  return { gf, gb, saved };
}
