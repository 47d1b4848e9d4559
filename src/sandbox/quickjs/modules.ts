// Host side of module loading for the QuickJS backend: path resolution over the in-memory FileMap, ESM vs
// CommonJS classification (with a real parser), and the source QuickJS compiles for each kind of module.
import { parse, type Node } from 'acorn';
import type { FileMap } from '../types.ts';

/** Modules the sandbox provides itself; every other bare name must exist under node_modules/ in the FileMap. */
export const BUILTIN_MODULES: Record<string, string> = {
  assert: 'node:assert',
  'node:assert': 'node:assert',
  'assert/strict': 'node:assert/strict',
  'node:assert/strict': 'node:assert/strict',
  '@jest/globals': '@jest/globals',
  vitest: 'vitest',
};
const BUILTIN_EXPORTS: Record<string, string[]> = {
  'node:assert': [
    'ok',
    'equal',
    'notEqual',
    'strictEqual',
    'notStrictEqual',
    'deepEqual',
    'notDeepEqual',
    'deepStrictEqual',
    'notDeepStrictEqual',
    'throws',
    'doesNotThrow',
    'rejects',
    'match',
    'fail',
    'AssertionError',
    'strict',
  ],
  '@jest/globals': [
    'describe',
    'it',
    'test',
    'expect',
    'beforeAll',
    'afterAll',
    'beforeEach',
    'afterEach',
    'xit',
    'xtest',
    'xdescribe',
  ],
};
BUILTIN_EXPORTS['node:assert/strict'] = BUILTIN_EXPORTS['node:assert'];
BUILTIN_EXPORTS.vitest = BUILTIN_EXPORTS['@jest/globals'];

/** Larger sources are refused before parsing: QuickJS cannot be interrupted mid-parse, so size bounds time. */
export const MAX_SOURCE_BYTES = 256 * 1024;
export function oversizeMessage(path: string, source: string): string | null {
  if (source.length <= MAX_SOURCE_BYTES) return null;
  return `${path}: source is ${(source.length / 1024).toFixed(0)} KiB; the sandbox loads files of at most ${MAX_SOURCE_BYTES / 1024} KiB`;
}

export class ModuleNotFoundError extends Error {
  override name = 'Error';
}

function normalize(parts: string[]): string {
  const out: string[] = [];
  for (const p of parts) {
    if (p === '' || p === '.') continue;
    if (p === '..') out.pop();
    else out.push(p);
  }
  return out.join('/');
}
const dirname = (p: string): string => (p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '');

const EXTENSIONS = ['', '.js', '.mjs', '.cjs', '.json'];
function resolveFile(files: FileMap, base: string): string | undefined {
  for (const ext of EXTENSIONS) if (Object.hasOwn(files, base + ext)) return base + ext;
  for (const index of ['index.js', 'index.mjs', 'index.cjs']) {
    const p = base ? `${base}/${index}` : index;
    if (Object.hasOwn(files, p)) return p;
  }
  return undefined;
}
function resolvePackage(files: FileMap, spec: string): string | undefined {
  const parts = spec.split('/');
  const nameLen = spec.startsWith('@') ? 2 : 1;
  const root = `node_modules/${parts.slice(0, nameLen).join('/')}`;
  const sub = parts.slice(nameLen).join('/');
  if (sub) return resolveFile(files, `${root}/${sub}`);
  const pkgText = files[`${root}/package.json`];
  if (pkgText !== undefined) {
    try {
      const pkg = JSON.parse(pkgText) as { module?: unknown; main?: unknown };
      const main = typeof pkg.main === 'string' ? pkg.main : typeof pkg.module === 'string' ? pkg.module : undefined;
      if (main) {
        const hit = resolveFile(files, normalize([root, main]));
        if (hit) return hit;
      }
    } catch {
      // A broken package.json falls through to index.js, as Node does for a missing "main".
    }
  }
  return resolveFile(files, root);
}

/** Resolves `spec` as imported from file `from` (null: from the repository root). Throws a clear error. */
export function resolveModule(files: FileMap, from: string | null, spec: string): string {
  const builtin = BUILTIN_MODULES[spec];
  if (builtin) return builtin;
  let hit: string | undefined;
  if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..')
    hit = resolveFile(files, normalize([...dirname(from ?? '').split('/'), ...spec.split('/')]));
  else if (spec.startsWith('/')) hit = resolveFile(files, normalize(spec.split('/')));
  else if (from === null) hit = resolveFile(files, normalize(spec.split('/')));
  else hit = resolvePackage(files, spec);
  if (hit !== undefined) return hit;
  const where = from ? ` imported from ${from}` : '';
  const hint =
    spec.startsWith('.') || spec.startsWith('/')
      ? ''
      : ' (the sandbox has no Node built-ins or npm packages; it provides only assert, node:assert, vitest and @jest/globals)';
  throw new ModuleNotFoundError(`Cannot find module '${spec}'${where}${hint}`);
}

export interface ModuleInfo {
  kind: 'esm' | 'cjs' | 'json';
  /** CommonJS: names assigned to exports.X / module.exports = { X } (for `import { X } from './cjs.js'`). */
  cjsExports: string[];
}

