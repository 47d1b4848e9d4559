// The wasm Trainer's host arrays (parameters, gradients, AdamW moments) as views into one WebAssembly.Memory, so the
// optimizer runs as a SIMD kernel (adamw.wat) over them in place. Planned once for the model: the memory never grows
// (growing would detach every view, and the ORT tensors wrapping the parameters with them).
import { ADAMW_WASM_BASE64 } from './adamw-wasm.ts';

type AdamwExport = (
  p: number,
  g: number,
  m: number,
  v: number,
  n: number,
  scale: number,
  b1: number,
  b2: number,
  a1: number,
  a2: number,
  lrBc1: number,
  rBc2: number,
  eps: number,
  lrWd: number,
) => void;

/** One AdamW step's scalars: the bias corrections and the clip scale already folded in (optimizer.ts). */
export interface AdamwScalars {
  scale: number;
  b1: number;
  b2: number;
  lrBc1: number;
  rBc2: number;
  eps: number;
}

const PAGE = 65_536;
/** wasm32's limit: 65,536 pages of 64 KiB. */
const MAX_PAGES = 65_536;

export class HostMemory {
  private usedBytes = 0;

  private constructor(
    private readonly memory: WebAssembly.Memory,
    private readonly kernel: AdamwExport,
    readonly capacityBytes: number,
  ) {}

  /** Room for `floats` float32 values, each array starting 16-byte aligned. */
  static async create(floats: number, arrays: number): Promise<HostMemory> {
    const bytes = 4 * floats + 16 * arrays;
    const pages = Math.max(1, Math.ceil(bytes / PAGE));
    if (pages > MAX_PAGES)
      throw new RangeError(
        `HostMemory: ${(bytes / 2 ** 30).toFixed(2)} GiB of parameters, gradients and moments exceed wasm32's 4 GiB; ` +
          'use a smaller preset or the webgpu backend',
      );
    const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const bin = Uint8Array.from(atob(ADAMW_WASM_BASE64), (c) => c.charCodeAt(0));
    const { instance } = await WebAssembly.instantiate(bin, { env: { memory } });
    return new HostMemory(memory, instance.exports.adamw as AdamwExport, pages * PAGE);
  }

  /** A zeroed Float32Array of `size` values in this memory. */
  alloc(size: number): Float32Array {
    const offset = Math.ceil(this.usedBytes / 16) * 16;
    if (offset + 4 * size > this.capacityBytes)
      throw new RangeError(`HostMemory.alloc: ${size} floats do not fit (planned ${this.capacityBytes} bytes)`);
    this.usedBytes = offset + 4 * size;
    return new Float32Array(this.memory.buffer, offset, size);
  }

  /** AdamW in place over arrays from `alloc` (a `decay` of weightDecay·lr, 0 for none). */
  adamw(
    t: { param: Float32Array; grad: Float32Array; m: Float32Array; v: Float32Array },
    s: AdamwScalars,
    lrWd: number,
  ): void {
    // Called per tensor per step: checked without allocating (optimizer.ts promises no allocation).
    const { param, grad, m, v } = t;
    const n = param.length;
    if (!this.owns(param, n) || !this.owns(grad, n) || !this.owns(m, n) || !this.owns(v, n))
      throw new Error('HostMemory.adamw: the arrays must be equal-length views allocated by this HostMemory');
    const { scale, b1, b2, lrBc1, rBc2, eps } = s;
    this.kernel(
      param.byteOffset,
      grad.byteOffset,
      m.byteOffset,
      v.byteOffset,
      n,
      scale,
      b1,
      b2,
      1 - b1,
      1 - b2,
      lrBc1,
      rBc2,
      eps,
      lrWd,
    );
  }

  private owns(a: Float32Array, n: number): boolean {
    return a.buffer === this.memory.buffer && a.length === n;
  }
}
