// A local Hugging Face model picked with the file picker — a folder, or a .zip of one: config.json must be a
// LlamaConfig, and model.safetensors and tokenizer.json must be there. Returns a line for the page (what it is, or
// what is wrong); the weights themselves are read by the run worker.
import { parameterCount, validateConfig } from '../../model/config.ts';
import { unzipModel, zipEntryNames } from '../../model/checkpoint-zip.ts';

export async function describeModelFolder(files: File[]): Promise<string> {
  const byName = new Map(files.map((f) => [f.name, f]));
  const config = byName.get('config.json');
  if (!config)
    return `no config.json in the picked folder (${files.length} files)` + ': expected a Hugging Face Llama folder';
  return describeModel(await config.text(), [...byName.keys()]);
}

export async function describeModelZip(zip: File): Promise<string> {
  try {
    // Only config.json is inflated here; the other entries are listed, not read.
    const bytes = new Uint8Array(await zip.arrayBuffer());
    const config = unzipModel(bytes, zip.name, ['config.json'])['config.json'];
    if (!config) return `${zip.name}: no config.json inside: expected a zipped Hugging Face Llama folder`;
    const present = zipEntryNames(bytes).map((p) => p.slice(p.lastIndexOf('/') + 1));
    return describeModel(new TextDecoder().decode(config), present);
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function describeModel(configText: string, names: readonly string[]): string {
  try {
    const cfg = validateConfig(JSON.parse(configText), 'config.json');
    const missing = ['model.safetensors', 'tokenizer.json'].filter((n) => !names.includes(n));
    const params = `${(parameterCount(cfg) / 1e6).toFixed(1)}M parameters`;
    const size = `${params}, ${cfg.num_hidden_layers} layers, hidden ${cfg.hidden_size}`;
    return missing.length
      ? `config.json ok (${size}), but ${missing.join(' and ')} missing`
      : `Llama model: ${size}; used by the GRPO driver (a replay does not load weights)`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
