// Modules from other tasks' repositories put beside a localization task's own. A real package sits among many and
// holds several functions a file: the real-code pack's repo lists 6 packages and 17 symbols, its answers' index lines
// 4–16 lines from the index's end, where the world's localization repos (levels 1–3) list 6–10 symbols with the answer
// at most 8 lines from the end. A policy trained only on the world's copies its path from a line near the index's
// end: reversing the real-code index turns `bytes` from 0/9 to 8/9 and `ms` from 6/9 to 0/9. Neighbours make the repo
// as long as real ones: import-free modules of other tasks, renamed first so no name repeats, added as new files or
// appended to one of the task's own source files. The bug, the answer, the issue and the tests stay. They reproduce
// the gap in the world; 30 GRPO updates on them did not close it (results/neighbor-packages/).
import { renameTaskIdentifiers, topLevelDeclarations, type RenameStyle } from './rename-identifiers.ts';
import type { Rng } from './rng.ts';
import { isTestPath } from './skills/answer.ts';
import type { TaskBase } from './types.ts';

/** A module taken from another repository: its base name (renamed) and its source. */
export interface NeighborModule {
  name: string;
  source: string;
}

const baseName = (path: string) => path.slice(path.lastIndexOf('/') + 1).replace(/\.[cm]?js$/, '');

const sourceFiles = (task: TaskBase) =>
  Object.keys(task.repo.files)
    .filter((p) => /\.[cm]?js$/.test(p) && !isTestPath(p))
    .sort();

/** `donor`'s import-free source modules under fresh names (`names`), so none repeats a name of the donor's own. */
export function neighborModules(donor: TaskBase, rng: Rng, names: RenameStyle, oneWordShare = 0): NeighborModule[] {
  const renamed = renameTaskIdentifiers(donor, rng, names, oneWordShare).task;
  return sourceFiles(renamed)
    .map((path) => ({ name: baseName(path), source: renamed.repo.files[path] }))
    .filter((m) => !/^\s*(import|export\s*\*|export\s*\{[^}]*\}\s*from)\b/m.test(m.source));
}

/**
 * `task` with `modules` beside its own: each, with chance `appendShare`, appended to one of the task's source files
 * (a file of several unrelated functions, as real ones are; appended after the text, so a mutation's offsets hold),
 * else a file of its own next to the task's first source file. A module whose declarations or file name would repeat
 * one already in the repo is left out: the index must name every function once.
 */
export function withNeighbors<T extends TaskBase>(
  task: T,
  modules: readonly NeighborModule[],
  rng: Rng,
  appendShare = 0.5,
): T {
  const files = { ...task.repo.files };
  const own = sourceFiles(task);
  if (own.length === 0 || modules.length === 0) return task;
  const dir = own[0].includes('/') ? own[0].slice(0, own[0].lastIndexOf('/') + 1) : '';
  const declared = new Set(own.flatMap((p) => topLevelDeclarations(files[p]).map((d) => d.name)));
  const baseNames = new Set(Object.keys(files).map(baseName));
  for (const m of modules) {
    const names = topLevelDeclarations(m.source).map((d) => d.name);
    if (names.length === 0 || names.some((n) => declared.has(n) || baseNames.has(n))) continue;
    if (rng.chance(appendShare)) {
      const into = rng.pick(own);
      files[into] = `${files[into].trimEnd()}\n\n${m.source.trim()}\n`;
    } else {
      if (baseNames.has(m.name) || declared.has(m.name)) continue;
      files[`${dir}${m.name}.js`] = m.source;
      baseNames.add(m.name);
    }
    for (const n of names) declared.add(n);
  }
  return { ...task, repo: { ...task.repo, files } };
}

/** Up to `count` neighbour modules drawn from `donors` (tasks other than the one they go beside), in random order. */
export function drawNeighbors(
  donors: readonly TaskBase[],
  count: number,
  rng: Rng,
  names: RenameStyle,
  oneWordShare = 0,
): NeighborModule[] {
  const out: NeighborModule[] = [];
  for (const donor of rng.shuffle([...donors])) {
    if (out.length >= count) break;
    out.push(...rng.shuffle(neighborModules(donor, rng, names, oneWordShare)).slice(0, count - out.length));
  }
  return out;
}
