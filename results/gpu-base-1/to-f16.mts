// Rewrites a checkpoint's model.safetensors with F16 weights (half the bytes), so the model fits the device run's
// 64 MiB transfer beside Node and node_modules. Loading converts back to F32 (src/model/safetensors.ts).
// Usage: npx tsx results/gpu-base-1/to-f16.mts IN.safetensors OUT.safetensors
import { readFileSync, writeFileSync } from 'node:fs';
import { parseSafetensors, serializeSafetensors } from '../../src/model/safetensors.ts';

const [from, to] = process.argv.slice(2);
const file = parseSafetensors(new Uint8Array(readFileSync(from)), from);
const tensors = [...file.tensors.values()].map((t) => {
  if (!(t.data instanceof Float32Array)) throw new Error(`${from}: tensor ${t.name} is not a float tensor`);
  return { name: t.name, shape: t.shape, data: t.data, dtype: 'F16' as const };
});
writeFileSync(to, serializeSafetensors(tensors, file.metadata));
