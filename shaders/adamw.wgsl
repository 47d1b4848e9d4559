// AdamW (PyTorch semantics) for one tensor per dispatch:
//   g' = g · scale;  m = β1 m + (1−β1) g';  v = β2 v + (1−β2) g'²;
//   p −= lr · ((m / bc1) / (sqrt(v / bc2) + eps) + wd · p)   with bc = 1 − β^step, wd only when `decay`.
// Step hyper-parameters live in one uniform the wrapper rewrites per step (changing lr allocates nothing).
// The stats block (gradnorm.wgsl) supplies the non-finite flag — when set the dispatch does nothing, so
// a step with NaN/Inf gradients leaves weights and moments untouched — and, with USE_STATS_SCALE, the
// global clip scale.

struct Hyper {
  lr: f32,
  beta1: f32,
  beta2: f32,
  eps: f32,
  weightDecay: f32,
  /** 1 − β1^step and 1 − β2^step, computed in float64 on the CPU. */
  bc1: f32,
  bc2: f32,
  /** A caller-side gradient scale (1 when unused), multiplied with the stats clip scale when enabled. */
  gradScale: f32,
}

struct Tensor {
  n: u32,
  decay: u32,
  _pad0: u32,
  _pad1: u32,
}

override WG: u32 = 256;
override USE_STATS_SCALE: bool = true;

@group(0) @binding(0) var<uniform> hyper: Hyper;
@group(0) @binding(1) var<uniform> tensor: Tensor;
@group(0) @binding(2) var<storage, read> stats: array<u32>;
@group(0) @binding(3) var<storage, read_write> p: array<f32>;
@group(0) @binding(4) var<storage, read> g: array<f32>;
@group(0) @binding(5) var<storage, read_write> m: array<f32>;
@group(0) @binding(6) var<storage, read_write> v: array<f32>;

@compute @workgroup_size(WG)
fn adamw_step(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.y * nwg.x + wid.x) * WG + lid;
  if (i >= tensor.n || stats[1] != 0u) { return; }
  var scale = hyper.gradScale;
  if (USE_STATS_SCALE) { scale = scale * bitcast<f32>(stats[3]); }
  let grad = g[i] * scale;
  let mi = hyper.beta1 * m[i] + (1.0 - hyper.beta1) * grad;
  let vi = hyper.beta2 * v[i] + (1.0 - hyper.beta2) * grad * grad;
  m[i] = mi;
  v[i] = vi;
  let pi = p[i];
  let wd = select(0.0, hyper.weightDecay, tensor.decay != 0u);
  p[i] = pi - hyper.lr * ((mi / hyper.bc1) / (sqrt(vi / hyper.bc2) + hyper.eps) + wd * pi);
}
