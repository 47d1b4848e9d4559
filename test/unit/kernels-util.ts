// The kernel parity tests' vitest side: the Node device and an assertion over the shared comparison.
// Everything else (uploads, runs, read-backs, f32 rounding) is the parity harness in src/parity, which the
// page's check and the browser test use too.
import { expect } from 'vitest';
import type { Gpu } from '../../src/gpu/index.ts';
import { compare } from '../../src/parity/compare.ts';
import { nodeGpu, nodeGpuFailure } from './node-gpu.ts';

export { f32, maxAbs } from '../../src/parity/compare.ts';
export { readF, readU, run, upF32, upU32 } from '../../src/parity/gpu-io.ts';

/** The Node WebGPU device for the kernel tests (src/gpu/node.ts holds Dawn's instance for the process). */
export async function gpuOrFail(): Promise<Gpu> {
  const gpu = await nodeGpu();
  expect(gpu, nodeGpuFailure).toBeDefined();
  return gpu!;
}

/**
 * Asserts |got − want| ≤ atol + rtol·|want| everywhere and returns the worst error relative to that bound
 * (for the report). `what` names the tensor in the failure message.
 */
export function expectClose(
  what: string,
  got: ArrayLike<number>,
  want: ArrayLike<number>,
  rtol: number,
  atol: number,
): number {
  expect(got.length, `${what}: length`).toBe(want.length);
  const { ratio, at } = compare(got, want, rtol, atol);
  const detail = at >= 0 ? ` at [${at}]: got ${got[at]}, want ${want[at]}` : '';
  const message = `${what}: error exceeds rtol ${rtol} / atol ${atol} (ratio ${ratio.toFixed(2)})${detail}`;
  expect(ratio, message).toBeLessThanOrEqual(1);
  return ratio;
}
