// WebGPU in Node (Dawn, via the `webgpu` package) on the same SwiftShader adapter Chromium uses:
// a fast layer for kernel tests that need no page. Returns undefined when no adapter exists.
import { existsSync } from 'node:fs';
import { acquireGpu, type Gpu } from '../../src/gpu/device.ts';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let pending: Promise<Gpu | undefined> | undefined;
// Dawn aborts the process if its GPU instance is garbage-collected while a device is alive: keep it.
let instance: GPU | undefined;

export function nodeGpu(): Promise<Gpu | undefined> {
  pending ??= (async () => {
    if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    const webgpu = await import('webgpu');
    Object.assign(globalThis, webgpu.globals);
    try {
      instance = webgpu.create([]);
      return await acquireGpu(instance);
    } catch {
      return undefined;
    }
  })();
  return pending;
}
