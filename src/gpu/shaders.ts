// The kernel loader: every shaders/*.wgsl file, by file name, as text (Vite's glob + the wgsl plugin; under plain
// Node/tsx, where import.meta.glob does not exist, the same files are read from disk).
function loadFiles(): Record<string, string> {
  try {
    return import.meta.glob<string>('../../shaders/*.wgsl', { eager: true, import: 'default' });
  } catch {
    const fs = process.getBuiltinModule('node:fs');
    const dir = new URL('../../shaders/', import.meta.url);
    const names = fs.readdirSync(dir).filter((n) => n.endsWith('.wgsl'));
    return Object.fromEntries(names.map((n) => [`../../shaders/${n}`, fs.readFileSync(new URL(n, dir), 'utf8')]));
  }
}
const files = loadFiles();

const byName = new Map<string, string>();
for (const [path, source] of Object.entries(files)) {
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
