// Matmul family, shared-memory tiled, for real GPUs: C[z] (+)= op(A[z]) · op(B[z]) (+ bias), fp32.
// A 16x16 workgroup computes a 64x64 block of C; each invocation keeps a 4x4 block in registers.
// Per step, the workgroup stages a 64x16 slice of A and a 16x64 slice of B in workgroup memory
// (zero-padded past the edges), so every global element is read once per block instead of 64 times.
// Same parameter layout and stride convention as shaders/matmul.wgsl (see there); loads are mapped
// so that neighbouring invocations read neighbouring addresses for every transposition variant.

// Params, bindings and the ACCUMULATE / HAS_BIAS switches: matmul_common.wgsl (prepended).

const TILE = 64u;
const BK = 16u;
// k-major, 4 consecutive m (or n) per vec4: element (kk, m) is tileA[kk * 16 + m / 4][m % 4], so in the
// inner loop each invocation reads one whole vec4 and neighbours read neighbouring vec4s.
var<workgroup> tileA: array<vec4f, 256>;
var<workgroup> tileB: array<vec4f, 256>;

fn store_row(cBase: u32, row: u32, c0: u32, acc: vec4f) {
  if (row >= p.M) { return; }
  let o = cBase + row * p.N + c0;
  for (var j = 0u; j < 4u; j++) {
    let col = c0 + j;
    if (col < p.N) {
      var v = acc[j];
      if (HAS_BIAS) { v += bias[col]; }
      if (ACCUMULATE) { v += C[o + j]; }
      C[o + j] = v;
    }
  }
}

@compute @workgroup_size(16, 16)
fn main(@builtin(workgroup_id) wg: vec3u, @builtin(local_invocation_index) t: u32, @builtin(local_invocation_id) lid: vec3u) {
  let z = wg.z;
  let rowBase = wg.y * TILE;
  let colBase = wg.x * TILE;
  let aBase = z * p.batchA;
  let bBase = z * p.batchB;
  var acc0 = vec4f();
  var acc1 = vec4f();
  var acc2 = vec4f();
  var acc3 = vec4f();
  for (var k0 = 0u; k0 < p.K; k0 += BK) {
    // 1024 elements per slice, 4 per invocation.
    for (var e = 0u; e < 4u; e++) {
      let idx = t + e * 256u;
      var m: u32; var ka: u32;
      if (p.aK == 1u) { ka = idx % BK; m = idx / BK; } else { m = idx % TILE; ka = idx / TILE; }
      let gm = rowBase + m;
      let gka = k0 + ka;
      var av = 0.0;
      if (gm < p.M && gka < p.K) { av = A[aBase + gm * p.aRow + gka * p.aK]; }
      tileA[ka * 16u + m / 4u][m % 4u] = av;
      var n: u32; var kb: u32;
      if (p.bCol == 1u) { n = idx % TILE; kb = idx / TILE; } else { kb = idx % BK; n = idx / BK; }
      let gn = colBase + n;
      let gkb = k0 + kb;
      var bv = 0.0;
      if (gn < p.N && gkb < p.K) { bv = B[bBase + gkb * p.bK + gn * p.bCol]; }
      tileB[kb * 16u + n / 4u][n % 4u] = bv;
    }
    workgroupBarrier();
    for (var kk = 0u; kk < BK; kk++) {
      let a = tileA[kk * 16u + lid.y];
      let q = tileB[kk * 16u + lid.x];
      acc0 += q * a.x;
      acc1 += q * a.y;
      acc2 += q * a.z;
      acc3 += q * a.w;
    }
    workgroupBarrier();
  }
  if (z >= p.batch) { return; }
  let r0 = rowBase + lid.y * 4u;
  let c0 = colBase + lid.x * 4u;
  let cBase = z * p.batchC;
  store_row(cBase, r0, c0, acc0);
  store_row(cBase, r0 + 1u, c0, acc1);
  store_row(cBase, r0 + 2u, c0, acc2);
  store_row(cBase, r0 + 3u, c0, acc3);
}
