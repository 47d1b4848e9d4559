// Test fixtures of the evaluation and experiment tests: a tiny random-weights checkpoint on disk.
import { readFileSync } from 'node:fs';
import { writeCheckpoint } from '../../src/model/checkpoint.ts';
import { directoryWriter } from '../../src/model/checkpoint-node.ts';
import { PRESETS, type LlamaConfig } from '../../src/model/config.ts';
import { initParams } from '../../src/model/reference/model.ts';

export const TINY: LlamaConfig = {
  ...PRESETS.micro,
  hidden_size: 32,
  intermediate_size: 64,
  num_hidden_layers: 1,
  num_attention_heads: 2,
  num_key_value_heads: 1,
  max_position_embeddings: 640,
};

/** A tiny Llama with the micro tokenizer and random weights (no training: answers are noise, rewards are real). */
export async function writeTinyCheckpoint(path: string, seed = 5): Promise<void> {
  const weights = new Map([...initParams(TINY, seed, 0.2)].map(([k, v]) => [k, Float32Array.from(v)]));
  const tokenizer = JSON.parse(readFileSync('public/tokenizer/micro.json', 'utf8'));
  await writeCheckpoint(directoryWriter(path), { config: TINY, weights, tokenizer });
}
