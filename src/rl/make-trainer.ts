// The one seam where the loop gets a TrainerBackend. Today the only backend is the webgpu Trainer (our WGSL kernels):
// in a page it uses navigator.gpu, in Node the `webgpu` package (Dawn; SwiftShader without a GPU). When the wasm
// backend lands, its createTrainer factory replaces the body below; nothing else in src/rl names a backend:
//   const gpu = navigator.gpu ? await sharedGpu() : undefined;   // in Node: no device → the wasm backend, no Dawn
//   return (await createTrainer({ ...options, init, backend: 'auto', device: gpu?.device, adapter: gpu?.report })).trainer;
import { acquireGpu, type Gpu } from '../gpu/device.ts';
import type { TrainerBackend } from '../train/backend.ts';
import type { TrainerOptions } from '../train/options.ts';
import { Trainer, type TrainerInit } from '../train/trainer.ts';

let nodeGpu: Promise<Gpu> | undefined;
// Dawn aborts the process if its GPU instance is garbage-collected while a device is alive: keep it referenced.
let dawn: GPU | undefined;

async function gpu(): Promise<Gpu> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (nav) return acquireGpu(nav);
  nodeGpu ??= (async () => {
    const icd = '/usr/lib/chromium/vk_swiftshader_icd.json';
    const fs = process.getBuiltinModule('node:fs');
    if (!process.env.VK_ICD_FILENAMES && fs.existsSync(icd)) process.env.VK_ICD_FILENAMES = icd;
    const webgpu = await import('webgpu');
    Object.assign(globalThis, webgpu.globals);
    dawn = webgpu.create([]);
    return acquireGpu(dawn); // Dawn keeps Node's event loop alive: commands end with process.exit()
  })();
  return nodeGpu;
}

export async function makeTrainer(options: TrainerOptions, init: TrainerInit = {}): Promise<TrainerBackend> {
  const { device } = await gpu();
  return Trainer.create(device, options, init);
}
