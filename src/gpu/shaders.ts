// The kernel loader: every shaders/*.wgsl file, by file name, as text. Two sources, one table:
// - under Vite (pages, workers, vitest) the files are bundled by `import.meta.glob` + the wgsl plugin;
// - in plain Node (a script run with tsx, the CLI) there is no import.meta.glob, so they are read from
//   disk next to this module with Node's fs, obtained through process.getBuiltinModule — no import
//   statement, so nothing Node-only reaches the browser bundle.
/** The two calls of Node's fs this needs (typed here so the module carries no Node types). */
interface Fs {
  readdirSync(dir: URL): string[];
  readFileSync(file: URL, encoding: 'utf8'): string;
}

function bundled(): Record<string, string> | undefined {
  try {
    return import.meta.glob<string>('../../shaders/*.wgsl', { eager: true, import: 'default' });
  } catch {
    return undefined; // plain Node: import.meta.glob is Vite's and does not exist here
  }
}

function fromDisk(): Record<string, string> {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  const fs = proc?.getBuiltinModule?.('node:fs') as Fs | undefined;
  if (!fs) {
    throw new Error('shaders: no bundler (import.meta.glob) and no Node fs (process.getBuiltinModule: Node >= 20.16)');
  }
  // The URL is built from a variable so Vite does not treat it as an asset reference.
  const base = import.meta.url;
  const dir = new URL('../../shaders/', base);
  const out: Record<string, string> = {};
  for (const f of fs.readdirSync(dir)) if (f.endsWith('.wgsl')) out[f] = fs.readFileSync(new URL(f, dir), 'utf8');
  return out;
}

const byName = new Map<string, string>();
for (const [path, source] of Object.entries(bundled() ?? fromDisk())) {
  byName.set(path.slice(path.lastIndexOf('/') + 1, -'.wgsl'.length), source);
}

/** The source of shaders/<name>.wgsl; throws naming the file when it does not exist. */
export function shaderSource(name: string): string {
  const source = byName.get(name);
  if (source === undefined) {
    throw new Error(`shaders/${name}.wgsl not found (have: ${[...byName.keys()].sort().join(', ') || 'none'})`);
  }
  return source;
}

export function shaderNames(): string[] {
  return [...byName.keys()].sort();
}