const IDENT = /^[A-Za-z_$][\w$]*$/;
const RESERVED = new Set(
  'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval'.split(
    ' ',
  ),
);

function memberName(node: Node | null | undefined, objectName: string): string | undefined {
  // Matches `<objectName>.X` and `module.exports.X`.
  if (!node || node.type !== 'MemberExpression') return undefined;
  const m = node as unknown as {
    object: Node & { name?: string };
    property: Node & { name?: string; value?: unknown };
    computed: boolean;
  };
  const isTarget = (m.object.type === 'Identifier' && m.object.name === objectName) || isModuleExports(m.object);
  if (!isTarget) return undefined;
  if (!m.computed && m.property.type === 'Identifier') return m.property.name;
  if (m.computed && m.property.type === 'Literal' && typeof m.property.value === 'string') return m.property.value;
  return undefined;
}
function isModuleExports(node: Node): boolean {
  const m = node as unknown as {
    type: string;
    object?: { type: string; name?: string };
    property?: { type: string; name?: string };
    computed?: boolean;
  };
  return (
    m.type === 'MemberExpression' &&
    m.object?.type === 'Identifier' &&
    m.object.name === 'module' &&
    !m.computed &&
    m.property?.name === 'exports'
  );
}
function collectCjsExports(body: Node[]): string[] {
  const names = new Set<string>();
  for (const stmt of body) {
    if (stmt.type !== 'ExpressionStatement') continue;
    let expr = (stmt as unknown as { expression: Node }).expression;
    while (expr.type === 'AssignmentExpression') {
      const a = expr as unknown as { left: Node; right: Node };
      const named = memberName(a.left, 'exports');
      if (named) names.add(named);
      else if (isModuleExports(a.left) && a.right.type === 'ObjectExpression') {
        for (const prop of (
          a.right as unknown as {
            properties: Array<Node & { key?: Node & { name?: string; value?: unknown }; computed?: boolean }>;
          }
        ).properties) {
          if (prop.type !== 'Property' || prop.computed || !prop.key) continue;
          const key =
            prop.key.type === 'Identifier'
              ? prop.key.name
              : typeof prop.key.value === 'string'
                ? prop.key.value
                : undefined;
          if (key) names.add(key);
        }
      }
      expr = a.right;
    }
  }
  return [...names].filter((n) => IDENT.test(n) && !RESERVED.has(n));
}

const infoCache = new Map<string, ModuleInfo>();
const MAX_CACHE = 4096;

/** ESM when the file has import/export declarations; otherwise CommonJS. Cached by source text. */
export function classify(path: string, source: string): ModuleInfo {
  if (path.endsWith('.json')) return { kind: 'json', cjsExports: [] };
  const cached = infoCache.get(source);
  if (cached) return cached;
  let info: ModuleInfo;
  try {
    const ast = parse(source, {
      ecmaVersion: 'latest',
      sourceType: 'module',
      allowHashBang: true,
      allowReturnOutsideFunction: false,
    }) as unknown as { body: Node[] };
    const isEsm = ast.body.some((n) => n.type === 'ImportDeclaration' || n.type.startsWith('Export'));
    info = isEsm ? { kind: 'esm', cjsExports: [] } : { kind: 'cjs', cjsExports: collectCjsExports(ast.body) };
  } catch {
    try {
      const ast = parse(source, {
        ecmaVersion: 'latest',
        sourceType: 'script',
        allowHashBang: true,
        allowReturnOutsideFunction: true,
      }) as unknown as { body: Node[] };
      info = { kind: 'cjs', cjsExports: collectCjsExports(ast.body) };
    } catch {
      // Unparseable either way: let QuickJS compile it and report the syntax error with file and line.
      info = { kind: /^\s*(import|export)\b/m.test(source) ? 'esm' : 'cjs', cjsExports: [] };
    }
  }
  if (infoCache.size >= MAX_CACHE) infoCache.clear();
  infoCache.set(source, info);
  return info;
}

/** The ES module text QuickJS compiles for `path`: the file itself, or a shim over require() / a builtin. */
export function esmSourceFor(files: FileMap, path: string): string {
  const builtinExports = BUILTIN_EXPORTS[path];
  if (builtinExports) {
    const lines = [`const m = globalThis.__atomgym_builtin(${JSON.stringify(path)});`, 'export default m;'];
    lines.push(`export const { ${builtinExports.join(', ')} } = m;`);
    return lines.join('\n');
  }
  const source = files[path];
  const info = classify(path, source);
  if (info.kind === 'esm') return source;
  const lines = [`const m = globalThis.__atomgym_require(${JSON.stringify(path)});`, 'export default m;'];
  if (info.cjsExports.length) {
    lines.push("const o = m !== null && (typeof m === 'object' || typeof m === 'function') ? m : {};");
    lines.push(`export const ${info.cjsExports.map((n) => `${n} = o.${n}`).join(', ')};`);
  }
  return lines.join('\n');
}

/** The CommonJS wrapper; the prefix stays on line 1 so QuickJS's line numbers match the file's. */
export function cjsWrapper(source: string): string {
  const body = source.startsWith('#!') ? `//${source}` : source;
  return `(function (exports, require, module, __filename, __dirname) {${body}\n})`;
}
