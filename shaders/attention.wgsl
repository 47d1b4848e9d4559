// Causal self-attention with grouped-query heads and a key padding mask, forward and backward.
// q: [B,T,nH,hd]; k, v: [B,T,nKV,hd]; mask: [B,T] u32 (1 = real token); out: [B,T,nH·hd].
// Query head h reads kv head h / group. Key s is visible to query t when s ≤ t and mask[b,s] ≠ 0.
//
// Forward: one invocation per query row (b, h, t) streams over its visible keys with an online softmax
// (running max + rescaled sum, as in flash attention), so nothing T×T is stored. It saves per row
// stats[2r] = logsumexp of the scaled scores (EMPTY for a row with no visible key, which outputs 0).
// Backward, FlashAttention-2 style but split in two kernels so no float atomics are needed:
//   attention_backward_dq: per query row, D = dOut·out (saved as stats[2r+1]) and
//     dq = scale · Σ_s p(dp − D) k_s, with p = exp(q·k·scale − lse) recomputed and dp = dOut·v_s;
//   attention_backward_dkv: per (b, kv head, key s), summing over the query heads of its group and the
//     queries t ≥ s: dk = scale · Σ p(dp − D) q_t, dv = Σ p dOut_t. Each output has one writer: deterministic.

struct Params {
  B: u32,
  T: u32,
  nH: u32,
  nKV: u32,
  hd: u32,
  group: u32,
  scale: f32,
  _pad: u32,
}

/** Largest head dimension the private row buffers hold (the wrapper checks hd ≤ MAX_HD). */
const MAX_HD: u32 = 128u;
const EMPTY: f32 = -3.0e38;
override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<f32>;
@group(0) @binding(2) var<storage, read> k: array<f32>;
@group(0) @binding(3) var<storage, read> v: array<f32>;
@group(0) @binding(4) var<storage, read> mask: array<u32>;
// forward
@group(0) @binding(5) var<storage, read_write> out: array<f32>;
@group(0) @binding(6) var<storage, read_write> stats: array<f32>;
// backward dq: out (read), dOut, stats (lse read, D written), dq
@group(0) @binding(5) var<storage, read> q_out: array<f32>;
@group(0) @binding(6) var<storage, read> q_dout: array<f32>;
@group(0) @binding(7) var<storage, read_write> q_stats: array<f32>;
@group(0) @binding(8) var<storage, read_write> dq: array<f32>;
// backward dk/dv: dOut, stats (read), dk, dv
@group(0) @binding(5) var<storage, read> kv_dout: array<f32>;
@group(0) @binding(6) var<storage, read> kv_stats: array<f32>;
@group(0) @binding(7) var<storage, read_write> dk: array<f32>;
@group(0) @binding(8) var<storage, read_write> dv: array<f32>;

/** Row index (b·nH + h)·T + t of a query, or (b·nKV + g)·T + s of a key, from a 2-D grid. */
fn linear(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> u32 {
  return (wid.y * nwg.x + wid.x) * WG + lid;
}

fn q_base(b: u32, t: u32, h: u32) -> u32 { return ((b * params.T + t) * params.nH + h) * params.hd; }
fn kv_base(b: u32, s: u32, g: u32) -> u32 { return ((b * params.T + s) * params.nKV + g) * params.hd; }

@compute @workgroup_size(WG)
fn attention_forward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let r = linear(wid, nwg, lid);
  let T = params.T;
  let hd = params.hd;
  if (r >= params.B * params.nH * T) { return; }
  let t = r % T;
  let bh = r / T;
  let h = bh % params.nH;
  let b = bh / params.nH;
  let g = h / params.group;
  let qb = q_base(b, t, h);
  var qs: array<f32, MAX_HD>;
  var acc: array<f32, MAX_HD>;
  for (var d = 0u; d < hd; d++) { qs[d] = q[qb + d] * params.scale; acc[d] = 0.0; }
  var m = EMPTY;
  var l = 0.0;
  for (var s = 0u; s <= t; s++) {
    if (mask[b * T + s] == 0u) { continue; }
    let kb = kv_base(b, s, g);
    var score = 0.0;
    for (var d = 0u; d < hd; d++) { score = score + qs[d] * k[kb + d]; }
    if (score > m) {
      // New running max: rescale what was accumulated (exp(EMPTY − score) is 0 on the first key).
      let c = exp(m - score);
      l = l * c;
      for (var d = 0u; d < hd; d++) { acc[d] = acc[d] * c; }
      m = score;
    }
    let p = exp(score - m);
    l = l + p;
    for (var d = 0u; d < hd; d++) { acc[d] = acc[d] + p * v[kb + d]; }
  }
  let ob = q_base(b, t, h);
  if (l == 0.0) {
    for (var d = 0u; d < hd; d++) { out[ob + d] = 0.0; }
    stats[2u * r] = EMPTY;
    return;
  }
  let inv = 1.0 / l;
  for (var d = 0u; d < hd; d++) { out[ob + d] = acc[d] * inv; }
  stats[2u * r] = m + log(l);
}

