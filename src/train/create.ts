// Picks and creates a Trainer backend: `webgpu` (our WGSL kernels) on a real GPU, `wasm` (ONNX on onnxruntime-web's
// wasm EP) on a CPU fallback adapter (SwiftShader runs WGSL 20–40× slower than ORT's wasm engine runs the same
// model) or without an adapter. The reason is returned so the caller can show which backend trains and why.
import type { AdapterReport } from '../gpu/device.ts';
import type { TrainerBackend, TrainerBackendKind } from './backend.ts';
import type { TrainerOptions } from './options.ts';
import { Trainer, type TrainerInit } from './trainer.ts';
import { WasmTrainer } from './wasm/trainer.ts';

export type BackendRequest = 'auto' | TrainerBackendKind;

export interface TrainerChoice {
  backend: TrainerBackendKind;
  reason: string;
}

export interface CreateTrainerOptions extends TrainerOptions {
  /** 'auto' (default) decides from the adapter; 'wasm' / 'webgpu' override. */
  backend?: BackendRequest;
  /** The GPU device, when there is one (required for 'webgpu'). */
  device?: GPUDevice;
  /** What the device's adapter is (sharedGpu()/acquireGpu() report it); needed for 'auto' with a device. */
  adapter?: Pick<AdapterReport, 'vendor' | 'architecture' | 'description' | 'isFallback'>;
  init?: TrainerInit;
}

export function chooseTrainerBackend(o: Pick<CreateTrainerOptions, 'backend' | 'device' | 'adapter'>): TrainerChoice {
  const request = o.backend ?? 'auto';
  if (request !== 'auto' && request !== 'wasm' && request !== 'webgpu')
    throw new RangeError(`createTrainer: backend must be auto, wasm or webgpu, got '${String(request)}'`);
  if (request === 'webgpu') {
    if (!o.device) throw new Error('createTrainer: backend webgpu needs a GPUDevice (none was given)');
    return { backend: 'webgpu', reason: 'requested (--backend webgpu)' };
  }
  if (request === 'wasm') return { backend: 'wasm', reason: 'requested (--backend wasm)' };
  if (!o.device) return { backend: 'wasm', reason: 'no WebGPU adapter: onnxruntime-web wasm EP on the CPU' };
  if (!o.adapter)
    throw new Error(
      'createTrainer: backend auto with a device needs its adapter report to tell a real GPU from a CPU fallback',
    );
  const name = `${o.adapter.vendor} ${o.adapter.architecture} ${o.adapter.description}`.trim();
  if (o.adapter.isFallback)
    return { backend: 'wasm', reason: `WebGPU adapter is a CPU fallback (${name}): ORT's wasm engine is faster there` };
  return { backend: 'webgpu', reason: `real GPU adapter (${name}): WGSL kernels` };
}

export async function createTrainer(
  o: CreateTrainerOptions,
): Promise<{ trainer: TrainerBackend; choice: TrainerChoice }> {
  const choice = chooseTrainerBackend(o);
  const { backend: _b, device, adapter: _a, init, ...options } = o;
  const trainer =
    choice.backend === 'webgpu'
      ? await Trainer.create(device!, options, init)
      : await WasmTrainer.create(options, init);
  return { trainer, choice };
}
