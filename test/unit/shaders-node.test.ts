// Shaders load two ways (src/gpu/shaders.ts): Vite's glob here in vitest, and from disk in plain Node (tsx,
// no import.meta.glob). Both must yield the same files with the same text.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { shaderNames, shaderSource } from '../../src/gpu/shaders.ts';

describe('shader loading without Vite', () => {
  it('plain Node (tsx) reads the same shaders from disk as the Vite glob bundles', async () => {
    const script = [
      "import { shaderNames, shaderSource } from './src/gpu/shaders.ts';",
      'console.log(JSON.stringify(Object.fromEntries(shaderNames().map((n) => [n, shaderSource(n)]))));',
    ].join('\n');
    const args = ['tsx', '--input-type=module', '-e', script];
    const { stdout } = await promisify(execFile)('npx', args, { timeout: 60_000 });
    const fromDisk = JSON.parse(stdout) as Record<string, string>;
    const bundled = Object.fromEntries(shaderNames().map((n) => [n, shaderSource(n)]));
    expect(Object.keys(bundled).length).toBeGreaterThan(10);
    expect(fromDisk).toEqual(bundled);
    expect(() => shaderSource('nope')).toThrow(/shaders\/nope\.wgsl not found \(have: adamw, attention/);
  }, 90_000);
});
