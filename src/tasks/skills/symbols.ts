// A symbol index of a repo — the functions and classes each source file declares at its top level — printed as
// `name:file` lines (the file by the shortest end of its path that names it alone), as a ctags file or Aider's repo
// map lists symbols.
//
// Localization's answer is the path printed *above* the declaration of the function an issue names: a backward hop
// that a small policy's induction circuit (it copies what *follows* a match) does not make
// (results/lookup-warmup/). In the index the file follows the name, so an answer that starts by naming the function
// (`name:file`, which parsePaths accepts) makes the rest a forward copy. With `name → src/file.js` lines four
// tokens every line shares (` →`, ` `, `src`, `/`) sat between the name and the first one that tells the files
// apart, and a 5.5M policy stayed at chance on it (results/symbol-index/); here one (`:`) does. The index is computed
// from the code by a real parser, so it exists for any repo a task comes from, procedural or real.
import { parse } from 'acorn';
import type { FileMap } from '../../sandbox/types.ts';
import { isTestPath } from './answer.ts';
import { resolveRelativeImport } from '../world/tests.ts';

export interface SymbolEntry {
  name: string;
  path: string;
}

/** Between a name and its file, in the index and in answers that cite it. */
export const SYMBOL_SEPARATOR = ':';

/** Index lines past this many are dropped (the files are still in the listing): a real repo's map stays a few
 * hundred tokens, so it survives the sampler's left truncation of long prompts near their end. */
export const MAX_SYMBOLS = 48;

// Acorn's ESTree nodes, narrowed to the fields read here: acorn's own types give every node its base shape only.
interface Node {
  type: string;
  source?: Node | null;
  value?: unknown;
  specifiers?: Node[];
  local?: Node;
  id?: Node | null;
  name?: string;
  declaration?: Node | null;
  declarations?: Node[];
  init?: Node | null;
  expression?: Node;
  left?: Node;
  right?: Node;
  object?: Node;
  property?: Node;
  computed?: boolean;
  loc?: { start: { line: number }; end: { line: number } };
}

const isFunctionLike = (n: Node | null | undefined): boolean =>
  !!n && ['FunctionExpression', 'ArrowFunctionExpression', 'ClassExpression'].includes(n.type);

/** `module.exports.name = function…` / `exports.name = …`: the exported name, else null. */
function commonJsName(target: Node | undefined): string | null {
  if (target?.type !== 'MemberExpression' || target.computed || target.property?.type !== 'Identifier') return null;
  const obj = target.object;
  const onExports =
    (obj?.type === 'Identifier' && obj.name === 'exports') ||
    (obj?.type === 'MemberExpression' && obj.object?.name === 'module' && obj.property?.name === 'exports');
  return onExports ? (target.property.name ?? null) : null;
}

/** A default export of a function or class: its own name, null when it has none; undefined for anything else. */
function defaultExport(stmt: Node): string | null | undefined {
  let value: Node | null | undefined;
  if (stmt.type === 'ExportDefaultDeclaration') value = stmt.declaration;
  else if (stmt.type === 'ExpressionStatement' && stmt.expression?.type === 'AssignmentExpression') {
    const left = stmt.expression.left;
    const toModuleExports =
      left?.type === 'MemberExpression' && left.object?.name === 'module' && left.property?.name === 'exports';
    if (toModuleExports) value = stmt.expression.right;
  }
  const declares = ['FunctionDeclaration', 'ClassDeclaration'].includes(value?.type ?? '') || isFunctionLike(value);
  return declares ? (value!.id?.name ?? null) : undefined;
}

/** Names one top-level statement declares as a function or class (in declaration order). */
function declaredNames(stmt: Node, defaultName: string | undefined): string[] {
  const ownDefault = defaultExport(stmt);
  if (ownDefault !== undefined) {
    const name = ownDefault ?? defaultName;
    return name ? [name] : [];
  }
  const inner = stmt.type === 'ExportNamedDeclaration' || stmt.type === 'ExportDefaultDeclaration';
  const decl = inner ? stmt.declaration : stmt;
  if (!decl) return [];
  if ((decl.type === 'FunctionDeclaration' || decl.type === 'ClassDeclaration') && decl.id?.name) return [decl.id.name];
  if (decl.type === 'VariableDeclaration')
    return (decl.declarations ?? [])
      .filter((d) => d.id?.type === 'Identifier' && isFunctionLike(d.init))
      .map((d) => d.id!.name!);
  if (decl.type === 'ExpressionStatement' && decl.expression?.type === 'AssignmentExpression') {
    const name = commonJsName(decl.expression.left);
    return name && isFunctionLike(decl.expression.right) ? [name] : [];
  }
  return [];
}

