// NaN/Inf detection over many tensors: one dispatch per tensor sets word 1 of the shared stats block
// (see gradnorm.wgsl) to 1 when any element is not finite. The flag is cleared before the first
// dispatch; atomicOr makes concurrent writers agree, and the result (0 or 1) is deterministic.
// adamw.wgsl reads the flag and leaves every tensor untouched when it is set: no CPU round trip.

struct Slice {
  n: u32,
  _pad0: u32,
  _pad1: u32,
  _pad2: u32,
}

override WG: u32 = 256;
override ITEMS: u32 = 8;

@group(0) @binding(0) var<uniform> slice: Slice;
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read_write> stats: array<atomic<u32>>;

@compute @workgroup_size(WG)
fn nonfinite_check(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let start = (wid.y * nwg.x + wid.x) * WG * ITEMS;
  var bad = false;
  for (var i = 0u; i < ITEMS; i++) {
    let e = start + i * WG + lid;
    // Exponent all ones = Inf or NaN (a bit test: NaN comparisons can be optimized away).
    if (e < slice.n && (bitcast<u32>(x[e]) & 0x7f800000u) == 0x7f800000u) { bad = true; }
  }
  if (bad) { atomicOr(&stats[1], 1u); }
}
