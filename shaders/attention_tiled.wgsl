// Causal GQA attention, register-tiled variant (hd % 4 = 0): the T×T scores of one (batch, head) are
// materialised in a scratch buffer and every step is a small matmul-like kernel whose invocations own
// a 4×4 tile (or 4 rows × one vec4 of the head dim) in named vec4 registers. No private arrays (CPU
// adapters such as SwiftShader spill loop-indexed arrays to memory), no barriers, no atomics; every
// sum has a fixed order, so results are deterministic. Same math and saved stats as attention.wgsl:
//   forward:  S = scale·q·kᵀ (masked, causal) → row softmax P (lse saved) → out = P·v
//   backward: D = dOut·out; P recomputed from lse; dv = Pᵀ·dOut; dS = P ⊙ (dOut·vᵀ − D)·scale;
//             dq = dS·k; dk = dSᵀ·q — dk/dv summing over the query heads of a kv group.
// Layouts: q/out/dOut [B,T,nH,hd], k/v [B,T,nKV,hd] as vec4 rows of HDV = hd/4; S [B·nH, T, T];
// stats [B·nH·T, 2] = (lse, D). Entries of S above the diagonal are never written nor read.

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
/** attn_scores: false = raw masked scores (forward), true = probabilities exp(S − lse) (backward). */
override RECOMPUTE: bool = false;

@group(0) @binding(0) var<uniform> P: Params;
// scores: q, k, mask, stats (read), S
@group(0) @binding(1) var<storage, read> sc_q: array<vec4f>;
@group(0) @binding(2) var<storage, read> sc_k: array<vec4f>;
@group(0) @binding(3) var<storage, read> sc_mask: array<u32>;
@group(0) @binding(4) var<storage, read> sc_stats: array<f32>;
@group(0) @binding(5) var<storage, read_write> sc_S: array<f32>;
// softmax: S (in place), stats
@group(0) @binding(1) var<storage, read_write> sm_S: array<f32>;
@group(0) @binding(2) var<storage, read_write> sm_stats: array<f32>;
// rows·vectors products (pv, dq): S, rhs rows, out rows — and the transposed ones (dv, dk)
@group(0) @binding(1) var<storage, read> mm_S: array<f32>;
@group(0) @binding(2) var<storage, read> mm_rhs: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> mm_out: array<vec4f>;
// delta: out, dOut, stats
@group(0) @binding(1) var<storage, read> de_out: array<vec4f>;
@group(0) @binding(2) var<storage, read> de_dout: array<vec4f>;
@group(0) @binding(3) var<storage, read_write> de_stats: array<f32>;
// ds: dOut, v, stats (read), S (P in, dS out)
@group(0) @binding(1) var<storage, read> ds_dout: array<vec4f>;
@group(0) @binding(2) var<storage, read> ds_v: array<vec4f>;
@group(0) @binding(3) var<storage, read> ds_stats: array<f32>;
@group(0) @binding(4) var<storage, read_write> ds_S: array<f32>;

