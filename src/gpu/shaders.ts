// The kernel loader: every shaders/*.wgsl file, by file name, as text (Vite's glob + the wgsl plugin).
const files = import.meta.glob<string>('../../shaders/*.wgsl', { eager: true, import: 'default' });

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
