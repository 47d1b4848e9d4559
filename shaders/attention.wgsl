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
//
// The wrapper prepends a prelude fixing the head dimension and the row block at compile time:
// `alias VT = vec4<f32>;` (vec2 when hd % 4 ≠ 0), `const HDV: u32 = hd / width;`, `const BLOCK: u32`. Row buffers are then exact-size vector
// arrays with constant trip counts, which compilers unroll into registers (a MAX_HD-sized scalar array
// with a runtime bound was spilled to memory and ran ~5× slower on SwiftShader).

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

const EMPTY: f32 = -3.0e38;
override WG: u32 = 64;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> q: array<VT>;
@group(0) @binding(2) var<storage, read> k: array<VT>;
@group(0) @binding(3) var<storage, read> v: array<VT>;
@group(0) @binding(4) var<storage, read> mask: array<u32>;
// forward
@group(0) @binding(5) var<storage, read_write> out: array<VT>;
@group(0) @binding(6) var<storage, read_write> stats: array<f32>;
// backward dq: out (read), dOut, stats (lse read, D written), dq
@group(0) @binding(5) var<storage, read> q_out: array<VT>;
@group(0) @binding(6) var<storage, read> q_dout: array<VT>;
@group(0) @binding(7) var<storage, read_write> q_stats: array<f32>;
@group(0) @binding(8) var<storage, read_write> dq: array<VT>;
// backward dk/dv: dOut, stats (read), dk, dv
@group(0) @binding(5) var<storage, read> kv_dout: array<VT>;
@group(0) @binding(6) var<storage, read> kv_stats: array<f32>;
@group(0) @binding(7) var<storage, read_write> dk: array<VT>;
@group(0) @binding(8) var<storage, read_write> dv: array<VT>;

/** Row index (b·nH + h)·T + t of a query, or (b·nKV + g)·T + s of a key, from a 2-D grid. */
fn linear(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> u32 {
  return (wid.y * nwg.x + wid.x) * WG + lid;
}

/** Index of a row's first vector in q/out/dOut (nH heads) or k/v (nKV heads). */
fn q_base(b: u32, t: u32, h: u32) -> u32 { return ((b * params.T + t) * params.nH + h) * HDV; }
fn kv_base(b: u32, s: u32, g: u32) -> u32 { return ((b * params.T + s) * params.nKV + g) * HDV; }

/** Query rows r = (b·nH + h)·T + t are processed BLOCK at a time by one invocation (block index rb). */
struct Block {
  b: u32,
  h: u32,
  t0: u32,
  ok: bool,
}

fn block_of(rb: u32, heads: u32) -> Block {
  let blocks = (params.T + BLOCK - 1u) / BLOCK;
  var o: Block;
  o.ok = rb < params.B * heads * blocks;
  let tb = rb % blocks;
  let bh = rb / blocks;
  o.h = bh % heads;
  o.b = bh / heads;
  o.t0 = tb * BLOCK;
  return o;
}

// Each invocation handles BLOCK consecutive queries (forward, dq) or keys (dk/dv) so every k/v (or
// q/dOut) row it loads is reused BLOCK times from registers: loads, not flops, bound these kernels.

@compute @workgroup_size(WG)
fn attention_forward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let blk = block_of(linear(wid, nwg, lid), params.nH);
  if (!blk.ok) { return; }
  let T = params.T;
  let g = blk.h / params.group;
  var qs: array<array<VT, HDV>, BLOCK>;
  var acc: array<array<VT, HDV>, BLOCK>;
  var m: array<f32, BLOCK>;
  var l: array<f32, BLOCK>;
  for (var i = 0u; i < BLOCK; i++) {
    let t = min(blk.t0 + i, T - 1u);
    let qb = q_base(blk.b, t, blk.h);
    for (var d = 0u; d < HDV; d++) { qs[i][d] = q[qb + d] * params.scale; acc[i][d] = VT(0.0); }
    m[i] = EMPTY;
    l[i] = 0.0;
  }
  let last = min(blk.t0 + BLOCK, T) - 1u;
  var kr: array<VT, HDV>;
  var vr: array<VT, HDV>;
  for (var s = 0u; s <= last; s++) {
    if (mask[blk.b * T + s] == 0u) { continue; }
    let kb = kv_base(blk.b, s, g);
    for (var d = 0u; d < HDV; d++) { kr[d] = k[kb + d]; vr[d] = v[kb + d]; }
    for (var i = 0u; i < BLOCK; i++) {
      if (s > blk.t0 + i) { continue; } // causal
      var score = 0.0;
      for (var d = 0u; d < HDV; d++) { score = score + dot(qs[i][d], kr[d]); }
      if (score > m[i]) {
        // New running max: rescale what was accumulated (exp(EMPTY − score) is 0 on the first key).
        let c = exp(m[i] - score);
        l[i] = l[i] * c;
        for (var d = 0u; d < HDV; d++) { acc[i][d] = acc[i][d] * c; }
        m[i] = score;
      }
      let p = exp(score - m[i]);
      l[i] = l[i] + p;
      for (var d = 0u; d < HDV; d++) { acc[i][d] = acc[i][d] + p * vr[d]; }
    }
  }
  for (var i = 0u; i < BLOCK; i++) {
    let t = blk.t0 + i;
    if (t >= T) { break; }
    let qb = q_base(blk.b, t, blk.h);
    let r = (blk.b * params.nH + blk.h) * T + t;
    if (l[i] == 0.0) {
      for (var d = 0u; d < HDV; d++) { out[qb + d] = VT(0.0); }
      stats[2u * r] = EMPTY;
    } else {
      let inv = 1.0 / l[i];
      for (var d = 0u; d < HDV; d++) { out[qb + d] = acc[i][d] * inv; }
      stats[2u * r] = m[i] + log(l[i]);
    }
  }
}

