// A standalone ONNX model file (weights as initializers), loadable by any ONNX runtime.
import type { LlamaConfig } from '../config.ts';
import { buildLlamaGraph } from './llama.ts';
import { toFloat32Weights } from './weights.ts';

export function exportOnnx(
  cfg: LlamaConfig,
  weights: ReadonlyMap<string, ArrayLike<number>>,
  logits: 'all' | 'selected' = 'all',
): Uint8Array {
  return buildLlamaGraph(cfg, { weights: 'initializers', values: toFloat32Weights(cfg, weights), logits });
}
