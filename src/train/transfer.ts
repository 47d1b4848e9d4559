// Bulk host ↔ GPU copies of many tensors at once (save, load, getWeights): one staging buffer and one
// map for a whole read instead of a round trip per tensor. Not used inside a training step.

/** Reads `count` floats from each buffer; resolves to one Float32Array per buffer, in order. */
export async function readMany(
  device: GPUDevice,
  sources: readonly { buffer: GPUBuffer; count: number }[],
  label = 'trainer:read',
): Promise<Float32Array[]> {
  const offsets: number[] = [];
  let total = 0;
  for (const s of sources) {
    offsets.push(total);
    total += Math.ceil((s.count * 4) / 4) * 4;
  }
  if (total === 0) return sources.map(() => new Float32Array(0));
  const staging = device.createBuffer({ label, size: total, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  try {
    const encoder = device.createCommandEncoder({ label });
    sources.forEach((s, i) => {
      if (s.count > 0) encoder.copyBufferToBuffer(s.buffer, 0, staging, offsets[i], s.count * 4);
    });
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const all = staging.getMappedRange();
    const out = sources.map((s, i) => new Float32Array(all.slice(offsets[i], offsets[i] + s.count * 4)));
    staging.unmap();
    return out;
  } finally {
    staging.destroy();
  }
}

/** Writes float data into buffers (sizes checked by the caller). */
export function writeMany(device: GPUDevice, targets: readonly { buffer: GPUBuffer; data: Float32Array }[]): void {
  for (const t of targets) device.queue.writeBuffer(t.buffer, 0, t.data.buffer, t.data.byteOffset, t.data.byteLength);
}

/**
 * A mappable staging buffer planned once: copy → map → read → unmap, reused every step (no allocation).
 * Calls must not overlap (the Trainer awaits each read).
 */
export class PlannedReadback {
  readonly buffer: GPUBuffer;
  constructor(
    private readonly device: GPUDevice,
    readonly bytes: number,
    label: string,
  ) {
    this.buffer = device.createBuffer({
      label,
      size: Math.max(16, Math.ceil(bytes / 16) * 16),
      usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
    });
  }

  encodeCopy(encoder: GPUCommandEncoder, source: GPUBuffer, sourceOffset = 0, bytes = this.bytes): void {
    encoder.copyBufferToBuffer(source, sourceOffset, this.buffer, 0, Math.ceil(bytes / 4) * 4);
  }

  /** Maps after the submitted copy and returns a copy of the first `bytes` bytes. */
  async read(bytes = this.bytes): Promise<ArrayBuffer> {
    await this.buffer.mapAsync(GPUMapMode.READ, 0, this.buffer.size);
    try {
      return this.buffer.getMappedRange(0, this.buffer.size).slice(0, bytes);
    } finally {
      this.buffer.unmap();
    }
  }
}
