// Token embedding: gather rows of table [V, C] by token id (forward) and add dOut rows back into dTable
// (backward). WGSL has no float atomics, so the backward is made deterministic without them:
//   1. embedding_links: for each position n, next[n] = the next position with the same token (or END),
//      and hasPrev[next[n]] = 1 (each position is somebody's next at most once: no write conflicts).
//   2. embedding_scatter: one invocation per (position n, channel c) where n is a token's FIRST
//      occurrence walks the chain n → next[n] → … summing dOut[·, c] in position order and adds the sum
//      into dTable[token, c]. Exactly one invocation writes each touched (row, channel).
// Cost: the integer link pass is O(N²) compares worst case (early exit at the next match), the float
// work is O(N·C) and independent of V — unlike one-invocation-per-vocab-row scans, which cost O(V·N·C).

struct Params {
  /** Token positions (B·T). */
  N: u32,
  V: u32,
  C: u32,
  _pad: u32,
}

const END: u32 = 0xffffffffu;
override WG: u32 = 256;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> tokens: array<u32>;
// forward
@group(0) @binding(2) var<storage, read> table: array<f32>;
@group(0) @binding(3) var<storage, read_write> out: array<f32>;
// links: [next (N) | hasPrev (N)]; hasPrev must be zero before embedding_links runs
@group(0) @binding(2) var<storage, read_write> links: array<u32>;
// scatter
@group(0) @binding(2) var<storage, read> s_links: array<u32>;
@group(0) @binding(3) var<storage, read> dOut: array<f32>;
@group(0) @binding(4) var<storage, read_write> dTable: array<f32>;

fn linear(wid: vec3<u32>, nwg: vec3<u32>, lid: u32) -> u32 {
  return (wid.y * nwg.x + wid.x) * WG + lid;
}

@compute @workgroup_size(WG)
fn embedding_forward(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = linear(wid, nwg, lid);
  let C = params.C;
  if (i >= params.N * C) { return; }
  let n = i / C;
  let c = i - n * C;
  let tok = tokens[n];
  // Out-of-vocabulary ids (the CPU validates them before upload) read as zeros instead of out of bounds.
  out[i] = select(0.0, table[tok * C + c], tok < params.V);
}

@compute @workgroup_size(WG)
fn embedding_links(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let n = linear(wid, nwg, lid);
  let N = params.N;
  if (n >= N) { return; }
  let tok = tokens[n];
  var next = END;
  for (var j = n + 1u; j < N; j = j + 1u) {
    if (tokens[j] == tok) { next = j; break; }
  }
  links[n] = next;
  if (next != END) { links[N + next] = 1u; }
}

@compute @workgroup_size(WG)
fn embedding_scatter(@builtin(workgroup_id) wid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>, @builtin(local_invocation_index) lid: u32) {
  let i = linear(wid, nwg, lid);
  let C = params.C;
  let N = params.N;
  if (i >= N * C) { return; }
  let n = i / C;
  let c = i - n * C;
  if (s_links[N + n] != 0u) { return; } // not the first occurrence: the first one sums this position
  let tok = tokens[n];
  if (tok >= params.V) { return; }
  var sum = 0.0;
  var j = n;
  loop {
    sum = sum + dOut[j * C + c];
    j = s_links[j];
    if (j == END) { break; }
  }
  let t = tok * C + c;
  dTable[t] = dTable[t] + sum;
}
