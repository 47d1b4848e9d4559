// Rotary position embedding, Hugging Face "rotate_half" layout: for j < hd/2 the pair (x[j], x[j+hd/2])
// rotates by angle = position · theta^(−2j/hd). The backward is the inverse rotation (SIGN = −1).
// cos/sin come from a float64-computed table [maxPositions, hd/2, 2] uploaded once: more accurate than f32
// sin/cos of large angles, and no transcendental per element.

struct Params {
  /** B·T token rows. */
  rows: u32,
  heads: u32,
  hd: u32,
  maxPositions: u32,
}

override WG: u32 = 256;
/** +1 forward, −1 backward (rotation by −angle = transpose of the forward). */
override SIGN: f32 = 1.0;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> positions: array<u32>;
@group(0) @binding(2) var<storage, read> table: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> src: array<f32>;
@group(0) @binding(4) var<storage, read_write> dst: array<f32>;
// in-place variant
@group(0) @binding(3) var<storage, read_write> inout: array<f32>;

struct Pair {
  base: u32,
  j: u32,
  cs: vec2<f32>,
  ok: bool,
}

fn locate(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> Pair {
  let i = (wid.y * nwg.x + wid.x) * WG + lid;
  let half = params.hd / 2u;
  let perRow = params.heads * half;
  var p: Pair;
  p.ok = i < params.rows * perRow;
  if (!p.ok) { return p; }
  let row = i / perRow;
  let rem = i - row * perRow;
  let h = rem / half;
  p.j = rem - h * half;
  p.base = (row * params.heads + h) * params.hd;
  // Positions past the table are clamped; callers validate positions on the CPU before upload.
  let pos = min(positions[row], params.maxPositions - 1u);
  p.cs = table[pos * half + p.j];
  return p;
}

@compute @workgroup_size(WG)
fn rope_apply(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let p = locate(wid, nwg, lid);
  if (!p.ok) { return; }
  let half = params.hd / 2u;
  let c = p.cs.x;
  let s = SIGN * p.cs.y;
  let a = src[p.base + p.j];
  let b = src[p.base + p.j + half];
  dst[p.base + p.j] = a * c - b * s;
  dst[p.base + p.j + half] = b * c + a * s;
}

@compute @workgroup_size(WG)
fn rope_apply_inplace(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let p = locate(wid, nwg, lid);
  if (!p.ok) { return; }
  let half = params.hd / 2u;
  let c = p.cs.x;
  let s = SIGN * p.cs.y;
  let a = inout[p.base + p.j];
  let b = inout[p.base + p.j + half];
  inout[p.base + p.j] = a * c - b * s;
  inout[p.base + p.j + half] = b * c + a * s;
}
