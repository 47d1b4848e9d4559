import { describe, expect, it } from 'vitest';
import { nodeGpu, nodeGpuFailure } from './node-gpu.ts';
import { readFloat32, uploadBuffer } from '../../src/gpu/buffers.ts';
import {
  SWIFTSHADER_ICD,
  chooseVulkanDriver,
  explainNoAdapter,
  findVulkanLoader,
  vulkanFacts,
} from '../../src/gpu/node.ts';

describe('WebGPU in Node (Dawn + SwiftShader)', () => {
  it('gets an adapter and round-trips a buffer', async () => {
    const gpu = await nodeGpu();
    expect(gpu, nodeGpuFailure).toBeDefined();
    const buf = uploadBuffer(gpu!.device, new Float32Array([4, 5, 6]), 'node-roundtrip');
    expect(Array.from(await readFloat32(gpu!.device, buf, 3))).toEqual([4, 5, 6]);
  });

  it('repeated calls share one device (the Dawn instance stays held)', async () => {
    const [a, b] = await Promise.all([nodeGpu(), nodeGpu()]);
    expect(a?.device).toBe(b?.device);
  });

  it('the null backend validates without Vulkan', async () => {
    const gpu = await nodeGpu({ backend: 'null' });
    expect(gpu, nodeGpuFailure).toBeDefined();
    expect(gpu!.device).not.toBe((await nodeGpu())?.device);
  });

  it('picks SwiftShader only when no driver is configured', () => {
    expect(chooseVulkanDriver({ VK_ICD_FILENAMES: '/x/icd.json' })).toBe('/x/icd.json');
    const env: NodeJS.ProcessEnv = {};
    const chosen = chooseVulkanDriver(env);
    if (chosen === SWIFTSHADER_ICD) expect(env.VK_ICD_FILENAMES).toBe(SWIFTSHADER_ICD);
    else expect(env.VK_ICD_FILENAMES).toBeUndefined();
  });

  it('names libvulkan1 when the Vulkan loader is missing, and the driver when none exists', () => {
    const cause = 'requestAdapter() returned null';
    const noLoader = explainNoAdapter(cause, { platform: 'linux', loader: undefined, driver: SWIFTSHADER_ICD });
    expect(noLoader).toMatch(/^No WebGPU adapter in Node .*requestAdapter\(\) returned null\./);
    expect(noLoader).toMatch(/libvulkan\.so\.1 is missing: install the Debian\/Ubuntu package libvulkan1/);
    expect(noLoader).not.toMatch(/No Vulkan driver/);
    const loader = '/usr/lib/libvulkan.so.1';
    const noDriver = explainNoAdapter(cause, { platform: 'linux', loader, driver: undefined });
    expect(noDriver).not.toMatch(/libvulkan1/);
    expect(noDriver).toMatch(/No Vulkan driver: .*chromium.*VK_ICD_FILENAMES/);
    // This machine: what the facts say matches the file system.
    expect(vulkanFacts().loader).toBe(findVulkanLoader());
  });
});
