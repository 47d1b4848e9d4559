// The matmul kernel family (shaders/matmul.wgsl, shaders/matmul_tiled.wgsl): shape checks, the
// stride encoding of the three variants, kernel choice per adapter, and dispatch.
//   nn: C = A·B   with A [M,K], B [K,N]       tn: C = Aᵀ·B with A [K,M], B [K,N]
//   nt: C = A·Bᵀ  with A [M,K], B [N,K]       C is [M,N]; all row-major fp32
// Optional: bias[N] added to every row, accumulate (C += …), and a strided batch where operand z
// starts at z × (its full matrix size).
import {
  GpuKernelError,
  Kernel,
  PlannedDispatch,
  ceilDiv,
  createBuffer,
  shaderSource,
  uniform,
  uniformBuffer,
  type BoundSet,
  type Encodable,
} from '../../gpu/index.ts';
import type { MatmulVariant } from '../../model/reference/matmul.ts';

export type { MatmulVariant } from '../../model/reference/matmul.ts';

/** Both kernels' bindings (declared once in shaders/matmul_common.wgsl, their shared prelude). */
const MATMUL = { p: 'uniform', A: 'read', B: 'read', C: 'write', bias: 'read' } as const;

/**
 * 'registers': each invocation keeps a 4x4 block of C in registers, no barriers (fast on CPU adapters).
 * 'tiled': 64x64 blocks staged in workgroup memory (fast on real GPUs).
 */
export type MatmulKernelKind = 'registers' | 'tiled';

export interface MatmulSpec {
  M: number;
  N: number;
  K: number;
  variant: MatmulVariant;
  /** Independent products, operand z at offset z × (its matrix size). Default 1. */
  batch?: number;
  /** C += op(A)·op(B) instead of C = … */
  accumulate?: boolean;
  /** Adds bias[N] to every row of C (needs io.bias). */
  bias?: boolean;
  /** Force a kernel; by default 'registers' on a CPU/fallback adapter and 'tiled' on a real GPU. */
  kernel?: MatmulKernelKind;
}

export interface MatmulIO {
  a: GPUBuffer;
  b: GPUBuffer;
  c: GPUBuffer;
  bias?: GPUBuffer;
}

const FALLBACK_ADAPTER = /swiftshader|llvmpipe|warp|software|cpu/i;

/** 'registers' when the device runs on a CPU adapter (or cannot tell), else 'tiled'. */
export function defaultMatmulKernel(device: GPUDevice): MatmulKernelKind {
  const info = (device as { adapterInfo?: GPUAdapterInfo }).adapterInfo;
  if (!info) return 'registers';
  const flagged = (info as { isFallbackAdapter?: boolean }).isFallbackAdapter === true;
  const text = `${info.vendor} ${info.architecture} ${info.device} ${info.description}`;
  return flagged || FALLBACK_ADAPTER.test(text) ? 'registers' : 'tiled';
}

/** Element counts of each operand for one spec (whole batch). */
export function matmulSizes(spec: MatmulSpec): { a: number; b: number; c: number; bias: number } {
  const batch = spec.batch ?? 1;
  return {
    a: batch * spec.M * spec.K,
    b: batch * spec.K * spec.N,
    c: batch * spec.M * spec.N,
    bias: spec.bias ? spec.N : 0,
  };
}

export function describeMatmul(spec: MatmulSpec): string {
  const batch = spec.batch ?? 1;
  const extras = [
    batch > 1 ? `batch ${batch}` : '',
    spec.bias ? 'bias' : '',
    spec.accumulate ? 'accumulate' : '',
  ].filter(Boolean);
  return `matmul ${spec.variant} ${spec.M}x${spec.N}x${spec.K}${extras.length ? ` (${extras.join(', ')})` : ''}`;
}

