// Node-only: reads the real modules, their version, license and README from node_modules (for the CLI and tests;
// the browser loads the built pack instead).
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { REAL_PACKAGES, type RealPackage } from './packages.ts';
import type { RealSource } from './types.ts';

function readme(dir: string): string {
  for (const name of ['readme.md', 'Readme.md', 'README.md']) {
    const p = join(dir, name);
    if (existsSync(p)) return readFileSync(p, 'utf8');
  }
  return '';
}

export function readRealSource(pkg: RealPackage, root = process.cwd()): RealSource {
  const dir = join(root, 'node_modules', pkg.name);
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath))
    throw new Error(`real-code: ${pkg.name} is not installed (${manifestPath} missing); run npm install`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { version?: unknown; license?: unknown };
  if (typeof manifest.version !== 'string') throw new Error(`${manifestPath}: field 'version' missing`);
  if (typeof manifest.license !== 'string')
    throw new Error(`${manifestPath}: field 'license' missing or not an SPDX string`);
  return {
    pkg,
    version: manifest.version,
    license: manifest.license,
    source: readFileSync(join(dir, pkg.file), 'utf8'),
    readme: readme(dir),
  };
}

export function readRealSources(root = process.cwd()): RealSource[] {
  return REAL_PACKAGES.map((p) => readRealSource(p, root));
}
