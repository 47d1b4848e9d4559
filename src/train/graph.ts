// The model's forward and backward as planned dispatch lists: every activation and scratch buffer is
// created here once for (config, B, T), every bind group is built here once, and a step only encodes.
// The order and the cached activations follow the float64 reference (src/model/reference/model.ts).
import { headDim, type LlamaConfig } from '../model/config.ts';
import type { BufferArena } from './arena.ts';
import type { Encodable } from '../gpu/index.ts';
import type { ModelKernels } from './model-kernels.ts';
import type { LinearShape } from './ops/linear.ts';
import type { ParameterSet } from './parameters.ts';

/** One planned piece of work, labelled by kernel family for the per-kernel time breakdown. */
export interface PlannedOp {
  kernel: string;
  op: Encodable;
}

export interface GraphInputs {
  tokens: GPUBuffer; // u32 [N]
  mask: GPUBuffer; // u32 [N], 1 = real token
  positions: GPUBuffer; // u32 [N]
  weights: GPUBuffer; // f32 [N] per-token loss weights
}

export interface Graph {
  forward: PlannedOp[];
  backward: PlannedOp[];
  logprobs: GPUBuffer;
}

interface LayerActs {
  x: GPUBuffer; // block input [N, C]
  xn1: GPUBuffer;
  rstd1: GPUBuffer;
  qr: GPUBuffer;
  kr: GPUBuffer;
  v: GPUBuffer;
  attn: GPUBuffer;
  saved: GPUBuffer;
  h: GPUBuffer;
  xn2: GPUBuffer;
  rstd2: GPUBuffer;
  gate: GPUBuffer;
  up: GPUBuffer;
  act: GPUBuffer;
}

// RMSNorm backward: the final norm writes d(residual); the block norms add into it. dw always accumulates.
const SET_DX = { accumulateDx: false, accumulateDw: true };
const ADD_DX = { accumulateDx: true, accumulateDw: true };

const copy = (src: GPUBuffer, dst: GPUBuffer, bytes: number): Encodable => ({ encode: (e) => e.copyBufferToBuffer(src, 0, dst, 0, bytes) });