function parseProgram(source: string, locations = false): Node[] | null {
  for (const sourceType of ['module', 'script'] as const) {
    try {
      const program = parse(source, { ecmaVersion: 'latest', sourceType, allowHashBang: true, locations });
      return (program as unknown as { body: Node[] }).body;
    } catch {
      // A file that neither parses as a module nor as a script has no index entries; it is still listed.
    }
  }
  return null;
}

/** Anonymous default exports have no name of their own: they get the one their importers give them. */
function defaultNames(programs: ReadonlyMap<string, Node[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [importer, body] of programs)
    for (const stmt of body) {
      if (stmt.type !== 'ImportDeclaration' || typeof stmt.source?.value !== 'string') continue;
      const spec = stmt.source.value;
      const target = spec.startsWith('.') ? resolveRelativeImport(importer, spec) : null;
      const local = stmt.specifiers?.find((s) => s.type === 'ImportDefaultSpecifier')?.local?.name;
      if (target && local && !out.has(target)) out.set(target, local);
    }
  return out;
}

/** The index of a repo's non-test JavaScript sources, by path then declaration order; a name once per file. */
export function symbolIndex(files: FileMap, limit = MAX_SYMBOLS): SymbolEntry[] {
  const programs = new Map<string, Node[]>();
  for (const path of Object.keys(files).sort())
    if (/\.[cm]?js$/.test(path)) programs.set(path, parseProgram(files[path]) ?? []);
  const defaults = defaultNames(programs);
  const out: SymbolEntry[] = [];
  for (const [path, body] of programs) {
    if (isTestPath(path)) continue;
    const names = [...new Set(body.flatMap((stmt) => declaredNames(stmt, defaults.get(path))))];
    for (const name of names) out.push({ name, path });
  }
  return out.slice(0, limit);
}

/** The lines (1-based, inclusive) of the top-level statement that declares `name` in `source`, an anonymous default
 * export counting as `defaultName`; null if none does. */
export function declarationLines(
  source: string,
  name: string,
  defaultName?: string,
): { start: number; end: number } | null {
  for (const stmt of parseProgram(source, true) ?? [])
    if (stmt.loc && declaredNames(stmt, defaultName).includes(name))
      return { start: stmt.loc.start.line, end: stmt.loc.end.line };
  return null;
}

/** The shortest end of `path`, cut at a `/`, that ends no other of `paths`: `store.js`, `ms/index.js`. */
export function shortPath(path: string, paths: readonly string[]): string {
  const parts = path.split('/');
  for (let i = parts.length - 1; i > 0; i--) {
    const end = parts.slice(i).join('/');
    if (paths.every((p) => p === path || !(p === end || p.endsWith(`/${end}`)))) return end;
  }
  return path;
}

/** The file an answer's item names: the path itself, the one path equal to it but for case, or the one path it
 * ends at a `/` (as the index shortens them); null when it names none or several. */
export function resolvePath(item: string, paths: readonly string[]): string | null {
  if (paths.includes(item)) return item;
  const lower = item.toLowerCase();
  const byCase = paths.filter((p) => p.toLowerCase() === lower);
  if (byCase.length === 1) return byCase[0];
  const byEnd = paths.filter((p) => p.endsWith(`/${item}`));
  return byEnd.length === 1 ? byEnd[0] : null;
}

export function renderSymbolIndex(entries: readonly SymbolEntry[], paths: readonly string[]): string {
  return entries.map((e) => `${e.name}${SYMBOL_SEPARATOR}${shortPath(e.path, paths)}`).join('\n');
}

/** The file part of an item that cites the index (`name:file`, also `name → file`); any other text unchanged. */
export function pathOfCitation(item: string): string {
  const arrow = /^[A-Za-z_$][\w$]*\s*(?:→|->)\s*(.+)$/.exec(item);
  if (arrow) return arrow[1];
  const cited = /^[A-Za-z_$][\w$]*:\s*([^\s:]+)$/.exec(item);
  return cited ? cited[1] : item;
}
