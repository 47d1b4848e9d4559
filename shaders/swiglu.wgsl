// SwiGLU gating: h = silu(gate) ⊙ up with silu(z) = z·σ(z), and its backward.
// One invocation per element; the linear index spans a 2-D grid so huge tensors fit the dispatch limits.

struct Params {
  n: u32,
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
}

override WG: u32 = 256;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> gate: array<f32>;
@group(0) @binding(2) var<storage, read> up: array<f32>;
@group(0) @binding(3) var<storage, read_write> h: array<f32>;

// Backward bindings (slots reused: an entry point only sees the ones it uses).
@group(0) @binding(3) var<storage, read> dh: array<f32>;
@group(0) @binding(4) var<storage, read_write> dgate: array<f32>;
@group(0) @binding(5) var<storage, read_write> dup: array<f32>;

fn sigmoid(z: f32) -> f32 {
  // exp(-z) overflows to +inf for z < -88 and 1/inf = 0: the limit is right, no NaN.
  return 1.0 / (1.0 + exp(-z));
}

fn element(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> u32 {
  return (wid.y * nwg.x + wid.x) * WG + lid;
}

@compute @workgroup_size(WG)
fn swiglu_forward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = element(wid, nwg, lid);
  if (i >= params.n) { return; }
  let z = gate[i];
  h[i] = z * sigmoid(z) * up[i];
}

@compute @workgroup_size(WG)
fn swiglu_backward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = element(wid, nwg, lid);
  if (i >= params.n) { return; }
  let z = gate[i];
  let s = sigmoid(z);
  let g = dh[i];
  dup[i] = g * z * s;
  dgate[i] = g * up[i] * s * (1.0 + z * (1.0 - s));
}
