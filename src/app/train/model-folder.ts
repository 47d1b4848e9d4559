// A local Hugging Face model folder picked with the file picker: config.json must be a LlamaConfig, and the folder
// must hold model.safetensors and tokenizer.json. Returns a line for the page (what it is, or what is wrong).
import { parameterCount, validateConfig } from '../../model/config.ts';

export async function describeModelFolder(files: File[]): Promise<string> {
  const byName = new Map(files.map((f) => [f.name, f]));
  const config = byName.get('config.json');
  if (!config)
    return `no config.json in the picked folder (${files.length} files)` + ': expected a Hugging Face Llama folder';
  try {
    const cfg = validateConfig(JSON.parse(await config.text()), 'config.json');
    const missing = ['model.safetensors', 'tokenizer.json'].filter((n) => !byName.has(n));
    const params = `${(parameterCount(cfg) / 1e6).toFixed(1)}M parameters`;
    const size = `${params}, ${cfg.num_hidden_layers} layers, hidden ${cfg.hidden_size}`;
    return missing.length
      ? `config.json ok (${size}), but ${missing.join(' and ')} missing`
      : `Llama model: ${size}; used by the GRPO driver (a replay does not load weights)`;
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}
