// Node-only: reads a module for `realcode --module <npm name | path>` with its version, licence and README.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { ModuleInput } from './any-module.ts';

function readme(dir: string): string {
  for (const name of ['readme.md', 'Readme.md', 'README.md'])
    if (existsSync(join(dir, name))) return readFileSync(join(dir, name), 'utf8');
  return '';
}

/** An installed npm package (its `main` file, which must be a single file) or a path to a .js/.mjs/.cjs file. */
export function readModule(spec: string, exportsList?: readonly string[], root = process.cwd()): ModuleInput {
  const isPath = spec.startsWith('.') || spec.startsWith('/') || /\.[cm]?js$/.test(spec);
  if (isPath) {
    if (!existsSync(spec) || !statSync(spec).isFile()) throw new Error(`--module: ${spec} is not a file`);
    const manifest = join(dirname(spec), 'package.json');
    const meta = existsSync(manifest)
      ? (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown; version?: unknown; license?: unknown })
      : {};
    return {
      // A package's own file goes by the package's name (several index.js files would all be 'index').
      name: typeof meta.name === 'string' ? meta.name : basename(spec).replace(/\.[cm]?js$/, ''),
      file: basename(spec),
      source: readFileSync(spec, 'utf8'),
      version: typeof meta.version === 'string' ? meta.version : 'unversioned',
      license: typeof meta.license === 'string' ? meta.license : 'UNKNOWN',
      readme: readme(dirname(spec)),
      ...(exportsList ? { exports: exportsList } : {}),
    };
  }
  const dir = join(root, 'node_modules', spec);
  const manifestPath = join(dir, 'package.json');
  if (!existsSync(manifestPath))
    throw new Error(`--module: npm package '${spec}' is not installed (${manifestPath} missing)`);
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as {
    version?: unknown;
    license?: unknown;
    main?: unknown;
  };
  let file = typeof manifest.main === 'string' ? manifest.main.replace(/^\.\//, '') : 'index.js';
  if (!existsSync(join(dir, file)) && existsSync(join(dir, `${file}.js`))) file = `${file}.js`;
  if (!existsSync(join(dir, file))) throw new Error(`--module: ${spec}'s main file ${file} does not exist`);
  return {
    name: spec,
    file,
    source: readFileSync(join(dir, file), 'utf8'),
    version: String(manifest.version ?? 'unknown'),
    license: typeof manifest.license === 'string' ? manifest.license : 'UNKNOWN',
    readme: readme(dir),
    ...(exportsList ? { exports: exportsList } : {}),
  };
}
