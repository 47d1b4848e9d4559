// Public surface of the training engine (what src/rl, src/app and the worker use).
export { Trainer, type StepResult, type TrainerInit } from './trainer.ts';
export type { TrainerBackend, TrainerBackendKind } from './backend.ts';
export { DEFAULT_OPTIMIZER, type OptimizerOptions, type TrainerOptions } from './options.ts';
export { OPTIMIZER_FILE, type TrainerState } from './trainer-state.ts';
export type { BatchInput } from './batch.ts';
export type { PhaseProfile } from './profiler.ts';
export type { BufferKind } from './arena.ts';
export { WasmTrainer } from './wasm/trainer.ts';
export {
  createTrainer,
  chooseTrainerBackend,
  type BackendRequest,
  type CreateTrainerOptions,
  type TrainerChoice,
} from './create.ts';
