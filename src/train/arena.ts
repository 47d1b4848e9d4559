// Every GPU buffer the Trainer owns is created through one arena at plan time, so the plan can report
// exactly how much GPU memory it holds and free it all at once; a training step creates nothing.
import { STORAGE } from '../gpu/buffers.ts';

export interface ArenaEntry {
  label: string;
  bytes: number;
  kind: BufferKind;
}

/** What a buffer holds, for the memory breakdown the bench prints. */
export type BufferKind = 'parameters' | 'gradients' | 'optimizer' | 'activations' | 'scratch' | 'io';

export class BufferArena {
  private readonly buffers: GPUBuffer[] = [];
  readonly entries: ArenaEntry[] = [];

  constructor(readonly device: GPUDevice) {}

  create(label: string, bytes: number, kind: BufferKind, usage = STORAGE): GPUBuffer {
    const size = Math.max(16, Math.ceil(bytes / 16) * 16);
    const buffer = this.device.createBuffer({ label, size, usage });
    this.buffers.push(buffer);
    this.entries.push({ label, bytes: size, kind });
    return buffer;
  }

  get totalBytes(): number {
    return this.entries.reduce((s, e) => s + e.bytes, 0);
  }

  bytesByKind(): Record<BufferKind, number> {
    const out: Record<BufferKind, number> = {
      parameters: 0,
      gradients: 0,
      optimizer: 0,
      activations: 0,
      scratch: 0,
      io: 0,
    };
    for (const e of this.entries) out[e.kind] += e.bytes;
    return out;
  }

  destroy(): void {
    for (const b of this.buffers) b.destroy();
    this.buffers.length = 0;
  }
}
