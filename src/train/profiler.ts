// Per-kernel GPU time from timestamp queries: an empty compute pass that writes a timestamp is put before
// every planned op and after the last one, so consecutive timestamps bracket one op. Totals are summed
// per kernel family (matmul, attention, …). Query set and buffers are created once, at plan time.
import type { PlannedOp } from './graph.ts';

export interface PhaseProfile {
  /** GPU milliseconds per kernel family in the last run of this phase. */
  byKernel: Record<string, number>;
  totalMs: number;
  ops: number;
}

export class Profiler {
  private readonly querySet: GPUQuerySet;
  private readonly resolve: GPUBuffer;
  private readonly staging: GPUBuffer;
  private readonly pending = new Map<string, string[]>();
  private readonly last = new Map<string, PhaseProfile>();

  constructor(
    private readonly device: GPUDevice,
    private readonly capacity: number,
  ) {
    this.querySet = device.createQuerySet({ type: 'timestamp', count: capacity, label: 'trainer:profile' });
    this.resolve = device.createBuffer({
      size: capacity * 8,
      usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC,
      label: 'trainer:profile-resolve',
    });
    this.staging = device.createBuffer({
      size: capacity * 8,
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
      label: 'trainer:profile-read',
    });
  }

  encode(encoder: GPUCommandEncoder, phase: string, ops: readonly PlannedOp[]): void {
    const count = ops.length + 1;
    if (count > this.capacity)
      throw new RangeError(`Profiler: ${count} timestamps exceed the planned ${this.capacity}`);
    const mark = (i: number) =>
      encoder
        .beginComputePass({
          label: `profile:${i}`,
          timestampWrites: { querySet: this.querySet, beginningOfPassWriteIndex: i },
        })
        .end();
    ops.forEach((o, i) => {
      mark(i);
      o.op.encode(encoder);
    });
    mark(ops.length);
    encoder.resolveQuerySet(this.querySet, 0, count, this.resolve, 0);
    encoder.copyBufferToBuffer(this.resolve, 0, this.staging, 0, count * 8);
    this.pending.set(
      phase,
      ops.map((o) => o.kernel),
    );
  }

  async collect(phase: string): Promise<void> {
    const kernels = this.pending.get(phase);
    if (!kernels) return;
    this.pending.delete(phase);
    await this.staging.mapAsync(GPUMapMode.READ);
    const t = new BigUint64Array(this.staging.getMappedRange().slice(0, (kernels.length + 1) * 8));
    this.staging.unmap();
    const byKernel: Record<string, number> = {};
    let total = 0;
    kernels.forEach((k, i) => {
      // Timestamps may be quantised or (rarely) non-monotonic across passes: clamp at 0.
      const ms = Math.max(0, Number(t[i + 1] - t[i])) / 1e6;
      byKernel[k] = (byKernel[k] ?? 0) + ms;
      total += ms;
    });
    this.last.set(phase, { byKernel, totalMs: total, ops: kernels.length });
  }

  results(): Record<string, PhaseProfile> {
    return Object.fromEntries(this.last);
  }

  destroy(): void {
    this.querySet.destroy();
    this.resolve.destroy();
    this.staging.destroy();
  }
}
