// The one seam where the loop gets a TrainerBackend; nothing else in src/rl names a backend. createTrainer decides:
// webgpu (our WGSL kernels) on a real GPU, wasm (ONNX on onnxruntime-web's wasm EP) on a CPU-fallback adapter or
// with none. In a page the adapter is navigator.gpu's; in Node there is none unless ATOMGYM_TRAINER_BACKEND asks
// for webgpu (then Dawn via src/gpu/node.ts, imported only on that path so no bundle pulls it in). The choice
// and its reason are kept for the caller to print (`lastTrainerChoice`).
import { acquireGpu, type Gpu } from '../gpu/device.ts';
import type { TrainerBackend } from '../train/backend.ts';
import { createTrainer, type BackendRequest, type TrainerChoice } from '../train/create.ts';
import type { TrainerOptions } from '../train/options.ts';
import type { TrainerInit } from '../train/trainer.ts';

let lastChoice: TrainerChoice | undefined;

/** The backend the last makeTrainer picked and why (for progress lines and the page). */
export function lastTrainerChoice(): TrainerChoice | undefined {
  return lastChoice;
}

function requested(): BackendRequest {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const v = env?.ATOMGYM_TRAINER_BACKEND ?? 'auto';
  if (v !== 'auto' && v !== 'wasm' && v !== 'webgpu') {
    throw new RangeError(`ATOMGYM_TRAINER_BACKEND must be auto, wasm or webgpu, got '${v}'`);
  }
  return v;
}

async function findGpu(request: BackendRequest): Promise<Gpu | undefined> {
  if (request === 'wasm') return undefined;
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (nav) return acquireGpu(nav).catch(() => undefined);
  if (request !== 'webgpu') return undefined;
  const { nodeGpu } = await import('../gpu/node.ts');
  return nodeGpu();
}

export async function makeTrainer(
  options: TrainerOptions,
  init: TrainerInit = {},
  backend: BackendRequest = requested(),
): Promise<TrainerBackend> {
  const gpu = await findGpu(backend);
  const made = await createTrainer({ ...options, init, backend, device: gpu?.device, adapter: gpu?.report });
  lastChoice = made.choice;
  return made.trainer;
}
