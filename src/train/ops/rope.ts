// RoPE (shaders/rope.wgsl) on x [rows = B·T, heads, hd] with per-token position ids [B·T] (u32; left
// padding counts real tokens only). Forward rotates by +angle, backward by −angle; either can run in
// place (same buffer and offset for input and output).
import {
  F32,
  Kernel,
  PlannedDispatch,
  ceilDiv,
  checkDims,
  createUniform,
  grid,
  refBuffer,
  refOffset,
  uniform,
  uploadBuffer,
  type Encodable,
  type TensorRef,
} from '../../gpu/index.ts';

const WG = 256;
const APART = { params: 'uniform', positions: 'read', table: 'read', src: 'read', dst: 'write' } as const;
const IN_PLACE = { params: 'uniform', positions: 'read', table: 'read', inout: 'write' } as const;

export interface RopeShape {
  /** B·T token rows. */
  rows: number;
  heads: number;
  hd: number;
  theta: number;
  /** Positions ≥ this are clamped in the kernel (validate positions on the CPU first). */
  maxPositions: number;
}

/** cos/sin of position·theta^(−2j/hd) in float64, stored as f32 pairs [maxPositions, hd/2, 2]. */
export function ropeTable(hd: number, theta: number, maxPositions: number): Float32Array {
  const half = hd / 2;
  const out = new Float32Array(maxPositions * half * 2);
  for (let j = 0; j < half; j++) {
    const invFreq = Math.pow(theta, (-2 * j) / hd);
    for (let p = 0; p < maxPositions; p++) {
      const angle = p * invFreq;
      out[(p * half + j) * 2] = Math.cos(angle);
      out[(p * half + j) * 2 + 1] = Math.sin(angle);
    }
  }
  return out;
}

type Direction = 'forward' | 'backward';

export class Rope {
  private constructor(
    readonly device: GPUDevice,
    readonly shape: RopeShape,
    private readonly kernels: Record<Direction, { apart: Kernel<typeof APART>; inplace: Kernel<typeof IN_PLACE> }>,
    private readonly params: GPUBuffer,
    private readonly table: GPUBuffer,
  ) {}

  static async create(device: GPUDevice, shape: RopeShape): Promise<Rope> {
    checkDims('Rope', { rows: shape.rows, heads: shape.heads, hd: shape.hd, maxPositions: shape.maxPositions });
    if (shape.hd % 2 !== 0) throw new RangeError(`Rope: head dimension ${shape.hd} must be even`);
    if (!(shape.theta > 0)) throw new RangeError(`Rope: theta must be > 0, got ${shape.theta}`);
    const apart = (SIGN: number) =>
      Kernel.create(device, { file: 'rope', entryPoint: 'rope_apply', bindings: APART, constants: { WG, SIGN } });
    const inPlace = (SIGN: number) =>
      Kernel.create(device, {
        file: 'rope',
        entryPoint: 'rope_apply_inplace',
        bindings: IN_PLACE,
        constants: { WG, SIGN },
      });
    const [fa, fi, ba, bi] = await Promise.all([apart(1), inPlace(1), apart(-1), inPlace(-1)]);
    const params = createUniform(device, 'rope:params', [
      ['u32', shape.rows],
      ['u32', shape.heads],
      ['u32', shape.hd],
      ['u32', shape.maxPositions],
    ]);
    const table = uploadBuffer(device, ropeTable(shape.hd, shape.theta, shape.maxPositions), 'rope:table');
    return new Rope(
      device,
      shape,
      { forward: { apart: fa, inplace: fi }, backward: { apart: ba, inplace: bi } },
      params,
      table,
    );
  }

  /** y = rope(x). */
  bindForward(io: { x: TensorRef; positions: TensorRef; y: TensorRef }): Encodable {
    return this.plan('forward', io.x, io.positions, io.y);
  }

  /** dx = rope⁻¹(dy). */
  bindBackward(io: { dy: TensorRef; positions: TensorRef; dx: TensorRef }): Encodable {
    return this.plan('backward', io.dy, io.positions, io.dx);
  }

  private plan(direction: Direction, input: TensorRef, positions: TensorRef, output: TensorRef): Encodable {
    const { rows, heads, hd, maxPositions } = this.shape;
    const bytes = rows * heads * hd * F32;
    const inPlace = refBuffer(input) === refBuffer(output) && refOffset(input) === refOffset(output);
    const common = {
      params: uniform(this.params),
      positions: [positions, rows * 4],
      table: [this.table, maxPositions * hd * F32],
    } as const;
    const workgroups = grid(this.device, ceilDiv(rows * heads * (hd / 2), WG));
    const k = this.kernels[direction];
    if (inPlace) return new PlannedDispatch(k.inplace, { ...common, inout: [input, bytes] }, workgroups);
    return new PlannedDispatch(k.apart, { ...common, src: [input, bytes], dst: [output, bytes] }, workgroups);
  }

  destroy(): void {
    this.params.destroy();
    this.table.destroy();
  }
}
