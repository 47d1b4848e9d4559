// A localization task's repository in the surface of a published npm package instead of the procedural world's:
// one directory per module (`lib/text-utils/index.js`) and CommonJS (`require`, `module.exports`) instead of ES
// modules. The world only writes `src/<name>.js` files of `export function`s; a policy fine-tuned only on those
// answered real packages' prompts (`lib/ms/index.js`, `module.exports = …`) with noise (results/real-surface/). The
// code itself is unchanged but for its import and export lines, so the same function is still the answer.
import { parse } from 'acorn';
import type { FileMap } from '../sandbox/types.ts';
import type { Rng } from './rng.ts';
import { renameTaskIdentifiers, topLevelDeclarations, type RenameStyle } from './rename-identifiers.ts';
import { drawNeighbors, withNeighbors, type NeighborModule } from './neighbors.ts';
import { isTestPath } from './skills/answer.ts';
import type { LocalizationTask } from './skills/localization.ts';
import type { TaskBase } from './types.ts';
import { rephrasedIssue } from './world/issue.ts';
import { relativeImport, resolveRelativeImport } from './world/tests.ts';

/** One replaced source range. */
interface Edit {
  start: number;
  end: number;
  text: string;
}

// Acorn's ESTree nodes, narrowed to the fields read here.
interface Node {
  type: string;
  start: number;
  end: number;
  source?: { value?: unknown } | null;
  specifiers?: Array<{ type: string; local: { name: string }; imported?: { name?: string }; exported?: Node }>;
  declaration?: Node | null;
  declarations?: Array<{ id: Node }>;
  id?: Node | null;
  name?: string;
}

/** How a converted module hands out its names. */
export type ExportStyle = 'object' | 'members';

/** `import { a, b as c } from 'x'` as a `require`. */
function requireOf(stmt: Node, spec: string): string {
  const specifiers = stmt.specifiers ?? [];
  const whole = specifiers.find((s) => s.type !== 'ImportSpecifier');
  const named = specifiers
    .filter((s) => s.type === 'ImportSpecifier')
    .map((s) => (s.imported?.name === s.local.name ? s.local.name : `${s.imported?.name}: ${s.local.name}`));
  const lines: string[] = [];
  if (whole) lines.push(`const ${whole.local.name} = require('${spec}');`);
  if (named.length > 0) lines.push(`const { ${named.join(', ')} } = require('${spec}');`);
  return lines.length > 0 ? lines.join('\n') : `require('${spec}');`;
}

/**
 * `source` (an ES module) as CommonJS: imports become `require`s of `rewrite(specifier)`, `export` keywords go and
 * the exported names are assigned to `module.exports` at the end. Returns the text and the edits, so offsets into
 * the old text can be carried over (`movedOffset`). Throws, naming `path`, on a form it does not convert.
 */
export function commonJs(
  source: string,
  path: string,
  rewrite: (spec: string) => string,
  style: ExportStyle,
): { text: string; edits: Edit[] } {
  let body: Node[];
  try {
    body = (parse(source, { ecmaVersion: 'latest', sourceType: 'module' }) as unknown as { body: Node[] }).body;
  } catch (e) {
    throw new Error(`${path}: does not parse as an ES module (${e instanceof Error ? e.message : String(e)})`);
  }
  const edits: Edit[] = [];
  const exported: string[] = [];
  for (const stmt of body) {
    if (stmt.type === 'ImportDeclaration') {
      edits.push({ start: stmt.start, end: stmt.end, text: requireOf(stmt, rewrite(String(stmt.source?.value))) });
    } else if (stmt.type === 'ExportNamedDeclaration' && stmt.declaration) {
      const decl = stmt.declaration;
      if (decl.type === 'VariableDeclaration') exported.push(...(decl.declarations ?? []).map((d) => d.id.name!));
      else if (decl.id?.name) exported.push(decl.id.name);
      edits.push({ start: stmt.start, end: decl.start, text: '' });
    } else if (stmt.type === 'ExportNamedDeclaration' && !stmt.source) {
      for (const s of stmt.specifiers ?? []) exported.push(s.local.name);
      edits.push({ start: stmt.start, end: stmt.end, text: '' });
    } else if (stmt.type.startsWith('Export')) {
      throw new Error(`${path}: ${stmt.type} at offset ${stmt.start} has no CommonJS form here`);
    }
  }
  let text = '';
  let at = 0;
  for (const e of edits) {
    text += source.slice(at, e.start) + e.text;
    at = e.end;
  }
  text = (text + source.slice(at)).trimEnd();
  if (exported.length > 0)
    text +=
      '\n\n' +
      (style === 'object'
        ? `module.exports = { ${exported.join(', ')} };`
        : exported.map((n) => `module.exports.${n} = ${n};`).join('\n'));
  return { text: text + '\n', edits };
}

