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

/** Backward over a 4×4 tile: P = exp(scale·q·kᵀ − lse) recomputed (0 where not visible). */
@compute @workgroup_size(WG)
fn attn_probs(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let tl = tile_of(linear(wid, nwg, lid));
  if (!tl.ok) { return; }
  let q = tile_rows(tl);
  let k = tile_keys(tl);
  var a0 = vec4f(); var a1 = vec4f(); var a2 = vec4f(); var a3 = vec4f();
  for (var d = 0u; d < P.HDV; d++) {
    let kv0 = sc_k[k.x + d];
    let kv1 = sc_k[k.y + d];
    let kv2 = sc_k[k.z + d];
    let kv3 = sc_k[k.w + d];
    a0 += dots(sc_q[q.x + d], kv0, kv1, kv2, kv3);
    a1 += dots(sc_q[q.y + d], kv0, kv1, kv2, kv3);
    a2 += dots(sc_q[q.z + d], kv0, kv1, kv2, kv3);
    a3 += dots(sc_q[q.w + d], kv0, kv1, kv2, kv3);
  }
  store_probs(tl.t0, tl, a0);
  store_probs(tl.t0 + 1u, tl, a1);
  store_probs(tl.t0 + 2u, tl, a2);
  store_probs(tl.t0 + 3u, tl, a3);
}

fn store_probs(t: u32, tl: Tile, qk: vec4f) {
  if (t >= P.T) { return; }
  let r = tl.bh * P.T + t;
  let lse = sc_stats[2u * r];
  let ok = visible(tl.b, t, tl.s0) & vec4<bool>(lse > EMPTY);
  sc_S[r * P.T4 + tl.s0 / 4u] = select(vec4f(0.0), exp(qk * P.scale - vec4f(lse)), ok);
}

/** dS = P ⊙ (dOut·vᵀ − D)·scale over a 4×4 tile, into its own buffer (P stays for dv). */
@compute @workgroup_size(WG)
fn attn_ds(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let tl = tile_of(linear(wid, nwg, lid));
  if (!tl.ok) { return; }
  let o = tile_rows(tl);
  let v = tile_keys(tl);
  var a0 = vec4f(); var a1 = vec4f(); var a2 = vec4f(); var a3 = vec4f();
  for (var d = 0u; d < P.HDV; d++) {
    let x0 = ds_v[v.x + d];
    let x1 = ds_v[v.y + d];
    let x2 = ds_v[v.z + d];
    let x3 = ds_v[v.w + d];
    a0 += dots(ds_dout[o.x + d], x0, x1, x2, x3);
    a1 += dots(ds_dout[o.y + d], x0, x1, x2, x3);
    a2 += dots(ds_dout[o.z + d], x0, x1, x2, x3);
    a3 += dots(ds_dout[o.w + d], x0, x1, x2, x3);
  }
  store_ds(tl.t0, tl, a0);
  store_ds(tl.t0 + 1u, tl, a1);
  store_ds(tl.t0 + 2u, tl, a2);
  store_ds(tl.t0 + 3u, tl, a3);
}

