// RMSNorm: y = x · rstd · w with rstd = 1/sqrt(mean(x²) + eps) per row of C, and its backward.
// Every sum has a fixed order, so results are bit-for-bit repeatable (no atomics anywhere).

struct Params {
  rows: u32,
  C: u32,
  eps: f32,
  /** bit 0: add into dx instead of overwriting; bit 1: add into dw. */
  flags: u32,
}

override WG: u32 = 64;
/** Backward dw: channels per workgroup (x) and row lanes per channel (y); DW_CH·DW_LANES ≤ 256. */
override DW_CH: u32 = 32;
override DW_LANES: u32 = 8;

@group(0) @binding(0) var<uniform> params: Params;
// forward
@group(0) @binding(1) var<storage, read> x: array<f32>;
@group(0) @binding(2) var<storage, read> w: array<f32>;
@group(0) @binding(3) var<storage, read_write> y: array<f32>;
@group(0) @binding(4) var<storage, read_write> rstd: array<f32>;
// backward dx: dy, x, w, rstd (read), dx
@group(0) @binding(1) var<storage, read> b_dy: array<f32>;
@group(0) @binding(2) var<storage, read> b_x: array<f32>;
@group(0) @binding(3) var<storage, read> b_w: array<f32>;
@group(0) @binding(4) var<storage, read> b_rstd: array<f32>;
@group(0) @binding(5) var<storage, read_write> dx: array<f32>;
// backward dw: dy, x, rstd (read), dw
@group(0) @binding(3) var<storage, read> w_rstd: array<f32>;
@group(0) @binding(4) var<storage, read_write> dw: array<f32>;

var<workgroup> lanes: array<f32, 256>;

// Forward and dx use one invocation per row with a sequential sum over C: no workgroup barriers.
// Barrier trees are very slow on CPU adapters (SwiftShader runs a workgroup's invocations as
// coroutines: a 1024×96 norm took ~20× longer as a 128-wide tree than as per-row loops), and C
// (≤ a few thousand) is short enough that a per-row loop is also reasonable on a GPU.
fn row_of(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> u32 {
  return (wid.y * nwg.x + wid.x) * WG + lid;
}

@compute @workgroup_size(WG)
fn rmsnorm_forward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = row_of(wid, nwg, lid);
  if (row >= params.rows) { return; }
  let C = params.C;
  let base = row * C;
  var ss = 0.0;
  for (var c = 0u; c < C; c++) { let v = x[base + c]; ss = ss + v * v; }
  let s = inverseSqrt(ss / f32(C) + params.eps);
  for (var c = 0u; c < C; c++) { y[base + c] = x[base + c] * s * w[c]; }
  rstd[row] = s;
}

/** dx = rstd·(dy⊙w) − rstd³/C · x · Σ(dy⊙w⊙x). */
@compute @workgroup_size(WG)
fn rmsnorm_backward_dx(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let row = row_of(wid, nwg, lid);
  if (row >= params.rows) { return; }
  let C = params.C;
  let base = row * C;
  var dot = 0.0;
  for (var c = 0u; c < C; c++) { dot = dot + b_dy[base + c] * b_w[c] * b_x[base + c]; }
  let s = b_rstd[row];
  let k = s * s * s * dot / f32(C);
  let add = (params.flags & 1u) != 0u;
  for (var c = 0u; c < C; c++) {
    let i = base + c;
    var g = s * b_dy[i] * b_w[c] - k * b_x[i];
    if (add) { g = g + dx[i]; }
    dx[i] = g;
  }
}

/** dw[c] = Σ_rows dy·x·rstd: DW_LANES invocations per channel stride over rows, then a fixed tree. */
@compute @workgroup_size(DW_CH, DW_LANES)
fn rmsnorm_backward_dw(@builtin(workgroup_id) wid: vec3<u32>, @builtin(local_invocation_id) lid3: vec3<u32>) {
  let c = wid.x * DW_CH + lid3.x;
  let lane = lid3.y;
  let C = params.C;
  var acc = 0.0;
  if (c < C) {
    for (var r = lane; r < params.rows; r = r + DW_LANES) {
      acc = acc + b_dy[r * C + c] * b_x[r * C + c] * w_rstd[r];
    }
  }
  let slot = lane * DW_CH + lid3.x;
  lanes[slot] = acc;
  workgroupBarrier();
  for (var stride = DW_LANES / 2u; stride > 0u; stride = stride / 2u) {
    if (lane < stride) { lanes[slot] = lanes[slot] + lanes[slot + stride * DW_CH]; }
    workgroupBarrier();
  }
  if (lane == 0u && c < C) {
    var g = lanes[lid3.x];
    if ((params.flags & 2u) != 0u) { g = g + dw[c]; }
    dw[c] = g;
  }
}
