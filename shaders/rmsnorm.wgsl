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
/** Backward dw: rows per partial sum (pass 1) — the partials are then summed per channel (pass 2). */
override DW_ROWS: u32 = 64;

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
// backward dw pass 1: dy, x, rstd (read), partial [ceil(rows / DW_ROWS), C]
@group(0) @binding(3) var<storage, read> w_rstd: array<f32>;
@group(0) @binding(4) var<storage, read_write> dw_partial: array<f32>;
// backward dw pass 2: partial (read), dw
@group(0) @binding(1) var<storage, read> s_partial: array<f32>;
@group(0) @binding(2) var<storage, read_write> dw: array<f32>;

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

/** dw partials: invocation (chunk, c) sums dy·x·rstd over rows [chunk·DW_ROWS, (chunk+1)·DW_ROWS). */
@compute @workgroup_size(WG)
fn rmsnorm_backward_dw_partial(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = (wid.y * nwg.x + wid.x) * WG + lid;
  let C = params.C;
  let chunks = (params.rows + DW_ROWS - 1u) / DW_ROWS;
  if (i >= chunks * C) { return; }
  let chunk = i / C;
  let c = i - chunk * C;
  let end = min((chunk + 1u) * DW_ROWS, params.rows);
  var acc = 0.0;
  for (var r = chunk * DW_ROWS; r < end; r++) { acc = acc + b_dy[r * C + c] * b_x[r * C + c] * w_rstd[r]; }
  dw_partial[i] = acc;
}

/** dw[c] (+)= Σ_chunks partial[chunk, c], in chunk order. */
@compute @workgroup_size(WG)
fn rmsnorm_backward_dw_sum(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let c = (wid.y * nwg.x + wid.x) * WG + lid;
  let C = params.C;
  if (c >= C) { return; }
  let chunks = (params.rows + DW_ROWS - 1u) / DW_ROWS;
  var g = 0.0;
  for (var k = 0u; k < chunks; k++) { g = g + s_partial[k * C + c]; }
  if ((params.flags & 2u) != 0u) { g = g + dw[c]; }
  dw[c] = g;
}