fn linear(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> u32 {
  return (wid.y * nwg.x + wid.x) * WG + lid;
}
fn qrow(b: u32, t: u32, h: u32) -> u32 { return ((b * P.T + t) * P.nH + h) * P.HDV; }
fn krow(b: u32, s: u32, g: u32) -> u32 { return ((b * P.T + s) * P.nKV + g) * P.HDV; }
fn srow(bh: u32, t: u32) -> u32 { return (bh * P.T + t) * P.T; }

/** Tile (bh, t-tile, s-tile) of a 4×4 score tile; ok = false past the end or entirely in the future. */
struct Tile { bh: u32, b: u32, h: u32, t0: u32, s0: u32, ok: bool }
fn tile_of(i: u32) -> Tile {
  var o: Tile;
  let perBh = P.T4 * P.T4;
  o.bh = i / perBh;
  let rem = i - o.bh * perBh;
  o.t0 = (rem / P.T4) * 4u;
  o.s0 = (rem % P.T4) * 4u;
  o.b = o.bh / P.nH;
  o.h = o.bh % P.nH;
  o.ok = o.bh < P.B * P.nH && o.s0 <= o.t0 + 3u;
  return o;
}

fn dots(a: vec4f, b0: vec4f, b1: vec4f, b2: vec4f, b3: vec4f) -> vec4f {
  return vec4f(dot(a, b0), dot(a, b1), dot(a, b2), dot(a, b3));
}

fn store_scores(t: u32, s0: u32, tl: Tile, acc: vec4f) {
  if (t >= P.T) { return; }
  let r = tl.bh * P.T + t;
  let lse = sc_stats[2u * r];
  for (var j = 0u; j < 4u; j++) {
    let s = s0 + j;
    if (s > t || s >= P.T) { break; }
    let visible = sc_mask[tl.b * P.T + s] != 0u;
    var value: f32;
    if (RECOMPUTE) {
      value = select(0.0, exp(acc[j] * P.scale - lse), visible && lse > EMPTY);
    } else {
      value = select(EMPTY, acc[j] * P.scale, visible);
    }
    sc_S[r * P.T + s] = value;
  }
}

@compute @workgroup_size(WG)
fn attn_scores(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let tl = tile_of(linear(wid, nwg, lid));
  if (!tl.ok) { return; }
  let g = tl.h / P.group;
  let last = P.T - 1u;
  let q0 = qrow(tl.b, min(tl.t0, last), tl.h);
  let q1 = qrow(tl.b, min(tl.t0 + 1u, last), tl.h);
  let q2 = qrow(tl.b, min(tl.t0 + 2u, last), tl.h);
  let q3 = qrow(tl.b, min(tl.t0 + 3u, last), tl.h);
  let k0 = krow(tl.b, min(tl.s0, last), g);
  let k1 = krow(tl.b, min(tl.s0 + 1u, last), g);
  let k2 = krow(tl.b, min(tl.s0 + 2u, last), g);
  let k3 = krow(tl.b, min(tl.s0 + 3u, last), g);
  var a0 = vec4f();
  var a1 = vec4f();
  var a2 = vec4f();
  var a3 = vec4f();
  for (var d = 0u; d < P.HDV; d++) {
    let kv0 = sc_k[k0 + d];
    let kv1 = sc_k[k1 + d];
    let kv2 = sc_k[k2 + d];
    let kv3 = sc_k[k3 + d];
    a0 += dots(sc_q[q0 + d], kv0, kv1, kv2, kv3);
    a1 += dots(sc_q[q1 + d], kv0, kv1, kv2, kv3);
    a2 += dots(sc_q[q2 + d], kv0, kv1, kv2, kv3);
    a3 += dots(sc_q[q3 + d], kv0, kv1, kv2, kv3);
  }
  store_scores(tl.t0, tl.s0, tl, a0);
  store_scores(tl.t0 + 1u, tl.s0, tl, a1);
  store_scores(tl.t0 + 2u, tl.s0, tl, a2);
  store_scores(tl.t0 + 3u, tl.s0, tl, a3);
}

/** One invocation per query row: softmax over s ≤ t in place; lse to stats (EMPTY: no visible key). */
@compute @workgroup_size(WG)
fn attn_softmax(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let r = linear(wid, nwg, lid);
  if (r >= P.B * P.nH * P.T) { return; }
  let t = r % P.T;
  let base = r * P.T;
  var m = EMPTY;
  for (var s = 0u; s <= t; s++) { m = max(m, sm_S[base + s]); }
  if (m <= EMPTY) {
    for (var s = 0u; s <= t; s++) { sm_S[base + s] = 0.0; }
    sm_stats[2u * r] = EMPTY;
    return;
  }
  var sum = 0.0;
  for (var s = 0u; s <= t; s++) {
    let x = sm_S[base + s];
    let e = select(0.0, exp(x - m), x > EMPTY);
    sm_S[base + s] = e;
    sum += e;
  }
  let inv = 1.0 / sum;
  for (var s = 0u; s <= t; s++) { sm_S[base + s] = sm_S[base + s] * inv; }
  sm_stats[2u * r] = m + log(sum);
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

fn s_at(bh: u32, t: u32, s: u32) -> f32 {
  // Only s ≤ t is ever written: rows past T and future keys weigh 0.
  if (s > t || t >= P.T) { return 0.0; }
  return mm_S[srow(bh, t) + s];
}

/** out[t] = Σ_{s ≤ t} S[t, s] · rhs[s] for 4 rows t (pv: S = P, rhs = v; dq: S = dS, rhs = k). */
@compute @workgroup_size(WG)
fn attn_rows_times(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let rb = row_block(linear(wid, nwg, lid), P.nH);
  if (!rb.ok) { return; }
  let g = rb.h / P.group;
  var a0 = vec4f();
  var a1 = vec4f();
  var a2 = vec4f();
  var a3 = vec4f();
  let last = min(rb.t0 + 3u, P.T - 1u);
  for (var s = 0u; s <= last; s++) {
    let x = mm_rhs[krow(rb.b, s, g) + rb.d];
    a0 += s_at(rb.bh, rb.t0, s) * x;
    a1 += s_at(rb.bh, rb.t0 + 1u, s) * x;
    a2 += s_at(rb.bh, rb.t0 + 2u, s) * x;
    a3 += s_at(rb.bh, rb.t0 + 3u, s) * x;
  }
  if (rb.t0 < P.T) { mm_out[qrow(rb.b, rb.t0, rb.h) + rb.d] = a0; }
  if (rb.t0 + 1u < P.T) { mm_out[qrow(rb.b, rb.t0 + 1u, rb.h) + rb.d] = a1; }
  if (rb.t0 + 2u < P.T) { mm_out[qrow(rb.b, rb.t0 + 2u, rb.h) + rb.d] = a2; }
  if (rb.t0 + 3u < P.T) { mm_out[qrow(rb.b, rb.t0 + 3u, rb.h) + rb.d] = a3; }
}

/**
 * out[s] = Σ_{h in group} Σ_{t ≥ s} S[h, t, s] · rhs[t, h] for 4 keys s of kv head g
 * (dv: S = P, rhs = dOut; dk: S = dS, rhs = q). Heads then queries in a fixed order.
 */
@compute @workgroup_size(WG)
fn attn_cols_times(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let rb = row_block(linear(wid, nwg, lid), P.nKV);
  if (!rb.ok) { return; }
  let g = rb.h;
  let s0 = rb.t0;
  var a0 = vec4f();
  var a1 = vec4f();
  var a2 = vec4f();
  var a3 = vec4f();
  for (var j = 0u; j < P.group; j++) {
    let h = g * P.group + j;
    let bh = rb.b * P.nH + h;
    for (var t = s0; t < P.T; t++) {
      let x = mm_rhs[qrow(rb.b, t, h) + rb.d];
      let row = srow(bh, t);
      a0 += select(0.0, mm_S[row + s0], s0 <= t) * x;
      a1 += select(0.0, mm_S[row + min(s0 + 1u, t)], s0 + 1u <= t) * x;
      a2 += select(0.0, mm_S[row + min(s0 + 2u, t)], s0 + 2u <= t) * x;
      a3 += select(0.0, mm_S[row + min(s0 + 3u, t)], s0 + 3u <= t) * x;
    }
  }
  if (s0 < P.T) { mm_out[krow(rb.b, s0, g) + rb.d] = a0; }
  if (s0 + 1u < P.T) { mm_out[krow(rb.b, s0 + 1u, g) + rb.d] = a1; }
  if (s0 + 2u < P.T) { mm_out[krow(rb.b, s0 + 2u, g) + rb.d] = a2; }
  if (s0 + 3u < P.T) { mm_out[krow(rb.b, s0 + 3u, g) + rb.d] = a3; }
}

/** D[r] = dOut[r]·out[r], one invocation per query row. */
@compute @workgroup_size(WG)
fn attn_delta(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let r = linear(wid, nwg, lid);
  if (r >= P.B * P.nH * P.T) { return; }
  let t = r % P.T;
  let bh = r / P.T;
  let base = qrow(bh / P.nH, t, bh % P.nH);
  var acc = 0.0;
  for (var d = 0u; d < P.HDV; d++) { acc += dot(de_dout[base + d], de_out[base + d]); }
  de_stats[2u * r + 1u] = acc;
}

fn store_ds(t: u32, s0: u32, tl: Tile, dp: vec4f) {
  if (t >= P.T) { return; }
  let r = tl.bh * P.T + t;
  let D = ds_stats[2u * r + 1u];
  for (var j = 0u; j < 4u; j++) {
    let s = s0 + j;
    if (s > t || s >= P.T) { break; }
    let i = r * P.T + s;
    ds_S[i] = ds_S[i] * (dp[j] - D) * P.scale;
  }
}

/** dS = P ⊙ (dOut·vᵀ − D)·scale over a 4×4 tile, in place over P. */
@compute @workgroup_size(WG)
fn attn_ds(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let tl = tile_of(linear(wid, nwg, lid));
  if (!tl.ok) { return; }
  let g = tl.h / P.group;
  let last = P.T - 1u;
  let o0 = qrow(tl.b, min(tl.t0, last), tl.h);
  let o1 = qrow(tl.b, min(tl.t0 + 1u, last), tl.h);
  let o2 = qrow(tl.b, min(tl.t0 + 2u, last), tl.h);
  let o3 = qrow(tl.b, min(tl.t0 + 3u, last), tl.h);
  let v0 = krow(tl.b, min(tl.s0, last), g);
  let v1 = krow(tl.b, min(tl.s0 + 1u, last), g);
  let v2 = krow(tl.b, min(tl.s0 + 2u, last), g);
  let v3 = krow(tl.b, min(tl.s0 + 3u, last), g);
  var a0 = vec4f();
  var a1 = vec4f();
  var a2 = vec4f();
  var a3 = vec4f();
  for (var d = 0u; d < P.HDV; d++) {
    let x0 = ds_v[v0 + d];
    let x1 = ds_v[v1 + d];
    let x2 = ds_v[v2 + d];
    let x3 = ds_v[v3 + d];
    a0 += dots(ds_dout[o0 + d], x0, x1, x2, x3);
    a1 += dots(ds_dout[o1 + d], x0, x1, x2, x3);
    a2 += dots(ds_dout[o2 + d], x0, x1, x2, x3);
    a3 += dots(ds_dout[o3 + d], x0, x1, x2, x3);
  }
  store_ds(tl.t0, tl.s0, tl, a0);
  store_ds(tl.t0 + 1u, tl.s0, tl, a1);
  store_ds(tl.t0 + 2u, tl.s0, tl, a2);
  store_ds(tl.t0 + 3u, tl.s0, tl, a3);
}
