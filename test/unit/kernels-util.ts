// Helpers for the kernel parity tests: float64 inputs → f32 GPU buffers, read back, compare with a tolerance.
import { expect } from 'vitest';
import { readFloat32, readUint32, uploadBuffer, type Gpu } from '../../src/gpu/index.ts';
import type { Encodable } from '../../src/train/ops/common.ts';
import { nodeGpu, nodeGpuFailure } from './node-gpu.ts';

/** The Node WebGPU device for the kernel tests (src/gpu/node.ts holds Dawn's instance for the process). */
export async function gpuOrFail(): Promise<Gpu> {
  const gpu = await nodeGpu();
  expect(gpu, nodeGpuFailure).toBeDefined();
  return gpu!;
}

/** Rounds through f32 so the float64 reference sees exactly what the GPU sees. */
export function f32(a: ArrayLike<number>): Float64Array {
  return Float64Array.from(Float32Array.from(a as ArrayLike<number>));
}

export const upF32 = (device: GPUDevice, a: ArrayLike<number>, label: string): GPUBuffer => uploadBuffer(device, Float32Array.from(a), label);
export const upU32 = (device: GPUDevice, a: ArrayLike<number>, label: string): GPUBuffer => uploadBuffer(device, Uint32Array.from(a), label);

export async function run(device: GPUDevice, ...parts: Encodable[]): Promise<void> {
  const encoder = device.createCommandEncoder();
  for (const p of parts) p.encode(encoder);
  device.queue.submit([encoder.finish()]);
  await device.queue.onSubmittedWorkDone();
}

export const readF = (device: GPUDevice, b: GPUBuffer, n: number): Promise<Float32Array> => readFloat32(device, b, n);
export const readU = (device: GPUDevice, b: GPUBuffer, n: number): Promise<Uint32Array> => readUint32(device, b, n);

/**
 * Asserts |got − want| ≤ atol + rtol·|want| everywhere and returns the worst error relative to that bound
 * (for the report). `what` names the tensor in the failure message.
 */
export function expectClose(what: string, got: ArrayLike<number>, want: ArrayLike<number>, rtol: number, atol: number): number {
  expect(got.length, `${what}: length`).toBe(want.length);
  let worst = 0;
  let worstAt = -1;
  for (let i = 0; i < want.length; i++) {
    const err = Math.abs(got[i] - want[i]);
    const ratio = Number.isNaN(err) ? Infinity : err / (atol + rtol * Math.abs(want[i]));
    if (ratio > worst) {
      worst = ratio;
      worstAt = i;
    }
  }
  const detail = worstAt >= 0 ? ` at [${worstAt}]: got ${got[worstAt]}, want ${want[worstAt]}` : '';
  expect(worst, `${what}: error exceeds rtol ${rtol} / atol ${atol} (ratio ${worst.toFixed(2)})${detail}`).toBeLessThanOrEqual(1);
  return worst;
}

/** Largest |x| of a reference tensor (to scale absolute tolerances of reductions). */
export function maxAbs(a: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]));
  return m;
}
