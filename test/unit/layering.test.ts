// The house stays one-way (DESIGN.md "The loop, and where each part lives"): every relative import and every
// `window.__load('/src/…')` path in src/ is checked against the layer order below. The page (app, worker) and
// the CLI meet only through what both import from lower folders (api, bench, rl, eval, …).
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../src');

/** What each top-level folder of src/ must never import. */
const FORBIDDEN: Record<string, string[]> = {};
const LEAVES = ['util', 'tasks', 'sandbox', 'model', 'gpu'];
const MIDDLE = ['train', 'rollout'];
const ORCHESTRATE = ['rl', 'eval', 'bench', 'api', 'parity', 'export', 'serve'];
const OUTSIDE = ['app', 'worker', 'cli'];
for (const f of LEAVES) FORBIDDEN[f] = [...MIDDLE, ...ORCHESTRATE, ...OUTSIDE];
FORBIDDEN.util = [...LEAVES.filter((l) => l !== 'util'), ...MIDDLE, ...ORCHESTRATE, ...OUTSIDE];
for (const f of MIDDLE) FORBIDDEN[f] = [...ORCHESTRATE, ...OUTSIDE];
for (const f of ORCHESTRATE) FORBIDDEN[f] = [...OUTSIDE];
FORBIDDEN.app = ['cli'];
FORBIDDEN.worker = ['app', 'cli'];
FORBIDDEN.cli = ['app', 'worker'];

function* tsFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* tsFiles(p);
    else if (/\.(ts|mts)$/.test(e.name)) yield p;
  }
}

const topOf = (file: string): string => relative(SRC, file).split('/')[0];

/** [importing file, top folder it reaches] for every relative import and __load path. */
function edges(): Array<{ file: string; target: string; spec: string }> {
  const out: Array<{ file: string; target: string; spec: string }> = [];
  for (const file of tsFiles(SRC)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|new URL\(\s*)'(\.{1,2}\/[^']+)'/g)) {
      const abs = resolve(dirname(file), m[1]);
      if (abs.startsWith(SRC + '/')) out.push({ file, target: topOf(abs), spec: m[1] });
    }
    for (const m of text.matchAll(/__load\(\s*'\/src\/([^/']+)\//g)) out.push({ file, target: m[1], spec: m[0] });
  }
  return out;
}

function violations(list: ReturnType<typeof edges>): string[] {
  return list
    .filter((e) => FORBIDDEN[topOf(e.file)]?.includes(e.target))
    .map((e) => `${relative(SRC, e.file)} imports ${e.spec} (${e.target})`);
}

describe('layering', () => {
  it('every top-level folder of src/ has a place in the order', () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => !(f in FORBIDDEN))).toEqual([]);
  });

  it('no module imports a folder above it (page and CLI never import each other)', () => {
    const all = edges();
    expect(all.length).toBeGreaterThan(100);
    expect(violations(all)).toEqual([]);
  });

  it('the scan sees type-only imports and __load paths, and the rule rejects a page→CLI edge', () => {
    const all = edges();
    expect(all.some((e) => topOf(e.file) === 'cli' && e.target === 'api')).toBe(true); // `import type` in demo.ts
    expect(all.some((e) => e.spec.startsWith('__load') && e.target === 'bench')).toBe(true);
    const fake = { file: join(SRC, 'app/x.ts'), target: 'cli', spec: '../cli/bench/stats.ts' };
    expect(violations([fake])).toEqual(['app/x.ts imports ../cli/bench/stats.ts (cli)']);
  });
});