@compute @workgroup_size(WG)
fn attention_backward_dq(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let r = linear(wid, nwg, lid);
  let T = params.T;
  let hd = params.hd;
  if (r >= params.B * params.nH * T) { return; }
  let t = r % T;
  let bh = r / T;
  let h = bh % params.nH;
  let b = bh / params.nH;
  let g = h / params.group;
  let qb = q_base(b, t, h);
  let lse = q_stats[2u * r];
  var qs: array<f32, MAX_HD>;
  var dO: array<f32, MAX_HD>;
  var acc: array<f32, MAX_HD>;
  var D = 0.0;
  for (var d = 0u; d < hd; d++) {
    qs[d] = q[qb + d] * params.scale;
    dO[d] = q_dout[qb + d];
    D = D + dO[d] * q_out[qb + d];
    acc[d] = 0.0;
  }
  q_stats[2u * r + 1u] = D;
  if (lse > EMPTY) {
    for (var s = 0u; s <= t; s++) {
      if (mask[b * T + s] == 0u) { continue; }
      let kb = kv_base(b, s, g);
      var score = 0.0;
      var dp = 0.0;
      for (var d = 0u; d < hd; d++) {
        score = score + qs[d] * k[kb + d];
        dp = dp + dO[d] * v[kb + d];
      }
      let ds = exp(score - lse) * (dp - D);
      for (var d = 0u; d < hd; d++) { acc[d] = acc[d] + ds * k[kb + d]; }
    }
  }
  for (var d = 0u; d < hd; d++) { dq[qb + d] = acc[d] * params.scale; }
}

@compute @workgroup_size(WG)
fn attention_backward_dkv(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let r = linear(wid, nwg, lid);
  let T = params.T;
  let hd = params.hd;
  if (r >= params.B * params.nKV * T) { return; }
  let s = r % T;
  let bg = r / T;
  let g = bg % params.nKV;
  let b = bg / params.nKV;
  let kb = kv_base(b, s, g);
  var ks: array<f32, MAX_HD>;
  var vs: array<f32, MAX_HD>;
  var dkAcc: array<f32, MAX_HD>;
  var dvAcc: array<f32, MAX_HD>;
  for (var d = 0u; d < hd; d++) {
    ks[d] = k[kb + d] * params.scale;
    vs[d] = v[kb + d];
    dkAcc[d] = 0.0;
    dvAcc[d] = 0.0;
  }
  if (mask[b * T + s] != 0u) {
    for (var j = 0u; j < params.group; j++) {
      let h = g * params.group + j;
      for (var t = s; t < T; t++) {
        let row = (b * params.nH + h) * T + t;
        // Query t sees key s, so its row is not empty and lse is finite.
        let lse = kv_stats[2u * row];
        let D = kv_stats[2u * row + 1u];
        let qb = q_base(b, t, h);
        var score = 0.0;
        var dp = 0.0;
        for (var d = 0u; d < hd; d++) {
          score = score + q[qb + d] * ks[d];
          dp = dp + kv_dout[qb + d] * vs[d];
        }
        let p = exp(score - lse);
        let ds = p * (dp - D);
        for (var d = 0u; d < hd; d++) {
          dkAcc[d] = dkAcc[d] + ds * q[qb + d];
          dvAcc[d] = dvAcc[d] + p * kv_dout[qb + d];
        }
      }
    }
  }
  for (var d = 0u; d < hd; d++) {
    dk[kb + d] = dkAcc[d] * params.scale;
    dv[kb + d] = dvAcc[d];
  }
}
