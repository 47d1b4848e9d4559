// One-shot matmul on host arrays (upload, dispatch inside error scopes, read back): for tests, the
// page's check and benches' correctness probes. Training code plans buffers and uses Matmul directly.
import { Matmul, matmulSizes, describeMatmul, type MatmulSpec } from './matmul.ts';
import { readFloat32, uploadBuffer } from './buffers.ts';
import { withErrorScopes } from './errors.ts';

export interface MatmulHostInputs {
  a: Float32Array;
  b: Float32Array;
  /** Initial C (needed when spec.accumulate; zeros otherwise). */
  c?: Float32Array;
  bias?: Float32Array;
}

export async function runMatmul(device: GPUDevice, spec: MatmulSpec, inputs: MatmulHostInputs): Promise<Float32Array> {
  const matmul = await Matmul.create(device, spec);
  const label = describeMatmul(spec);
  const sizes = matmulSizes(spec);
  const buffers = {
    a: uploadBuffer(device, inputs.a, `${label}:a`),
    b: uploadBuffer(device, inputs.b, `${label}:b`),
    c: uploadBuffer(device, inputs.c ?? new Float32Array(sizes.c), `${label}:c`),
    bias: inputs.bias ? uploadBuffer(device, inputs.bias, `${label}:bias`) : undefined,
  };
  try {
    await withErrorScopes(device, 'matmul', () => {
      const encoder = device.createCommandEncoder({ label });
      matmul.encode(encoder, buffers);
      device.queue.submit([encoder.finish()]);
    });
    return await readFloat32(device, buffers.c, sizes.c);
  } finally {
    for (const b of Object.values(buffers)) b?.destroy();
    matmul.destroy();
  }
}
