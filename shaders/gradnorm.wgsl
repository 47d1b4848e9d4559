// Global gradient norm over many tensors, and the clip-scale pass.
// Shared 16-byte stats block (also written by nonfinite.wgsl, read by adamw.wgsl):
//   word 0: f32 Σg² · word 1: u32 non-finite flag · word 2: f32 ‖g‖ · word 3: f32 clip scale min(1, maxNorm/‖g‖).
// Pass 1 (gradnorm_partial, one dispatch per tensor): each workgroup sums the squares of one CHUNK of
// the tensor with a fixed tree into partials[base + workgroup]. Pass 2 (gradnorm_finalize, one
// workgroup): sums all partials in a fixed order. No atomics, so the norm is bit-for-bit repeatable.

struct Slice {
  n: u32,
  /** First slot of this tensor's partial sums. */
  base: u32,
  _pad0: u32,
  _pad1: u32,
}

struct Final {
  /** Number of partial sums. */
  count: u32,
  /** Clip threshold; a non-positive value disables clipping (scale 1). */
  maxNorm: f32,
  _pad0: u32,
  _pad1: u32,
}

override WG: u32 = 256;
/** Elements each invocation reads in pass 1: a workgroup covers WG·ITEMS elements. */
override ITEMS: u32 = 16;

@group(0) @binding(0) var<uniform> slice: Slice;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> partials: array<f32>;
// finalize
@group(0) @binding(0) var<uniform> fin: Final;
@group(0) @binding(1) var<storage, read> f_partials: array<f32>;
@group(0) @binding(2) var<storage, read_write> stats: array<u32>;
// clip: stats (read), gradients scaled in place
@group(0) @binding(1) var<storage, read> c_stats: array<u32>;
@group(0) @binding(2) var<storage, read_write> grad: array<f32>;

var<workgroup> tree: array<f32, WG>;

fn tree_sum(lid: u32, value: f32) -> f32 {
  tree[lid] = value;
  workgroupBarrier();
  for (var stride = WG / 2u; stride > 0u; stride = stride / 2u) {
    if (lid < stride) { tree[lid] = tree[lid] + tree[lid + stride]; }
    workgroupBarrier();
  }
  return tree[0];
}

fn is_finite(v: f32) -> bool {
  // Bit test: comparisons with NaN may be folded away by optimizing compilers.
  return (bitcast<u32>(v) & 0x7f800000u) != 0x7f800000u;
}

@compute @workgroup_size(WG)
fn gradnorm_partial(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let w = wid.y * nwg.x + wid.x;
  let start = w * WG * ITEMS;
  var acc = 0.0;
  for (var i = 0u; i < ITEMS; i++) {
    let e = start + i * WG + lid;
    if (e < slice.n) { let g = x[e]; acc = acc + g * g; }
  }
  let total = tree_sum(lid, acc);
  let chunks = (slice.n + WG * ITEMS - 1u) / (WG * ITEMS);
  if (lid == 0u && w < chunks) { partials[slice.base + w] = total; }
}

@compute @workgroup_size(WG)
fn gradnorm_finalize(@builtin(local_invocation_index) lid: u32) {
  var acc = 0.0;
  for (var i = lid; i < fin.count; i = i + WG) { acc = acc + f_partials[i]; }
  let total = tree_sum(lid, acc);
  if (lid != 0u) { return; }
  let norm = sqrt(total);
  var scale = 1.0;
  if (fin.maxNorm > 0.0 && is_finite(norm) && norm > fin.maxNorm) { scale = fin.maxNorm / norm; }
  stats[0] = bitcast<u32>(total);
  stats[2] = bitcast<u32>(norm);
  stats[3] = bitcast<u32>(scale);
}

@compute @workgroup_size(WG)
fn gradnorm_clip(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.y * nwg.x + wid.x) * WG + lid;
  if (i >= slice.n) { return; }
  let scale = bitcast<f32>(c_stats[3]);
  if (scale != 1.0) { grad[i] = grad[i] * scale; }
}
