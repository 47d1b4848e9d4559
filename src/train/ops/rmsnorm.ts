// RMSNorm (shaders/rmsnorm.wgsl) over `rows` rows of C channels: forward writes y and rstd; backward
// writes (or adds into) dx and dw. dw is reduced over rows in a fixed order (row chunks, then chunks), so it
// is deterministic.
import {
  F32,
  Kernel,
  PlannedDispatch,
  ceilDiv,
  checkDims,
  createBuffer,
  createUniform,
  grid,
  sequence,
  uniform,
  type Encodable,
  type TensorRef,
} from '../../gpu/index.ts';

const WG = 64;
/** Rows per dw partial sum (pass 1 of the dw reduction). */
const DW_ROWS = 64;
const FORWARD = { params: 'uniform', x: 'read', w: 'read', y: 'write', rstd: 'write' } as const;
const BACKWARD_DX = { params: 'uniform', b_dy: 'read', b_x: 'read', b_w: 'read', b_rstd: 'read', dx: 'write' } as const;
const BACKWARD_DW_PARTIAL = {
  params: 'uniform',
  b_dy: 'read',
  b_x: 'read',
  w_rstd: 'read',
  dw_partial: 'write',
} as const;
const BACKWARD_DW_SUM = { params: 'uniform', s_partial: 'read', dw: 'write' } as const;

export interface RmsnormShape {
  rows: number;
  C: number;
  eps: number;
}

export interface RmsnormBackwardOptions {
  /** dx += … instead of dx = … (the residual stream's gradient is already in dx). */
  accumulateDx?: boolean;
  /** dw += … (gradients accumulate until zeroGrad). */
  accumulateDw?: boolean;
}

export class Rmsnorm {
  private readonly uniforms = new Map<number, GPUBuffer>();

  private constructor(
    readonly device: GPUDevice,
    readonly shape: RmsnormShape,
    private readonly fwd: Kernel<typeof FORWARD>,
    private readonly bwdDx: Kernel<typeof BACKWARD_DX>,
    private readonly bwdDwPartial: Kernel<typeof BACKWARD_DW_PARTIAL>,
    private readonly bwdDwSum: Kernel<typeof BACKWARD_DW_SUM>,
    /** dw partial sums [ceil(rows / DW_ROWS), C], owned here and reused by every backward. */
    private readonly dwPartials: GPUBuffer,
  ) {}

  static async create(device: GPUDevice, shape: RmsnormShape): Promise<Rmsnorm> {
    checkDims('Rmsnorm', { rows: shape.rows, C: shape.C });
    if (!(shape.eps > 0)) throw new RangeError(`Rmsnorm: eps must be > 0, got ${shape.eps}`);
    const file = 'rmsnorm';
    const [f, dx, dwp, dws] = await Promise.all([
      Kernel.create(device, { file, entryPoint: 'rmsnorm_forward', bindings: FORWARD, constants: { WG } }),
      Kernel.create(device, { file, entryPoint: 'rmsnorm_backward_dx', bindings: BACKWARD_DX, constants: { WG } }),
      Kernel.create(device, {
        file,
        entryPoint: 'rmsnorm_backward_dw_partial',
        bindings: BACKWARD_DW_PARTIAL,
        constants: { WG, DW_ROWS },
      }),
      Kernel.create(device, {
        file,
        entryPoint: 'rmsnorm_backward_dw_sum',
        bindings: BACKWARD_DW_SUM,
        constants: { WG, DW_ROWS },
      }),
    ]);
    const partials = createBuffer(device, ceilDiv(shape.rows, DW_ROWS) * shape.C * F32, 'rmsnorm:dw-partials');
    return new Rmsnorm(device, shape, f, dx, dwp, dws, partials);
  }

  /** One uniform per flag combination, made on first use (plan time) and reused. */
  private params(flags: number): GPUBuffer {
    let u = this.uniforms.get(flags);
    if (!u) {
      const { rows, C, eps } = this.shape;
      u = createUniform(this.device, `rmsnorm:params:${flags}`, [
        ['u32', rows],
        ['u32', C],
        ['f32', eps],
        ['u32', flags],
      ]);
      this.uniforms.set(flags, u);
    }
    return u;
  }

  bindForward(io: { x: TensorRef; w: TensorRef; y: TensorRef; rstd: TensorRef }): Encodable {
    const { rows, C } = this.shape;
    return new PlannedDispatch(
      this.fwd,
      {
        params: uniform(this.params(0)),
        x: [io.x, rows * C * F32],
        w: [io.w, C * F32],
        y: [io.y, rows * C * F32],
        rstd: [io.rstd, rows * F32],
      },
      grid(this.device, ceilDiv(rows, WG)),
    );
  }

  bindBackward(
    io: { dy: TensorRef; x: TensorRef; w: TensorRef; rstd: TensorRef; dx: TensorRef; dw: TensorRef },
    options: RmsnormBackwardOptions = {},
  ): Encodable {
    const { rows, C } = this.shape;
    const params = uniform(this.params((options.accumulateDx ? 1 : 0) | (options.accumulateDw ? 2 : 0)));
    const [dy, x, rstd]: [TensorRef, number][] = [
      [io.dy, rows * C * F32],
      [io.x, rows * C * F32],
      [io.rstd, rows * F32],
    ];
    const dxPass = new PlannedDispatch(
      this.bwdDx,
      { params, b_dy: dy, b_x: x, b_w: [io.w, C * F32], b_rstd: rstd, dx: [io.dx, rows * C * F32] },
      grid(this.device, ceilDiv(rows, WG)),
    );
    const partials: [GPUBuffer, number, string] = [this.dwPartials, ceilDiv(rows, DW_ROWS) * C * F32, 'dw partials'];
    const partialPass = new PlannedDispatch(
      this.bwdDwPartial,
      { params, b_dy: dy, b_x: x, w_rstd: rstd, dw_partial: partials },
      grid(this.device, ceilDiv(ceilDiv(rows, DW_ROWS) * C, WG)),
    );
    const sumPass = new PlannedDispatch(
      this.bwdDwSum,
      { params, s_partial: partials, dw: [io.dw, C * F32] },
      grid(this.device, ceilDiv(C, WG)),
    );
    return sequence(dxPass, partialPass, sumPass);
  }

  destroy(): void {
    for (const u of this.uniforms.values()) u.destroy();
    this.uniforms.clear();
    this.dwPartials.destroy();
  }
}