fn store_ds(t: u32, tl: Tile, dp: vec4f) {
  if (t >= P.T) { return; }
  let r = tl.bh * P.T + t;
  let i = r * P.T4 + tl.s0 / 4u;
  ds_dS[i] = ds_P[i] * (dp - vec4f(ds_stats[2u * r + 1u])) * P.scale;
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
@compute @workgroup_size(WG)
fn attn_rows_times(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = linear(wid, nwg, lid);
  let pairs = (P.HDV + 1u) / 2u;
  let perBh = P.T4 * pairs;
  let bh = i / perBh;
  if (bh >= P.B * P.nH) { return; }
  let rem = i - bh * perBh;
  let t0 = (rem / pairs) * 4u;
  let d0 = (rem % pairs) * 2u;
  let d1 = min(d0 + 1u, P.HDV - 1u);
  let b = bh / P.nH;
  let h = bh % P.nH;
  let g = h / P.group;
  let lastT = P.T - 1u;
  // Rows past T are clamped to T − 1 for loading (they are not stored).
  let r0 = srow(bh, t0);
  let r1 = srow(bh, min(t0 + 1u, lastT));
  let r2 = srow(bh, min(t0 + 2u, lastT));
  let r3 = srow(bh, min(t0 + 3u, lastT));
  var a0 = vec4f(); var a1 = vec4f(); var a2 = vec4f(); var a3 = vec4f();
  var e0 = vec4f(); var e1 = vec4f(); var e2 = vec4f(); var e3 = vec4f();
  // Key blocks before the diagonal one: all 16 entries visible to the causal test, all keys < T.
  let stride = P.nKV * P.HDV;
  let diag = t0 / 4u;
  var x = krow(b, 0u, g);
  for (var sb = 0u; sb < diag; sb++) {
    let x0 = mm_rhs[x + d0];
    let y0 = mm_rhs[x + d1];
    let x1 = mm_rhs[x + stride + d0];
    let y1 = mm_rhs[x + stride + d1];
    let x2 = mm_rhs[x + 2u * stride + d0];
    let y2 = mm_rhs[x + 2u * stride + d1];
    let x3 = mm_rhs[x + 3u * stride + d0];
    let y3 = mm_rhs[x + 3u * stride + d1];
    x += 4u * stride;
    let p0 = mm_S[r0 + sb];
    let p1 = mm_S[r1 + sb];
    let p2 = mm_S[r2 + sb];
    let p3 = mm_S[r3 + sb];
    a0 += p0.x * x0 + p0.y * x1 + p0.z * x2 + p0.w * x3;
    e0 += p0.x * y0 + p0.y * y1 + p0.z * y2 + p0.w * y3;
    a1 += p1.x * x0 + p1.y * x1 + p1.z * x2 + p1.w * x3;
    e1 += p1.x * y0 + p1.y * y1 + p1.z * y2 + p1.w * y3;
    a2 += p2.x * x0 + p2.y * x1 + p2.z * x2 + p2.w * x3;
    e2 += p2.x * y0 + p2.y * y1 + p2.z * y2 + p2.w * y3;
    a3 += p3.x * x0 + p3.y * x1 + p3.z * x2 + p3.w * x3;
    e3 += p3.x * y0 + p3.y * y1 + p3.z * y2 + p3.w * y3;
  }
  // The diagonal block: its invisible entries are 0; keys past T are clamped for loading.
  let k0 = krow(b, t0, g);
  let k1 = krow(b, min(t0 + 1u, lastT), g);
  let k2 = krow(b, min(t0 + 2u, lastT), g);
  let k3 = krow(b, min(t0 + 3u, lastT), g);
  let x0 = mm_rhs[k0 + d0]; let y0 = mm_rhs[k0 + d1];
  let x1 = mm_rhs[k1 + d0]; let y1 = mm_rhs[k1 + d1];
  let x2 = mm_rhs[k2 + d0]; let y2 = mm_rhs[k2 + d1];
  let x3 = mm_rhs[k3 + d0]; let y3 = mm_rhs[k3 + d1];
  let p0 = mm_S[r0 + diag];
  let p1 = mm_S[r1 + diag];
  let p2 = mm_S[r2 + diag];
  let p3 = mm_S[r3 + diag];
  a0 += p0.x * x0;
  e0 += p0.x * y0;
  a1 += p1.x * x0 + p1.y * x1;
  e1 += p1.x * y0 + p1.y * y1;
  a2 += p2.x * x0 + p2.y * x1 + p2.z * x2;
  e2 += p2.x * y0 + p2.y * y1 + p2.z * y2;
  a3 += p3.x * x0 + p3.y * x1 + p3.z * x2 + p3.w * x3;
  e3 += p3.x * y0 + p3.y * y1 + p3.z * y2 + p3.w * y3;
  let two = d0 + 1u < P.HDV;
  store_rows(b, t0, h, d0, a0, e0, two);
  store_rows(b, t0 + 1u, h, d0, a1, e1, two);
  store_rows(b, t0 + 2u, h, d0, a2, e2, two);
  store_rows(b, t0 + 3u, h, d0, a3, e3, two);
}

fn store_rows(b: u32, t: u32, h: u32, d0: u32, a: vec4f, e: vec4f, two: bool) {
  if (t >= P.T) { return; }
  let o = qrow(b, t, h) + d0;
  mm_out[o] = a;
  if (two) { mm_out[o + 1u] = e; }
}

/**
 * dv[s] = Σ_{h in group} Σ_{t ≥ s} P[h, t, s]·dOut[t, h] and dk[s] = Σ … dS[h, t, s]·q[t, h] for 4 keys s
 * of kv head g and one vec4 of the head dim. Heads then queries in a fixed order. In the diagonal
 * block the entries of keys after t are 0, so the loop needs no triangle tests.
 */
@compute @workgroup_size(WG)
fn attn_dkv(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let rb = row_block(linear(wid, nwg, lid), P.nKV);
  if (!rb.ok) { return; }
  let g = rb.h;
  let s0 = rb.t0;
  var k0 = vec4f(); var k1 = vec4f(); var k2 = vec4f(); var k3 = vec4f();
  var v0 = vec4f(); var v1 = vec4f(); var v2 = vec4f(); var v3 = vec4f();
  let sb = s0 / 4u;
  let stride = P.nH * P.HDV;
  for (var j = 0u; j < P.group; j++) {
    let h = g * P.group + j;
    let bh = rb.b * P.nH + h;
    var x = qrow(rb.b, s0, h) + rb.d;
    var row = srow(bh, s0) + sb;
    for (var t = s0; t < P.T; t++) {
      let qv = kv_q[x];
      let ov = kv_dout[x];
      let p = kv_P[row];
      let ds = kv_dS[row];
      x += stride;
      row += P.T4;
      v0 += p.x * ov; v1 += p.y * ov; v2 += p.z * ov; v3 += p.w * ov;
      k0 += ds.x * qv; k1 += ds.y * qv; k2 += ds.z * qv; k3 += ds.w * qv;
    }
  }
  let o = krow(rb.b, s0, g) + rb.d;
  let step = P.nKV * P.HDV;
  kv_dk[o] = k0; kv_dv[o] = v0;
  if (s0 + 1u < P.T) { kv_dk[o + step] = k1; kv_dv[o + step] = v1; }
  if (s0 + 2u < P.T) { kv_dk[o + 2u * step] = k2; kv_dv[o + 2u * step] = v2; }
  if (s0 + 3u < P.T) { kv_dk[o + 3u * step] = k3; kv_dv[o + 3u * step] = v3; }
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

/** Online softmax statistics of one query row over a tile of 4 scaled scores (invalid ones ignored). */
fn online(m: ptr<function, f32>, l: ptr<function, f32>, x: vec4f, ok: vec4<bool>) {
  let xm = select(vec4f(EMPTY), x, ok);
  let newm = max(*m, max(max(xm.x, xm.y), max(xm.z, xm.w)));
  let e = select(vec4f(0.0), exp(x - vec4f(newm)), ok);
  *l = *l * exp(*m - newm) + (e.x + e.y + e.z + e.w);
  *m = newm;
}

fn store_raw(t: u32, s0: u32, bh: u32, x: vec4f, ok: vec4<bool>) {
  if (t >= P.T) { return; }
  sc_S[(bh * P.T + t) * P.T4 + s0 / 4u] = select(vec4f(EMPTY), x, ok);
}

fn finish_row(t: u32, bh: u32, m: f32, l: f32) {
  if (t >= P.T) { return; }
  sc_stats_w[2u * (bh * P.T + t)] = select(EMPTY, m + log(l), l > 0.0);
}

/**
 * Forward scores for 4 query rows against every visible key, 4 keys at a time: writes the scaled,
 * masked scores and, from running (max, Σexp) pairs kept in registers, each row's logsumexp.
 */
@compute @workgroup_size(WG)
fn attn_scores_rows(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = linear(wid, nwg, lid);
  if (i >= P.B * P.nH * P.T4) { return; }
  let bh = i / P.T4;
  let t0 = (i % P.T4) * 4u;
  let b = bh / P.nH;
  let h = bh % P.nH;
  let g = h / P.group;
  let last = P.T - 1u;
  let q0 = qrow(b, min(t0, last), h);
  let q1 = qrow(b, min(t0 + 1u, last), h);
  let q2 = qrow(b, min(t0 + 2u, last), h);
  let q3 = qrow(b, min(t0 + 3u, last), h);
  let tv = vec4u(t0, t0 + 1u, t0 + 2u, t0 + 3u);
  var m0 = EMPTY; var m1 = EMPTY; var m2 = EMPTY; var m3 = EMPTY;
  var l0 = 0.0; var l1 = 0.0; var l2 = 0.0; var l3 = 0.0;
  let lastS = min(t0 + 3u, last);
  for (var s0 = 0u; s0 <= lastS; s0 += 4u) {
    let k0 = krow(b, min(s0, last), g);
    let k1 = krow(b, min(s0 + 1u, last), g);
    let k2 = krow(b, min(s0 + 2u, last), g);
    let k3 = krow(b, min(s0 + 3u, last), g);
    var a0 = vec4f(); var a1 = vec4f(); var a2 = vec4f(); var a3 = vec4f();
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
    let sv = vec4u(s0, s0 + 1u, s0 + 2u, s0 + 3u);
    let mb = b * P.T;
    let real = vec4<bool>(
      sc_mask[mb + min(s0, last)] != 0u && s0 <= last,
      sc_mask[mb + min(s0 + 1u, last)] != 0u && s0 + 1u <= last,
      sc_mask[mb + min(s0 + 2u, last)] != 0u && s0 + 2u <= last,
      sc_mask[mb + min(s0 + 3u, last)] != 0u && s0 + 3u <= last,
    );
    let ok0 = real & (sv <= vec4u(tv.x));
    let ok1 = real & (sv <= vec4u(tv.y));
    let ok2 = real & (sv <= vec4u(tv.z));
    let ok3 = real & (sv <= vec4u(tv.w));
    let x0 = a0 * P.scale; let x1 = a1 * P.scale; let x2 = a2 * P.scale; let x3 = a3 * P.scale;
    online(&m0, &l0, x0, ok0); online(&m1, &l1, x1, ok1); online(&m2, &l2, x2, ok2); online(&m3, &l3, x3, ok3);
    store_raw(tv.x, s0, bh, x0, ok0); store_raw(tv.y, s0, bh, x1, ok1); store_raw(tv.z, s0, bh, x2, ok2); store_raw(tv.w, s0, bh, x3, ok3);
  }
  finish_row(tv.x, bh, m0, l0); finish_row(tv.y, bh, m1, l1); finish_row(tv.z, bh, m2, l2); finish_row(tv.w, bh, m3, l3);
}

/** P = exp(S − lse) on the causal triangle, one invocation per 4-key block (invalid scores → 0). */
@compute @workgroup_size(WG)
fn attn_normalize(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = linear(wid, nwg, lid);
  if (i >= P.B * P.nH * P.T * P.T4) { return; }
  let r = i / P.T4;
  let sb = i - r * P.T4;
  if (sb * 4u > r % P.T) { return; }
  let lse = sm_stats_r[2u * r];
  let x = sm_S[i];
  sm_S[i] = select(vec4f(0.0), exp(x - vec4f(lse)), (x > vec4f(EMPTY)) & vec4<bool>(lse > EMPTY));
}
