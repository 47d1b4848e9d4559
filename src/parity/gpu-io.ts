// Host arrays in and out of GPU buffers, and running planned dispatches to completion: the plumbing of
// every parity check (not of training, which plans its buffers and never waits per dispatch).
import { createBuffer, readFloat32, readUint32, uploadBuffer, type Encodable } from '../gpu/index.ts';

export const upF32 = (device: GPUDevice, a: ArrayLike<number>, label: string): GPUBuffer =>
  uploadBuffer(device, Float32Array.from(a), label);
export const upU32 = (device: GPUDevice, a: ArrayLike<number>, label: string): GPUBuffer =>
  uploadBuffer(device, Uint32Array.from(a), label);
/** A zeroed f32 buffer of `n` elements. */
export const emptyF32 = (device: GPUDevice, n: number, label: string): GPUBuffer => createBuffer(device, n * 4, label);
export const readF = (device: GPUDevice, b: GPUBuffer, n: number): Promise<Float32Array> => readFloat32(device, b, n);
export const readU = (device: GPUDevice, b: GPUBuffer, n: number): Promise<Uint32Array> => readUint32(device, b, n);

/** Encodes the parts in order, submits and waits until the GPU has finished them. */
export async function run(device: GPUDevice, ...parts: Encodable[]): Promise<void> {
  const encoder = device.createCommandEncoder();
  for (const p of parts) p.encode(encoder);
  device.queue.submit([encoder.finish()]);
  await device.queue.onSubmittedWorkDone();
}
