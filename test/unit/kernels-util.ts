// Helpers for the kernel parity tests: float64 inputs → f32 GPU buffers, read back, compare with a tolerance.
import { expect } from 'vitest';
import { existsSync } from 'node:fs';
import { acquireGpu, readFloat32, readUint32, uploadBuffer, type Gpu } from '../../src/gpu/index.ts';
import type { Encodable } from '../../src/train/ops/common.ts';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let held: Promise<Gpu | undefined> | undefined;
/** Keeps Dawn's GPU instance reachable: when it is garbage-collected the process aborts; the comment on gpuOrFail says why. */
let instance: GPU | undefined;

/**
 * The Node WebGPU device for the kernel tests. Same adapter as nodeGpu() (Dawn + SwiftShader), but the
 * `webgpu.create()` instance is held for the life of the process: nodeGpu() drops it, and once a
 * test allocates enough to trigger a GC the instance is collected and Dawn aborts the worker
 * ("futex facility returned an unexpected error code" / pthread mutex assertion).
 */
export async function gpuOrFail(): Promise<Gpu> {
  held ??= (async () => {
    if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    const webgpu = await import('webgpu');
    Object.assign(globalThis, webgpu.globals);
    instance = webgpu.create([]);
    try {
      return await acquireGpu(instance);
    } catch {
      return undefined;
    }
  })();
  const gpu = await held;
  expect(gpu, 'no WebGPU adapter in Node (needs Debian chromium for SwiftShader + libvulkan1)').toBeDefined();
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
