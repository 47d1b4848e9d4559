// Global gradient norm over many tensors, and the clip-scale pass.
// Shared 16-byte stats block (also written by nonfinite.wgsl, read by adamw.wgsl):
//   word 0: f32 Σg² · word 1: u32 non-finite flag · word 2: f32 ‖g‖ · word 3: f32 clip scale min(1, maxNorm/‖g‖).
// No workgroup barriers and no atomics (barrier trees are very slow on CPU adapters), in three passes
// with fixed summation orders, so the norm is bit-for-bit repeatable:
//   gradnorm_partial (one dispatch per tensor): invocation lid of workgroup w sums ITEMS elements
//     strided by WG (coalesced) into partials[base + w·WG + lid];
//   gradnorm_reduce: invocation j sums partials [j·FAN, (j+1)·FAN) into level2[j];
//   gradnorm_finalize (one invocation): sums level2 and writes Σg², ‖g‖ and the clip scale.

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
  /** Number of second-level sums, ceil(count / FAN). */
  count2: u32,
  _pad0: u32,
}

override WG: u32 = 256;
/** Elements each invocation reads in pass 1. */
override ITEMS: u32 = 64;
/** Partials each invocation of pass 2 sums. */
override FAN: u32 = 256;

@group(0) @binding(0) var<uniform> slice: Slice;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> partials: array<f32>;
// reduce and finalize
@group(0) @binding(0) var<uniform> fin: Final;
@group(0) @binding(1) var<storage, read> r_partials: array<f32>;
@group(0) @binding(2) var<storage, read_write> level2: array<f32>;
@group(0) @binding(1) var<storage, read> f_level2: array<f32>;
@group(0) @binding(2) var<storage, read_write> stats: array<u32>;
// clip: stats (read), gradients scaled in place
@group(0) @binding(1) var<storage, read> c_stats: array<u32>;
@group(0) @binding(2) var<storage, read_write> grad: array<f32>;

fn is_finite(v: f32) -> bool {
  // Bit test: comparisons with NaN may be folded away by optimizing compilers.
  return (bitcast<u32>(v) & 0x7f800000u) != 0x7f800000u;
}

@compute @workgroup_size(WG)
fn gradnorm_partial(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let w = wid.y * nwg.x + wid.x;
  let chunks = (slice.n + WG * ITEMS - 1u) / (WG * ITEMS);
  if (w >= chunks) { return; }
  let start = w * WG * ITEMS;
  var acc = 0.0;
  for (var i = 0u; i < ITEMS; i++) {
    let e = start + i * WG + lid;
    if (e < slice.n) { let g = x[e]; acc = acc + g * g; }
  }
  partials[slice.base + w * WG + lid] = acc;
}

@compute @workgroup_size(WG)
fn gradnorm_reduce(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let j = (wid.y * nwg.x + wid.x) * WG + lid;
  if (j >= fin.count2) { return; }
  let end = min((j + 1u) * FAN, fin.count);
  var acc = 0.0;
  for (var i = j * FAN; i < end; i++) { acc = acc + r_partials[i]; }
  level2[j] = acc;
}

@compute @workgroup_size(1)
fn gradnorm_finalize() {
  var total = 0.0;
  for (var i = 0u; i < fin.count2; i++) { total = total + f_level2[i]; }
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
