// RMSNorm (shaders/rmsnorm.wgsl) over `rows` rows of C channels: forward writes y and rstd; backward
// writes (or adds into) dx and dw. dw is reduced over rows in a fixed order (row chunks, then chunks), so it
// is deterministic.
import { Kernel, ceilDiv, createBuffer } from '../../gpu/index.ts';
import { F32, PlannedDispatch, bind, bindUniform, checkDims, createUniform, grid, sequence, type Encodable, type TensorRef } from './common.ts';

const WG = 64;
/** Rows per dw partial sum (pass 1 of the dw reduction). */
const DW_ROWS = 64;

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
    private readonly fwd: Kernel,
    private readonly bwdDx: Kernel,
    private readonly bwdDwPartial: Kernel,
    private readonly bwdDwSum: Kernel,
    /** dw partial sums [ceil(rows / DW_ROWS), C], owned here and reused by every backward. */
    private readonly dwPartials: GPUBuffer,
  ) {}

  static async create(device: GPUDevice, shape: RmsnormShape): Promise<Rmsnorm> {
    checkDims('Rmsnorm', { rows: shape.rows, C: shape.C });
    if (!(shape.eps > 0)) throw new RangeError(`Rmsnorm: eps must be > 0, got ${shape.eps}`);
    const make = (entryPoint: string, constants: Record<string, number>) => Kernel.create(device, { file: 'rmsnorm', entryPoint, constants });
    const [f, dx, dwp, dws] = await Promise.all([
      make('rmsnorm_forward', { WG }),
      make('rmsnorm_backward_dx', { WG }),
      make('rmsnorm_backward_dw_partial', { WG, DW_ROWS }),
      make('rmsnorm_backward_dw_sum', { WG, DW_ROWS }),
    ]);
    const partials = createBuffer(device, ceilDiv(shape.rows, DW_ROWS) * shape.C * F32, 'rmsnorm:dw-partials');
    return new Rmsnorm(device, shape, f, dx, dwp, dws, partials);
  }

  /** One uniform per flag combination, made on first use (plan time) and reused. */
  private params(flags: number): GPUBuffer {
    let u = this.uniforms.get(flags);
    if (!u) {
      const { rows, C, eps } = this.shape;
      u = createUniform(this.device, `rmsnorm:params:${flags}`, [['u32', rows], ['u32', C], ['f32', eps], ['u32', flags]]);
      this.uniforms.set(flags, u);
    }
    return u;
  }

  bindForward(io: { x: TensorRef; w: TensorRef; y: TensorRef; rstd: TensorRef }): Encodable {
    const { rows, C } = this.shape;
    const k = this.fwd;
    return new PlannedDispatch(
      k,
      [bindUniform(this.params(0)), bind(k, 'x', io.x, rows * C * F32), bind(k, 'w', io.w, C * F32), bind(k, 'y', io.y, rows * C * F32), bind(k, 'rstd', io.rstd, rows * F32)],
      grid(this.device, ceilDiv(rows, WG)),
      ['y', 'rstd'],
    );
  }

  bindBackward(io: { dy: TensorRef; x: TensorRef; w: TensorRef; rstd: TensorRef; dx: TensorRef; dw: TensorRef }, options: RmsnormBackwardOptions = {}): Encodable {
    const { rows, C } = this.shape;
    const u = bindUniform(this.params((options.accumulateDx ? 1 : 0) | (options.accumulateDw ? 2 : 0)));
    const a = this.bwdDx;
    const dxPass = new PlannedDispatch(
      a,
      [u, bind(a, 'dy', io.dy, rows * C * F32), bind(a, 'x', io.x, rows * C * F32), bind(a, 'w', io.w, C * F32), bind(a, 'rstd', io.rstd, rows * F32), bind(a, 'dx', io.dx, rows * C * F32)],
      grid(this.device, ceilDiv(rows, WG)),
      ['dx'],
    );
    const partialBytes = ceilDiv(rows, DW_ROWS) * C * F32;
    const p = this.bwdDwPartial;
    const partialPass = new PlannedDispatch(
      p,
      [u, bind(p, 'dy', io.dy, rows * C * F32), bind(p, 'x', io.x, rows * C * F32), bind(p, 'rstd', io.rstd, rows * F32), bind(p, 'dw partials', this.dwPartials, partialBytes)],
      grid(this.device, ceilDiv(ceilDiv(rows, DW_ROWS) * C, WG)),
      ['dw partials'],
    );
    const s = this.bwdDwSum;
    const sumPass = new PlannedDispatch(s, [u, bind(s, 'dw partials', this.dwPartials, partialBytes), bind(s, 'dw', io.dw, C * F32)], grid(this.device, ceilDiv(C, WG)), ['dw']);
    return sequence(dxPass, partialPass, sumPass);
  }

  destroy(): void {
    for (const u of this.uniforms.values()) u.destroy();
    this.uniforms.clear();
    this.dwPartials.destroy();
  }
}
