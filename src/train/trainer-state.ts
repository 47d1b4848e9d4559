// Trainer state ↔ checkpoint: weights go to model.safetensors under HF names (via the checkpoint core);
// AdamW moments and the step count go to optimizer.safetensors as `<name>.exp_avg`, `<name>.exp_avg_sq`
// (PyTorch's names) and `step` (I32), with the optimizer settings in its __metadata__.
import { CheckpointError, type Checkpoint } from '../model/checkpoint.ts';
import type { LlamaConfig } from '../model/config.ts';
import { parseSafetensors, serializeSafetensors, type TensorToWrite } from '../model/safetensors.ts';
import type { OptimizerOptions } from './options.ts';

export const OPTIMIZER_FILE = 'optimizer.safetensors';

export interface TrainerState {
  config: LlamaConfig;
  optimizer: OptimizerOptions;
  step: number;
  tensors: { name: string; shape: number[]; param: Float32Array; m: Float32Array; v: Float32Array }[];
}

export function checkpointFromState(s: TrainerState, tokenizer?: unknown): Checkpoint {
  const opt: TensorToWrite[] = [{ name: 'step', shape: [1], data: new Int32Array([s.step]) }];
  for (const t of s.tensors) {
    opt.push(
      { name: `${t.name}.exp_avg`, shape: t.shape, data: t.m },
      { name: `${t.name}.exp_avg_sq`, shape: t.shape, data: t.v },
    );
  }
  const metadata: Record<string, string> = { format: 'atomgym-adamw' };
  for (const [k, v] of Object.entries(s.optimizer)) metadata[k] = String(v);
  const ckpt: Checkpoint = {
    config: s.config,
    weights: new Map(s.tensors.map((t) => [t.name, t.param])),
    extraFiles: { [OPTIMIZER_FILE]: serializeSafetensors(opt, metadata) },
  };
  if (tokenizer !== undefined) ckpt.tokenizer = tokenizer;
  return ckpt;
}

const sameConfig = (a: LlamaConfig, b: LlamaConfig): string | undefined => {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)] as (keyof LlamaConfig)[]);
  for (const k of keys)
    if (a[k] !== b[k] && !(k === 'head_dim' && (a[k] ?? 0) === (b[k] ?? 0)))
      return `${k}: checkpoint has ${JSON.stringify(b[k])}, trainer has ${JSON.stringify(a[k])}`;
  return undefined;
};

/** A trainer tensor's storage: GPU buffers (webgpu backend) or host Float32Arrays (wasm backend). */
export interface StateTensor<Buf> {
  name: string;
  shape: number[];
  size: number;
  param: Buf;
  m: Buf;
  v: Buf;
}

/**
 * Checks a checkpoint against the trainer's tensors (an error names the first tensor whose shape or size
 * differs) and returns the buffer writes for weights and, when optimizer.safetensors is present, m and v.
 */
export function applyCheckpoint<Buf>(
  cfg: LlamaConfig,
  tensors: readonly StateTensor<Buf>[],
  ckpt: Checkpoint,
): { targets: { buffer: Buf; data: Float32Array }[]; step?: number } {
  const targets: { buffer: Buf; data: Float32Array }[] = [];
  for (const t of tensors) {
    const w = ckpt.weights.get(t.name);
    if (!w)
      throw new CheckpointError(
        `Trainer.load: checkpoint lacks tensor '${t.name}' (expected shape [${t.shape.join(', ')}])`,
      );
    if (w.length !== t.size)
      throw new CheckpointError(
        `Trainer.load: tensor '${t.name}' has ${w.length} values, expected shape [${t.shape.join(', ')}] (${t.size} values)`,
      );
    targets.push({ buffer: t.param, data: w });
  }
  const mismatch = sameConfig(cfg, ckpt.config);
  if (mismatch) throw new CheckpointError(`Trainer.load: config differs (${mismatch})`);
  const bytes = ckpt.extraFiles?.[OPTIMIZER_FILE];
  if (!bytes) return { targets };
  const st = parseSafetensors(bytes, OPTIMIZER_FILE).tensors;
  const step = st.get('step');
  if (!step || !(step.data instanceof Int32Array) || step.data.length !== 1)
    throw new CheckpointError(`${OPTIMIZER_FILE}: tensor 'step' must be one I32`);
  for (const t of tensors) {
    for (const [suffix, buffer] of [
      ['exp_avg', t.m],
      ['exp_avg_sq', t.v],
    ] as const) {
      const name = `${t.name}.${suffix}`;
      const x = st.get(name);
      if (!x) throw new CheckpointError(`${OPTIMIZER_FILE}: missing tensor '${name}'`);
      if (!(x.data instanceof Float32Array))
        throw new CheckpointError(`${OPTIMIZER_FILE}: tensor '${name}' has dtype ${x.dtype}, expected a float dtype`);
      if (x.shape.length !== t.shape.length || x.shape.some((d, i) => d !== t.shape[i])) {
        throw new CheckpointError(
          `${OPTIMIZER_FILE}: tensor '${name}' has shape [${x.shape.join(', ')}], expected [${t.shape.join(', ')}]`,
        );
      }
      targets.push({ buffer, data: x.data });
    }
  }
  return { targets, step: step.data[0] };
}
