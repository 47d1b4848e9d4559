// A checkpoint in the Hugging Face Llama layout: config.json (LlamaConfig) + model.safetensors (HF tensor
// names) + tokenizer.json (kept as parsed JSON here; the tokenizer module turns it into a Tokenizer).
// This file is pure: it turns bytes into a checked Checkpoint and back. Where the bytes come from (Node
// files, fetch, File objects, OPFS) lives in checkpoint-node.ts and checkpoint-web.ts.
import { headDim, validateConfig, type LlamaConfig } from './config.ts';
import { INDEX_FILE, mergeShards, shardNames } from './checkpoint-shards.ts';
import { hfConfigFields, hfTokenizerConfig } from './hf-config.ts';
import {
  parseSafetensors,
  serializeSafetensors,
  type FloatDType,
  type TensorInfo,
  type TensorToWrite,
} from './safetensors.ts';

export const CONFIG_FILE = 'config.json';
export const MODEL_FILE = 'model.safetensors';
export const TOKENIZER_FILE = 'tokenizer.json';
/**
 * Written next to tokenizer.json so transformers' AutoTokenizer loads it (not read back: tokenizer.json is the truth).
 */
export const TOKENIZER_CONFIG_FILE = 'tokenizer_config.json';

export interface TensorSpec {
  name: string;
  shape: number[];
}

export interface Checkpoint {
  config: LlamaConfig;
  /** HF tensor name → fp32 data, exactly the tensors expectedTensors(config) lists. */
  weights: Map<string, Float32Array>;
  /** Parsed tokenizer.json, if the checkpoint has one. */
  tokenizer?: unknown;
  /** Other files carried along by name (e.g. the trainer's optimizer.safetensors), as raw bytes. */
  extraFiles?: Record<string, Uint8Array>;
}

export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

/** Every weight a LlamaForCausalLM with this config has, with HF names and [out, in] shapes. */
export function expectedTensors(cfg: LlamaConfig): TensorSpec[] {
  return [...expectedTensorSpecs(cfg)];
}

/** The same list, one tensor at a time: a check can stop at the first missing one without sizing the rest. */
export function* expectedTensorSpecs(cfg: LlamaConfig): Generator<TensorSpec> {
  const C = cfg.hidden_size;
  const hd = headDim(cfg);
  const I = cfg.intermediate_size;
  yield { name: 'model.embed_tokens.weight', shape: [cfg.vocab_size, C] };
  for (let i = 0; i < cfg.num_hidden_layers; i++) {
    const p = `model.layers.${i}`;
    yield* [
      { name: `${p}.input_layernorm.weight`, shape: [C] },
      { name: `${p}.self_attn.q_proj.weight`, shape: [cfg.num_attention_heads * hd, C] },
      { name: `${p}.self_attn.k_proj.weight`, shape: [cfg.num_key_value_heads * hd, C] },
      { name: `${p}.self_attn.v_proj.weight`, shape: [cfg.num_key_value_heads * hd, C] },
      { name: `${p}.self_attn.o_proj.weight`, shape: [C, cfg.num_attention_heads * hd] },
      { name: `${p}.post_attention_layernorm.weight`, shape: [C] },
      { name: `${p}.mlp.gate_proj.weight`, shape: [I, C] },
      { name: `${p}.mlp.up_proj.weight`, shape: [I, C] },
      { name: `${p}.mlp.down_proj.weight`, shape: [C, I] },
    ];
  }
  yield { name: 'model.norm.weight', shape: [C] };
  if (!cfg.tie_word_embeddings) yield { name: 'lm_head.weight', shape: [cfg.vocab_size, C] };
}

/** Tensors real HF checkpoints may carry that the model does not use (non-persistent RoPE buffers). */
const IGNORABLE = /\.rotary_emb\.inv_freq$/;

/** The bytes of a checkpoint's files, by file name. */
export type CheckpointFiles = Record<string, Uint8Array>;

export interface DecodeResult {
  checkpoint: Checkpoint;
  /** Tensors in model.safetensors that the config does not call for (ignored, reported). */
  unexpected: string[];
}

export interface DecodeOptions {
  /** Where the files came from (directory, URL prefix), for error messages. */
  source?: string;
  /** Throw when tokenizer.json is absent (default: the tokenizer is optional). */
  requireTokenizer?: boolean;
  /** Throw on unexpected extra tensors instead of reporting them. */
  strict?: boolean;
}

/** A config.json is a few hundred bytes; anything past this is not one. */
const MAX_CONFIG_BYTES = 1 << 20;

