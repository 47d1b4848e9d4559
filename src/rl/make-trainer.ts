// The one seam where the loop gets a TrainerBackend; nothing else in src/rl names a backend. createTrainer decides:
// webgpu (our WGSL kernels) on a real GPU, wasm (ONNX on onnxruntime-web's wasm EP) on a CPU-fallback adapter or
// with none. In a page the adapter is navigator.gpu's; Node callers pass a placement (src/rl/node/gpu.ts), since
// this module is also bundled into pages and must not load Dawn. placeTrainer decides before anything is built, so
// a caller can shape its batches by the backend (GRPO's pack_groups 'auto'); its reason goes into progress lines.
import { acquireGpu, type Gpu } from '../gpu/device.ts';
import type { TrainerBackend } from '../train/backend.ts';
import { chooseTrainerBackend, createTrainer, type BackendRequest, type TrainerChoice } from '../train/create.ts';
import type { TrainerOptions } from '../train/options.ts';
import type { TrainerInit } from '../train/trainer.ts';

export interface TrainerPlacement {
  backend?: BackendRequest;
  /** A GPU to consider; default: the page's navigator.gpu, if any. */
  gpu?: Gpu;
  /** The backend already decided (placeTrainer), with its reason; makeTrainer then only builds it. */
  choice?: TrainerChoice;
}

export type PlacedTrainer = TrainerPlacement & { choice: TrainerChoice };

async function pageGpu(): Promise<Gpu | undefined> {
  const nav = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  return nav ? acquireGpu(nav).catch(() => undefined) : undefined;
}

/**
 * Decides the backend before any trainer is built, for a caller whose batch shape depends on it (GRPO's
 * pack_groups 'auto'); the returned placement builds exactly that backend and keeps the reason.
 */
export async function placeTrainer(placement: TrainerPlacement = {}): Promise<PlacedTrainer> {
  if (placement.choice) return { ...placement, choice: placement.choice };
  const backend = placement.backend ?? 'auto';
  const gpu = backend === 'wasm' ? undefined : (placement.gpu ?? (await pageGpu()));
  const choice = chooseTrainerBackend({ backend, device: gpu?.device, adapter: gpu?.report });
  return { backend: choice.backend, gpu, choice };
}

export async function makeTrainer(
  options: TrainerOptions,
  init: TrainerInit = {},
  placement: TrainerPlacement = {},
): Promise<TrainerBackend> {
  const { choice, gpu } = await placeTrainer(placement);
  const made = await createTrainer({
    ...options,
    init,
    backend: choice.backend,
    device: gpu?.device,
    adapter: gpu?.report,
  });
  return made.trainer;
}
