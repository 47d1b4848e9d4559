// Shared declarations and helpers of the tiled attention family; prepended to attention_tiled_fwd.wgsl and
// attention_tiled_bwd.wgsl (not a shader on its own).
// Causal GQA attention, register-tiled variant (hd % 4 = 0): the T×T scores of every (batch, head)
// are materialised in f32 buffers and every step is a small matmul-like kernel whose invocations own
// a 4×4 tile (or 4 rows × one or two vec4s of the head dim) in named vec4 registers. No private arrays
// (CPU adapters such as SwiftShader spill loop-indexed arrays to memory), no barriers, no atomics;
// every sum has a fixed order, so results are deterministic. Same math and row stats as attention.wgsl:
//   forward:  S = scale·q·kᵀ (masked, causal) with each row's lse from running (max, Σexp) pairs
//             → P = exp(S − lse) → out = P·v. P lives either after the stats in the layer's `saved`
//             buffer (kept for the backward) or in a scratch buffer (src/train/ops/attention-tiled.ts).
//   backward: D = dOut·out; P saved, or recomputed from lse (attn_probs); dS = P ⊙ (dOut·vᵀ − D)·scale
//             into a scratch buffer; dq = dS·k; dk = dSᵀ·q and dv = Pᵀ·dOut in one pass,
//             summing over the query heads of a kv group.
// Layouts: q/out/dOut [B,T,nH,hd], k/v [B,T,nKV,hd] as vec4 rows of HDV = hd/4; S [B·nH, T, T4]
// as vec4 (rows padded to 4·T4 keys so every 4-key block is one aligned vec4 load or store);
// stats [B·nH·T, 2] = (lse, D). Blocks of S entirely above the diagonal are never written nor read;
// inside the diagonal 4×4 blocks, entries with key > query (and keys ≥ T) hold 0 in P and dS (EMPTY
// in the forward's raw scores), so the products below run over whole blocks with no triangle tests.

struct Params {
  B: u32,
  T: u32,
  nH: u32,
  nKV: u32,
  /** hd / 4 */
  HDV: u32,
  group: u32,
  scale: f32,
  /** ceil(T / 4) */
  T4: u32,
}

const EMPTY: f32 = -3.0e38;
override WG: u32 = 64;

@group(0) @binding(0) var<uniform> P: Params;
// scores: q, k, mask, stats (attn_probs reads; attn_scores_rows writes), S
@group(0) @binding(1) var<storage, read> sc_q: array<vec4f>;
@group(0) @binding(2) var<storage, read> sc_k: array<vec4f>;
@group(0) @binding(3) var<storage, read> sc_mask: array<u32>;
@group(0) @binding(4) var<storage, read> sc_stats: array<f32>;
@group(0) @binding(5) var<storage, read_write> sc_S: array<vec4f>;
@group(0) @binding(4) var<storage, read_write> sc_stats_w: array<f32>;
// normalize: S (in place), stats (read)
@group(0) @binding(1) var<storage, read_write> sm_S: array<vec4f>;
// (stats read_write only so that P may live in the same buffer: WebGPU forbids read + write aliasing)
@group(0) @binding(2) var<storage, read_write> sm_stats_r: array<f32>;
// rows·vectors products (pv, dq): S, rhs rows, out rows
@group(0) @binding(1) var<storage, read> mm_S: array<vec4f>;
@group(0) @binding(2) var<storage, read> mm_rhs: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> mm_out: array<vec4f>;
// delta: out, dOut, stats
@group(0) @binding(1) var<storage, read> de_out: array<vec4f>;
@group(0) @binding(2) var<storage, read> de_dout: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> de_stats: array<f32>;
// ds: dOut, v, stats (read), P (read), dS (written)
@group(0) @binding(1) var<storage, read> ds_dout: array<vec4f>;
@group(0) @binding(2) var<storage, read> ds_v: array<vec4f>;
@group(0) @binding(3) var<storage, read> ds_stats: array<f32>;
@group(0) @binding(4) var<storage, read> ds_P: array<vec4f>;
@group(0) @binding(5) var<storage, read_write> ds_dS: array<vec4f>;
// dk, dv: P, dS, dOut, q, dk, dv
@group(0) @binding(1) var<storage, read> kv_P: array<vec4f>;
@group(0) @binding(2) var<storage, read> kv_dS: array<vec4f>;
@group(0) @binding(3) var<storage, read> kv_dout: array<vec4f>;
@group(0) @binding(4) var<storage, read> kv_q: array<vec4f>;
@group(0) @binding(5) var<storage, read_write> kv_dk: array<vec4f>;
@group(0) @binding(6) var<storage, read_write> kv_dv: array<vec4f>;

