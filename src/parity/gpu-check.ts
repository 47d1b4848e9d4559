// The page's GPU check: matmul parity on a few awkward cases, then the GFLOP/s of a 512³ product.
import { Matmul } from '../train/ops/matmul.ts';
import { checkMatmul, randomMatrix, QUICK_CHECKS, type MatmulCheckResult } from './matmul.ts';
import { createBuffer, uploadBuffer } from '../gpu/buffers.ts';
import { timeRuns } from '../util/stats.ts';

export interface GpuCheckResult {
  pass: boolean;
  cases: Array<Pick<MatmulCheckResult, 'label' | 'kernel' | 'pass' | 'maxError' | 'worstRatio'>>;
  speed: { size: number; kernel: string; medianMs: number; gflops: number; runs: number };
}

export async function runGpuCheck(
  device: GPUDevice,
  onCase?: (done: number, total: number) => void,
): Promise<GpuCheckResult> {
  const cases: GpuCheckResult['cases'] = [];
  for (const [i, spec] of QUICK_CHECKS.entries()) {
    const r = await checkMatmul(device, spec, 1000 + i);
    cases.push({ label: r.label, kernel: r.kernel, pass: r.pass, maxError: r.maxError, worstRatio: r.worstRatio });
    onCase?.(i + 1, QUICK_CHECKS.length);
  }
  const speed = await measureGflops(device, 512);
  return { pass: cases.every((c) => c.pass), cases, speed };
}

/** Median of 5 timed C = A·B (after one warm-up), each until the GPU reports the work done. */
export async function measureGflops(device: GPUDevice, size: number): Promise<GpuCheckResult['speed']> {
  const matmul = await Matmul.create(device, { M: size, N: size, K: size, variant: 'nn' });
  const io = {
    a: uploadBuffer(device, randomMatrix(size * size, 1), 'speed:a'),
    b: uploadBuffer(device, randomMatrix(size * size, 2), 'speed:b'),
    c: createBuffer(device, size * size * 4, 'speed:c'),
  };
  try {
    const bound = matmul.bind(io);
    const timing = await timeRuns(
      async () => {
        const encoder = device.createCommandEncoder();
        bound.encode(encoder);
        device.queue.submit([encoder.finish()]);
        await device.queue.onSubmittedWorkDone();
      },
      5,
      1,
    );
    return {
      size,
      kernel: matmul.kernelKind,
      medianMs: timing.medianMs,
      gflops: matmul.flops / (timing.medianMs * 1e6),
      runs: timing.runs,
    };
  } finally {
    for (const buf of Object.values(io)) buf.destroy();
    matmul.destroy();
  }
}
