// A procedural repository: modules of JSDoc'd functions grouped by category, an optional shared util module
// whose helpers are imported across files, and (added later, once executed) one test file per module.
import type { Level } from '../types.ts';
import type { Rng } from '../rng.ts';
import type { Family } from './family.ts';
import { HELPER_BY_NAME, helpersUsed } from './helpers.ts';
import { drawNames, drawStyle, renderFunction, type FnNames, type FnStyle } from './render.ts';

export interface WorldFunction {
  family: Family;
  names: FnNames;
  style: FnStyle;
  /** Module path. */
  file: string;
  isHelper: boolean;
  source: string;
}

export interface WorldModule {
  path: string;
  testPath: string;
  functions: WorldFunction[];
  /** Helper placeholder names this module imports from the util module. */
  imports: string[];
}

export interface WorldRepo {
  level: Level;
  /** Name of the family the task is about (its function sits somewhere in the first module). */
  target: string;
  modules: WorldModule[];
  util: WorldModule | null;
  /** Placeholder (#sum) → the helper's drawn name. */
  helperNames: Record<string, string>;
}

const MODULE_NAMES: Record<string, readonly string[]> = {
  string: ['strings', 'text', 'textUtils', 'words', 'str', 'chars', 'wording'],
  array: ['arrays', 'lists', 'collections', 'seq', 'listOps', 'items', 'series'],
  math: ['math', 'numbers', 'arith', 'numeric', 'calc', 'stats', 'figures'],
  parsing: ['parse', 'parsers', 'readers', 'scan', 'decode', 'tokens', 'input'],
  data: ['data', 'structures', 'records', 'store', 'maps', 'entries', 'tables'],
  validation: ['validate', 'checks', 'rules', 'guards', 'validators', 'verify', 'policy'],
  formatting: ['format', 'formatters', 'display', 'render', 'present', 'output', 'layout'],
};
const UTIL_NAMES = ['util', 'helpers', 'common', 'shared', 'core'];

/** Modules and functions per module by level (level 1: one module with one short function). */
function shape(level: Level, rng: Rng): number[] {
  switch (level) {
    case 1:
      return [1];
    case 2:
      return rng.chance(0.5) ? [2] : [1, 1];
    case 3:
      return Array.from({ length: rng.int(2, 3) }, () => rng.int(1, 2));
    case 4:
      return Array.from({ length: rng.int(3, 4) }, () => rng.int(2, 3));
    case 5:
      return Array.from({ length: 5 }, () => rng.int(2, 3));
  }
}

/** Level-1 functions must be short: bodies of at most this many lines. */
const LEVEL1_MAX_BODY_LINES = 8;

const isShort = (body: string, maxLines: number, maxChars: number) =>
  body.split('\n').length <= maxLines && body.length <= maxChars && helpersUsed(body).length === 0;

/** Whether a family has a body of at most `maxLines` lines and `maxChars` characters needing no helper (level 1). */
export function hasShortBody(family: Family, maxLines = LEVEL1_MAX_BODY_LINES, maxChars = Infinity): boolean {
  return family.bodies.some((b) => isShort(b, maxLines, maxChars));
}

export interface RepoRequest {
  level: Level;
  /** The family whose function will carry the bug (or be reviewed); placed first in the first module. */
  target: Family;
  /** Families to fill the rest of the repo from (the target is excluded automatically). */
  fillers: readonly Family[];
  /** Fallback pool when `fillers` runs out (never families of a held-out split when generating train). */
  extra: readonly Family[];
  /** Localization: at least this many modules (extra ones hold one function each), so picking a file is a choice. */
  minModules?: number;
  /** Every module from the target's category, so module names (drawn per category) do not point at the target. */
  sameCategory?: boolean;
  /** Level 1: bodies of at most this many lines where the family has one (default LEVEL1_MAX_BODY_LINES). */
  maxBodyLines?: number;
  /** Level 1: and of at most this many characters (placeholders unfilled). */
  maxBodyChars?: number;
}

export function moduleSource(mod: WorldModule, repo: WorldRepo): string {
  const parts: string[] = [];
  if (mod.imports.length > 0 && repo.util) {
    const from = `./${repo.util.path.split('/').pop()}`;
    parts.push(`import { ${mod.imports.map((h) => repo.helperNames[h]).join(', ')} } from '${from}';\n`);
  }
  parts.push(mod.functions.map((f) => f.source).join('\n\n'));
  return parts.join('\n') + '\n';
}

