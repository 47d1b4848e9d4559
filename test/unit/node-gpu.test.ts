import { describe, expect, it } from 'vitest';
import { nodeGpu } from './node-gpu.ts';
import { readFloat32, uploadBuffer } from '../../src/gpu/buffers.ts';

describe('WebGPU in Node (Dawn + SwiftShader)', () => {
  it('gets an adapter and round-trips a buffer', async () => {
    const gpu = await nodeGpu();
    expect(gpu, 'no WebGPU adapter in Node: install Debian chromium (it ships the SwiftShader ICD) and libvulkan1').toBeDefined();
    const buf = uploadBuffer(gpu!.device, new Float32Array([4, 5, 6]), 'node-roundtrip');
    expect(Array.from(await readFloat32(gpu!.device, buf, 3))).toEqual([4, 5, 6]);
  });
});