/** Where an offset into the old text is after `edits` (none of which may contain it). */
export function movedOffset(offset: number, edits: readonly Edit[]): number {
  let moved = offset;
  for (const e of edits) {
    if (e.end <= offset) moved += e.text.length - (e.end - e.start);
    else if (e.start < offset) throw new Error(`offset ${offset} lies inside a converted import or export`);
  }
  return moved;
}

/** `textUtils` → `text-utils`, as package names are spelt. */
const kebab = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/**
 * Source `dir/name.js` → `lib/<package>/index.js`, the package kebab-cased: `packageName(path)` when it gives one
 * that is still free, else the file's name; test and non-JS paths are kept.
 */
export function packagePaths(
  paths: readonly string[],
  packageName: (path: string) => string | undefined = () => undefined,
): Map<string, string> {
  const out = new Map<string, string>();
  const taken = new Set<string>();
  for (const p of paths) {
    const m = /^(?:.*\/)?([^/]+)\.js$/.exec(p);
    const wanted = m && !isTestPath(p) ? packageName(p) : undefined;
    const own = wanted !== undefined ? `lib/${kebab(wanted)}/index.js` : undefined;
    let to = own !== undefined && !taken.has(own) ? own : m && !isTestPath(p) ? `lib/${kebab(m[1])}/index.js` : p;
    // A package named after an export may take a later file's own name: that file gets a numbered one.
    for (let n = 2; wanted !== undefined && taken.has(to); n++) to = `lib/${kebab(m![1])}-${n}/index.js`;
    if (taken.has(to)) throw new Error(`package layout: two files map to ${to}`);
    taken.add(to);
    out.set(p, to);
  }
  return out;
}

/** How a repository is laid out as packages. */
export interface PackageLayoutOptions {
  /**
   * Name each package after its module's first exported declaration, kebab-cased or run together as npm names are
   * (`isNumber` → `lib/is-number/index.js`, `camelCase` → `lib/camelcase/index.js`, a draw per package), as small
   * packages are named after what they export. The world's file names never are, and a policy trained only on those
   * copied `name:file` from the symbol index badly when the two agree.
   */
  selfNamed?: boolean;
}

/** `files` in the package layout, as CommonJS (every JS file, tests too, so the repo stays one module system). */
export function packageFiles(
  files: FileMap,
  rng: Rng,
  layout: PackageLayoutOptions = {},
): { files: FileMap; moved: Map<string, string>; edits: Map<string, Edit[]> } {
  const exported = (path: string) => {
    const name = topLevelDeclarations(files[path] ?? '').find((d) => d.line.startsWith('export'))?.name;
    return name !== undefined && rng.chance(0.5) ? name.toLowerCase() : name;
  };
  const moved = packagePaths(Object.keys(files), layout.selfNamed ? exported : undefined);
  const style: ExportStyle = rng.chance(0.5) ? 'object' : 'members';
  const out: FileMap = {};
  const edits = new Map<string, Edit[]>();
  for (const [from, source] of Object.entries(files)) {
    const to = moved.get(from)!;
    if (!/\.[cm]?js$/.test(from)) {
      out[to] = source;
      continue;
    }
    const rewrite = (spec: string) => {
      if (!spec.startsWith('.')) return spec;
      const target = resolveRelativeImport(from, spec);
      const movedTarget = moved.get(target);
      if (movedTarget === undefined) throw new Error(`${from}: imports ${spec}, which is not in the repository`);
      return relativeImport(to, movedTarget).replace(/\/index\.js$/, '');
    };
    const converted = commonJs(source, from, rewrite, style);
    out[to] = converted.text;
    edits.set(from, converted.edits);
  }
  return { files: out, moved, edits };
}

