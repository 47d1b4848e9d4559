// Turns WebGPU's asynchronous validation / out-of-memory errors into exceptions that name the kernel.

export class GpuKernelError extends Error {
  override name = 'GpuKernelError';
  constructor(
    readonly kernel: string,
    readonly kind: 'validation' | 'out-of-memory' | 'internal' | 'binding',
    message: string,
  ) {
    super(`${kernel}: ${kind} error: ${message}`);
  }
}

/**
 * Runs `body` inside validation + out-of-memory + internal error scopes and throws a GpuKernelError
 * naming `label` if any of them caught something. Error scopes cost a round trip, so hot loops
 * call this around a whole step, not per dispatch.
 */
export async function withErrorScopes<T>(device: GPUDevice, label: string, body: () => T): Promise<T> {
  device.pushErrorScope('internal');
  device.pushErrorScope('out-of-memory');
  device.pushErrorScope('validation');
  let result: T;
  try {
    result = body();
  } finally {
    const validation = await device.popErrorScope();
    const oom = await device.popErrorScope();
    const internal = await device.popErrorScope();
    const first = validation ?? oom ?? internal;
    if (first) {
      const kind = validation ? 'validation' : oom ? 'out-of-memory' : 'internal';
      // Throwing in finally replaces a body exception deliberately: the GPU error is the root cause.
      // eslint-disable-next-line no-unsafe-finally
      throw new GpuKernelError(label, kind, first.message);
    }
  }
  return result;
}
