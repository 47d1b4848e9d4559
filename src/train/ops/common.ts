// Shared plumbing for the kernel wrappers in src/train/ops: tensor references (buffer + byte offset),
// planned dispatches (bind groups built once, encoded many times), uniforms and 2-D dispatch grids.
import { GpuKernelError } from '../../gpu/errors.ts';
import { createBuffer, type Binding, type Kernel } from '../../gpu/index.ts';

/**
 * A tensor living in a GPU buffer, optionally at a byte offset (packed parameter buffers). Offsets must
 * be multiples of 256 (minStorageBufferOffsetAlignment). WebGPU rejects a dispatch that writes a buffer
 * and also reads it through another binding, even in disjoint ranges: keep what a kernel writes
 * (gradients, activations, moments) in other buffers than what it reads (parameters, inputs).
 */
export type TensorRef = GPUBuffer | { buffer: GPUBuffer; offset?: number };

/** Something already bound that records its dispatches into an encoder; safe to encode every step. */
export interface Encodable {
  encode(encoder: GPUCommandEncoder): void;
}

export function refBuffer(t: TensorRef): GPUBuffer {
  return 'buffer' in t ? t.buffer : t;
}

export function refOffset(t: TensorRef): number {
  return 'buffer' in t ? (t.offset ?? 0) : 0;
}

/**
 * A checked binding: the byte size the shapes imply, and an offset that respects the device's
 * storage-offset alignment (256 bytes on every adapter we know) so a misaligned packing is a clear error.
 */
export function bind(kernel: Kernel, name: string, t: TensorRef, bytes: number): Binding {
  const offset = refOffset(t);
  const align = kernel.device.limits.minStorageBufferOffsetAlignment;
  if (offset % align !== 0) {
    throw new GpuKernelError(kernel.name, 'binding', `binding '${name}' offset ${offset} is not a multiple of ${align} (minStorageBufferOffsetAlignment)`);
  }
  return { name, buffer: refBuffer(t), bytes, offset };
}

/** The uniform buffer as a binding (its size is what the wrapper wrote). */
export function bindUniform(buffer: GPUBuffer): Binding {
  return { name: 'params', buffer, bytes: buffer.size };
}

/**
 * A dispatch whose bind group was built (and sizes checked) at plan time. `writes` names the bindings
 * the kernel writes: sharing their buffer with a read-only binding is refused here with a clear error
 * (WebGPU would otherwise drop the dispatch with an asynchronous validation error).
 */
export class PlannedDispatch implements Encodable {
  private readonly group: GPUBindGroup;
  constructor(
    private readonly kernel: Kernel,
    bindings: readonly Binding[],
    private readonly workgroups: readonly [number, number?, number?],
    writes: readonly string[] = [],
  ) {
    for (const w of bindings.filter((b) => writes.includes(b.name))) {
      // Several written bindings may share a buffer (WebGPU allows writable storage alongside itself).
      const other = bindings.find((b) => b.buffer === w.buffer && !writes.includes(b.name));
      if (other) {
        throw new GpuKernelError(kernel.name, 'binding', `binding '${w.name}' is written but its buffer '${w.buffer.label}' is also bound as '${other.name}' (use separate buffers)`);
      }
    }
    this.group = kernel.bindGroup(bindings);
  }
  encode(encoder: GPUCommandEncoder): void {
    this.kernel.dispatchWith(encoder, this.group, this.workgroups);
  }
}

/** Several encodables run in order as one. */
export function sequence(...parts: Encodable[]): Encodable {
  return { encode: (encoder) => parts.forEach((p) => p.encode(encoder)) };
}

/** Clears `bytes` at a tensor reference (encoder.clearBuffer needs 4-byte multiples: f32/u32 tensors always are). */
export function clearing(t: TensorRef, bytes: number): Encodable {
  const buffer = refBuffer(t);
  const offset = refOffset(t);
  return { encode: (encoder) => encoder.clearBuffer(buffer, offset, bytes) };
}

const UNIFORM_USAGE = 0x40 | 0x08; // GPUBufferUsage.UNIFORM | COPY_DST (numeric: globals may not exist yet in Node)

/**
 * Writes a uniform block of 32-bit words. `words` lists [kind, value]: u32 / i32 / f32. The block is
 * padded to 16 bytes (WGSL uniform struct alignment).
 */
export function uniformWords(words: readonly (readonly ['u32' | 'i32' | 'f32', number])[]): ArrayBuffer {
  const data = new ArrayBuffer(Math.max(16, Math.ceil((words.length * 4) / 16) * 16));
  const view = new DataView(data);
  words.forEach(([kind, value], i) => {
    if (kind === 'f32') view.setFloat32(i * 4, value, true);
    else if (kind === 'i32') view.setInt32(i * 4, value, true);
    else view.setUint32(i * 4, value, true);
  });
  return data;
}

export function createUniform(device: GPUDevice, label: string, words: readonly (readonly ['u32' | 'i32' | 'f32', number])[]): GPUBuffer {
  const data = uniformWords(words);
  const buffer = createBuffer(device, data.byteLength, label, UNIFORM_USAGE);
  device.queue.writeBuffer(buffer, 0, new Uint8Array(data));
  return buffer;
}

/**
 * A 2-D grid covering `count` workgroups without exceeding the per-dimension limit; kernels rebuild the
 * linear workgroup id as wid.y * num_workgroups.x + wid.x and skip ids past the end.
 */
export function grid(device: GPUDevice, count: number): [number, number] {
  const max = device.limits.maxComputeWorkgroupsPerDimension;
  if (count <= max) return [Math.max(count, 0), 1];
  const y = Math.ceil(count / max);
  return [Math.ceil(count / y), y];
}

export function checkDims(op: string, dims: Record<string, number>): void {
  for (const [name, v] of Object.entries(dims)) {
    if (!Number.isInteger(v) || v <= 0) throw new RangeError(`${op}: ${name} must be a positive integer, got ${v}`);
  }
}

export const F32 = 4;