/**
 * A localization task in the package surface: the same bug, issue and answer (the same file, at its new path). The
 * mutation's offsets are carried into the converted file and checked there when they point at its replacement in
 * the task given (a renamed copy's, rename-identifiers.ts, no longer do: those keep their offsets as they are).
 */
export function packageSurface(task: LocalizationTask, rng: Rng, layout: PackageLayoutOptions = {}): LocalizationTask {
  const { files, moved, edits } = packageFiles(task.repo.files, rng, layout);
  const m = task.hidden.mutation;
  const file = moved.get(m.file) ?? m.file;
  const at = (text: string | undefined, start: number) => text?.slice(start, start + m.replacement.length);
  let place = {};
  if (at(task.repo.files[m.file], m.start) === m.replacement) {
    const start = movedOffset(m.start, edits.get(m.file) ?? []);
    if (at(files[file], start) !== m.replacement)
      throw new Error(`task ${task.id}: the mutation ${m.id} is not where the package surface moved it in ${file}`);
    place = { start, end: start + (m.end - m.start), line: files[file].slice(0, start).split('\n').length };
  }
  return {
    ...task,
    repo: { ...task.repo, files },
    hidden: {
      ...task.hidden,
      files: task.hidden.files.map((p) => moved.get(p) ?? p),
      mutation: { ...m, file, ...place },
    },
  };
}

/**
 * A localization task as a package nobody trained on: fresh function and module names (by default `syllables`, so
 * none can be recalled; `words` and `mixed` look more like real packages' names), the package layout, named after
 * its main export with probability `selfNamed`, and the issue rephrased (with chance `oneWordShare` a function's name
 * is one lower-case word, as `ms` and `leven` are); `neighbors` (other repositories' modules,
 * neighbors.ts) beside its own. The same bug and answer; real packages' prompts look like this
 * (results/self-named-packages/, results/neighbor-packages/).
 */
export function unseenPackage(
  task: LocalizationTask,
  rng: Rng,
  selfNamed: number,
  names: RenameStyle = 'syllables',
  neighbors: readonly NeighborModule[] = [],
  oneWordShare = 0,
): LocalizationTask {
  const renamed = withNeighbors(renameTaskIdentifiers(task, rng, names, oneWordShare).task, neighbors, rng);
  const moved = packageSurface(renamed, rng, { selfNamed: rng.chance(selfNamed) });
  return { ...moved, id: `${task.id}~package`, issue: rephrasedIssue(moved.issue, rng) };
}

/**
 * `tasks` with each localization task, with chance `share`, in its unseen-package form (half of them self-named), its
 * fresh names in the style `names`, and 0 to `maxNeighbors` modules (a uniform draw) of the other localization tasks'
 * repositories beside its own; each function's fresh name one lower-case word with chance `oneWordShare` (`leven`,
 * `bytes`: with a self-named package, `name:name/index.js` lines). Without neighbours or one-word names it draws
 * from `rng` as it did before they existed.
 */
export function asUnseenPackages(
  tasks: readonly TaskBase[],
  share: number,
  rng: Rng,
  names: RenameStyle = 'syllables',
  maxNeighbors = 0,
  oneWordShare = 0,
): TaskBase[] {
  if (!(share >= 0 && share <= 1)) throw new RangeError(`packageSurface must be in [0, 1], got ${share}`);
  if (!(Number.isInteger(maxNeighbors) && maxNeighbors >= 0))
    throw new RangeError(`packageNeighbors must be a whole number >= 0, got ${maxNeighbors}`);
  if (share === 0) return [...tasks];
  const localization = tasks.filter((t) => t.skill === 'localization');
  return tasks.map((t) => {
    if (t.skill !== 'localization' || !rng.chance(share)) return t;
    const donors = localization.filter((d) => d !== t);
    const neighbors = maxNeighbors > 0 ? drawNeighbors(donors, rng.int(0, maxNeighbors), rng, names, oneWordShare) : [];
    return unseenPackage(t as LocalizationTask, rng, 0.5, names, neighbors, oneWordShare);
  });
}
