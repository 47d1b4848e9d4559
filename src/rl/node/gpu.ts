// Node only: the GPU a Node trainer may use. Without ATOMGYM_TRAINER_BACKEND=webgpu there is none, so createTrainer
// picks the wasm backend (ORT's wasm engine beats SwiftShader's WGSL 5–8× on a machine without a GPU); with it,
// Dawn via src/gpu/node.ts (the machine's Vulkan driver, SwiftShader without one).
import type { Gpu } from '../../gpu/device.ts';
import { nodeGpu } from '../../gpu/node.ts';
import type { BackendRequest } from '../../train/create.ts';

export function trainerBackendFromEnv(env: NodeJS.ProcessEnv = process.env): BackendRequest {
  const v = env.ATOMGYM_TRAINER_BACKEND ?? 'auto';
  if (v !== 'auto' && v !== 'wasm' && v !== 'webgpu') {
    throw new RangeError(`ATOMGYM_TRAINER_BACKEND must be auto, wasm or webgpu, got '${v}'`);
  }
  return v;
}

/** The trainer's placement in Node: which backend is asked for and the GPU it needs, if any. */
export async function nodeTrainerPlacement(): Promise<{ backend: BackendRequest; gpu?: Gpu }> {
  const backend = trainerBackendFromEnv();
  return backend === 'webgpu' ? { backend, gpu: await nodeGpu() } : { backend };
}
