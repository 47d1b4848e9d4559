// The layering claims of the kernel refactor, checked on the sources: src/gpu is a leaf (imports only itself;
// node.ts alone may load Node built-ins and the `webgpu` addon), nothing a page loads imports src/gpu/node.ts,
// and the parity harness (src/parity) stays out of the training path.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Module specifiers of static imports, re-exports and dynamic imports. */
function imports(path: string): string[] {
  const code = readFileSync(path, 'utf8');
  return [...code.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|^import\s+)['"]([^'"]+)['"]/gm)].map((m) => m[1]);
}

describe('layering', () => {
  it('src/gpu imports nothing outside itself (node.ts: plus node: built-ins and webgpu)', () => {
    for (const f of files('src/gpu')) {
      for (const spec of imports(f)) {
        const ok = spec.startsWith('./') || (f.endsWith('node.ts') && (spec.startsWith('node:') || spec === 'webgpu'));
        expect(ok, `${f} imports '${spec}'`).toBe(true);
      }
    }
  });

  it('only Node code paths import src/gpu/node.ts', () => {
    const users = files('src').filter((f) => imports(f).some((s) => /gpu\/node\.ts$|^\.\/node\.ts$/.test(s)));
    // Node-only code: the CLI, and `node/` folders (src/rl/node) that the page never loads.
    const nodeOnly = (f: string): boolean => f.startsWith(join('src', 'cli')) || f.split('/').includes('node');
    for (const f of users) expect(nodeOnly(f), `${f} imports src/gpu/node.ts`).toBe(true);
  });

  it('src/train and src/gpu do not import the parity harness', () => {
    for (const f of [...files('src/train'), ...files('src/gpu')]) {
      expect(
        imports(f).filter((s) => s.includes('parity/')),
        f,
      ).toEqual([]);
    }
  });
});