const decodeText = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function parseJsonFile(bytes: Uint8Array, where: string): unknown {
  try {
    return JSON.parse(decodeText(bytes));
  } catch (e) {
    throw new CheckpointError(`${where}: not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * Checks a safetensors header against a config before any tensor is decoded: every expected name, dtype and
 * shape, in order, stopping at the first that does not fit (an absurd layer count costs nothing).
 */
export function checkTensorInfos(cfg: LlamaConfig, infos: readonly TensorInfo[], where: string): void {
  const wanted = 2 + 9 * cfg.num_hidden_layers + (cfg.tie_word_embeddings ? 0 : 1);
  const present = infos.filter((t) => !IGNORABLE.test(t.name)).length;
  const counts =
    wanted > present
      ? ` (the config asks for ${wanted} tensors with num_hidden_layers ${cfg.num_hidden_layers}; the file has ${present})`
      : '';
  const byName = new Map(infos.map((t) => [t.name, t]));
  // Lazily: with an absurd config the first missing tensor is found after at most `present` + 1 specs.
  for (const spec of expectedTensorSpecs(cfg)) {
    const t = byName.get(spec.name);
    if (!t)
      throw new CheckpointError(
        `${where}: missing tensor '${spec.name}' (expected shape [${spec.shape.join(', ')}])${counts}`,
      );
    if (t.dtype !== 'F32' && t.dtype !== 'F16' && t.dtype !== 'BF16')
      throw new CheckpointError(
        `${where}: tensor '${spec.name}' has dtype ${t.dtype}; expected a float dtype (F32, F16 or BF16)`,
      );
    if (t.shape.length !== spec.shape.length || t.shape.some((d, i) => d !== spec.shape[i])) {
      throw new CheckpointError(
        `${where}: tensor '${spec.name}' has shape [${t.shape.join(', ')}], expected [${spec.shape.join(', ')}]`,
      );
    }
  }
}

/** Checks the tensors of a parsed safetensors file against a config; errors name the tensor. */
export function checkWeights(
  cfg: LlamaConfig,
  tensors: ReadonlyMap<string, { dtype: string; shape: number[]; data: ArrayLike<number> | BigInt64Array }>,
  where: string,
): { weights: Map<string, Float32Array>; unexpected: string[] } {
  const expected = expectedTensors(cfg);
  const weights = new Map<string, Float32Array>();
  for (const spec of expected) {
    const t = tensors.get(spec.name);
    if (!t)
      throw new CheckpointError(`${where}: missing tensor '${spec.name}' (expected shape [${spec.shape.join(', ')}])`);
    if (!(t.data instanceof Float32Array))
      throw new CheckpointError(
        `${where}: tensor '${spec.name}' has dtype ${t.dtype}; expected a float dtype (F32, F16 or BF16)`,
      );
    if (t.shape.length !== spec.shape.length || t.shape.some((d, i) => d !== spec.shape[i])) {
      throw new CheckpointError(
        `${where}: tensor '${spec.name}' has shape [${t.shape.join(', ')}], expected [${spec.shape.join(', ')}]`,
      );
    }
    weights.set(spec.name, t.data);
  }
  const names = new Set(expected.map((s) => s.name));
  const unexpected = [...tensors.keys()].filter((n) => !names.has(n) && !IGNORABLE.test(n));
  return { weights, unexpected };
}

/** Bytes → checked Checkpoint. Missing config/model files, bad JSON, bad tensors: CheckpointError. */
export function decodeCheckpoint(files: CheckpointFiles, options: DecodeOptions = {}): DecodeResult {
  const src = options.source ? `${options.source}/` : '';
  const need = (name: string): Uint8Array => {
    const f = files[name];
    if (!f)
      throw new CheckpointError(`${src}${name}: missing file (a checkpoint needs ${CONFIG_FILE} and ${MODEL_FILE})`);
    return f;
  };
  const configBytes = need(CONFIG_FILE);
  if (configBytes.byteLength > MAX_CONFIG_BYTES)
    throw new CheckpointError(
      `${src}${CONFIG_FILE}: ${configBytes.byteLength} bytes; a config of at most ${MAX_CONFIG_BYTES} is read`,
    );
  const config = validateConfig(parseJsonFile(configBytes, `${src}${CONFIG_FILE}`), `${src}${CONFIG_FILE}`);
  // A sharded checkpoint (an index and model-*-of-*.safetensors) when there is no single model file. A single
  // file's header is checked against the config before any tensor is decoded; shards are checked after merging.
  const sharded = !files[MODEL_FILE] && files[INDEX_FILE] !== undefined;
  const tensors = sharded
    ? mergeShards(files[INDEX_FILE], files, src)
    : parseSafetensors(need(MODEL_FILE), `${src}${MODEL_FILE}`, {
        check: (infos) => checkTensorInfos(config, infos, `${src}${MODEL_FILE}`),
      }).tensors;
  const shardFiles = new Set(sharded ? [INDEX_FILE, ...shardNames(files[INDEX_FILE], INDEX_FILE).names] : []);
  const { weights, unexpected } = checkWeights(config, tensors, `${src}${sharded ? INDEX_FILE : MODEL_FILE}`);
  if (options.strict && unexpected.length > 0) {
    throw new CheckpointError(`${src}${MODEL_FILE}: unexpected tensors not in the config: ${unexpected.join(', ')}`);
  }
  let tokenizer: unknown;
  if (files[TOKENIZER_FILE]) tokenizer = parseJsonFile(files[TOKENIZER_FILE], `${src}${TOKENIZER_FILE}`);
  else if (options.requireTokenizer) throw new CheckpointError(`${src}${TOKENIZER_FILE}: missing file`);
  const extraFiles: Record<string, Uint8Array> = {};
  for (const [name, bytes] of Object.entries(files)) {
    const own = name === CONFIG_FILE || name === MODEL_FILE || name === TOKENIZER_FILE || shardFiles.has(name);
    if (!own) extraFiles[name] = bytes;
  }
  const checkpoint: Checkpoint = { config, weights, tokenizer };
  if (Object.keys(extraFiles).length > 0) checkpoint.extraFiles = extraFiles;
  return { checkpoint, unexpected };
}

export interface EncodeOptions {
  /** On-disk float format for the weights (default F32; F16/BF16 round to nearest even). */
  dtype?: FloatDType;
  metadata?: Record<string, string>;
}

/** Checkpoint → file bytes. Validates the config and every tensor's size first, so nothing bad is written. */
export function encodeCheckpoint(ckpt: Checkpoint, options: EncodeOptions = {}): CheckpointFiles {
  const config = validateConfig(ckpt.config, CONFIG_FILE);
  const tensors: TensorToWrite[] = expectedTensors(config).map((spec) => {
    const data = ckpt.weights.get(spec.name);
    if (!data) throw new CheckpointError(`encodeCheckpoint: missing tensor '${spec.name}'`);
    const n = spec.shape.reduce((a, b) => a * b, 1);
    if (data.length !== n)
      throw new CheckpointError(
        `encodeCheckpoint: tensor '${spec.name}' has ${data.length} values, expected ${n} for shape [${spec.shape.join(', ')}]`,
      );
    return { name: spec.name, shape: spec.shape, data, dtype: options.dtype ?? 'F32' };
  });
  const extra = [...ckpt.weights.keys()].filter((n) => !tensors.some((t) => t.name === n));
  if (extra.length > 0) throw new CheckpointError(`encodeCheckpoint: tensors not in the config: ${extra.join(', ')}`);
  const enc = new TextEncoder();
  const files: CheckpointFiles = {
    ...(ckpt.extraFiles ?? {}),
    [CONFIG_FILE]: enc.encode(
      `${JSON.stringify({ ...hfConfigFields(config, ckpt.tokenizer), ...config, torch_dtype: torchDtype(options.dtype ?? 'F32') }, null, 2)}\n`,
    ),
    [MODEL_FILE]: serializeSafetensors(tensors, { format: 'pt', ...(options.metadata ?? {}) }),
  };
  if (ckpt.tokenizer !== undefined) {
    files[TOKENIZER_FILE] = enc.encode(JSON.stringify(ckpt.tokenizer));
    files[TOKENIZER_CONFIG_FILE] ??= enc.encode(
      `${JSON.stringify(hfTokenizerConfig(ckpt.tokenizer, config), null, 2)}\n`,
    );
  }
  return files;
}

const torchDtype = (d: FloatDType) => (d === 'F32' ? 'float32' : d === 'F16' ? 'float16' : 'bfloat16');

/** Where checkpoint files are read from: returns undefined for a file that does not exist. */
export interface CheckpointReader {
  readonly description: string;
  read(name: string): Promise<Uint8Array | undefined>;
}

/** Where checkpoint files are written: all files land, or (on failure) none replace the old ones. */
export interface CheckpointWriter {
  readonly description: string;
  writeAll(files: CheckpointFiles): Promise<void>;
}

/** Reads config.json, model.safetensors, tokenizer.json and any `extra` files, then decodes. */
export async function readCheckpoint(
  reader: CheckpointReader,
  options: DecodeOptions & { extra?: string[] } = {},
): Promise<DecodeResult> {
  const names = [CONFIG_FILE, MODEL_FILE, TOKENIZER_FILE, ...(options.extra ?? [])];
  const files: CheckpointFiles = {};
  const got = await Promise.all(names.map((n) => reader.read(n)));
  names.forEach((n, i) => {
    if (got[i]) files[n] = got[i] as Uint8Array;
  });
  if (!files[MODEL_FILE]) {
    const index = await reader.read(INDEX_FILE);
    if (index) {
      files[INDEX_FILE] = index;
      for (const shard of shardNames(index, `${reader.description}/${INDEX_FILE}`).names) {
        const bytes = await reader.read(shard);
        if (bytes) files[shard] = bytes;
      }
    }
  }
  return decodeCheckpoint(files, { source: reader.description, ...options });
}

export async function writeCheckpoint(
  writer: CheckpointWriter,
  ckpt: Checkpoint,
  options: EncodeOptions = {},
): Promise<void> {
  await writer.writeAll(encodeCheckpoint(ckpt, options));
}