export function buildRepo(req: RepoRequest, rng: Rng): WorldRepo {
  const { level, target } = req;
  const counts = shape(level, rng);
  while (counts.length < (req.minModules ?? 0)) counts.push(1);
  const allowHelpers = level >= 3;
  const dir = level <= 2 ? 'src' : rng.pick(['src', 'lib']);
  const taken = new Set<string>();
  const usedFamilies = new Set<string>([target.name]);
  // Level 1 with a line limit: fillers too are short functions, so length does not single out the target.
  const fits = (f: Family) =>
    f.name !== target.name &&
    (level !== 1 || req.maxBodyLines === undefined || hasShortBody(f, req.maxBodyLines, req.maxBodyChars));
  const pool = rng.shuffle(req.fillers.filter(fits));
  const extra = rng.shuffle(req.extra.filter(fits));
  const nextFamily = (category: string | null): Family => {
    const from = (list: Family[]) => {
      const i = list.findIndex((f) => !usedFamilies.has(f.name) && (category === null || f.category === category));
      return i < 0 ? null : list[i];
    };
    const f = from(pool) ?? from(extra) ?? (category !== null ? nextFamily(null) : null);
    if (!f) throw new Error('procedural world: ran out of function families for a repository');
    usedFamilies.add(f.name);
    return f;
  };
  const usedModuleNames = new Set<string>();
  const modules: WorldModule[] = [];
  const pending: Array<{ mod: WorldModule; families: Family[] }> = [];
  counts.forEach((count, m) => {
    const category =
      m === 0 || req.sameCategory
        ? target.category
        : rng.pick(['string', 'array', 'math', 'parsing', 'data', 'validation', 'formatting']);
    const families = m === 0 ? [target] : [];
    while (families.length < count) families.push(nextFamily(families.length === 0 ? category : families[0].category));
    const options = MODULE_NAMES[families[0].category].filter((n) => !usedModuleNames.has(n));
    const base = options.length > 0 ? rng.pick(options) : `module${m}`;
    usedModuleNames.add(base);
    const mod: WorldModule = {
      path: `${dir}/${base}.js`,
      testPath: `test/${base}.test.js`,
      functions: [],
      imports: [],
    };
    modules.push(mod);
    pending.push({ mod, families: rng.shuffle(families) });
  });

  // Draw names and styles first, so helper names are known before any body is filled.
  const drafts = pending.flatMap(({ mod, families }) =>
    families.map((family) => {
      const names = drawNames(family, rng, taken);
      taken.add(names.fn);
      let style = drawStyle(family, rng, allowHelpers, level >= 3 && rng.chance(0.8));
      if (level === 1) {
        const short = family.bodies
          .map((b, i) => ({ b, i }))
          .filter(({ b }) => isShort(b, req.maxBodyLines ?? LEVEL1_MAX_BODY_LINES, req.maxBodyChars ?? Infinity));
        if (short.length > 0 && !short.some(({ i }) => i === style.body)) style = { ...style, body: rng.pick(short).i };
        style = { ...style, doc: 'summary' };
      }
      return { mod, family, names, style };
    }),
  );
  const helperNames: Record<string, string> = {};
  for (const d of drafts) {
    for (const h of helpersUsed(d.family.bodies[d.style.body])) {
      if (!helperNames[h]) {
        const free = HELPER_BY_NAME.get(h)!.names.filter((n) => !taken.has(n));
        helperNames[h] = free.length > 0 ? rng.pick(free) : `${h}Helper`;
        taken.add(helperNames[h]);
      }
      if (!d.mod.imports.includes(h)) d.mod.imports.push(h);
    }
  }
  const avoid = new Set(taken);
  for (const d of drafts) {
    const source = renderFunction(d.family, d.names, d.style, rng, helperNames, avoid);
    d.mod.functions.push({
      family: d.family,
      names: d.names,
      style: d.style,
      file: d.mod.path,
      isHelper: false,
      source,
    });
  }
  let util: WorldModule | null = null;
  const helperKeys = Object.keys(helperNames);
  if (helperKeys.length > 0) {
    // Same-category repos (localization) name the util module like the others, so its place in the sorted file list
    // (where "first file" baselines look) is as random as theirs; elsewhere it has a util-like name.
    const free = req.sameCategory ? MODULE_NAMES[target.category].filter((n) => !usedModuleNames.has(n)) : [];
    const base = free.length > 0 ? rng.pick(free) : rng.pick(UTIL_NAMES);
    util = { path: `${dir}/${base}.js`, testPath: `test/${base}.test.js`, functions: [], imports: [] };
    for (const h of helperKeys) {
      const family = HELPER_BY_NAME.get(h)!;
      const names: FnNames = {
        ...drawNames(family, rng, new Set(Object.values(helperNames).filter((n) => n !== helperNames[h]))),
        fn: helperNames[h],
      };
      const style = drawStyle(family, rng, false, false);
      util.functions.push({
        family,
        names,
        style,
        file: util.path,
        isHelper: true,
        source: renderFunction(family, names, style, rng, {}, avoid),
      });
    }
  }
  return { level, target: target.name, modules, util, helperNames };
}

export function allModules(repo: WorldRepo): WorldModule[] {
  return repo.util ? [...repo.modules, repo.util] : repo.modules.slice();
}

/** Module sources only (no tests). */
export function sourceFiles(repo: WorldRepo): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of allModules(repo)) out[m.path] = moduleSource(m, repo);
  return out;
}
