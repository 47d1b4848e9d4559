// Trainer options: the plan's shape (config, batch B, sequence length T) and the optimizer's settings.
import { validateConfig, type LlamaConfig } from '../model/config.ts';

export interface OptimizerOptions {
  beta1: number;
  beta2: number;
  eps: number;
  /** Decoupled weight decay on 2-D weights (norm gains are never decayed). */
  weightDecay: number;
  /** Global gradient-norm clip; Infinity disables clipping. */
  maxGradNorm: number;
}

export interface TrainerOptions {
  config: LlamaConfig;
  /** Sequences per batch (B). */
  batch: number;
  /** Tokens per sequence (T), ≤ max_position_embeddings. */
  seqLen: number;
  optimizer?: Partial<OptimizerOptions>;
  /** Record per-kernel GPU times with timestamp queries (when the adapter has 'timestamp-query'). */
  profile?: boolean;
}

export const DEFAULT_OPTIMIZER: OptimizerOptions = {
  beta1: 0.9,
  beta2: 0.999,
  eps: 1e-8,
  weightDecay: 0,
  maxGradNorm: 1,
};

export interface ResolvedOptions {
  config: LlamaConfig;
  B: number;
  T: number;
  optimizer: OptimizerOptions;
  profile: boolean;
}

export function resolveOptions(o: TrainerOptions): ResolvedOptions {
  const config = validateConfig(o.config, 'Trainer config');
  for (const [name, v] of [
    ['batch', o.batch],
    ['seqLen', o.seqLen],
  ] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`Trainer: ${name} must be a positive integer, got ${v}`);
  }
  if (o.seqLen > config.max_position_embeddings) {
    throw new RangeError(
      `Trainer: seqLen ${o.seqLen} exceeds max_position_embeddings ${config.max_position_embeddings}`,
    );
  }
  const optimizer = { ...DEFAULT_OPTIMIZER, ...(o.optimizer ?? {}) };
  for (const [name, v] of Object.entries(optimizer)) {
    if (typeof v !== 'number' || Number.isNaN(v) || v < 0)
      throw new RangeError(`Trainer: optimizer.${name} must be a non-negative number, got ${v}`);
  }
  if (optimizer.beta1 >= 1 || optimizer.beta2 >= 1) throw new RangeError('Trainer: optimizer betas must be < 1');
  if (!(optimizer.maxGradNorm > 0)) throw new RangeError('Trainer: optimizer.maxGradNorm must be > 0');
  return { config, B: o.batch, T: o.seqLen, optimizer, profile: o.profile ?? false };
}
