// Which bank modules go into a composite repo at each level: level 1 is one file with one function,
// level 5 up to 12 files (6 modules with their tests) with cross-file imports and unrelated neighbours.
import type { FileMap } from '../../sandbox/types.ts';
import type { Rng } from '../rng.ts';
import type { Level } from '../types.ts';
import { BANK, withDependencies } from './bank.ts';
import { modulePath, renderModule, renderTestFile, testPath } from './bank-render.ts';
import type { BankModule } from './bank-types.ts';

/** Modules (with their tests) per level, target and its dependencies included. */
const MODULES_AT_LEVEL: Record<Level, number> = { 1: 1, 2: 1, 3: 3, 4: 4, 5: 6 };

/** Level 1 keeps only the one function; higher levels keep whole modules. */
export function trimForLevel(mod: BankModule, fn: string, level: Level): BankModule {
  if (level > 1) return mod;
  return { ...mod, functions: mod.functions.filter((f) => f.name === fn) };
}

/** The target (already trimmed), its dependencies, and seeded unrelated modules up to the level's size. */
export function chooseModules(target: BankModule, level: Level, rng: Rng, avoid: readonly string[] = []): BankModule[] {
  const deps = withDependencies(target).filter((m) => m.file !== target.file);
  const chosen = [...deps, target];
  const others = rng.shuffle(BANK.filter((m) => !chosen.some((c) => c.file === m.file) && !avoid.includes(m.file)));
  for (const m of others) {
    if (chosen.length >= MODULES_AT_LEVEL[level]) break;
    const extra = withDependencies(m).filter((d) => !chosen.some((c) => c.file === d.file));
    if (chosen.length + extra.length > MODULES_AT_LEVEL[level]) continue;
    chosen.push(...extra);
  }
  return chosen;
}

export function renderSources(mods: readonly BankModule[]): FileMap {
  return Object.fromEntries(mods.map((m) => [modulePath(m), renderModule(m)]));
}
export function renderVisibleTests(mods: readonly BankModule[]): FileMap {
  return Object.fromEntries(mods.map((m) => [testPath(m), renderTestFile(m, 'visible')]));
}
export function renderHiddenTests(mods: readonly BankModule[]): FileMap {
  return Object.fromEntries(mods.map((m) => [testPath(m, true), renderTestFile(m, 'hidden')]));
}

/**
 * Unrelated bank modules (with their dependencies) that fill a repo around a non-bank module up to the level's size.
 */
export function fillerModules(level: Level, rng: Rng): BankModule[] {
  const want = MODULES_AT_LEVEL[level] - 1;
  const chosen: BankModule[] = [];
  for (const m of rng.shuffle(BANK)) {
    if (chosen.length >= want) break;
    const extra = withDependencies(m).filter((d) => !chosen.includes(d));
    if (chosen.length + extra.length <= want) chosen.push(...extra);
  }
  return chosen;
}

/** Hidden tests of the modules that can observe a change to `changed`: itself and every module that imports it. */
export function hiddenTestsObserving(mods: readonly BankModule[], changed: BankModule): FileMap {
  return renderHiddenTests(
    mods.filter((m) => m.file === changed.file || withDependencies(m).some((d) => d.file === changed.file)),
  );
}
