// Sharded Hugging Face checkpoints: model.safetensors.index.json ({"weight_map": {tensor: shard file}}) next to
// model-0000i-of-0000n.safetensors, as transformers' save_pretrained writes a model past its max_shard_size. Reading
// merges the shards into one tensor map; every tensor must be in the shard the index names, and only once.
import { parseSafetensors, type SafeTensor } from './safetensors.ts';

export const INDEX_FILE = 'model.safetensors.index.json';

export class ShardError extends Error {
  override name = 'ShardError';
}

/** The shard file names an index lists (validated: relative .safetensors names, a non-empty weight_map). */
export function shardNames(indexBytes: Uint8Array, where: string): { names: string[]; weightMap: Map<string, string> } {
  let index: unknown;
  try {
    index = JSON.parse(new TextDecoder().decode(indexBytes));
  } catch (e) {
    throw new ShardError(`${where}: not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
  }
  const wm = (index as { weight_map?: unknown } | null)?.weight_map;
  if (typeof wm !== 'object' || wm === null || Array.isArray(wm) || Object.keys(wm).length === 0) {
    throw new ShardError(`${where}: field 'weight_map' must be a non-empty object tensor → shard file`);
  }
  const weightMap = new Map<string, string>();
  for (const [tensor, file] of Object.entries(wm)) {
    if (typeof file !== 'string' || !file.endsWith('.safetensors') || file.includes('/') || file.includes('\\')) {
      throw new ShardError(`${where}: weight_map['${tensor}'] must name a .safetensors file in the same folder`);
    }
    weightMap.set(tensor, file);
  }
  return { names: [...new Set(weightMap.values())].sort(), weightMap };
}

/** Parses every shard and merges their tensors, checking each against the index. */
export function mergeShards(
  indexBytes: Uint8Array,
  shards: Record<string, Uint8Array | undefined>,
  source: string,
): Map<string, SafeTensor> {
  const where = `${source}${INDEX_FILE}`;
  const { names, weightMap } = shardNames(indexBytes, where);
  const out = new Map<string, SafeTensor>();
  for (const name of names) {
    const bytes = shards[name];
    if (!bytes) throw new ShardError(`${where}: shard '${name}' is listed but missing`);
    for (const [tensor, t] of parseSafetensors(bytes, `${source}${name}`).tensors) {
      if (out.has(tensor)) throw new ShardError(`${source}${name}: tensor '${tensor}' is also in another shard`);
      const listed = weightMap.get(tensor);
      if (listed !== name) {
        throw new ShardError(
          `${source}${name}: tensor '${tensor}' is not where the index says (${listed ?? 'absent'})`,
        );
      }
      out.set(tensor, t);
    }
  }
  for (const tensor of weightMap.keys()) {
    if (!out.has(tensor))
      throw new ShardError(`${where}: tensor '${tensor}' is not in shard '${weightMap.get(tensor)}'`);
  }
  return out;
}
