// Matmul family, register-tiled: C[z] (+)= op(A[z]) · op(B[z]) (+ bias), fp32, row-major storage.
// Each invocation owns a 4x4 block of C and keeps it in registers; no workgroup memory and no
// barriers. This is the fast form on SwiftShader (a CPU adapter runs invocations as SIMD lanes, where
// barriers and shared memory are expensive), and it is sound, if not the fastest, on real GPUs.
//
// Transposition is expressed as strides (set by src/train/ops/matmul.ts), so one pipeline serves nn, tn, nt:
//   A element (i, k) lives at  z*batchA + i*aRow + k*aK      nn/nt: aRow=K, aK=1   tn: aRow=1, aK=M
//   B element (k, j) lives at  z*batchB + k*bK + j*bCol      nn/tn: bK=N, bCol=1   nt: bK=1, bCol=K
// Edges: rows and columns past M/N are clamped for loads (so the inner loop has no branches) and
// skipped when storing; the K remainder (K % 4) runs in a scalar tail loop.
// The inner loop is unrolled by hand: SwiftShader keeps unrolled vec4 accumulators in registers but
// spills loop-indexed arrays, which measured ~3x slower here.

// Params, bindings and the ACCUMULATE / HAS_BIAS switches: matmul_common.wgsl (prepended).
override WG_X: u32 = 8u;
override WG_Y: u32 = 8u;

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

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3u) {
  let r0 = gid.y * 4u;
  let c0 = gid.x * 4u;
  let z = gid.z;
  if (r0 >= p.M || c0 >= p.N || z >= p.batch) { return; }
  let lastR = p.M - 1u;
  let lastC = p.N - 1u;
  let a0 = z * p.batchA + min(r0, lastR) * p.aRow;
  let a1 = z * p.batchA + min(r0 + 1u, lastR) * p.aRow;
  let a2 = z * p.batchA + min(r0 + 2u, lastR) * p.aRow;
  let a3 = z * p.batchA + min(r0 + 3u, lastR) * p.aRow;
  let b0 = z * p.batchB + min(c0, lastC) * p.bCol;
  let b1 = z * p.batchB + min(c0 + 1u, lastC) * p.bCol;
  let b2 = z * p.batchB + min(c0 + 2u, lastC) * p.bCol;
  let b3 = z * p.batchB + min(c0 + 3u, lastC) * p.bCol;
  var acc0 = vec4f();
  var acc1 = vec4f();
  var acc2 = vec4f();
  var acc3 = vec4f();
  let k4 = p.K & ~3u;
  var k = 0u;
  for (; k < k4; k += 4u) {
    let ak0 = k * p.aK;
    let ak1 = ak0 + p.aK;
    let ak2 = ak1 + p.aK;
    let ak3 = ak2 + p.aK;
    let bk0 = k * p.bK;
    let bk1 = bk0 + p.bK;
    let bk2 = bk1 + p.bK;
    let bk3 = bk2 + p.bK;
    // Row kk of the B block, as a vec4 over the 4 columns this invocation owns.
    let q0 = vec4f(B[b0 + bk0], B[b1 + bk0], B[b2 + bk0], B[b3 + bk0]);
    let q1 = vec4f(B[b0 + bk1], B[b1 + bk1], B[b2 + bk1], B[b3 + bk1]);
    let q2 = vec4f(B[b0 + bk2], B[b1 + bk2], B[b2 + bk2], B[b3 + bk2]);
    let q3 = vec4f(B[b0 + bk3], B[b1 + bk3], B[b2 + bk3], B[b3 + bk3]);
    acc0 += q0 * A[a0 + ak0] + q1 * A[a0 + ak1] + q2 * A[a0 + ak2] + q3 * A[a0 + ak3];
    acc1 += q0 * A[a1 + ak0] + q1 * A[a1 + ak1] + q2 * A[a1 + ak2] + q3 * A[a1 + ak3];
    acc2 += q0 * A[a2 + ak0] + q1 * A[a2 + ak1] + q2 * A[a2 + ak2] + q3 * A[a2 + ak3];
    acc3 += q0 * A[a3 + ak0] + q1 * A[a3 + ak1] + q2 * A[a3 + ak2] + q3 * A[a3 + ak3];
  }
  for (; k < p.K; k++) {
    let ak = k * p.aK;
    let bk = k * p.bK;
    let q = vec4f(B[b0 + bk], B[b1 + bk], B[b2 + bk], B[b3 + bk]);
    acc0 += q * A[a0 + ak];
    acc1 += q * A[a1 + ak];
    acc2 += q * A[a2 + ak];
    acc3 += q * A[a3 + ak];
  }
  let cBase = z * p.batchC;
  store_row(cBase, r0, c0, acc0);
  store_row(cBase, r0 + 1u, c0, acc1);
  store_row(cBase, r0 + 2u, c0, acc2);
  store_row(cBase, r0 + 3u, c0, acc3);
}