fn linear(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> u32 {
  return (wid.y * nwg.x + wid.x) * WG + lid;
}
fn qrow(b: u32, t: u32, h: u32) -> u32 { return ((b * P.T + t) * P.nH + h) * P.HDV; }
fn krow(b: u32, s: u32, g: u32) -> u32 { return ((b * P.T + s) * P.nKV + g) * P.HDV; }
/** Index of the first vec4 of row t of S for (batch, head) bh. */
fn srow(bh: u32, t: u32) -> u32 { return (bh * P.T + t) * P.T4; }

/** Which of keys s0..s0+3 query t may see: in range, not padding, not in its future. */
fn visible(b: u32, t: u32, s0: u32) -> vec4<bool> {
  let last = P.T - 1u;
  let mb = b * P.T;
  let sv = vec4u(s0, s0 + 1u, s0 + 2u, s0 + 3u);
  let real = vec4<bool>(
    sc_mask[mb + min(s0, last)] != 0u,
    sc_mask[mb + min(s0 + 1u, last)] != 0u,
    sc_mask[mb + min(s0 + 2u, last)] != 0u,
    sc_mask[mb + min(s0 + 3u, last)] != 0u,
  );
  return real & (sv <= vec4u(min(t, last)));
}

/**
 * Tile i of the causal triangle of 4×4 score tiles: per (batch, head) the T4·(T4+1)/2 tiles with
 * s-tile ≤ t-tile, row by row (so no invocation is launched for a tile above the diagonal).
 */
struct Tile { bh: u32, b: u32, h: u32, t0: u32, s0: u32, ok: bool }
fn tile_of(i: u32) -> Tile {
  var o: Tile;
  let perBh = P.T4 * (P.T4 + 1u) / 2u;
  o.bh = i / perBh;
  let rem = i - o.bh * perBh;
  // a = the largest integer with a(a+1)/2 ≤ rem; the float estimate is corrected by at most one step.
  var a = u32((sqrt(8.0 * f32(rem) + 1.0) - 1.0) * 0.5);
  if ((a + 1u) * (a + 2u) / 2u <= rem) { a += 1u; }
  if (a * (a + 1u) / 2u > rem) { a -= 1u; }
  o.t0 = a * 4u;
  o.s0 = (rem - a * (a + 1u) / 2u) * 4u;
  o.b = o.bh / P.nH;
  o.h = o.bh % P.nH;
  o.ok = o.bh < P.B * P.nH;
  return o;
}

fn dots(a: vec4f, b0: vec4f, b1: vec4f, b2: vec4f, b3: vec4f) -> vec4f {
  return vec4f(dot(a, b0), dot(a, b1), dot(a, b2), dot(a, b3));
}

fn tile_rows(tl: Tile) -> vec4u {
  let last = P.T - 1u;
  return vec4u(
    qrow(tl.b, min(tl.t0, last), tl.h), qrow(tl.b, min(tl.t0 + 1u, last), tl.h),
    qrow(tl.b, min(tl.t0 + 2u, last), tl.h), qrow(tl.b, min(tl.t0 + 3u, last), tl.h),
  );
}
fn tile_keys(tl: Tile) -> vec4u {
  let last = P.T - 1u;
  let g = tl.h / P.group;
  return vec4u(
    krow(tl.b, min(tl.s0, last), g), krow(tl.b, min(tl.s0 + 1u, last), g),
    krow(tl.b, min(tl.s0 + 2u, last), g), krow(tl.b, min(tl.s0 + 3u, last), g),
  );
}

/** Row block (bh, 4 query rows, one vec4 of the head dim). */
struct RowBlock { bh: u32, b: u32, h: u32, t0: u32, d: u32, ok: bool }
fn row_block(i: u32, heads: u32) -> RowBlock {
  var o: RowBlock;
  let perBh = P.T4 * P.HDV;
  o.bh = i / perBh;
  let rem = i - o.bh * perBh;
  o.t0 = (rem / P.HDV) * 4u;
  o.d = rem % P.HDV;
  o.b = o.bh / heads;
  o.h = o.bh % heads;
  o.ok = o.bh < P.B * heads;
  return o;
}

/**
 * out[t] = Σ_{s ≤ t} S[t, s] · rhs[s] for 4 rows t and two vec4 columns d0, d1 of the head dim
 * (pv: S = P, rhs = v; dq: S = dS, rhs = k). Each S block loaded feeds 8 accumulators. With an odd
 * number of vec4 columns the last invocation of a row computes its column twice and stores it once.
 */