export async function buildGraph(cfg: LlamaConfig, B: number, T: number, k: ModelKernels, params: ParameterSet, arena: BufferArena, io: GraphInputs): Promise<Graph> {
  const N = B * T, C = cfg.hidden_size, I = cfg.intermediate_size, V = cfg.vocab_size, hd = headDim(cfg);
  const nH = cfg.num_attention_heads, nKV = cfg.num_key_value_heads, qDim = nH * hd, kvDim = nKV * hd;
  const act = (label: string, floats: number) => arena.create(label, floats * 4, 'activations');
  const scratch = (label: string, floats: number) => arena.create(label, floats * 4, 'scratch');
  const P = (name: string) => params.get(name);

  const layers: LayerActs[] = [];
  for (let l = 0; l < cfg.num_hidden_layers; l++) {
    const p = `L${l}`;
    layers.push({
      x: act(`${p}.x`, N * C), xn1: act(`${p}.xn1`, N * C), rstd1: act(`${p}.rstd1`, N),
      qr: act(`${p}.qr`, N * qDim), kr: act(`${p}.kr`, N * kvDim), v: act(`${p}.v`, N * kvDim),
      attn: act(`${p}.attn`, N * qDim), saved: arena.create(`${p}.attn-saved`, k.attention.savedBytes, 'activations'),
      h: act(`${p}.h`, N * C), xn2: act(`${p}.xn2`, N * C), rstd2: act(`${p}.rstd2`, N),
      gate: act(`${p}.gate`, N * I), up: act(`${p}.up`, N * I), act: act(`${p}.act`, N * I),
    });
  }
  const xFinal = act('final.x', N * C), xnF = act('final.xn', N * C), rstdF = act('final.rstd', N);
  const logits = act('logits', N * V), lse = act('lse', N), logprobs = act('logprobs', N);
  // Backward scratch, shared by all layers.
  const dResid = scratch('d-residual', N * C); // gradient flowing along the residual stream
  const dXn = scratch('d-normed', N * C);
  // RoPE runs in place: q/k projections land in qr/kr and are rotated there; dq/dk are un-rotated in place.
  const dAttn = scratch('d-attn', N * qDim), dQ = scratch('d-q', N * qDim), dK = scratch('d-k', N * kvDim), dV = scratch('d-v', N * kvDim);
  const dAct = scratch('d-act', N * I), dGate = scratch('d-gate', N * I), dUp = scratch('d-up', N * I);
  // dlogits overwrite the logits in place (nothing reads the logits after the log-prob backward).
  const dLogits = logits;

  const lin = (rows: number, inDim: number, outDim: number): LinearShape => ({ rows, inDim, outDim });
  const fwd: PlannedOp[] = [];
  const add = (list: PlannedOp[], kernel: string, op: Encodable) => list.push({ kernel, op });

  // ---- forward ----
  const embed = P('model.embed_tokens.weight');
  add(fwd, 'embedding', k.embedding.bindForward({ tokens: io.tokens, table: embed.param, out: layers.length ? layers[0].x : xFinal }));
  for (let l = 0; l < layers.length; l++) {
    const a = layers[l];
    const pre = `model.layers.${l}`;
    const next = l + 1 < layers.length ? layers[l + 1].x : xFinal;
    add(fwd, 'rmsnorm', k.rmsnorm.bindForward({ x: a.x, w: P(`${pre}.input_layernorm.weight`).param, y: a.xn1, rstd: a.rstd1 }));
    add(fwd, 'matmul', await k.linear.bindForward(lin(N, C, qDim), { x: a.xn1, w: P(`${pre}.self_attn.q_proj.weight`).param, y: a.qr }, false));
    add(fwd, 'matmul', await k.linear.bindForward(lin(N, C, kvDim), { x: a.xn1, w: P(`${pre}.self_attn.k_proj.weight`).param, y: a.kr }, false));
    add(fwd, 'matmul', await k.linear.bindForward(lin(N, C, kvDim), { x: a.xn1, w: P(`${pre}.self_attn.v_proj.weight`).param, y: a.v }, false));
    add(fwd, 'rope', k.rope.q.bindForward({ x: a.qr, positions: io.positions, y: a.qr }));
    add(fwd, 'rope', k.rope.k.bindForward({ x: a.kr, positions: io.positions, y: a.kr }));
    add(fwd, 'attention', k.attention.bindForward({ q: a.qr, k: a.kr, v: a.v, mask: io.mask, out: a.attn, saved: a.saved }));
    // h = x + o_proj(attn): copy the residual, then accumulate the projection onto it.
    add(fwd, 'copy', copy(a.x, a.h, N * C * 4));
    add(fwd, 'matmul', await k.linear.bindForward(lin(N, qDim, C), { x: a.attn, w: P(`${pre}.self_attn.o_proj.weight`).param, y: a.h }, true));
    add(fwd, 'rmsnorm', k.rmsnorm.bindForward({ x: a.h, w: P(`${pre}.post_attention_layernorm.weight`).param, y: a.xn2, rstd: a.rstd2 }));
    add(fwd, 'matmul', await k.linear.bindForward(lin(N, C, I), { x: a.xn2, w: P(`${pre}.mlp.gate_proj.weight`).param, y: a.gate }, false));
    add(fwd, 'matmul', await k.linear.bindForward(lin(N, C, I), { x: a.xn2, w: P(`${pre}.mlp.up_proj.weight`).param, y: a.up }, false));
    add(fwd, 'swiglu', k.swiglu.bindForward({ gate: a.gate, up: a.up, h: a.act }));
    add(fwd, 'copy', copy(a.h, next, N * C * 4));
    add(fwd, 'matmul', await k.linear.bindForward(lin(N, I, C), { x: a.act, w: P(`${pre}.mlp.down_proj.weight`).param, y: next }, true));
  }
  add(fwd, 'rmsnorm', k.rmsnorm.bindForward({ x: xFinal, w: P('model.norm.weight').param, y: xnF, rstd: rstdF }));
  const head = cfg.tie_word_embeddings ? embed : P('lm_head.weight');
  add(fwd, 'matmul', await k.linear.bindForward(lin(N, C, V), { x: xnF, w: head.param, y: logits }, false));
  add(fwd, 'logprob', k.logprob.bindForward({ logits, tokens: io.tokens, mask: io.mask, logprobs, lse }));

  // ---- backward: L = Σ w·logprob ----
  const bwd: PlannedOp[] = [];
  add(bwd, 'logprob', k.logprob.bindBackward({ weights: io.weights, logits, tokens: io.tokens, mask: io.mask, lse, dlogits: dLogits }));
  add(bwd, 'matmul', await k.linear.bindBackwardWeight(lin(N, C, V), { dy: dLogits, x: xnF, dw: head.grad }));
  add(bwd, 'matmul', await k.linear.bindBackwardInput(lin(N, C, V), { dy: dLogits, w: head.param, dx: dXn }, false));
  add(bwd, 'rmsnorm', k.rmsnorm.bindBackward({ dy: dXn, x: xFinal, w: P('model.norm.weight').param, rstd: rstdF, dx: dResid, dw: P('model.norm.weight').grad }, SET_DX));
  for (let l = layers.length - 1; l >= 0; l--) {
    const a = layers[l];
    const pre = `model.layers.${l}`;
    const G = (n: string) => P(`${pre}.${n}`);
    // MLP branch; dResid holds d(out) and becomes d(h) when the norm's backward accumulates into it.
    add(bwd, 'matmul', await k.linear.bindBackwardWeight(lin(N, I, C), { dy: dResid, x: a.act, dw: G('mlp.down_proj.weight').grad }));
    add(bwd, 'matmul', await k.linear.bindBackwardInput(lin(N, I, C), { dy: dResid, w: G('mlp.down_proj.weight').param, dx: dAct }, false));
    add(bwd, 'swiglu', k.swiglu.bindBackward({ dh: dAct, gate: a.gate, up: a.up, dgate: dGate, dup: dUp }));
    add(bwd, 'matmul', await k.linear.bindBackwardWeight(lin(N, C, I), { dy: dGate, x: a.xn2, dw: G('mlp.gate_proj.weight').grad }));
    add(bwd, 'matmul', await k.linear.bindBackwardWeight(lin(N, C, I), { dy: dUp, x: a.xn2, dw: G('mlp.up_proj.weight').grad }));
    add(bwd, 'matmul', await k.linear.bindBackwardInput(lin(N, C, I), { dy: dGate, w: G('mlp.gate_proj.weight').param, dx: dXn }, false));
    add(bwd, 'matmul', await k.linear.bindBackwardInput(lin(N, C, I), { dy: dUp, w: G('mlp.up_proj.weight').param, dx: dXn }, true));
    add(bwd, 'rmsnorm', k.rmsnorm.bindBackward({ dy: dXn, x: a.h, w: G('post_attention_layernorm.weight').param, rstd: a.rstd2, dx: dResid, dw: G('post_attention_layernorm.weight').grad }, ADD_DX));
    // attention branch; dResid = d(h), becomes d(x) after the input norm's backward.
    add(bwd, 'matmul', await k.linear.bindBackwardWeight(lin(N, qDim, C), { dy: dResid, x: a.attn, dw: G('self_attn.o_proj.weight').grad }));
    add(bwd, 'matmul', await k.linear.bindBackwardInput(lin(N, qDim, C), { dy: dResid, w: G('self_attn.o_proj.weight').param, dx: dAttn }, false));
    add(bwd, 'attention', k.attention.bindBackward({ dOut: dAttn, q: a.qr, k: a.kr, v: a.v, out: a.attn, saved: a.saved, mask: io.mask, dq: dQ, dk: dK, dv: dV }));
    add(bwd, 'rope', k.rope.q.bindBackward({ dy: dQ, positions: io.positions, dx: dQ }));
    add(bwd, 'rope', k.rope.k.bindBackward({ dy: dK, positions: io.positions, dx: dK }));
    add(bwd, 'matmul', await k.linear.bindBackwardWeight(lin(N, C, qDim), { dy: dQ, x: a.xn1, dw: G('self_attn.q_proj.weight').grad }));
    add(bwd, 'matmul', await k.linear.bindBackwardWeight(lin(N, C, kvDim), { dy: dK, x: a.xn1, dw: G('self_attn.k_proj.weight').grad }));
    add(bwd, 'matmul', await k.linear.bindBackwardWeight(lin(N, C, kvDim), { dy: dV, x: a.xn1, dw: G('self_attn.v_proj.weight').grad }));
    add(bwd, 'matmul', await k.linear.bindBackwardInput(lin(N, C, qDim), { dy: dQ, w: G('self_attn.q_proj.weight').param, dx: dXn }, false));
    add(bwd, 'matmul', await k.linear.bindBackwardInput(lin(N, C, kvDim), { dy: dK, w: G('self_attn.k_proj.weight').param, dx: dXn }, true));
    add(bwd, 'matmul', await k.linear.bindBackwardInput(lin(N, C, kvDim), { dy: dV, w: G('self_attn.v_proj.weight').param, dx: dXn }, true));
    add(bwd, 'rmsnorm', k.rmsnorm.bindBackward({ dy: dXn, x: a.x, w: G('input_layernorm.weight').param, rstd: a.rstd1, dx: dResid, dw: G('input_layernorm.weight').grad }, ADD_DX));
  }
  add(bwd, 'embedding', k.embedding.bindBackward({ tokens: io.tokens, dOut: dResid, dTable: embed.grad }, { accumulate: true }));
  return { forward: fwd, backward: bwd, logprobs };
}
