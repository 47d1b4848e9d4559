// Linear layers y = x·Wᵀ (W [out, in], the HF layout) and their two gradients, as matmul-family dispatches:
// one Matmul per distinct spec, compiled once and shared (a transformer reuses a handful of shapes).
import type { Encodable } from '../../gpu/index.ts';
import { Matmul, type MatmulSpec } from './matmul.ts';

export interface LinearShape {
  rows: number;
  inDim: number;
  outDim: number;
}

export class Linear {
  private readonly byKey = new Map<string, Promise<Matmul>>();

  constructor(private readonly device: GPUDevice) {}

  private matmul(spec: MatmulSpec): Promise<Matmul> {
    const key = JSON.stringify(spec);
    let m = this.byKey.get(key);
    if (!m) this.byKey.set(key, (m = Matmul.create(this.device, spec)));
    return m;
  }

  /** y (+)= x·Wᵀ: x [rows, in], W [out, in] → 'nt' with M = rows, N = out, K = in. */
  async bindForward(s: LinearShape, io: { x: GPUBuffer; w: GPUBuffer; y: GPUBuffer }, accumulate: boolean) {
    const m = await this.matmul({ M: s.rows, N: s.outDim, K: s.inDim, variant: 'nt', accumulate });
    return m.bind({ a: io.x, b: io.w, c: io.y });
  }

  /** dx (+)= dy·W: dy [rows, out], W [out, in] → 'nn' with M = rows, N = in, K = out. */
  async bindBackwardInput(s: LinearShape, io: { dy: GPUBuffer; w: GPUBuffer; dx: GPUBuffer }, accumulate: boolean) {
    const m = await this.matmul({ M: s.rows, N: s.inDim, K: s.outDim, variant: 'nn', accumulate });
    return m.bind({ a: io.dy, b: io.w, c: io.dx });
  }

  /** dW += dyᵀ·x (adds up until zeroGrad): dy [rows, out] as Aᵀ, x [rows, in] → 'tn', M = out, N = in, K = rows. */
  async bindBackwardWeight(s: LinearShape, io: { dy: GPUBuffer; x: GPUBuffer; dw: GPUBuffer }): Promise<Encodable> {
    const m = await this.matmul({ M: s.outDim, N: s.inDim, K: s.rows, variant: 'tn', accumulate: true });
    return m.bind({ a: io.dy, b: io.x, c: io.dw });
  }

  destroy(): void {
    for (const m of this.byKey.values()) void m.then((x) => x.destroy());
    this.byKey.clear();
  }
}
