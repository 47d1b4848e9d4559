// Shared by the matmul family (src/train/ops/matmul.ts prepends it to matmul.wgsl and matmul_tiled.wgsl; not
// a shader on its own): the parameter block with the stride convention described in matmul.wgsl, the bindings,
// and the bias / accumulate switches.

struct Params {
  M: u32, N: u32, K: u32, batch: u32,
  aRow: u32, aK: u32, bK: u32, bCol: u32,
  batchA: u32, batchB: u32, batchC: u32, pad: u32,
}

@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> A: array<f32>;
@group(0) @binding(2) var<storage, read> B: array<f32>;
@group(0) @binding(3) var<storage, read_write> C: array<f32>;
@group(0) @binding(4) var<storage, read> bias: array<f32>;

override ACCUMULATE: bool = false;
override HAS_BIAS: bool = false;