@compute @workgroup_size(WG)
fn attention_backward_dq(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let blk = block_of(linear(wid, nwg, lid), params.nH);
  if (!blk.ok) { return; }
  let T = params.T;
  let g = blk.h / params.group;
  var qs: array<array<VT, HDV>, BLOCK>;
  var dO: array<array<VT, HDV>, BLOCK>;
  var acc: array<array<VT, HDV>, BLOCK>;
  var lse: array<f32, BLOCK>;
  var D: array<f32, BLOCK>;
  for (var i = 0u; i < BLOCK; i++) {
    let t = min(blk.t0 + i, T - 1u);
    let qb = q_base(blk.b, t, blk.h);
    let r = (blk.b * params.nH + blk.h) * T + t;
    var dsum = 0.0;
    for (var d = 0u; d < HDV; d++) {
      qs[i][d] = q[qb + d] * params.scale;
      dO[i][d] = q_dout[qb + d];
      dsum = dsum + dot(dO[i][d], q_out[qb + d]);
      acc[i][d] = VT(0.0);
    }
    lse[i] = q_stats[2u * r];
    D[i] = dsum;
    if (blk.t0 + i < T) { q_stats[2u * r + 1u] = dsum; }
  }
  let last = min(blk.t0 + BLOCK, T) - 1u;
  var kr: array<VT, HDV>;
  var vr: array<VT, HDV>;
  for (var s = 0u; s <= last; s++) {
    if (mask[blk.b * T + s] == 0u) { continue; }
    let kb = kv_base(blk.b, s, g);
    for (var d = 0u; d < HDV; d++) { kr[d] = k[kb + d]; vr[d] = v[kb + d]; }
    for (var i = 0u; i < BLOCK; i++) {
      // Causal; and a row with no visible key (lse = EMPTY) has zero gradient.
      if (s > blk.t0 + i || lse[i] <= EMPTY) { continue; }
      var score = 0.0;
      var dp = 0.0;
      for (var d = 0u; d < HDV; d++) {
        score = score + dot(qs[i][d], kr[d]);
        dp = dp + dot(dO[i][d], vr[d]);
      }
      let ds = exp(score - lse[i]) * (dp - D[i]);
      for (var d = 0u; d < HDV; d++) { acc[i][d] = acc[i][d] + ds * kr[d]; }
    }
  }
  for (var i = 0u; i < BLOCK; i++) {
    let t = blk.t0 + i;
    if (t >= T) { break; }
    let qb = q_base(blk.b, t, blk.h);
    for (var d = 0u; d < HDV; d++) { dq[qb + d] = acc[i][d] * params.scale; }
  }
}

@compute @workgroup_size(WG)
fn attention_backward_dkv(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  // Here the block is BLOCK consecutive keys s0.. of kv head `blk.h`.
  let blk = block_of(linear(wid, nwg, lid), params.nKV);
  if (!blk.ok) { return; }
  let T = params.T;
  let s0 = blk.t0;
  var ks: array<array<VT, HDV>, BLOCK>;
  var vs: array<array<VT, HDV>, BLOCK>;
  var dkAcc: array<array<VT, HDV>, BLOCK>;
  var dvAcc: array<array<VT, HDV>, BLOCK>;
  var live: array<bool, BLOCK>;
  for (var i = 0u; i < BLOCK; i++) {
    let s = min(s0 + i, T - 1u);
    let kb = kv_base(blk.b, s, blk.h);
    for (var d = 0u; d < HDV; d++) {
      ks[i][d] = k[kb + d] * params.scale;
      vs[i][d] = v[kb + d];
      dkAcc[i][d] = VT(0.0);
      dvAcc[i][d] = VT(0.0);
    }
    live[i] = s0 + i < T && mask[blk.b * T + s] != 0u;
  }
  var qr: array<VT, HDV>;
  var dr: array<VT, HDV>;
  for (var j = 0u; j < params.group; j++) {
    let h = blk.h * params.group + j;
    for (var t = s0; t < T; t++) {
      let row = (blk.b * params.nH + h) * T + t;
      let lse = kv_stats[2u * row];
      let D = kv_stats[2u * row + 1u];
      let qb = q_base(blk.b, t, h);
      for (var d = 0u; d < HDV; d++) { qr[d] = q[qb + d]; dr[d] = kv_dout[qb + d]; }
      for (var i = 0u; i < BLOCK; i++) {
        // Key s0+i is visible to query t (so lse is finite) when it is real and not in t's future.
        if (!live[i] || s0 + i > t) { continue; }
        var score = 0.0;
        var dp = 0.0;
        for (var d = 0u; d < HDV; d++) {
          score = score + dot(qr[d], ks[i][d]);
          dp = dp + dot(dr[d], vs[i][d]);
        }
        let p = exp(score - lse);
        let ds = p * (dp - D);
        for (var d = 0u; d < HDV; d++) {
          dkAcc[i][d] = dkAcc[i][d] + ds * qr[d];
          dvAcc[i][d] = dvAcc[i][d] + p * dr[d];
        }
      }
    }
  }
  for (var i = 0u; i < BLOCK; i++) {
    if (s0 + i >= T) { break; }
    let kb = kv_base(blk.b, s0 + i, blk.h);
    for (var d = 0u; d < HDV; d++) {
      dk[kb + d] = dkAcc[i][d] * params.scale;
      dv[kb + d] = dvAcc[i][d];
    }
  }
}
