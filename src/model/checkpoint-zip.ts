// A Hugging Face model folder as one .zip (fflate): what the page exports and imports. The archive holds the folder
// `<name>/` with config.json, model.safetensors, tokenizer.json and tokenizer_config.json; an import also accepts the
// files at the top level or under any single folder, and says what is wrong with any other layout.
import { strFromU8, unzipSync, zipSync, type Zippable } from 'fflate';
import {
  CheckpointError,
  CONFIG_FILE,
  MODEL_FILE,
  TOKENIZER_CONFIG_FILE,
  TOKENIZER_FILE,
  type CheckpointFiles,
  type CheckpointReader,
} from './checkpoint.ts';

/** The files of a Hugging Face model folder; anything else a checkpoint carries (optimizer state) stays out. */
export const HF_MODEL_FILES = [CONFIG_FILE, MODEL_FILE, TOKENIZER_FILE, TOKENIZER_CONFIG_FILE] as const;

/** The Hugging Face model files among a checkpoint's files; throws when config.json or the weights are missing. */
export function modelFiles(files: CheckpointFiles): CheckpointFiles {
  if (!files[CONFIG_FILE] || !files[MODEL_FILE])
    throw new CheckpointError(`a model export needs ${CONFIG_FILE} and ${MODEL_FILE}`);
  return Object.fromEntries(HF_MODEL_FILES.filter((f) => files[f]).map((f) => [f, files[f]]));
}

/** `files` (only the HF model files among them) zipped under the folder `name`. */
export function zipModel(files: CheckpointFiles, name: string): Uint8Array {
  const folder = name.replace(/[^\w.-]+/g, '-') || 'model';
  const entries: Zippable = {};
  for (const [f, bytes] of Object.entries(modelFiles(files))) entries[`${folder}/${f}`] = bytes;
  // Weights barely deflate (float32 mantissas); level 1 keeps the export quick and still shrinks the JSON.
  return zipSync(entries, { level: 1 });
}

/**
 * The model files of a zip, by file name. `only` restricts what is decompressed (e.g. config.json for a quick
 * look). Throws, naming the archive, when the files sit in more than one folder or the archive is not a zip.
 */
export function unzipModel(bytes: Uint8Array, source: string, only?: readonly string[]): CheckpointFiles {
  let entries: Record<string, Uint8Array>;
  const wanted = new Set<string>(only ?? HF_MODEL_FILES);
  try {
    entries = unzipSync(bytes, { filter: (f) => wanted.has(baseName(f.name)) });
  } catch (e) {
    throw new CheckpointError(`${source}: not a readable zip (${e instanceof Error ? e.message : String(e)})`);
  }
  const folders = new Set(Object.keys(entries).map((p) => p.slice(0, p.length - baseName(p).length)));
  if (folders.size > 1)
    throw new CheckpointError(
      `${source}: model files in more than one folder (${[...folders].map((f) => f || '(top level)').join(', ')}); ` +
        'expected one Hugging Face model folder',
    );
  const files: CheckpointFiles = {};
  for (const [path, data] of Object.entries(entries)) files[baseName(path)] = data;
  return files;
}

/** A checkpoint reader over a zip's model files (for readCheckpoint). */
export function zipReader(bytes: Uint8Array, source: string): CheckpointReader {
  const files = unzipModel(bytes, source);
  return { description: source, read: async (name: string) => files[name] };
}

/** config.json of a zipped model as text, or undefined when the zip has none. */
export function zippedConfigText(bytes: Uint8Array, source: string): string | undefined {
  const f = unzipModel(bytes, source, [CONFIG_FILE])[CONFIG_FILE];
  return f ? strFromU8(f) : undefined;
}

/** The paths in a zip, read from its directory without inflating anything. */
export function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  unzipSync(bytes, {
    filter: (f) => {
      names.push(f.name);
      return false;
    },
  });
  return names;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1);
