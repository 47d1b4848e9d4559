// The one seam where the loop gets a TrainerBackend; nothing else in src/rl names a backend. createTrainer decides:
// webgpu (our WGSL kernels) on a real GPU, wasm (ONNX on onnxruntime-web's wasm EP) on a CPU-fallback adapter or
// with none. In a page the adapter is navigator.gpu's; Node callers pass a placement (src/rl/node/gpu.ts), since
// this module is also bundled into pages and must not load Dawn. The choice and its reason are kept for progress
// lines and the page (`lastTrainerChoice`).
import { acquireGpu, type Gpu } from '../gpu/device.ts';
import type { TrainerBackend } from '../train/backend.ts';
import { createTrainer, type BackendRequest, type TrainerChoice } from '../train/create.ts';
import type { TrainerOptions } from '../train/options.ts';
import type { TrainerInit } from '../train/trainer.ts';

let lastChoice: TrainerChoice | undefined;

/** The backend the last makeTrainer picked and why. */
export function lastTrainerChoice(): TrainerChoice | undefined {
  return lastChoice;
}

export interface TrainerPlacement {
  backend?: BackendRequest;
  /** A GPU to consider; default: the page's navigator.gpu, if any. */
  gpu?: Gpu;
}

async function pageGpu(): Promise<Gpu | undefined> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  return nav ? acquireGpu(nav).catch(() => undefined) : undefined;
}

export async function makeTrainer(
  options: TrainerOptions,
  init: TrainerInit = {},
  placement: TrainerPlacement = {},
): Promise<TrainerBackend> {
  const backend = placement.backend ?? 'auto';
  const gpu = backend === 'wasm' ? undefined : (placement.gpu ?? (await pageGpu()));
  const made = await createTrainer({ ...options, init, backend, device: gpu?.device, adapter: gpu?.report });
  lastChoice = made.choice;
  return made.trainer;
}
