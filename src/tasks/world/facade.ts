// A facade module: the repo's public API, whose functions delegate to the modules that implement them under other
// names (as a package's index.js re-exports its internals). An issue reported against the public name has its fix
// in another file: localization takes two hops — the facade's wrapper, then the file of the function it calls —
// where an issue naming the implementation itself is a lookup of that function's file.
import type { Rng } from '../rng.ts';
import { jsDoc } from './render.ts';
import { allModules, type WorldFunction, type WorldRepo } from './repo.ts';

/** Names a facade module takes (a real package's entry points). */
export const FACADE_NAMES = ['index', 'api', 'public', 'main'];

/** Functions a facade wraps besides the one the issue is about, so the facade is an API and not a pointer. */
const OTHER_WRAPPERS = 2;

export interface Facade {
  path: string;
  source: string;
  /** The public name of the function the facade was built around. */
  alias: string;
}

/** A public name for `fn` from its family's own names (a synonym, as APIs rename), or null when all are taken. */
function aliasFor(fn: WorldFunction, taken: Set<string>, rng: Rng): string | null {
  const free = fn.family.names.filter((n) => !taken.has(n));
  if (free.length === 0) return null;
  const alias = rng.pick(free);
  taken.add(alias);
  return alias;
}

function wrapper(fn: WorldFunction, alias: string): string {
  const params = fn.names.params.join(', ');
  const doc = jsDoc(fn.family, { ...fn.names, fn: alias }, true);
  return `${doc}\nexport function ${alias}(${params}) {\n  return ${fn.names.fn}(${params});\n}`;
}

/**
 * A facade over `about` (a function of `repo`) and up to two functions of other modules, each under a synonym no
 * function of the repo has; null when `about` has no free synonym or the facade's names are all taken.
 */
export function buildFacade(repo: WorldRepo, about: WorldFunction, rng: Rng): Facade | null {
  const modules = allModules(repo);
  const dir = modules[0].path.slice(0, modules[0].path.lastIndexOf('/'));
  const paths = new Set(modules.map((m) => m.path));
  const name = rng.shuffle(FACADE_NAMES).find((n) => !paths.has(`${dir}/${n}.js`));
  if (name === undefined) return null;
  const taken = new Set([...modules.flatMap((m) => m.functions.map((f) => f.names.fn)), ...FACADE_NAMES]);
  const alias = aliasFor(about, taken, rng);
  if (alias === null) return null;
  const others = rng
    .shuffle(modules.filter((m) => m.path !== about.file).flatMap((m) => m.functions.filter((f) => !f.isHelper)))
    .slice(0, OTHER_WRAPPERS);
  const wrapped = [{ fn: about, alias }];
  for (const fn of others) {
    const a = aliasFor(fn, taken, rng);
    if (a !== null) wrapped.push({ fn, alias: a });
  }
  // A parameter named like a name the facade declares or imports would shadow it (drawn apart per function only).
  const declared = new Set(wrapped.flatMap(({ fn, alias: a }) => [fn.names.fn, a]));
  if (wrapped.some(({ fn }) => fn.names.params.some((p) => declared.has(p)))) return null;
  // Shuffled, so the wrapper the issue is about is not always first.
  const ordered = rng.shuffle(wrapped);
  const byFile = new Map<string, string[]>();
  for (const { fn } of ordered) byFile.set(fn.file, [...(byFile.get(fn.file) ?? []), fn.names.fn]);
  const imports = [...byFile].map(
    ([file, names]) => `import { ${names.join(', ')} } from './${file.split('/').pop()}';`,
  );
  const body = ordered.map(({ fn, alias: a }) => wrapper(fn, a)).join('\n\n');
  return { path: `${dir}/${name}.js`, source: `${imports.join('\n')}\n\n${body}\n`, alias };
}
