// ONNX building blocks of the training graph, forward and hand-written backward side by side, each the float32
// counterpart of one float64 reference op (src/model/reference/*.ts). Only standard opset-17 ops. Static shapes:
// the graph is built for one (config, B, T), so ORT plans every buffer once. Knows nothing of sessions or state.
import { headDim, type LlamaConfig } from '../../model/config.ts';
import type { GraphBuilder } from '../../model/onnx/builder.ts';

export interface Dims {
  B: number;
  T: number;
  N: number;
  C: number;
  I: number;
  V: number;
  hd: number;
  nH: number;
  nKV: number;
  rep: number;
  qDim: number;
  kvDim: number;
}

export function dimsOf(cfg: LlamaConfig, B: number, T: number): Dims {
  const hd = headDim(cfg),
    nH = cfg.num_attention_heads,
    nKV = cfg.num_key_value_heads;
  return {
    B,
    T,
    N: B * T,
    C: cfg.hidden_size,
    I: cfg.intermediate_size,
    V: cfg.vocab_size,
    hd,
    nH,
    nKV,
    rep: nH / nKV,
    qDim: nH * hd,
    kvDim: nKV * hd,
  };
}

/** y = x·Wᵀ (+ residual through Gemm's C input), W in HF layout [out, in]. */
export const linear = (g: GraphBuilder, x: string, w: string, residual?: string): string =>
  g.op('Gemm', residual ? [x, w, residual] : [x, w], { transB: 1 });

/** For y = x·Wᵀ: dW = dyᵀ·x [out,in]; dx = dy·W [N,in], accumulated onto `acc` when given (Gemm's C input). */
export const linearDw = (g: GraphBuilder, dy: string, x: string): string => g.op('Gemm', [dy, x], { transA: 1 });
export const linearDx = (g: GraphBuilder, dy: string, w: string, acc?: string): string =>
  g.op('Gemm', acc ? [dy, w, acc] : [dy, w]);

/** RMSNorm, saving x̂ = x·rstd and rstd (the backward needs nothing else): y = x̂ ⊙ w. */
export function rmsnormForward(
  g: GraphBuilder,
  x: string,
  w: string,
  eps: number,
): { y: string; xhat: string; rstd: string } {
  const ms = g.op('ReduceMean', [g.op('Mul', [x, x])], { axes: [-1], keepdims: 1 });
  const rstd = g.op('Reciprocal', [g.op('Sqrt', [g.op('Add', [ms, g.scalar(eps)])])]);
  const xhat = g.op('Mul', [x, rstd]);
  return { y: g.op('Mul', [xhat, w]), xhat, rstd };
}

/**
 * The reference's dx = rstd·(dy⊙w) − rstd³/C·x·Σ(dy⊙w⊙x), rewritten with x̂ = x·rstd as rstd·(γ − x̂·mean(γ⊙x̂)),
 * γ = dy⊙w; dw = Σ_rows dy⊙x̂. `resid` (the gradient flowing past the block) is added to dx.
 */
export function rmsnormBackward(
  g: GraphBuilder,
  dy: string,
  xhat: string,
  rstd: string,
  w: string,
  resid?: string,
): { dx: string; dw: string } {
  const gam = g.op('Mul', [dy, w]);
  const mean = g.op('ReduceMean', [g.op('Mul', [gam, xhat])], { axes: [-1], keepdims: 1 });
  const dxn = g.op('Mul', [g.op('Sub', [gam, g.op('Mul', [xhat, mean])]), rstd]);
  const dw = g.op('ReduceSum', [g.op('Mul', [dy, xhat]), g.ints([0])], { keepdims: 0 });
  return { dx: resid ? g.op('Add', [dxn, resid]) : dxn, dw };
}

/** SwiGLU h = silu(gate) ⊙ up, silu(z) = z·σ(z). */
export function swigluForward(g: GraphBuilder, gate: string, up: string): { h: string; sig: string; silu: string } {
  const sig = g.op('Sigmoid', [gate]);
  const silu = g.op('Mul', [gate, sig]);
  return { h: g.op('Mul', [silu, up]), sig, silu };
}

/** dup = dh·silu(z); dgate = dh·up·σ(z)·(1 + z·(1 − σ(z))). */
export function swigluBackward(
  g: GraphBuilder,
  dh: string,
  gate: string,
  up: string,
  sig: string,
  silu: string,
): { dgate: string; dup: string } {
  const one = g.scalar(1);
  const dsilu = g.op('Mul', [sig, g.op('Add', [one, g.op('Mul', [gate, g.op('Sub', [one, sig])])])]);
  return { dgate: g.op('Mul', [g.op('Mul', [dh, up]), dsilu]), dup: g.op('Mul', [dh, silu]) };
}

/** [N, heads·hd] → [B, heads, T, hd] and back. */
export const toHeads = (g: GraphBuilder, d: Dims, x: string, heads: number): string =>
  g.op('Transpose', [g.op('Reshape', [x, g.ints([d.B, d.T, heads, d.hd])])], { perm: [0, 2, 1, 3] });
export const fromHeads = (g: GraphBuilder, d: Dims, x: string, heads: number): string =>
  g.op('Reshape', [g.op('Transpose', [x], { perm: [0, 2, 1, 3] }), g.ints([d.N, heads * d.hd])]);

/** cos/sin rows [B,1,T,hd] for the batch's positions, and the rotate_half matrix R (x·R = rotate_half(x)). */
export interface RopeTables {
  cos: string;
  sin: string;
  R: string;
  Rt: string;
}

/**
 * RoPE in HF's rotate_half layout: y = x⊙cos + (x·R)⊙sin. The rotation is orthogonal, so the backward is the
 * inverse rotation: dx = dy⊙cos + (dy⊙sin)·Rᵀ (the reference's rotate by −angle).
 */
export const ropeForward = (g: GraphBuilder, x: string, t: RopeTables): string =>
  g.op('Add', [g.op('Mul', [x, t.cos]), g.op('Mul', [g.op('MatMul', [x, t.R]), t.sin])]);
export const ropeBackward = (g: GraphBuilder, dy: string, t: RopeTables): string =>
  g.op('Add', [g.op('Mul', [dy, t.cos]), g.op('MatMul', [g.op('Mul', [dy, t.sin]), t.Rt])]);

/** rotate_half as a signed permutation matrix [hd, hd] (one MatMul, cheaper than Slice/Neg/Concat per node). */
export function rotateHalfMatrix(hd: number, transpose: boolean): Float32Array {
  const R = new Float32Array(hd * hd);
  for (let j = 0; j < hd / 2; j++) {
    const [a, b] = transpose ? [j, j + hd / 2] : [j + hd / 2, j];
    R[a * hd + b] = -1; // rotate_half: out[j] = −x[j + hd/2]
    R[b * hd + a] = 1; // out[j + hd/2] = x[j]
  }
  return R;
}
