export { buildLlamaGraph, ropeTables, type LlamaGraphOptions, type WeightMode } from './llama.ts';
export { exportOnnx } from './export.ts';
export { weightShapes, toFloat32Weights } from './weights.ts';
