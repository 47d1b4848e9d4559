// The one wrapper style every kernel family uses (src/train/ops/*): compile Kernels in `create`, turn
// tensors into planned dispatches in `bind…` methods (bind groups built and checked once, encoded every
// step), free owned buffers in `destroy`. Plus the small pieces they share: uniforms, grids, dims checks.
//
// TensorRef rules: offsets must be multiples of 256 (minStorageBufferOffsetAlignment). WebGPU rejects a
// dispatch that writes a buffer and also reads it through another binding, even in disjoint ranges: keep
// what a kernel writes (gradients, activations, moments) in other buffers than what it reads.
import { createBuffer } from './buffers.ts';
import type { BindingDecls } from './bindings.ts';
import { refBuffer, refOffset, type Bound, type BoundSet, type Kernel, type TensorRef } from './kernel.ts';

/** Something already bound that records its dispatches into an encoder; safe to encode every step. */
export interface Encodable {
  encode(encoder: GPUCommandEncoder): void;
}

/** A dispatch whose bind group was built (and every binding checked, see Kernel.bindGroup) at plan time. */
export class PlannedDispatch<B extends BindingDecls> implements Encodable {
  private readonly group: GPUBindGroup;
  constructor(
    private readonly kernel: Kernel<B>,
    bound: BoundSet<B>,
    private readonly workgroups: readonly [number, number?, number?],
  ) {
    this.group = kernel.bindGroup(bound);
  }
  encode(encoder: GPUCommandEncoder): void {
    this.kernel.dispatchWith(encoder, this.group, this.workgroups);
  }
}

/** A uniform buffer as a binding value (its size is what the wrapper wrote). */
export function uniform(buffer: GPUBuffer): Bound {
  return [buffer, buffer.size];
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

export type UniformWord = readonly ['u32' | 'i32' | 'f32', number];

/**
 * Writes a uniform block of 32-bit words. `words` lists [kind, value]: u32 / i32 / f32. The block is
 * padded to 16 bytes (WGSL uniform struct alignment).
 */
export function uniformWords(words: readonly UniformWord[]): ArrayBuffer {
  const data = new ArrayBuffer(Math.max(16, Math.ceil((words.length * 4) / 16) * 16));
  const view = new DataView(data);
  words.forEach(([kind, value], i) => {
    if (kind === 'f32') view.setFloat32(i * 4, value, true);
    else if (kind === 'i32') view.setInt32(i * 4, value, true);
    else view.setUint32(i * 4, value, true);
  });
  return data;
}

export function createUniform(device: GPUDevice, label: string, words: readonly UniformWord[]): GPUBuffer {
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
