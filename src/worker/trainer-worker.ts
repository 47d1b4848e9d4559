// The Trainer in a dedicated Worker, exposed with comlink: the page keeps its main thread free while the
// worker owns its own GPUDevice and the whole training state. Importing this module on the page gives
// `spawnTrainerWorker()`; loaded as a worker it exposes the API below.
import { expose, transfer, wrap, type Remote } from 'comlink';
import { acquireGpu, type AdapterReport, type Gpu } from '../gpu/device.ts';
import type { Checkpoint } from '../model/checkpoint.ts';
import { parameterCount } from '../model/config.ts';
import type { BatchInput } from '../train/batch.ts';
import type { TrainerBackend } from '../train/backend.ts';
import { createTrainer, type BackendRequest, type TrainerChoice } from '../train/create.ts';
import type { StepResult, TrainerInit } from '../train/trainer.ts';
import type { TrainerOptions } from '../train/options.ts';

let trainer: TrainerBackend | undefined;
let adapter: AdapterReport | undefined;

function current(): TrainerBackend {
  if (!trainer) throw new Error('trainer worker: call create() first');
  return trainer;
}

export const trainerWorkerApi = {
  /**
   * Plans a Trainer (backend chosen by createTrainer: wasm on a CPU fallback adapter or none, webgpu on a real
   * GPU, unless `backend` says otherwise) on the worker's own device; returns what the page shows about it.
   */
  async create(
    options: TrainerOptions,
    init: TrainerInit = {},
    backend: BackendRequest = 'auto',
  ): Promise<{ memoryBytes: number; adapter?: AdapterReport; parameters: number; choice: TrainerChoice }> {
    trainer?.destroy();
    const gpu: Gpu | undefined = await acquireGpu(self.navigator.gpu).catch((e: unknown) => {
      if (backend === 'webgpu') throw e;
      return undefined;
    });
    adapter = gpu?.report;
    const made = await createTrainer({ ...options, backend, device: gpu?.device, adapter, init });
    trainer = made.trainer;
    const parameters = parameterCount(trainer.config);
    return { memoryBytes: trainer.memoryBytes, adapter, parameters, choice: made.choice };
  },
  async forward(tokens: BatchInput, mask: BatchInput): Promise<Float32Array> {
    const lp = await current().forward(tokens, mask);
    return transfer(lp, [lp.buffer]);
  },
  backward: (weights: BatchInput): Promise<void> => current().backward(weights),
  async forwardBackward(tokens: BatchInput, mask: BatchInput, weights: BatchInput): Promise<Float32Array> {
    const lp = await current().forwardBackward(tokens, mask, weights);
    return transfer(lp, [lp.buffer]);
  },
  step: (lr: number): Promise<StepResult> => current().step(lr),
  zeroGrad: (): void => current().zeroGrad(),
  getWeights: (): Promise<Map<string, Float32Array>> => current().getWeights(),
  save: (tokenizer?: unknown): Promise<Checkpoint> => current().save(tokenizer),
  load: (ckpt: Checkpoint): Promise<void> => current().load(ckpt),
  steps: (): number => current().steps,
  destroy(): void {
    trainer?.destroy();
    trainer = undefined;
  },
};

export type TrainerWorkerApi = typeof trainerWorkerApi;

declare const WorkerGlobalScope: { new (): unknown } | undefined;
const inWorker = typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope;
if (inWorker) expose(trainerWorkerApi);

/** Starts the worker; `terminate()` ends it (and its device). */
export function spawnTrainerWorker(): { api: Remote<TrainerWorkerApi>; terminate(): void } {
  const worker = new Worker(new URL('./trainer-worker.ts', import.meta.url), {
    type: 'module',
    name: 'atomgym-trainer',
  });
  return { api: wrap<TrainerWorkerApi>(worker), terminate: () => worker.terminate() };
}
