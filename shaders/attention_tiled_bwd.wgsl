// Causal GQA attention, tiled variant: the backward-only kernels (recomputed P, dS, dk/dv, D).
// Declarations and helpers: attention_tiled_common.wgsl, prepended by src/train/ops/attention-tiled.ts.

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