function validateSpec(spec: MatmulSpec): void {
  const where = describeMatmul(spec);
  if (!['nn', 'tn', 'nt'].includes(spec.variant)) {
    throw new GpuKernelError(
      'matmul',
      'binding',
      `${where}: variant must be 'nn', 'tn' or 'nt', got '${String(spec.variant)}'`,
    );
  }
  for (const [name, v] of [
    ['M', spec.M],
    ['N', spec.N],
    ['K', spec.K],
    ['batch', spec.batch ?? 1],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new GpuKernelError('matmul', 'binding', `${where}: ${name} must be a positive integer, got ${v}`);
  }
  const sizes = matmulSizes(spec);
  if (Math.max(sizes.a, sizes.b, sizes.c) >= 2 ** 32 / 4) {
    throw new GpuKernelError('matmul', 'binding', `${where}: an operand exceeds 2^30 elements (u32 indexing)`);
  }
}

/** The uniform block shared by both kernels (see the stride comment in shaders/matmul.wgsl). */
function params(spec: MatmulSpec): Uint32Array {
  const { M, N, K, variant } = spec;
  const transA = variant === 'tn';
  const transB = variant === 'nt';
  return new Uint32Array([
    M,
    N,
    K,
    spec.batch ?? 1,
    transA ? 1 : K,
    transA ? M : 1, // aRow, aK
    transB ? 1 : N,
    transB ? K : 1, // bK, bCol
    M * K,
    K * N,
    M * N,
    0,
  ]);
}

export class Matmul {
  private constructor(
    readonly spec: Readonly<MatmulSpec>,
    readonly kernelKind: MatmulKernelKind,
    private readonly kernel: Kernel<typeof MATMUL>,
    private readonly uniforms: GPUBuffer,
    private readonly noBias: GPUBuffer,
  ) {}

  /** Compiles (or reuses) the pipeline and creates the uniform buffer once. */
  static async create(device: GPUDevice, spec: MatmulSpec): Promise<Matmul> {
    validateSpec(spec);
    const kind = spec.kernel ?? defaultMatmulKernel(device);
    const constants: Record<string, number> = { ACCUMULATE: spec.accumulate ? 1 : 0, HAS_BIAS: spec.bias ? 1 : 0 };
    const file = kind === 'tiled' ? 'matmul_tiled' : 'matmul';
    const kernel = await Kernel.create(device, {
      file,
      entryPoint: 'main',
      bindings: MATMUL,
      constants,
      prelude: shaderSource('matmul_common'),
    });
    const label = describeMatmul(spec);
    const p = params(spec);
    const uniforms = uniformBuffer(device, p.buffer as ArrayBuffer, `${label}:params`);
    // The bias binding is statically used by the shader, so a spec without bias binds a 4-byte stand-in.
    const noBias = createBuffer(device, 4, `${label}:no-bias`);
    return new Matmul({ ...spec }, kind, kernel, uniforms, noBias);
  }

  get flops(): number {
    const { M, N, K, batch = 1 } = this.spec;
    return 2 * M * N * K * batch;
  }

  workgroups(): [number, number, number] {
    const { M, N, batch = 1 } = this.spec;
    const block = this.kernelKind === 'tiled' ? 64 : 32; // registers: 8x8 invocations x 4x4 outputs
    return [ceilDiv(N, block), ceilDiv(M, block), batch];
  }

  /** Checks buffer sizes against the spec (GpuKernelError naming 'matmul' and the operand), then records a dispatch. */
  encode(encoder: GPUCommandEncoder, io: MatmulIO): void {
    this.bind(io).encode(encoder);
  }

  /** Pre-builds the bind group for fixed buffers, so a planned step records dispatches without allocating. */
  bind(io: MatmulIO): Encodable {
    return new PlannedDispatch(this.kernel, this.bindings(io), this.workgroups());
  }

  private bindings(io: MatmulIO): BoundSet<typeof MATMUL> {
    const label = describeMatmul(this.spec);
    const sizes = matmulSizes(this.spec);
    const check = (operand: string, buffer: GPUBuffer | undefined, elements: number, shape: string): GPUBuffer => {
      if (!buffer) throw new GpuKernelError('matmul', 'binding', `${label}: operand '${operand}' ${shape} is missing`);
      if (buffer.size < elements * 4) {
        throw new GpuKernelError(
          'matmul',
          'binding',
          `${label}: operand '${operand}' ${shape} needs ${elements * 4} bytes but buffer '${buffer.label}' has ${buffer.size}`,
        );
      }
      return buffer;
    };
    const { M, N, K, variant, batch = 1 } = this.spec;
    const bx = batch > 1 ? `${batch}x` : '';
    const aShape = variant === 'tn' ? `[${bx}${K},${M}]` : `[${bx}${M},${K}]`;
    const bShape = variant === 'nt' ? `[${bx}${N},${K}]` : `[${bx}${K},${N}]`;
    const a = check('a', io.a, sizes.a, aShape);
    const b = check('b', io.b, sizes.b, bShape);
    const c = check('c', io.c, sizes.c, `[${bx}${M},${N}]`);
    if (this.spec.bias) check('bias', io.bias, sizes.bias, `[${N}]`);
    else if (io.bias)
      throw new GpuKernelError('matmul', 'binding', `${label}: a bias buffer was given but the spec has bias: false`);
    if (c === a || c === b)
      throw new GpuKernelError('matmul', 'binding', `${label}: operand 'c' must not alias 'a' or 'b'`);
    return {
      p: uniform(this.uniforms),
      A: [a, sizes.a * 4, 'a'],
      B: [b, sizes.b * 4, 'b'],
      C: [c, sizes.c * 4, 'c'],
      bias: this.spec.bias && io.bias ? [io.bias, sizes.bias * 4] : [this.noBias, 4, 'no bias'],
    };
  }

  /** Frees the uniform and stand-in buffers (pipelines are cached per device and stay). */
  destroy(): void {
    this.uniforms.destroy();
    this.noBias.destroy();
  }
}
