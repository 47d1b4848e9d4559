// Causal GQA attention, tiled variant: the forward kernels (scores with online row stats, normalize) and the
// row-block product shared by forward (P·v) and backward (dS·k). Declarations and helpers:
// attention_tiled_common.wgsl, prepended by src/train/ops/attention-tiled.ts.

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
