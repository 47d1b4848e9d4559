// Parity of the GPU matmul against the float64 CPU reference, with an error bound that is derived,
// not tuned. Used by the unit and browser tests and by the page's "check" button (src/app/gpu-check.ts).
//
// Tolerance: inputs are exact fp32 values, so the float64 reference is (to ~1e-16) the exact result and
// the GPU's only error is fp32 rounding while summing K products (plus the bias and C adds). The
// classic bound for any summation order is |fl(s) − s| ≤ γ_n · Σ|terms| with γ_n ≈ n·u, u = 2^-24,
// n = number of additions on the path. We allow n = K + 3 (K products, bias, accumulate, slack), so
//   |gpu − ref| ≤ (K + 3) · 2^-24 · (Σ_k |a_ik·b_kj| + |bias_j| + |c0_ij|)
// holds for every correct kernel whatever its summation order, while an indexing bug (a missing,
// doubled or misplaced term) changes the result by O(|a·b|), thousands of times more.
import { readFloat32, uploadBuffer, withErrorScopes } from '../gpu/index.ts';
import { matmulReference } from '../model/reference/matmul.ts';
import { Matmul, defaultMatmulKernel, describeMatmul, matmulSizes, type MatmulSpec } from '../train/ops/matmul.ts';

/** Deterministic values in [-1, 1) (mulberry32), exact in fp32. */
export function randomMatrix(count: number, seed: number): Float32Array {
  let s = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), 1 | s);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    out[i] = (((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1;
  }
  return out;
}

/** One-shot matmul on host arrays: upload, dispatch inside error scopes, read back, free. */
export interface MatmulHostInputs {
  a: Float32Array;
  b: Float32Array;
  /** Initial C (needed when spec.accumulate; zeros otherwise). */
  c?: Float32Array;
  bias?: Float32Array;
}

export async function runMatmul(device: GPUDevice, spec: MatmulSpec, inputs: MatmulHostInputs): Promise<Float32Array> {
  const matmul = await Matmul.create(device, spec);
  const label = describeMatmul(spec);
  const sizes = matmulSizes(spec);
  const buffers = {
    a: uploadBuffer(device, inputs.a, `${label}:a`),
    b: uploadBuffer(device, inputs.b, `${label}:b`),
    c: uploadBuffer(device, inputs.c ?? new Float32Array(sizes.c), `${label}:c`),
    bias: inputs.bias ? uploadBuffer(device, inputs.bias, `${label}:bias`) : undefined,
  };
  try {
    await withErrorScopes(device, 'matmul', () => {
      const encoder = device.createCommandEncoder({ label });
      matmul.encode(encoder, buffers);
      device.queue.submit([encoder.finish()]);
    });
    return await readFloat32(device, buffers.c, sizes.c);
  } finally {
    for (const b of Object.values(buffers)) b?.destroy();
    matmul.destroy();
  }
}

export interface MatmulCheckResult {
  label: string;
  spec: MatmulSpec;
  kernel: string;
  pass: boolean;
  maxError: number;
  /** max over elements of |error| / bound; pass ⇔ ≤ 1. */
  worstRatio: number;
  /** Where the worst element is, for a failing report. */
  worstIndex: number;
  /** GPU time of one run including upload and readback (a sanity figure, not a benchmark). */
  ms: number;
}

/** Σ_k |op(A)_ik|·|op(B)_kj| (+ |bias_j|) for one batch item: operands made canonical, then an i-k-j loop. */
function magnitudes(spec: MatmulSpec, a: Float32Array, b: Float32Array, bias?: Float32Array): Float64Array {
  const { M, N, K, variant } = spec;
  const absA = new Float64Array(M * K); // [M,K]
  const absB = new Float64Array(K * N); // [K,N]
  for (let i = 0; i < M; i++)
    for (let k = 0; k < K; k++) absA[i * K + k] = Math.abs(variant === 'tn' ? a[k * M + i] : a[i * K + k]);
  for (let k = 0; k < K; k++)
    for (let j = 0; j < N; j++) absB[k * N + j] = Math.abs(variant === 'nt' ? b[j * K + k] : b[k * N + j]);
  const out = new Float64Array(M * N);
  for (let i = 0; i < M; i++) {
    const row = i * N;
    if (bias) for (let j = 0; j < N; j++) out[row + j] = Math.abs(bias[j]);
    for (let k = 0; k < K; k++) {
      const aik = absA[i * K + k];
      const bRow = k * N;
      for (let j = 0; j < N; j++) out[row + j] += aik * absB[bRow + j];
    }
  }
  return out;
}

/** Reference result (matmulReference, float64) and per-element error bound for the whole (batched) spec. */
export function referenceWithBound(
  spec: MatmulSpec,
  a: Float32Array,
  b: Float32Array,
  c0?: Float32Array,
  bias?: Float32Array,
) {
  const { M, N, K, batch = 1 } = spec;
  const ref = new Float64Array(M * N * batch);
  const bound = new Float64Array(M * N * batch);
  for (let z = 0; z < batch; z++) {
    const sa = a.subarray(z * M * K, (z + 1) * M * K);
    const sb = b.subarray(z * K * N, (z + 1) * K * N);
    const out = ref.subarray(z * M * N, (z + 1) * M * N);
    if (spec.accumulate && c0) out.set(c0.subarray(z * M * N, (z + 1) * M * N));
    matmulReference({ M, N, K, variant: spec.variant, accumulate: spec.accumulate }, sa, sb, out, bias);
    const mag = magnitudes(spec, sa, sb, bias);
    for (let i = 0; i < M * N; i++) {
      const prior = spec.accumulate && c0 ? Math.abs(c0[z * M * N + i]) : 0;
      bound[z * M * N + i] = (K + 3) * 2 ** -24 * (mag[i] + prior);
    }
  }
  return { ref, bound };
}

/** Runs one spec on the GPU with seeded inputs and compares element-wise with the bound above. */
export async function checkMatmul(device: GPUDevice, spec: MatmulSpec, seed = 1): Promise<MatmulCheckResult> {
  const sizes = matmulSizes(spec);
  const a = randomMatrix(sizes.a, seed);
  const b = randomMatrix(sizes.b, seed + 1);
  const c0 = spec.accumulate ? randomMatrix(sizes.c, seed + 2) : undefined;
  const bias = spec.bias ? randomMatrix(sizes.bias, seed + 3) : undefined;
  const t0 = performance.now();
  const got = await runMatmul(device, spec, { a, b, c: c0, bias });
  const ms = performance.now() - t0;
  const { ref, bound } = referenceWithBound(spec, a, b, c0, bias);
  let maxError = 0;
  let worstRatio = 0;
  let worstIndex = -1;
  for (let i = 0; i < ref.length; i++) {
    const err = Math.abs(got[i] - ref[i]);
    // A tiny absolute floor keeps exact-zero bounds (all-zero rows) from dividing by zero.
    const r = Number.isNaN(err) ? Infinity : err / (bound[i] + 1e-30);
    if (err > maxError || Number.isNaN(err)) maxError = Number.isNaN(err) ? NaN : err;
    if (r > worstRatio) {
      worstRatio = r;
      worstIndex = i;
    }
  }
  const kernel = spec.kernel ?? defaultMatmulKernel(device);
  return {
    label: `${describeMatmul(spec)} [${kernel}]`,
    spec,
    kernel,
    pass: worstRatio <= 1,
    maxError,
    worstRatio,
    worstIndex,
    ms,
  };
}

/** The awkward shapes every kernel must get right (1, primes, non-multiples of 4/16/32/64, 256³). */
export const PARITY_SHAPES: ReadonlyArray<[number, number, number]> = [
  [1, 1, 1],
  [7, 13, 5],
  [65, 33, 17],
  [127, 1, 255],
  [33, 67, 35],
  [97, 131, 66],
  [256, 256, 256],
];

/** A few quick cases for the page's button: one per variant plus bias/accumulate/batch. */
export const QUICK_CHECKS: readonly MatmulSpec[] = [
  { M: 65, N: 33, K: 17, variant: 'nn' },
  { M: 127, N: 1, K: 255, variant: 'tn' },
  { M: 97, N: 131, K: 66, variant: 'nt', bias: true },
  { M: 33, N: 67, K: 35, variant: 'nn', accumulate: true, batch: 3 },
  { M: 192, N: 160, K: 128, variant: 'nn' },
];
