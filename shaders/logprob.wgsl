// Fused log-softmax → log-probability of the next token, and its weighted gradient.
// logprob[r] = logits[r, tokens[r+1]] − lse[r] for rows r = b·T + t with t < T−1 and mask[r+1] ≠ 0,
// else 0. lse[r] = log Σ_v exp(logits[r, v]) is saved for every row. Loss L = Σ w[r]·logprob[r], so
// dlogits[r, v] = w[r]·(onehot(target) − softmax) on scored rows and 0 elsewhere.
// Forward, without workgroup barriers (they are very slow on CPU adapters): logprob_partial gives each
// invocation one CHUNK of one row and keeps an online (max, Σexp) pair; logprob_finalize merges a row's
// pairs in chunk order. Both orders are fixed, so the result is deterministic. Backward: one
// invocation per element.

struct Params {
  /** B·T rows. */
  rows: u32,
  T: u32,
  V: u32,
  /** ceil(V / CHUNK). */
  chunks: u32,
}

override WG: u32 = 256;
override CHUNK: u32 = 256;
const NEG: f32 = -3.0e38;

@group(0) @binding(0) var<uniform> params: Params;
// forward, pass 1
@group(0) @binding(1) var<storage, read> p_logits: array<f32>;
@group(0) @binding(2) var<storage, read_write> partial: array<vec2<f32>>;
// forward, pass 2 and backward
@group(0) @binding(1) var<storage, read> tokens: array<u32>;
@group(0) @binding(2) var<storage, read> mask: array<u32>;
@group(0) @binding(3) var<storage, read> f_partial: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read> f_logits: array<f32>;
@group(0) @binding(5) var<storage, read_write> logprobs: array<f32>;
@group(0) @binding(6) var<storage, read_write> lse: array<f32>;
// backward (out of place): weights, lse, logits (read), dlogits
@group(0) @binding(3) var<storage, read> weights: array<f32>;
@group(0) @binding(4) var<storage, read> b_lse: array<f32>;
@group(0) @binding(5) var<storage, read> b_logits: array<f32>;
@group(0) @binding(6) var<storage, read_write> dlogits: array<f32>;
// backward in place: logits become dlogits
@group(0) @binding(5) var<storage, read_write> logits_grad: array<f32>;

fn linear(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> u32 {
  return (wid.y * nwg.x + wid.x) * WG + lid;
}

/** The target token of row r, or V when row r is not scored. */
fn target_of(r: u32) -> u32 {
  let t = r % params.T;
  if (t + 1u >= params.T || mask[r + 1u] == 0u) { return params.V; }
  return tokens[r + 1u];
}

@compute @workgroup_size(WG)
fn logprob_partial(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = linear(wid, nwg, lid);
  if (i >= params.rows * params.chunks) { return; }
  let r = i / params.chunks;
  let start = (i - r * params.chunks) * CHUNK;
  let end = min(start + CHUNK, params.V);
  let base = r * params.V;
  var m = NEG;
  var s = 0.0;
  for (var j = start; j < end; j++) {
    let x = p_logits[base + j];
    if (x > m) { s = s * exp(m - x); m = x; }
    s = s + exp(x - m);
  }
  partial[i] = vec2<f32>(m, s);
}

@compute @workgroup_size(WG)
fn logprob_finalize(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let r = linear(wid, nwg, lid);
  if (r >= params.rows) { return; }
  var m = NEG;
  var s = 0.0;
  for (var c = 0u; c < params.chunks; c++) {
    let p = f_partial[r * params.chunks + c];
    let mm = max(m, p.x);
    s = s * exp(m - mm) + p.y * exp(p.x - mm);
    m = mm;
  }
  let l = m + log(s);
  lse[r] = l;
  let tgt = target_of(r);
  // An out-of-vocabulary target (validated on the CPU before upload) scores 0 rather than reading out of bounds.
  logprobs[r] = select(0.0, f_logits[r * params.V + min(tgt, params.V - 1u)] - l, tgt < params.V);
}

fn grad(r: u32, j: u32, x: f32) -> f32 {
  let tgt = target_of(r);
  if (tgt >= params.V) { return 0.0; }
  let w = weights[r];
  return w * (select(0.0, 1.0, j == tgt) - exp(x - b_lse[r]));
}

@compute @workgroup_size(WG)
fn logprob_backward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.y * nwg.x + wid.x) * WG + lid;
  if (i >= params.rows * params.V) { return; }
  let r = i / params.V;
  dlogits[i] = grad(r, i - r * params.V, b_logits[i]);
}

@compute @workgroup_size(WG)
fn logprob_backward_inplace(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.y * nwg.x + wid.x) * WG + lid;
  if (i >= params.rows * params.V) { return; }
  let r = i / params.V;
  logits_grad[i] = grad(r, i - r * params.V, logits_grad[i]);
}
