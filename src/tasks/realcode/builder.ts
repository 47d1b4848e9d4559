// The real-code pack builder: probe each real module, inject observable bugs with the project's mutation
// operators, and emit checked tasks (bug fixing plus the atomic skills) with package/version/file/license in meta.
import type { Sandbox } from '../../sandbox/types.ts';
import type { Level, TaskBase } from '../types.ts';
import { familySplit } from '../composite/splits.ts';
import { findRealBugs, probeModule } from './discover.ts';
import { boundedCases, emitBugFixing } from './emit-bug-fixing.ts';
import type { ProbedModule, RealBug, RealSource } from './types.ts';

export interface RealPackOptions {
  sources: readonly RealSource[];
  sandbox: Sandbox;
  seed?: number;
  /** Bugs kept per package (each yields one task per emitted skill). */
  bugsPerPackage?: number;
  /** Emitters for the atomic skills; each bug gets `atomicPerBug` of them (default: all), in an order that rotates. */
  emitters?: readonly RealEmitter[];
  atomicPerBug?: number;
}

export interface RealEmitterContext {
  id: string;
  level: Level;
  split: TaskBase['split'];
  sandbox: Sandbox;
  /** Other bugs of the same module (for negative controls and mutant variants). */
  siblings: readonly RealBug[];
  neighbours: readonly ProbedModule[];
  /** Running number of the bug in the pack (rotation, clean-vs-buggy review). */
  bugIndex: number;
}
export type RealEmitter = {
  skill: TaskBase['skill'];
  /** Tried first for the bugs it applies to (emitters that fit only some modules). */
  preferred?: (bug: RealBug) => boolean;
  emit(bug: RealBug, ctx: RealEmitterContext): Promise<TaskBase | null>;
};

export async function buildRealCodePack(opts: RealPackOptions): Promise<TaskBase[]> {
  const seed = opts.seed ?? 1;
  const want = opts.bugsPerPackage ?? 3;
  const splits = familySplit(opts.sources.map((s) => s.pkg.name));
  const probed: ProbedModule[] = [];
  for (const real of opts.sources) probed.push(await probeModule(real, opts.sandbox, seed));
  const tasks: TaskBase[] = [];
  let bugIndex = 0;
  for (const [mi, mod] of probed.entries()) {
    const bugs = await findRealBugs(mod, opts.sandbox, seed, want + 1);
    const split = splits[mod.real.pkg.name];
    for (let b = 0; b < Math.min(want, bugs.length); b++) {
      const bug = bugs[b];
      const level = ((bugIndex % 3) + 1) as Level;
      const neighbours = level === 3 && probed.length > 1 ? [probed[(mi + 1) % probed.length]] : [];
      // The "fix plus another bug" negative needs another bug the hidden tests (bounded cases) can see.
      const shown = new Set(boundedCases(mod, bug.killed));
      const other = bugs.find((x) => x !== bug && x.killed.some((i) => shown.has(mod.cases[i])));
      const base = `realcode-${mod.real.pkg.name}-${b + 1}`;
      tasks.push(
        await emitBugFixing(bug, other, neighbours, { id: `${base}-bug-fixing`, level, split, sandbox: opts.sandbox }),
      );
      const all = opts.emitters ?? [];
      // Least-used skills first (ties in a per-bug rotation), so every skill gets a fair share of the bugs.
      const used = (e: RealEmitter): number => tasks.filter((t) => t.skill === e.skill).length;
      const rotated = all.map((_, j) => all[(j + bugIndex) % all.length]).sort((a, b) => used(a) - used(b));
      const order = [...rotated.filter((e) => e.preferred?.(bug)), ...rotated.filter((e) => !e.preferred?.(bug))];
      let emitted = 0;
      for (const emitter of order) {
        if (emitted >= (opts.atomicPerBug ?? all.length)) break;
        // Localization and reproduction see every other module as a neighbour, so naming a file at random (or the
        // first one) is right about 1 time in (modules) — one neighbour made it a coin flip.
        const around =
          emitter.skill === 'localization' || emitter.skill === 'reproduction'
            ? probed.filter((_, j) => j !== mi)
            : neighbours;
        const task = await emitter.emit(bug, {
          id: `${base}-${emitter.skill}`,
          level,
          split,
          sandbox: opts.sandbox,
          siblings: bugs.filter((x) => x !== bug),
          neighbours: around,
          bugIndex,
        });
        if (task) {
          tasks.push(task);
          emitted++;
        }
      }
      bugIndex++;
    }
  }
  return tasks;
}
